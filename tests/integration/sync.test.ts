// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { periodOf } from '@stockroom/shared/ledger/period';
import { CLOSE, MESSAGE_SAVED } from '@stockroom/shared/sync/protocol';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { countKeys, countOf, counts, putCount, TEST_DEVICE, writer } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, SyncClient } from './support/sync-client.ts';
import { sleep, waitFor } from './support/wait.ts';
import { NodeWebSocket } from './support/ws.ts';

/** Every client here is the admin's, on the device the support logs in with. */
const actor = writer('admin');

describe('sync with stock y-websocket clients', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const clients: SyncClient[] = [];
  const open = async (room: string, token: string, options?: Parameters<typeof connect>[3]) => {
    const c = await connect(server.wsUrl, room, token, options);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('two clients edit one room and converge', async () => {
    const a = await open('stocktake-sync1', admin.token!, { ack: false });
    const b = await open('stocktake-sync1', admin.token!, { ack: false });
    putCount(a.doc, actor, 'from-a', 1);
    putCount(b.doc, actor, 'from-b', 2);
    await waitFor(() => countKeys(a.doc).length === 2 && countKeys(b.doc).length === 2, 'both edits on both');
    expect(counts(a.doc)).toEqual({ 'from-a': 1, 'from-b': 2 });
    expect(counts(b.doc)).toEqual({ 'from-a': 1, 'from-b': 2 });
  });

  it('a late joiner gets the stored state in its first sync', async () => {
    const a = await open('stocktake-sync2', admin.token!);
    putCount(a.doc, actor, 'k', 7);
    await a.waitSaved();
    a.destroy();
    const late = await open('stocktake-sync2', admin.token!, { ack: false });
    expect(countOf(late.doc, 'k')).toBe(7);
  });

  it('never sends the saved ack to a client that did not ask for it', async () => {
    const plain = new SyncClient(server.wsUrl, 'stocktake-sync3', admin.token!, { ack: false });
    clients.push(plain);
    let saved = 0;
    plain.provider.messageHandlers[MESSAGE_SAVED] = () => {
      saved++;
    };
    await plain.waitSynced();
    putCount(plain.doc, actor, 'k', 1);
    const observer = await open('stocktake-sync3', admin.token!);
    await waitFor(() => countOf(observer.doc, 'k') === 1, 'the change to arrive');
    expect(saved).toBe(0);
  });

  it('acknowledges only what is stored, and on reconnect what was stored before', async () => {
    const a = await open('stocktake-sync4', admin.token!);
    expect(a.pending()).toBe(0);
    for (let i = 0; i < 20; i++) putCount(a.doc, actor, `k${i}`, i + 1);
    expect(a.pending()).toBeGreaterThan(0);
    await a.waitSaved();
    // Same document, new connection: the server's answer to SyncStep1 says what it holds.
    const again = new SyncClient(server.wsUrl, 'stocktake-sync4', admin.token!, { doc: a.doc });
    clients.push(again);
    a.provider.disconnect();
    await again.waitSaved();
    expect(again.acks).toBeGreaterThan(0);
    expect(again.pending()).toBe(0);
  });

  it('API writes reach open clients live', async () => {
    const a = await open('catalog', admin.token!);
    const catalog = new Catalog(a.doc);
    const res = await admin.post('/api/items', { sku: 'LIVE-1', name: 'Seen live' });
    expect(res.status).toBe(201);
    await waitFor(() => catalog.items.get('LIVE-1'), 'the API item in the client');
    expect(catalog.items.get('LIVE-1')?.name).toBe('Seen live');
  });

  it('API movements land in the current ledger room, live, and fold the same on the client', async () => {
    await admin.post('/api/locations', { code: 'LIVE-SITE', kind: 'site' });
    await admin.post('/api/items', { sku: 'LIVE-2', name: 'Ledger probe' });
    const room = ledgerRoom(periodOf(new Date()));
    const client = await open(room, admin.token!);
    const ledger = new LedgerPeriod(client.doc, periodOf(new Date()));
    const res = await admin.post('/api/movements', {
      type: 'receive',
      sku: 'LIVE-2',
      location: 'LIVE-SITE',
      quantity: 7,
    });
    expect(res.status).toBe(201);
    await waitFor(() => ledger.movements.get(res.body.id), 'the movement in the client');
    expect(ledger.stock().quantity('LIVE-2', 'LIVE-SITE')).toBe(7);
    // A movement recorded on the device (the browser's way) counts in the API's stock too.
    const local = { ...res.body, id: 'device-made-1', quantity: 3, user: 'admin', device: TEST_DEVICE };
    ledger.movements.append(local);
    await client.waitSaved();
    const stock = await admin.get('/api/stock?sku=LIVE-2');
    expect(stock.body).toEqual([{ sku: 'LIVE-2', location: 'LIVE-SITE', quantity: 10 }]);
  });

  it('client catalog edits are visible through the API', async () => {
    const a = await open('catalog', admin.token!);
    const catalog = new Catalog(a.doc);
    expect(catalog.createItem({ sku: 'FROM-CLIENT', name: 'Typed offline' }, actor).ok).toBe(true);
    await a.waitSaved();
    const res = await admin.get('/api/items/FROM-CLIENT');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Typed offline');
  });

  it('relays presence (awareness) and removes it when a client leaves', async () => {
    const a = await open('stocktake-presence', admin.token!);
    const b = await open('stocktake-presence', admin.token!);
    a.provider.awareness.setLocalStateField('user', { name: 'ann', zone: 'Z1' });
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'ann',
      'presence of a at b',
    );
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'presence of a to go');
  });

  it('read-only connections receive but their updates are dropped', async () => {
    const viewer = await userWithRole(server, admin, 'vera', 'viewer');
    const editor = await open('catalog', admin.token!);
    const reader = await open('catalog', viewer.token!);
    new Catalog(editor.doc).createItem({ sku: 'RO-1', name: 'Visible to the viewer' }, actor);
    await waitFor(() => new Catalog(reader.doc).items.get('RO-1'), 'the item at the viewer');

    // The viewer's device believes it may write: the domain lets it create an item locally.
    expect(
      new Catalog(reader.doc).createItem({ sku: 'SNEAKY', name: 'should not land' }, writer('vera')).ok,
    ).toBe(true);
    new Catalog(editor.doc).createItem({ sku: 'RO-2', name: 'After the viewer wrote' }, actor);
    await waitFor(() => new Catalog(reader.doc).items.get('RO-2'), 'a later change to reach the viewer');
    await sleep(200);
    expect(new Catalog(editor.doc).items.get('SNEAKY')).toBeUndefined();
    expect((await admin.get('/api/items/SNEAKY')).status).toBe(404);
    expect(reader.pending()).toBeGreaterThan(0); // never acknowledged
  });

  it('refuses the upgrade with 404 / 401 / 403 before any socket exists', async () => {
    const counter = await userWithRole(server, admin, 'carl', 'counter');
    const status = (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new NodeWebSocket(`ws://127.0.0.1:${server.port}${path}`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => {});
      });
    expect(await status(`/sync/not-a-room?token=${admin.token}`)).toBe(404);
    expect(await status(`/sync/ledger-2025-13?token=${admin.token}`)).toBe(404);
    // A period no movement may be dated in: nobody may bring its room into being.
    expect(await status(`/sync/ledger-2020-01?token=${admin.token}`)).toBe(404);
    expect(await status('/sync/catalog')).toBe(401);
    expect(await status('/sync/catalog?token=forged')).toBe(401);
    // A counter may read the catalog, but only the stocktakes assigned to them (stocktake-access tests)...
    expect(await status(`/sync/catalog?token=${counter.token}`)).toBe(101);
    expect((await admin.post('/api/locations', { code: 'X1-SITE', kind: 'site' })).status).toBe(201);
    const unassigned = await admin.post('/api/stocktakes', { name: 'Not carl’s', locations: ['X1-SITE'] });
    expect(unassigned.status).toBe(201);
    expect(await status(`/sync/stocktake-${unassigned.body.id}?token=${counter.token}`)).toBe(403);
    // A stocktake nobody defined does not exist (only a manager's device may bring one).
    expect(await status(`/sync/stocktake-x1?token=${counter.token}`)).toBe(404);
    // ...and logging out closes open sockets with a permanent code.
    const c = await open('catalog', counter.token!);
    expect((await counter.post('/api/auth/logout')).status).toBe(200);
    await waitFor(() => c.closeCodes.includes(CLOSE.unauthorized), 'the socket to close with 4401');
    expect(await status(`/sync/catalog?token=${counter.token}`)).toBe(401);
  });
});

describe('durability', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('data survives a clean restart', async () => {
    const a = await connect(server.wsUrl, 'catalog', admin.token!);
    clients.push(a);
    new Catalog(a.doc).createItem({ sku: 'KEEP-1', name: 'Survives restart' }, actor);
    await a.waitSaved();
    expect((await server.restart('SIGTERM')).code).toBe(0);
    const fresh = await connect(server.wsUrl, 'catalog', admin.token!);
    clients.push(fresh);
    expect(new Catalog(fresh.doc).items.get('KEEP-1')?.name).toBe('Survives restart');
  });

  it('everything acknowledged as saved survives kill -9', async () => {
    const a = await connect(server.wsUrl, 'stocktake-kill', admin.token!);
    clients.push(a);
    for (let i = 0; i < 200; i++) putCount(a.doc, actor, `scan-${i}`, i + 1);
    await a.waitSaved();
    a.destroy();
    const exit = await server.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    await server.start();
    const fresh = await connect(server.wsUrl, 'stocktake-kill', admin.token!);
    clients.push(fresh);
    expect(countKeys(fresh.doc)).toHaveLength(200);
    expect(countOf(fresh.doc, 'scan-199')).toBe(200);
  });

  it('a client that kept writing during a kill -9 resyncs and converges', async () => {
    const a = await connect(server.wsUrl, 'stocktake-resync', admin.token!);
    clients.push(a);
    for (let i = 0; i < 50; i++) putCount(a.doc, actor, `before-${i}`, i + 1);
    await a.waitSaved();
    await server.kill('SIGKILL');
    for (let i = 0; i < 50; i++) putCount(a.doc, actor, `offline-${i}`, i + 1);
    await server.start();
    await a.waitSaved(20_000);
    const b = await connect(server.wsUrl, 'stocktake-resync', admin.token!);
    clients.push(b);
    expect(countKeys(b.doc)).toHaveLength(100);
    expect(counts(b.doc)).toEqual(counts(a.doc));
  });
});

describe('idle rooms', () => {
  let server: ServerProcess;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await ServerProcess.start({ env: { ROOM_IDLE_MS: '40', LOG_LEVEL: 'debug' } });
    admin = await loginAdmin(server);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('unload once idle and reload without loss, even when reconnects race the unload', async () => {
    for (let i = 0; i < 15; i++) {
      const c = await connect(server.wsUrl, 'stocktake-idle', admin.token!);
      putCount(c.doc, writer('admin'), `k${i}`, i + 1);
      await c.waitSaved();
      c.destroy();
      await sleep((i * 7) % 60); // sometimes before, sometimes after the 40 ms idle delay
    }
    await waitFor(() => server.logs().includes('"msg":"room unloaded"'), 'an idle unload');
    const fresh = await connect(server.wsUrl, 'stocktake-idle', admin.token!);
    try {
      expect(countKeys(fresh.doc)).toHaveLength(15);
    } finally {
      fresh.destroy();
    }
  });
});
