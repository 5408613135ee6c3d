// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { periodOf } from '@stockroom/shared/ledger/period';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { CATALOG_ROOM, ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, login, loginAdmin } from './support/api-client.ts';
import { queryDatabase } from './support/inspect-db.ts';
import { REPO_ROOT, ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

interface Entry {
  id: number;
  user: string | null;
  device: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

/** Runs one writing statement on the (stopped) server's database; returns the error message, or null. */
function tryWrite(dataDir: string, sql: string): string | null {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { fileMustExist: true });
    try { db.prepare(process.argv[2]).run(); process.stdout.write('ok'); }
    catch (e) { process.stdout.write('error: ' + e.message); }
    finally { db.close(); }
  `;
  const out = execFileSync(process.execPath, ['-e', script, join(dataDir, 'stockroom.db'), sql], {
    cwd: join(REPO_ROOT, 'server'),
    encoding: 'utf8',
  });
  return out === 'ok' ? null : out;
}

describe('changes made through sync are audited, attributed to the connection', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let clerk: ApiClient;
  let manager: ApiClient;
  const clients: SyncClient[] = [];
  const period = periodOf(new Date());

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    for (const [username, role] of [
      ['carl', 'clerk'],
      ['maria', 'manager'],
    ] as const) {
      const res = await admin.post('/api/users', { username, password: `pw-${username}-123456`, role });
      expect(res.status).toBe(201);
    }
    clerk = await login(server, 'carl', 'pw-carl-123456', 'carl-handheld');
    manager = await login(server, 'maria', 'pw-maria-123456', 'maria-laptop');
    expect((await admin.post('/api/locations', { code: 'WH', kind: 'site' })).status).toBe(201);
    expect((await admin.post('/api/locations', { code: 'DOCK', kind: 'site' })).status).toBe(201);
    expect((await admin.post('/api/items', { sku: 'BOLT-8', name: 'Bolt' })).status).toBe(201);
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.cleanup();
  });

  it('lists a clerk’s movements and a manager’s item edit per item, per location and per user', async () => {
    const ledgerClient = await connect(server.wsUrl, ledgerRoom(period), clerk.token!);
    const catalogClient = await connect(server.wsUrl, CATALOG_ROOM, manager.token!);
    clients.push(ledgerClient, catalogClient);

    const ledger = new LedgerPeriod(ledgerClient.doc, period);
    const at = new Date().toISOString();
    ledger.movements.append({
      type: 'receive',
      id: 'sync-receive-1',
      sku: 'BOLT-8',
      location: 'WH',
      quantity: 12,
      lot: 'LOT-9',
      reference: 'PO-77',
      user: 'carl',
      device: 'carl-handheld',
      at,
    });
    ledger.movements.append({
      type: 'transfer',
      id: 'sync-transfer-1',
      sku: 'BOLT-8',
      location: 'WH',
      toLocation: 'DOCK',
      quantity: 2,
      user: 'carl',
      device: 'carl-handheld',
      at,
    });
    await ledgerClient.waitSaved();

    const catalog = new Catalog(catalogClient.doc);
    await waitFor(() => catalog.items.get('BOLT-8'), 'the item in the manager’s catalog');
    expect(catalog.patchItem('BOLT-8', { name: 'Hex bolt M8', reorderPoint: 20 }).ok).toBe(true);
    await catalogClient.waitSaved();

    const trail = await waitFor(async () => {
      const res = await admin.get('/api/audit?subject=item:BOLT-8');
      expect(res.status).toBe(200);
      const entries = res.body as Entry[];
      return entries.length >= 4 ? entries : null;
    }, 'the sync changes in the item’s audit trail');

    const receive = trail.find((e) => e.action === 'movement.receive');
    expect(receive).toMatchObject({ user: 'carl', device: 'carl-handheld', subject: 'item:BOLT-8' });
    expect(receive?.details).toMatchObject({
      id: 'sync-receive-1',
      quantity: 12,
      lot: 'LOT-9',
      reference: 'PO-77',
      location: 'WH',
      via: 'sync',
    });
    expect(receive?.details).not.toHaveProperty('userMismatch');

    const transfer = trail.find((e) => e.action === 'movement.transfer');
    expect(transfer).toMatchObject({ user: 'carl', device: 'carl-handheld' });
    expect(transfer?.details).toMatchObject({ id: 'sync-transfer-1', toLocation: 'DOCK', via: 'sync' });
    expect(transfer?.details).not.toHaveProperty('userMismatch');

    const edit = trail.find((e) => e.action === 'item.update');
    expect(edit).toMatchObject({ user: 'maria', device: 'maria-laptop' });
    expect(edit?.details).toMatchObject({ values: { name: 'Hex bolt M8', reorderPoint: 20 }, via: 'sync' });

    // The item's creation through the API is audited once, by the API, not again by the room audit.
    expect(trail.filter((e) => e.action === 'item.create')).toEqual([
      expect.objectContaining({ user: 'admin' }),
    ]);

    const atDock = (await admin.get('/api/audit?subject=location:DOCK')).body as Entry[];
    expect(atDock.map((e) => [e.action, e.user])).toEqual([
      ['movement.transfer', 'carl'],
      ['location.create', 'admin'],
    ]);
    const atWarehouse = (await admin.get('/api/audit?subject=location:WH')).body as Entry[];
    expect(atWarehouse.map((e) => e.action)).toEqual(
      expect.arrayContaining(['movement.receive', 'movement.transfer']),
    );
    const byClerk = (await admin.get('/api/audit?user=carl')).body as Entry[];
    expect(
      byClerk
        .map((e) => e.action)
        .filter((a) => a.startsWith('movement.'))
        .sort(),
    ).toEqual(['movement.receive', 'movement.transfer']);
    const byManager = (await manager.get('/api/audit?user=maria&subject=item:BOLT-8')).body as Entry[];
    expect(byManager.map((e) => e.action)).toEqual(['item.update']);
  });

  it('a movement in somebody else’s name is refused (4403), never stored, and the refusal is audited to the connection', async () => {
    const forger = await connect(server.wsUrl, ledgerRoom(period), clerk.token!);
    clients.push(forger);
    new LedgerPeriod(forger.doc, period).movements.append({
      type: 'transfer',
      id: 'sync-forged-1',
      sku: 'BOLT-8',
      location: 'WH',
      toLocation: 'DOCK',
      quantity: 2,
      user: 'maria',
      device: 'maria-laptop',
      at: new Date().toISOString(),
    });
    await waitFor(() => forger.closeCodes.includes(CLOSE.forbidden), 'the connection to be closed with 4403');

    const refusals = await waitFor(async () => {
      const res = await admin.get(`/api/audit?subject=room:${ledgerRoom(period)}`);
      const entries = (res.body as Entry[]).filter((e) => e.action === 'sync.refused');
      return entries.length ? entries : null;
    }, 'the refusal in the room’s audit trail');
    expect(refusals).toEqual([
      expect.objectContaining({
        user: 'carl',
        device: 'carl-handheld',
        details: expect.objectContaining({
          code: CLOSE.forbidden,
          reason: 'movements/sync-forged-1: written in the name of another user',
        }),
      }),
    ]);
    const fresh = await connect(server.wsUrl, ledgerRoom(period), admin.token!);
    clients.push(fresh);
    expect(new LedgerPeriod(fresh.doc, period).movements.get('sync-forged-1')).toBeUndefined();
    const atDock = (await admin.get('/api/audit?subject=location:DOCK')).body as Entry[];
    expect(atDock.filter((e) => e.action === 'movement.transfer')).toHaveLength(1);
  });

  it('refuses to update or delete audit rows, even directly in SQLite', async () => {
    await server.stop();
    const before = queryDatabase<{ n: number }>(server.dataDir, 'SELECT count(*) AS n FROM audit')[0]!.n;
    expect(before).toBeGreaterThan(0);
    expect(
      tryWrite(server.dataDir, "UPDATE audit SET username = 'mallory' WHERE action LIKE 'movement.%'"),
    ).toMatch(/append-only/);
    expect(tryWrite(server.dataDir, "DELETE FROM audit WHERE username = 'carl'")).toMatch(/append-only/);
    expect(tryWrite(server.dataDir, "DELETE FROM audit_related WHERE subject = 'location:DOCK'")).toMatch(
      /append-only/,
    );
    expect(tryWrite(server.dataDir, "UPDATE audit_related SET subject = 'location:X'")).toMatch(
      /append-only/,
    );
    expect(queryDatabase<{ n: number }>(server.dataDir, 'SELECT count(*) AS n FROM audit')[0]!.n).toBe(
      before,
    );
    expect(
      queryDatabase(server.dataDir, "SELECT username FROM audit WHERE action = 'movement.transfer'"),
    ).toEqual([{ username: 'carl' }]);
  });
});
