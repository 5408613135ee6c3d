// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SavedState } from './saved-state.ts';

const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('SavedState', () => {
  it('counts every local change until the server acknowledges it', () => {
    const doc = new Y.Doc();
    const saved = new SavedState();
    expect(saved.pending(sv(doc), [doc.clientID])).toBe(0);
    const map = doc.getMap('movements');
    map.set('m1', { q: 1 });
    map.set('m2', { q: 2 });
    map.set('m3', { q: 3 });
    expect(saved.pending(sv(doc), [doc.clientID])).toBe(3);
    const afterTwo = new Map([[doc.clientID, 2]]);
    saved.acknowledge(afterTwo);
    expect(saved.pending(sv(doc), [doc.clientID])).toBe(1);
    expect(saved.clockOf(doc.clientID)).toBe(2);
    saved.acknowledge(sv(doc));
    expect(saved.pending(sv(doc), [doc.clientID])).toBe(0);
  });

  it('never goes backwards on a late, older acknowledgement', () => {
    const saved = new SavedState();
    saved.acknowledge(new Map([[7, 10]]));
    saved.acknowledge(new Map([[7, 4]]));
    expect(saved.clockOf(7)).toBe(10);
    expect(saved.pending(new Map([[7, 12]]), [7])).toBe(2);
  });

  it("does not count other devices' changes, only this device's client ids", () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    theirs.getMap('m').set('x', 1);
    theirs.getMap('m').set('y', 2);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    mine.getMap('m').set('z', 3);
    const saved = new SavedState();
    expect(saved.pending(sv(mine), [mine.clientID])).toBe(1);
  });

  it('adds up changes from earlier sessions (a new client id each) that are still unsaved', () => {
    const saved = new SavedState();
    const local = new Map([
      [100, 5],
      [200, 3],
    ]);
    saved.acknowledge(new Map([[100, 5]]));
    expect(saved.pending(local, [100, 200])).toBe(3);
    saved.acknowledge(new Map([[200, 1]]));
    expect(saved.pending(local, [100, 200])).toBe(2);
  });

  it('treats a client with nothing acknowledged as fully pending and one with nothing written as zero', () => {
    const saved = new SavedState();
    expect(saved.clockOf(5)).toBe(0);
    expect(saved.pending(new Map([[5, 4]]), [5, 6])).toBe(4);
    // an acknowledgement ahead of what this replica holds never makes a negative count
    saved.acknowledge(new Map([[6, 9]]));
    expect(saved.pending(new Map([[5, 4]]), [5, 6])).toBe(4);
  });
});
