// @vitest-environment node
import { SavedState } from '@stockroom/shared/sync/saved-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../session/key-value-store.ts';
import {
  loadSavedClocks,
  loadWriters,
  rememberedRooms,
  saveSavedClocks,
  saveWriters,
} from './device-writers.ts';
import { entrySaved, pendingChanges, writersToKeep } from './pending.ts';

function writeEntries(doc: Y.Doc, n: number): void {
  const map = doc.getMap('movements');
  for (let i = 0; i < n; i++) map.set(`${doc.clientID}-${i}`, { i });
}

describe('pending changes', () => {
  it('counts this device’s changes until the server acknowledges them, across sessions', () => {
    // Two sessions on one device (two clientIDs) and another device whose data arrives by sync.
    const session1 = new Y.Doc();
    writeEntries(session1, 3);
    const session2 = new Y.Doc();
    Y.applyUpdate(session2, Y.encodeStateAsUpdate(session1));
    writeEntries(session2, 2);
    const other = new Y.Doc();
    writeEntries(other, 5);
    Y.applyUpdate(session2, Y.encodeStateAsUpdate(other));

    const writers = [session1.clientID, session2.clientID];
    const clock = (c: number) => Y.getState(session2.store, c);
    const saved = new SavedState();
    expect(pendingChanges(saved, clock, writers)).toBe(5);

    saved.acknowledge(new Map([[session1.clientID, 3]]));
    expect(pendingChanges(saved, clock, writers)).toBe(2);
    expect(writersToKeep(writers, session2.clientID, saved, clock)).toEqual([session2.clientID]);

    saved.acknowledge(new Map([[session2.clientID, 1]]));
    expect(pendingChanges(saved, clock, writers)).toBe(1);
    saved.acknowledge(
      new Map([
        [session2.clientID, 2],
        [other.clientID, 5],
      ]),
    );
    expect(pendingChanges(saved, clock, writers)).toBe(0);
  });

  it('marks each entry as on the server once an acknowledgement covers its clock', () => {
    const doc = new Y.Doc();
    writeEntries(doc, 2);
    const map = doc.getMap('movements');
    const writerOf = (key: string) => {
      const id = map._map.get(key)!.id;
      return { client: id.client, clock: id.clock };
    };
    const own = new Set([doc.clientID]);
    const saved = new SavedState();
    const first = `${doc.clientID}-0`;
    const second = `${doc.clientID}-1`;
    expect(entrySaved(writerOf(first), own, saved)).toBe('device');
    saved.acknowledge(new Map([[doc.clientID, 1]]));
    expect(entrySaved(writerOf(first), own, saved)).toBe('server');
    expect(entrySaved(writerOf(second), own, saved)).toBe('device');
    expect(entrySaved(writerOf(second), new Set(), saved)).toBe('server');
  });
});

describe('device writers storage', () => {
  it('remembers writers and acknowledged clocks per room, and forgets a room with none left', () => {
    const store = memoryStore();
    saveWriters(store, 'ledger-2025-01', [7, 9, 7]);
    saveSavedClocks(store, 'ledger-2025-01', new Map([[7, 12]]));
    expect(loadWriters(store, 'ledger-2025-01')).toEqual([7, 9]);
    expect(loadSavedClocks(store, 'ledger-2025-01')).toEqual(new Map([[7, 12]]));
    expect(rememberedRooms(store)).toEqual(['ledger-2025-01']);
    saveWriters(store, 'ledger-2025-01', []);
    expect(rememberedRooms(store)).toEqual([]);
    expect(loadSavedClocks(store, 'ledger-2025-01').size).toBe(0);
  });

  it('reads damaged entries as empty', () => {
    const store = memoryStore();
    store.setItem('stockroom/clients/catalog', '[1,"x"]');
    store.setItem('stockroom/saved/catalog', 'nope');
    expect(loadWriters(store, 'catalog')).toEqual([]);
    expect(loadSavedClocks(store, 'catalog').size).toBe(0);
  });
});
