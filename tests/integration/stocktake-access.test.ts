// @vitest-environment node
import { sessionId } from '@stockroom/shared/stocktake/session';
import { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { CLOSE, MESSAGE_SYNC } from '@stockroom/shared/sync/protocol';
import { STOCKTAKES_ROOM, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageYjsSyncStep2, writeSyncStep1 } from 'y-protocols/sync';
import type { ApiClient } from './support/api-client.ts';
import { TEST_DEVICE, writer } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { type StocktakeSetup, setUpWarehouse } from './support/stocktake-setup.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';
import { NodeWebSocket } from './support/ws.ts';

/**
 * Sends SyncStep1 on the client's socket and waits for the server's SyncStep2 answer. The
 * server handles one socket's messages in order, so once the answer is here every update
 * sent before it has been handled (applied, or dropped).
 */
async function roundTrip(client: SyncClient): Promise<void> {
  const ws = client.provider.ws;
  if (!ws) throw new Error('not connected');
  const answered = new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      if (
        decoding.readVarUint(decoder) === MESSAGE_SYNC &&
        decoding.readVarUint(decoder) === messageYjsSyncStep2
      ) {
        ws.removeEventListener('message', onMessage);
        resolve();
      }
    };
    ws.addEventListener('message', onMessage);
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  writeSyncStep1(encoder, client.doc);
  ws.send(encoding.toUint8Array(encoder));
  await answered;
}

/** A count entry written straight into the room's map, past the domain's checks, as a stale client could. */
function rawEntry(st: StocktakeRoom, id: string, user: string, device = TEST_DEVICE) {
  st.entries.append({
    id,
    session: sessionId(user, device),
    location: 'A-1',
    sku: 'BOLT',
    quantity: 1,
    round: 1,
    at: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    source: 'scan',
  });
}

describe('stocktake rooms: who may read and write (real server, y-websocket clients)', () => {
  let server: ServerProcess;
  let w: StocktakeSetup;
  let id: string;
  const clients: SyncClient[] = [];
  const open = async (room: string, client: ApiClient) => {
    const c = await connect(server.wsUrl, room, client.token!);
    clients.push(c);
    return c;
  };
  const upgradeStatus = (room: string, client: ApiClient) =>
    new Promise<number>((resolve) => {
      const ws = new NodeWebSocket(`${server.wsUrl}/${room}?token=${client.token}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => {});
    });
  const counted = async (location: string, sku: string) => {
    const view = (await w.manager.get(`/api/stocktakes/${id}`)).body;
    return view.lines.find((l: { location: string; sku: string }) => l.location === location && l.sku === sku)
      ?.counted;
  };

  beforeAll(async () => {
    server = await ServerProcess.start();
    w = await setUpWarehouse(server);
    const created = await w.manager.post('/api/stocktakes', {
      name: 'Sync count',
      locations: ['A-1'],
      counters: ['alice', 'bob'],
    });
    id = created.body.id;
    expect((await w.manager.post(`/api/stocktakes/${id}/start`)).status).toBe(200);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('decides before the upgrade: an unassigned counter gets 403, everyone else gets in', async () => {
    const room = stocktakeRoom(id);
    expect(await upgradeStatus(room, w.carol)).toBe(403);
    // A stocktake nobody defined does not exist for her (only a manager's device may bring one).
    expect(await upgradeStatus(stocktakeRoom('never-defined'), w.carol)).toBe(404);
    expect(await upgradeStatus(room, w.alice)).toBe(101);
    expect(await upgradeStatus(room, w.viewer)).toBe(101);
    expect(await upgradeStatus(room, w.manager)).toBe(101);
    expect(server.logs()).toMatch(/sync connection refused[^\n]*403/);
  });

  it('lists stocktakes in the index room: everybody reads it, only managers write it', async () => {
    const manager = await open(STOCKTAKES_ROOM, w.manager);
    const index = new StocktakeIndex(manager.doc);
    expect(index.get(id)).toMatchObject({ id, name: 'Sync count', createdBy: 'maria' });

    const alice = await open(STOCKTAKES_ROOM, w.alice);
    const forged = {
      id: 'forged',
      name: 'Not mine',
      createdAt: new Date().toISOString(),
      createdBy: 'alice',
    };
    new StocktakeIndex(alice.doc).add(forged);
    await roundTrip(alice);
    expect(alice.pending()).toBeGreaterThan(0); // never acknowledged: dropped
    const fresh = await open(STOCKTAKES_ROOM, w.admin);
    expect(new StocktakeIndex(fresh.doc).get('forged')).toBeUndefined();
    expect(index.get('forged')).toBeUndefined();

    // A manager's device may add a stocktake it defined offline.
    index.add({ ...forged, id: 'from-desk', createdBy: 'maria' });
    await manager.waitSaved();
    expect((await open(STOCKTAKES_ROOM, w.viewer)).doc.getMap(StocktakeIndex.MAP).has('from-desk')).toBe(
      true,
    );
  });

  it('an assigned counter writes; once posted, her open connection is read-only and her writes are dropped', async () => {
    // Devices never take expected snapshots (null): the server does, into expected-<id>.
    const alice = await open(stocktakeRoom(id), w.alice);
    const aliceRoom = new StocktakeRoom(alice.doc, id, null);
    const observer = await open(stocktakeRoom(id), w.manager);
    const managerRoom = new StocktakeRoom(observer.doc, id, null);
    const actor = writer('alice');
    for (let i = 0; i < 3; i++)
      expect(aliceRoom.count({ location: 'A-1', sku: 'BOLT' }, { actor }).ok).toBe(true);
    expect(aliceRoom.done('A-1', { actor }).ok).toBe(true);
    await alice.waitSaved();
    await waitFor(() => managerRoom.entries.size === 3, 'the manager to see the scans');
    expect(await counted('A-1', 'BOLT')).toBe(3);

    // The viewer's connection is read-only from the start.
    const viewer = await open(stocktakeRoom(id), w.viewer);
    rawEntry(new StocktakeRoom(viewer.doc, id, null), 'from-viewer', 'vic');
    await roundTrip(viewer);
    expect(viewer.pending()).toBeGreaterThan(0);

    const approved = await w.manager.post(`/api/stocktakes/${id}/approve`);
    expect(approved.status).toBe(200);
    // The server's snapshot of A-1 is its stock on hand (100 BOLT, 40 NUT): NUT, expected
    // but not counted at a location she marked done, is adjusted to 0 as well.
    expect(approved.body).toMatchObject({ posted: 2, alreadyPosted: false });
    await waitFor(() => aliceRoom.status() === 'posted', 'the posted status to reach alice');

    // The domain refuses on her device; a stale or hostile client writes anyway.
    expect(aliceRoom.count({ location: 'A-1', sku: 'BOLT' }, { actor }).ok).toBe(false);
    rawEntry(aliceRoom, 'after-posting', 'alice');
    await roundTrip(alice);
    expect(alice.pending()).toBeGreaterThan(0);
    expect(alice.closeCodes).toEqual([]); // still connected, reading

    const fresh = new StocktakeRoom((await open(stocktakeRoom(id), w.admin)).doc, id, null);
    expect(fresh.entries.has('after-posting')).toBe(false);
    expect(fresh.entries.has('from-viewer')).toBe(false);
    expect(fresh.entries.size).toBe(3);
    expect(managerRoom.entries.has('after-posting')).toBe(false);
    expect(await counted('A-1', 'BOLT')).toBe(3);
    const adjustments = (await w.admin.get('/api/movements?type=adjust')).body.filter(
      (m: { reference?: string }) => m.reference === `stocktake:${id}`,
    );
    expect(adjustments.map((m: { sku: string; quantity: number }) => [m.sku, m.quantity]).sort()).toEqual([
      ['BOLT', -97],
      ['NUT', -40],
    ]);

    // Reconnecting after posting: allowed, read-only.
    expect(await upgradeStatus(stocktakeRoom(id), w.alice)).toBe(101);
    const again = await open(stocktakeRoom(id), w.alice);
    rawEntry(new StocktakeRoom(again.doc, id, null), 'after-reconnect', 'alice');
    await roundTrip(again);
    expect(again.pending()).toBeGreaterThan(0);
  });

  it('a counter unassigned while connected is disconnected (4403) and refused by the API', async () => {
    const created = await w.manager.post('/api/stocktakes', {
      name: 'Second',
      locations: ['A-2'],
      counters: ['bob'],
    });
    const second = created.body.id as string;
    await w.manager.post(`/api/stocktakes/${second}/start`);
    const bob = await open(stocktakeRoom(second), w.bob);
    const bobRoom = new StocktakeRoom(bob.doc, second, null);
    expect(bobRoom.count({ location: 'A-2', sku: 'NUT' }, { actor: writer('bob') }).ok).toBe(true);
    await bob.waitSaved();

    const desk = await open(stocktakeRoom(second), w.manager);
    const deskRoom = new StocktakeRoom(desk.doc, second, null);
    await waitFor(() => deskRoom.counters().includes('bob'), 'the desk to hold the assignment');
    expect(deskRoom.unassign('bob', { actor: writer('maria') }).ok).toBe(true);
    await waitFor(() => bob.closeCodes.includes(CLOSE.forbidden), 'bob to be disconnected with 4403');
    const refused = await w.bob.post(`/api/stocktakes/${second}/counts`, {
      location: 'A-2',
      sku: 'NUT',
      device: 'b',
    });
    expect(refused.status).toBe(403);
    expect(await upgradeStatus(stocktakeRoom(second), w.bob)).toBe(403);
  });
});
