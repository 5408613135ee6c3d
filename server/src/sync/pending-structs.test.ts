import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { dropStalePendingStructs } from './pending-structs.ts';
import { Room, type RoomPeer } from './room.ts';

/** An update of `clientID` whose parent is an item of client 1, which nobody has: it stays parked. */
function waitingUpdate(clientID: number): Uint8Array {
  const missing = new Y.Doc();
  missing.clientID = 1;
  missing.getArray('a').insert(0, [new Y.Map()]);
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(missing));
  (doc.getArray('a').get(0) as Y.Map<unknown>).set('x', clientID);
  return Y.diffUpdate(Y.encodeStateAsUpdate(doc), Y.encodeStateVector(missing));
}

/**
 * The writer's history; an unrelated parked update of a higher clientID; and a copy of the
 * writer's clock 0 whose parent now is an item nobody has — what a corrupted resend or a
 * second device reusing the clientID produces. (Minimised from a sync-fuzz failure: with a
 * higher client's parked struct merged first, mergeUpdates' tie on equal ids keeps the
 * parked copy.)
 */
function poisoned() {
  const writer = new Y.Doc();
  writer.clientID = 1_000_001;
  const updates: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => updates.push(u));
  writer.getMap('m').set('k', 'first');
  for (let i = 0; i < 5; i++) writer.getMap('m').set(`k${i}`, i);
  return { updates, parked: waitingUpdate(2_000_000), broken: waitingUpdate(1_000_001) };
}

function roundTrip(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('dropStalePendingStructs', () => {
  it('without it, one parked duplicate makes encodeStateAsUpdate lose the real structs (the Yjs trap)', () => {
    const { updates, parked, broken } = poisoned();
    const server = new Y.Doc();
    for (const u of updates) Y.applyUpdate(server, u);
    Y.applyUpdate(server, parked);
    Y.applyUpdate(server, broken);
    expect(server.store.pendingStructs).not.toBeNull();
    expect(roundTrip(server).getMap('m').toJSON()).not.toEqual(server.getMap('m').toJSON());
  });

  it('drops parked structs the document already holds, so the state encodes whole again', () => {
    const { updates, parked, broken } = poisoned();
    const server = new Y.Doc();
    for (const u of updates) Y.applyUpdate(server, u);
    Y.applyUpdate(server, parked);
    Y.applyUpdate(server, broken);
    expect(dropStalePendingStructs(server)).toBe(true);
    // The unrelated parked struct is still waiting for its dependency.
    expect(Y.parseUpdateMetaV2(server.store.pendingStructs!.update).to.has(2_000_000)).toBe(true);
    const copy = roundTrip(server);
    expect(copy.getMap('m').toJSON()).toEqual({ k: 'first', k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(server));
  });

  it('integrates what was parked behind a dropped duplicate (Yjs parks the rest of that client)', () => {
    const { updates, broken } = poisoned();
    const server = new Y.Doc();
    for (const u of updates.slice(0, -1)) Y.applyUpdate(server, u);
    // The broken copy of clock 0 and the writer's next real change arrive in one message.
    Y.applyUpdate(server, Y.mergeUpdates([broken, updates.at(-1)!]));
    expect(server.getMap('m').has('k4')).toBe(false);
    const emitted: unknown[] = [];
    server.on('update', (_u: Uint8Array, origin: unknown) => emitted.push(origin));
    expect(dropStalePendingStructs(server, 'retry')).toBe(true);
    expect(server.getMap('m').get('k4')).toBe(4);
    expect(server.store.pendingStructs).toBeNull();
    expect(emitted).toEqual(['retry']);
  });

  it('keeps parked structs that are genuinely waiting for a dependency', () => {
    const { updates } = poisoned();
    const server = new Y.Doc();
    Y.applyUpdate(server, updates[3]!); // waits for updates[0..2]
    expect(dropStalePendingStructs(server)).toBe(false);
    expect(server.store.pendingStructs).not.toBeNull();
    for (const u of updates.slice(0, 3)) Y.applyUpdate(server, u);
    expect(server.getMap('m').get('k1')).toBe(1);
  });

  it('a room keeps the real structs through compaction and reload after a broken update', () => {
    const { updates, parked, broken } = poisoned();
    const store = new MemoryUpdateStore();
    const options = { compactEvery: 1000, log: createLogger('silent'), onFailure: () => {} };
    const peer: RoomPeer = { send: () => {}, close: () => {}, awarenessClients: new Set() };
    const room = new Room('catalog', { kind: 'catalog' }, store, options);
    for (const u of [...updates, parked, broken]) room.applyClientUpdate(u, peer);
    room.compact();
    room.destroy();
    const reloaded = new Room('catalog', { kind: 'catalog' }, store, options);
    expect(reloaded.doc.getMap('m').toJSON()).toEqual({ k: 'first', k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
    reloaded.destroy();
  });

  it('a room whose document can no longer emit updates is failed and dropped, never acknowledged', async () => {
    const store = new MemoryUpdateStore();
    const failures: unknown[] = [];
    const options = {
      compactEvery: 1000,
      log: createLogger('silent'),
      onFailure: (_r: Room, e: unknown) => failures.push(e),
    };
    const peer: RoomPeer = { send: () => {}, close: () => {}, awarenessClients: new Set() };
    const room = new Room('catalog', { kind: 'catalog' }, store, options);
    const { updates } = poisoned();
    room.applyClientUpdate(updates[0]!, peer);
    // Stands in for an update that breaks Yjs's transaction cleanup before 'update' is emitted.
    room.doc.once('afterTransactionCleanup', () => {
      throw new Error('cleanup broke');
    });
    expect(() => room.applyClientUpdate(updates[1]!, peer)).toThrow('cleanup broke');
    expect(room.failed).toBe(true);
    expect(() => room.applyClientUpdate(updates[2]!, peer)).toThrow(/unavailable/);
    await Promise.resolve();
    expect(failures).toHaveLength(1);
    expect(store.load('catalog')).toHaveLength(1);
    room.destroy();
  });
});
