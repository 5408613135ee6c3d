// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StocktakeIndex } from './stocktake-index.ts';

const entry = (id: string, minutes: number) => ({
  id,
  name: `Count ${id}`,
  createdAt: new Date(Date.UTC(2026, 2, 10, 8, minutes)).toISOString(),
  createdBy: 'maria',
});

describe('StocktakeIndex', () => {
  it('lists entries newest first and keeps the first value of an id', () => {
    const index = new StocktakeIndex(new Y.Doc());
    expect(index.add(entry('a', 1))).toBe(true);
    expect(index.add(entry('b', 5))).toBe(true);
    expect(index.add({ ...entry('a', 9), name: 'renamed' })).toBe(false);
    expect(index.list().map((e) => e.id)).toEqual(['b', 'a']);
    expect(index.get('a')?.name).toBe('Count a');
  });

  it('refuses to write an invalid entry', () => {
    const index = new StocktakeIndex(new Y.Doc());
    expect(() => index.add({ ...entry('bad id', 1) })).toThrow();
    expect(index.list()).toEqual([]);
  });

  it('skips and reports invalid entries another writer put in the map', () => {
    const doc = new Y.Doc();
    const index = new StocktakeIndex(doc);
    doc.getMap(StocktakeIndex.MAP).set('x', { id: 'x', name: '' });
    doc.getMap(StocktakeIndex.MAP).set('y', { ...entry('z', 1) });
    index.add(entry('ok', 2));
    expect(index.list().map((e) => e.id)).toEqual(['ok']);
    expect(
      index
        .invalidEntries()
        .map((e) => e.key)
        .sort(),
    ).toEqual(['x', 'y']);
  });

  it('merges entries written on two replicas', () => {
    const a = new StocktakeIndex(new Y.Doc());
    const b = new StocktakeIndex(new Y.Doc());
    a.add(entry('a', 1));
    b.add(entry('b', 2));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    expect(a.list()).toEqual(b.list());
    expect(a.list()).toHaveLength(2);
  });
});
