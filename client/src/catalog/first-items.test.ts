import type { Item } from '@stockroom/shared/catalog/item';
import { describe, expect, it } from 'vitest';
import { firstItems, smallestKeys } from './first-items.ts';
import { sortItems } from './item-list.ts';

/** Only the fields the list reads; the rest of an Item does not matter here. */
const item = (sku: string): Item =>
  ({ sku, name: sku, category: '', barcodes: [], packs: [], active: true }) as Partial<Item> as Item;

/** A catalog stand-in that records which keys were read (validated). */
function source(skus: string[], invalid: ReadonlySet<string> = new Set()) {
  const read = new Set<string>();
  return {
    read,
    keys: () => skus,
    get(key: string) {
      read.add(key);
      return invalid.has(key) ? undefined : item(key);
    },
  };
}

const shuffled = (n: number) => {
  const skus = Array.from({ length: n }, (_, i) => `P-${i}`);
  for (let i = skus.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [skus[i], skus[j]] = [skus[j]!, skus[i]!];
  }
  return skus;
};

describe('first items of a catalog not validated yet', () => {
  it('picks the smallest keys in the same natural order as the full sort', () => {
    const skus = shuffled(500);
    const all = sortItems(skus.map(item)).map((i) => i.sku);
    expect(smallestKeys(skus, 25)).toEqual(all.slice(0, 25));
    expect(smallestKeys(skus, 0)).toEqual([]);
    expect(smallestKeys(['b', 'a'], 5)).toEqual(['a', 'b']);
  });

  it('returns the first n items of the sorted list and reads only a few records', () => {
    const skus = shuffled(2000);
    const s = source(skus);
    expect(firstItems(s, 30).map((i) => i.sku)).toEqual(
      sortItems(skus.map(item))
        .slice(0, 30)
        .map((i) => i.sku),
    );
    expect(s.read.size).toBeLessThanOrEqual(30);
  });

  it('never returns an invalid record, and reaches past many of them', () => {
    const skus = shuffled(300);
    const sorted = sortItems(skus.map(item)).map((i) => i.sku);
    const invalid = new Set(sorted.slice(0, 40)); // more than the margin
    const s = source(skus, invalid);
    const first = firstItems(s, 10).map((i) => i.sku);
    expect(first).toEqual(sorted.slice(40, 50));
    expect(first.some((sku) => invalid.has(sku))).toBe(false);
  });

  it('returns everything valid when the catalog is small', () => {
    const s = source(['B-2', 'A-1', 'C-3'], new Set(['A-1']));
    expect(firstItems(s, 10).map((i) => i.sku)).toEqual(['B-2', 'C-3']);
    expect(firstItems(source([]), 10)).toEqual([]);
  });
});
