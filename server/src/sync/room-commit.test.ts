import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { CommitQueue } from '../storage/commit-queue.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { Room, type RoomPeer, ServerWrite } from './room.ts';

function peer(): RoomPeer & { got: Uint8Array[] } {
  const got: Uint8Array[] = [];
  return { got, send: (m) => got.push(m), close: () => {}, awarenessClients: new Set() };
}

function clientUpdate(key: string): Uint8Array {
  const d = new Y.Doc();
  d.getMap('m').set(key, key);
  return Y.encodeStateAsUpdate(d);
}

function setup() {
  const store = new MemoryUpdateStore();
  const commits = new CommitQueue(store);
  const room = new Room('catalog', { kind: 'catalog' }, store, {
    compactEvery: 1000,
    log: createLogger('silent'),
    onFailure: () => {},
    commits,
  });
  const writer = peer();
  const reader = peer();
  room.addPeer(writer);
  room.addPeer(reader);
  return { store, commits, room, writer, reader };
}

describe('Room with group commit', () => {
  it('client updates are broadcast and acknowledged only after their shared commit', async () => {
    const { store, room, writer, reader } = setup();
    const acks: number[] = [];
    room.applyClientUpdate(clientUpdate('a'), writer);
    room.afterCommit(() => acks.push(store.load('catalog').length));
    room.applyClientUpdate(clientUpdate('b'), writer);
    room.afterCommit(() => acks.push(store.load('catalog').length));
    expect(reader.got).toHaveLength(0);
    expect(acks).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(store.load('catalog')).toHaveLength(2);
    expect(reader.got).toHaveLength(2);
    expect(writer.got).toHaveLength(0); // never echoed to its sender
    expect(acks).toEqual([2, 2]);
    // Nothing waiting: at once.
    room.afterCommit(() => acks.push(-1));
    expect(acks).toEqual([2, 2, -1]);
    room.destroy();
  });

  it("the server's own writes are stored (with what was queued before them) when transact returns", () => {
    const { store, room, writer, reader } = setup();
    room.applyClientUpdate(clientUpdate('queued'), writer);
    room.transact(() => room.doc.getMap('m').set('server', 1), new ServerWrite('test'));
    expect(store.load('catalog')).toHaveLength(2);
    expect(reader.got).toHaveLength(2);
    room.destroy();
  });

  it('unload writes what is still queued', () => {
    const { store, room, writer } = setup();
    room.applyClientUpdate(clientUpdate('x'), writer);
    room.unload(1001, 'test');
    const doc = new Y.Doc();
    for (const r of store.load('catalog')) Y.applyUpdate(doc, r);
    expect(doc.getMap('m').get('x')).toBe('x');
  });
});
