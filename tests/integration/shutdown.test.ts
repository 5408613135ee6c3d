// @vitest-environment node
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { loginAdmin } from './support/api-client.ts';
import { countKeys, putCount, writer } from './support/entries.ts';
import { queryDatabase } from './support/inspect-db.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

describe('clean shutdown', () => {
  const servers: ServerProcess[] = [];
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.cleanup();
  });

  it('SIGTERM closes sockets with 1001, merges every room, exits 0, and nothing is lost', async () => {
    const server = await ServerProcess.start();
    servers.push(server);
    const admin = await loginAdmin(server);
    const a = await connect(server.wsUrl, 'stocktake-shutdown', admin.token!);
    const cat = await connect(server.wsUrl, 'catalog', admin.token!);
    clients.push(a, cat);
    const me = writer('admin');
    for (let i = 0; i < 120; i++) putCount(a.doc, me, `s${i}`, i + 1);
    new Catalog(cat.doc).createItem({ sku: 'SHUT-1', name: 'Written before SIGTERM' }, me);
    await a.waitSaved();
    await cat.waitSaved();
    expect((await admin.post('/api/items', { sku: 'SHUT-2', name: 'API before SIGTERM' })).status).toBe(201);

    const exit = await server.kill('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    await waitFor(() => a.closeCodes.includes(CLOSE.goingAway), 'clients to see 1001');
    expect(server.logs()).toContain('"msg":"stopped"');

    // Flushed: each room is one merged row, and the WAL was checkpointed into the database.
    const rows = queryDatabase<{ room: string; n: number }>(
      server.dataDir,
      'SELECT room, COUNT(*) AS n FROM room_updates GROUP BY room ORDER BY room',
    );
    expect(rows).toEqual([
      { room: 'catalog', n: 1 },
      { room: 'stocktake-shutdown', n: 1 },
    ]);
    const wal = join(server.dataDir, 'stockroom.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);

    await server.start();
    const fresh = await connect(server.wsUrl, 'stocktake-shutdown', admin.token!);
    const freshCat = await connect(server.wsUrl, 'catalog', admin.token!);
    clients.push(fresh, freshCat);
    expect(countKeys(fresh.doc)).toHaveLength(120);
    const catalog = new Catalog(freshCat.doc);
    expect(catalog.items.get('SHUT-1')?.name).toBe('Written before SIGTERM');
    expect(catalog.items.get('SHUT-2')?.name).toBe('API before SIGTERM');
  });

  it('SIGINT also exits 0', async () => {
    const server = await ServerProcess.start();
    servers.push(server);
    expect(await server.kill('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('first start without ADMIN_PASSWORD writes a random one to a 0600 file and never logs it', async () => {
    const server = await ServerProcess.start({ env: { ADMIN_PASSWORD: '' } });
    servers.push(server);
    const file = join(server.dataDir, 'initial-admin-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { readFileSync } = await import('node:fs');
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(server.logs()).toContain(file);
    expect(server.logs()).not.toContain(password);
    const ok = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(ok.status).toBe(200);
  });
});
