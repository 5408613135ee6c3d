// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { Room, type RoomPeer, ServerWrite } from './room.ts';
import { RoomRegistry } from './room-registry.ts';

const log = createLogger('silent');
const WRITE = new ServerWrite('test');

function peer(onSend: (m: Uint8Array) => void = () => {}): RoomPeer & { closed: number[] } {
  const closed: number[] = [];
  return { awarenessClients: new Set(), send: onSend, close: (code) => closed.push(code), closed };
}

function roomOn(store: MemoryUpdateStore, compactEvery = 500): Room {
  return new Room('catalog', { kind: 'catalog' }, store, { compactEvery, log, onFailure: () => {} });
}

describe('Room', () => {
  it('stores an update before any peer hears of it', () => {
    const store = new MemoryUpdateStore();
    const room = roomOn(store);
    const rowsWhenSent: number[] = [];
    room.addPeer(peer(() => rowsWhenSent.push(store.load('catalog').length)));
    room.transact(() => room.doc.getMap('m').set('a', 1), WRITE);
    room.transact(() => room.doc.getMap('m').set('b', 2), WRITE);
    expect(rowsWhenSent).toEqual([1, 2]);
    room.destroy();
  });

  it('does not echo a client’s update back to that client', () => {
    const store = new MemoryUpdateStore();
    const room = roomOn(store);
    const sentToA: Uint8Array[] = [];
    const sentToB: Uint8Array[] = [];
    const a = peer((m) => sentToA.push(m));
    room.addPeer(a);
    room.addPeer(peer((m) => sentToB.push(m)));
    const client = new Y.Doc();
    client.getMap('m').set('x', 1);
    room.applyClientUpdate(Y.encodeStateAsUpdate(client), a);
    expect(sentToA).toHaveLength(0);
    expect(sentToB).toHaveLength(1);
    room.destroy();
  });

  it('loads what was stored', () => {
    const store = new MemoryUpdateStore();
    const first = roomOn(store);
    first.transact(() => first.doc.getMap('m').set('a', 'kept'), WRITE);
    first.destroy();
    const second = roomOn(store);
    expect(second.doc.getMap('m').get('a')).toBe('kept');
    second.destroy();
  });

  it('compacts every N rows without losing anything', async () => {
    const store = new MemoryUpdateStore();
    const room = roomOn(store, 10);
    for (let i = 0; i < 25; i++) room.transact(() => room.doc.getMap('m').set(`k${i}`, i), WRITE);
    await new Promise((r) => setImmediate(r));
    expect(store.load('catalog').length).toBeLessThan(10);
    room.destroy();
    const reloaded = roomOn(store);
    expect(reloaded.doc.getMap('m').size).toBe(25);
    reloaded.destroy();
  });

  it('keeps updates still waiting for a missing dependency through compaction and reload', () => {
    const store = new MemoryUpdateStore();
    const room = roomOn(store);
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    client.getMap('m').set('first', 1);
    client.getMap('m').set('second', 2);
    // Deliver the second update only: it depends on the first, so Yjs holds it as pending.
    room.applyClientUpdate(updates[1]!, peer());
    expect(room.doc.getMap('m').size).toBe(0);
    room.unload(1001, 'test');
    const reloaded = roomOn(store);
    Y.applyUpdate(reloaded.doc, updates[0]!);
    expect(reloaded.doc.getMap('m').toJSON()).toEqual({ first: 1, second: 2 });
    reloaded.destroy();
  });

  it('when storing fails: nothing is broadcast, the write throws, the room reports failure', async () => {
    const store = new MemoryUpdateStore();
    let failures = 0;
    const room = new Room('catalog', { kind: 'catalog' }, store, {
      compactEvery: 500,
      log,
      onFailure: () => failures++,
    });
    const sent: Uint8Array[] = [];
    room.addPeer(peer((m) => sent.push(m)));
    store.append = () => {
      throw new Error('disk full');
    };
    expect(() => room.transact(() => room.doc.getMap('m').set('a', 1), WRITE)).toThrow(/unavailable/);
    expect(sent).toHaveLength(0);
    await Promise.resolve();
    expect(failures).toBe(1);
    room.destroy();
  });
});

describe('RoomRegistry', () => {
  const registries: RoomRegistry[] = [];
  afterEach(() => {
    for (const r of registries.splice(0)) r.closeAll(1001, 'test over');
  });
  function registry(store: MemoryUpdateStore, idleMs: number): RoomRegistry {
    const r = new RoomRegistry({ store, log, idleMs });
    registries.push(r);
    return r;
  }

  it('loads a room once for concurrent leases', async () => {
    const rooms = registry(new MemoryUpdateStore(), 60_000);
    const a = rooms.lease('catalog');
    const b = rooms.lease('catalog');
    expect(await a.room).toBe(await b.room);
    a.release();
    b.release();
  });

  it('refuses names that are not rooms', async () => {
    const rooms = registry(new MemoryUpdateStore(), 60_000);
    await expect(rooms.lease('../etc').room).rejects.toThrow(/not a room/);
  });

  it('unloads an idle room after flushing, and a later lease gets the stored state', async () => {
    const store = new MemoryUpdateStore();
    const rooms = registry(store, 20);
    const first = await rooms.with('catalog', (room) => {
      room.transact(() => room.doc.getMap('m').set('a', 1), WRITE);
      room.transact(() => room.doc.getMap('m').set('b', 2), WRITE);
      return room;
    });
    for (let i = 0; i < 100 && rooms.loaded('catalog'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(rooms.loaded('catalog')).toBeUndefined();
    expect(store.load('catalog')).toHaveLength(1);
    const second = await rooms.with('catalog', (room) => room);
    expect(second).not.toBe(first);
    expect(second.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('a lease taken while the room waits to unload keeps it loaded', async () => {
    const rooms = registry(new MemoryUpdateStore(), 30);
    const first = await rooms.with('catalog', (room) => room);
    const lease = rooms.lease('catalog');
    await new Promise((r) => setTimeout(r, 80));
    expect(await lease.room).toBe(first);
    expect(rooms.loaded('catalog')).toBe(first);
    lease.release();
  });
});
