import type { Item } from '@stockroom/shared/catalog/item';
import { describe, expect, it } from 'vitest';
import { filterItems, sortItems } from './item-list.ts';

const item = (sku: string, name: string, extra: Partial<Item> = {}) =>
  ({ sku, name, category: '', barcodes: [], packs: [], active: true, ...extra }) as Item;

describe('item list', () => {
  const sorted = sortItems([
    item('P-10', 'Hinge'),
    item('P-9', 'Bolt', { barcodes: ['4006381333931'] }),
    item('A-1', 'Washer', { category: 'Fasteners', active: false }),
  ]);

  it('sorts SKUs in natural order, so P-9 comes before P-10', () => {
    expect(sorted.map((i) => i.sku)).toEqual(['A-1', 'P-9', 'P-10']);
  });

  it('filters by SKU, name, barcode or category and hides archived items unless asked', () => {
    expect(filterItems(sorted, 'hin', false).map((i) => i.sku)).toEqual(['P-10']);
    expect(filterItems(sorted, '333931', false).map((i) => i.sku)).toEqual(['P-9']);
    expect(filterItems(sorted, 'fasten', false)).toEqual([]);
    expect(filterItems(sorted, 'fasten', true).map((i) => i.sku)).toEqual(['A-1']);
    expect(filterItems(sorted, '  ', false).map((i) => i.sku)).toEqual(['P-9', 'P-10']);
  });
});
