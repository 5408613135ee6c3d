// @vitest-environment node
import { periodOf } from '@stockroom/shared/ledger/period';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { CATALOG_ROOM, ledgerRoom, practiceRoom, TRAINING_ROOM } from '@stockroom/shared/sync/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { queryDatabase } from './support/inspect-db.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';
import { NodeWebSocket } from './support/ws.ts';

const period = periodOf(new Date());
const REAL_LEDGER = ledgerRoom(period);
const PRACTICE_LEDGER = practiceRoom(REAL_LEDGER);
/** The device every API login of these tests names (support/api-client.ts). */
const DEVICE = 'integration-test';

/** Practice mode through the real server and SQLite: separate rooms, unforgeable records, the gate. */
describe('practice mode and training records', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let manager: ApiClient;
  let tina: ApiClient; // the trainee (clerk)
  let carl: ApiClient; // an untrained clerk

  const ok = async (p: Promise<{ status: number; body: unknown }>, status = 200) => {
    const r = await p;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below.
    return r.body as any;
  };
  const realOnHand = async (sku: string) =>
    ((await tina.get(`/api/stock?sku=${sku}`)).body as { quantity: number }[]).reduce(
      (s, l) => s + l.quantity,
      0,
    );
  const rowsOf = (room: string) =>
    queryDatabase<{ n: number }>(
      server.dataDir,
      `SELECT count(*) AS n FROM room_updates WHERE room = '${room}'`,
    )[0]?.n ?? 0;
  /** Every movement stored in a room, decoded from its SQLite rows. */
  const storedMovements = (room: string) => {
    const rows = queryDatabase<{ data: { type: string; data: number[] } }>(
      server.dataDir,
      `SELECT data FROM room_updates WHERE room = '${room}' ORDER BY id`,
    );
    const doc = new Y.Doc();
    for (const r of rows) Y.applyUpdate(doc, Uint8Array.from(r.data.data));
    return [...doc.getMap<{ id: string; sku: string; user: string }>('movements').values()];
  };

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    manager = await userWithRole(server, admin, 'mona', 'manager');
    tina = await userWithRole(server, admin, 'tina', 'clerk');
    carl = await userWithRole(server, admin, 'carl', 'clerk');
    // The real warehouse has its own BOLT with real stock, so a leak would show.
    await ok(admin.post('/api/locations', { code: 'REAL', kind: 'site' }), 201);
    await ok(admin.post('/api/locations', { code: 'A-01-02', kind: 'bin', parent: 'REAL' }), 201);
    await ok(admin.post('/api/items', { sku: 'BOLT', name: 'Real bolt' }), 201);
    await ok(
      tina.post('/api/movements', { type: 'receive', sku: 'BOLT', location: 'A-01-02', quantity: 5 }),
      201,
    );
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('records a practice movement (query or header) in the practice rooms only; real stock and rows stay', async () => {
    await ok(tina.post('/api/training/practice', {}));
    const valuation = await ok(manager.get('/api/reports/valuation'));
    const replenishment = await ok(manager.get('/api/replenishment'));
    const consumption = await ok(manager.get('/api/reports/consumption?sku=GLOVE'));
    const realRows = rowsOf(REAL_LEDGER);
    const realCatalogRows = rowsOf(CATALOG_ROOM);
    const viaQuery = await ok(
      tina.post('/api/movements?workspace=practice', {
        type: 'receive',
        sku: 'BOLT',
        location: 'A-01-01',
        quantity: 7,
      }),
      201,
    );
    const viaHeader = await ok(
      tina.request(
        'POST',
        '/api/movements',
        { type: 'issue', sku: 'GLOVE', location: 'A-02-01', quantity: 2 },
        { 'x-stockroom-workspace': 'practice' },
      ),
      201,
    );
    // GLOVE exists only in the practice catalog: the real one refuses it.
    expect(
      (await tina.post('/api/movements', { type: 'issue', sku: 'GLOVE', location: 'A-02-01', quantity: 1 }))
        .status,
    ).toBe(404);
    expect(await realOnHand('BOLT')).toBe(5);
    expect(rowsOf(REAL_LEDGER)).toBe(realRows);
    expect(rowsOf(CATALOG_ROOM)).toBe(realCatalogRows);
    const real = storedMovements(REAL_LEDGER).map((m) => m.id);
    expect(real).not.toContain(viaQuery.id);
    expect(real).not.toContain(viaHeader.id);
    expect(storedMovements(PRACTICE_LEDGER).map((m) => m.id)).toEqual(
      expect.arrayContaining([viaQuery.id, viaHeader.id]),
    );
    // Reports and replenishment read real rooms only: the same answers, and no practice stats.
    await new Promise((r) => setTimeout(r, 500)); // past the stats recomputation's debounce
    expect(await ok(manager.get('/api/reports/valuation'))).toEqual(valuation);
    expect(await ok(manager.get('/api/replenishment'))).toEqual(replenishment);
    expect(await ok(manager.get('/api/reports/consumption?sku=GLOVE'))).toEqual(consumption);
    expect(
      queryDatabase(server.dataDir, "SELECT DISTINCT room FROM room_updates WHERE room LIKE 'practice-%'")
        .map((r) => r.room)
        .sort(),
    ).toEqual([practiceRoom(CATALOG_ROOM), PRACTICE_LEDGER].sort());
    const bad = await tina.post('/api/movements?workspace=sandbox', {
      type: 'receive',
      sku: 'BOLT',
      location: 'A-01-01',
      quantity: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('workspace');
  });

  it('a practice room synced from a device keeps the write rules, and never reaches the real room', async () => {
    const client = await connect(server.wsUrl, PRACTICE_LEDGER, tina.token ?? '');
    const realRows = rowsOf(REAL_LEDGER);
    const movement = {
      id: 'device-practice-1',
      type: 'receive',
      sku: 'NUT',
      location: 'A-01-01',
      quantity: 3,
      user: 'tina',
      device: DEVICE,
      at: new Date().toISOString(),
    };
    client.doc.getMap('movements').set(movement.id, movement);
    await client.waitSaved();
    client.destroy();
    expect(storedMovements(PRACTICE_LEDGER).map((m) => m.id)).toContain(movement.id);
    expect(storedMovements(REAL_LEDGER).map((m) => m.id)).not.toContain(movement.id);
    expect(rowsOf(REAL_LEDGER)).toBe(realRows);

    // The same rule as the real ledger: nobody writes in another user's name.
    const forger = new SyncClient(server.wsUrl, PRACTICE_LEDGER, carl.token ?? '');
    await forger.waitSynced();
    forger.doc.getMap('movements').set('forged-1', { ...movement, id: 'forged-1' });
    await waitFor(
      () => forger.closeCodes.includes(CLOSE.forbidden),
      'the forged practice movement to be refused',
    );
    forger.destroy();
    expect(storedMovements(PRACTICE_LEDGER).map((m) => m.id)).not.toContain('forged-1');
  });

  it('records a completion only when the server’s check of the practice ledger passes', async () => {
    const exercise = 'receive-bolts';
    expect((await tina.post(`/api/training/exercises/${exercise}/check`, {})).status).toBe(409);
    await ok(tina.post(`/api/training/exercises/${exercise}/start`, {}));
    await ok(
      tina.post('/api/movements?workspace=practice', {
        type: 'receive',
        sku: 'BOLT',
        location: 'A-01-03',
        quantity: 10,
      }),
      201,
    );
    const wrong = await ok(tina.post(`/api/training/exercises/${exercise}/check`, {}));
    expect(wrong.passed).toBe(false);
    expect(wrong.record).toBeNull();
    expect(
      wrong.findings.filter((f: { ok: boolean }) => !f.ok).map((f: { message: string }) => f.message),
    ).toEqual(['Wrong bin: you used A-01-03, the exercise asks for A-01-02.']);
    await ok(tina.post(`/api/training/exercises/${exercise}/start`, {}));
    await ok(
      tina.post('/api/movements?workspace=practice', {
        type: 'receive',
        sku: 'BOLT',
        location: 'A-01-02',
        quantity: 10,
      }),
      201,
    );
    const right = await ok(tina.post(`/api/training/exercises/${exercise}/check`, {}));
    expect(right.passed).toBe(true);
    expect(right.record).toMatchObject({ user: 'tina', exercise, skill: 'receive' });

    const records = await ok(manager.get('/api/training/records'));
    expect(records).toEqual([expect.objectContaining({ user: 'tina', exercise, skill: 'receive' })]);
    expect((await tina.get('/api/training/records')).status).toBe(403);
    expect(await realOnHand('BOLT')).toBe(5);
  });

  it('nobody can forge a record: the training room is closed to clerks and read-only to everyone else', async () => {
    expect(await upgradeStatus(server, TRAINING_ROOM, carl.token ?? '')).toBe(403);
    // Even an admin's connection is read-only there (nobody has a write permission for it):
    // the forged record is dropped, never stored, never acknowledged.
    const forger = new SyncClient(server.wsUrl, TRAINING_ROOM, admin.token ?? '');
    await forger.waitSynced();
    forger.doc.getMap('records').set('carl\u241freceive-bolts', {
      user: 'carl',
      exercise: 'receive-bolts',
      skill: 'receive',
      completedAt: new Date().toISOString(),
      device: DEVICE,
    });
    forger.destroy();
    const reader = await connect(server.wsUrl, TRAINING_ROOM, admin.token ?? '');
    expect([...reader.doc.getMap('records').keys()]).toEqual(['tina\u241freceive-bolts']);
    reader.destroy();
    // The gate agrees: carl is still untrained (see the next test).
    const records = await ok(manager.get('/api/training/records'));
    expect(records.map((r: { user: string }) => r.user)).toEqual(['tina']);
  });

  it('a required exercise gates real receipts (API and sync), never practice ones; off by default', async () => {
    expect((await ok(manager.get('/api/training/requirements'))).clerk).toEqual([]);
    const bad = await manager.post('/api/training/requirements', { clerk: ['dance'] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('clerk.0');
    expect((await tina.post('/api/training/requirements', { clerk: ['receive'] })).status).toBe(403);
    // Counters cannot do the exercises (they record movements): requiring one would lock them out.
    const lockout = await manager.post('/api/training/requirements', { counter: ['count'] });
    expect(lockout.status).toBe(400);
    expect(lockout.body.fields[0].path).toBe('counter');
    await ok(manager.post('/api/training/requirements', { clerk: ['receive'] }));

    const refused = await carl.post('/api/movements', {
      type: 'receive',
      sku: 'BOLT',
      location: 'A-01-02',
      quantity: 1,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/receive exercise/);
    await ok(
      carl.post('/api/movements?workspace=practice', {
        type: 'receive',
        sku: 'BOLT',
        location: 'A-01-01',
        quantity: 1,
      }),
      201,
    );
    await ok(
      tina.post('/api/movements', { type: 'receive', sku: 'BOLT', location: 'A-01-02', quantity: 1 }),
      201,
    );
    // Issues are not gated.
    await ok(
      carl.post('/api/movements', { type: 'issue', sku: 'BOLT', location: 'A-01-02', quantity: 1 }),
      201,
    );

    const device = new SyncClient(server.wsUrl, REAL_LEDGER, carl.token ?? '');
    await device.waitSynced();
    device.doc.getMap('movements').set('carl-real-receipt', {
      id: 'carl-real-receipt',
      type: 'receive',
      sku: 'BOLT',
      location: 'A-01-02',
      quantity: 1,
      user: 'carl',
      device: DEVICE,
      at: new Date().toISOString(),
    });
    await waitFor(() => device.closeCodes.includes(CLOSE.forbidden), 'the untrained receipt to be refused');
    device.destroy();
    expect(storedMovements(REAL_LEDGER).map((m) => m.id)).not.toContain('carl-real-receipt');
    expect(await realOnHand('BOLT')).toBe(5);

    // The gate lives in memory, loaded from the training room: it survives a restart.
    await server.restart();
    const again = await carl.post('/api/movements', {
      type: 'receive',
      sku: 'BOLT',
      location: 'A-01-02',
      quantity: 1,
    });
    expect(again.status).toBe(403);
    await ok(manager.post('/api/training/requirements', {}));
    await ok(
      carl.post('/api/movements', { type: 'receive', sku: 'BOLT', location: 'A-01-02', quantity: 1 }),
      201,
    );
  });

  it('a manager resets the practice workspace: practice movements go, demo stock returns, real rooms untouched', async () => {
    const realRows = rowsOf(REAL_LEDGER);
    expect((await tina.post('/api/training/practice/reset', {})).status).toBe(403);
    const reset = await ok(manager.post('/api/training/practice/reset', {}));
    expect(reset.rooms).toEqual(expect.arrayContaining([PRACTICE_LEDGER, practiceRoom(CATALOG_ROOM)]));
    expect(reset.rooms.every((r: string) => r.startsWith('practice-'))).toBe(true);
    expect(storedMovements(PRACTICE_LEDGER)).toEqual([]);
    expect(rowsOf(REAL_LEDGER)).toBe(realRows);
    // Demo stock is back: issuing all 24 pairs of gloves works, 25 would not.
    expect(
      (
        await tina.post('/api/movements?workspace=practice', {
          type: 'issue',
          sku: 'GLOVE',
          location: 'A-02-01',
          quantity: 25,
        })
      ).status,
    ).toBe(409);
    await ok(
      tina.post('/api/movements?workspace=practice', {
        type: 'issue',
        sku: 'GLOVE',
        location: 'A-02-01',
        quantity: 24,
      }),
      201,
    );
    // Training records stay.
    expect((await ok(manager.get('/api/training/records'))).length).toBe(1);
  });
});

function upgradeStatus(server: ServerProcess, room: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(`${server.wsUrl}/${room}?token=${encodeURIComponent(token)}`);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}
