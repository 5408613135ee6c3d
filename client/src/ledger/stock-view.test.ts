// @vitest-environment node
import type { Item } from '@stockroom/shared/catalog/item';
import type { Location } from '@stockroom/shared/catalog/location';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { describe, expect, it } from 'vitest';
import type { HistoryFilter } from '../routing/route.ts';
import { filterMovements } from './history-filter.ts';
import { stockByItem, stockByLocation } from './stock-view.ts';

const item = (sku: string, name: string, unitCost: number, unit = 'ea') =>
  ({ sku, name, unitCost, unit }) as Item;
const items = new Map([
  ['B2', item('B2', 'Bolt', 0.5)],
  ['A10', item('A10', 'Anchor', 2)],
  ['A9', item('A9', 'Angle', 1.25, 'm')],
]);
const locations = new Map([['BIN-1', { code: 'BIN-1', name: 'Front bin' } as Location]]);
const lines = [
  { sku: 'B2', location: 'BIN-2', quantity: 4 },
  { sku: 'B2', location: 'BIN-1', quantity: 6 },
  { sku: 'A10', location: 'BIN-1', lot: 'L1', quantity: 1.5 },
  { sku: 'A9', location: 'BIN-1', quantity: -2 },
  { sku: 'GONE', location: 'BIN-9', quantity: 1 },
];

describe('stock views', () => {
  it('groups by item with totals and value = quantity × unit cost, in natural SKU order', () => {
    const view = stockByItem(lines, (s) => items.get(s), '');
    expect(view.rows.filter((r) => r.kind === 'group').map((r) => r.code)).toEqual([
      'A9',
      'A10',
      'B2',
      'GONE',
    ]);
    expect(view.rows.find((r) => r.kind === 'group' && r.code === 'B2')).toMatchObject({
      quantity: 10,
      value: 5,
      lines: 2,
    });
    expect(view.rows.slice(4, 7).map((r) => (r.kind === 'line' ? r.location : r.code))).toEqual([
      'B2',
      'BIN-1',
      'BIN-2',
    ]);
    expect(view.totalValue).toBe(-2.5 + 3 + 5);
    expect(view.lineCount).toBe(5);
    expect(view.rows.find((r) => r.kind === 'group' && r.code === 'GONE')).toMatchObject({
      title: 'Unknown item',
    });
  });

  it('groups by location and filters by any visible text', () => {
    const view = stockByLocation(
      lines,
      (s) => items.get(s),
      (c) => locations.get(c),
      'front',
    );
    expect(view.groupCount).toBe(1);
    expect(view.rows[0]).toMatchObject({ kind: 'group', code: 'BIN-1', title: 'Front bin', value: 3.5 });
    expect(view.rows.slice(1).map((r) => r.kind === 'line' && r.sku)).toEqual(['A9', 'A10', 'B2']);
    expect(stockByItem(lines, (s) => items.get(s), 'l1').lineCount).toBe(1);
  });
});

describe('history filter', () => {
  const base = { user: 'u', device: 'd', location: 'A1' };
  const movements = [
    { ...base, id: 'm1', type: 'receive', sku: 'BOLT', quantity: 5, at: '2025-03-01T12:00:00.000Z' },
    { ...base, id: 'm2', type: 'issue', sku: 'BOLT', quantity: 1, at: '2025-03-02T12:00:00.000Z' },
    {
      ...base,
      id: 'm3',
      type: 'transfer',
      sku: 'NUT',
      toLocation: 'B7',
      quantity: 1,
      at: '2025-03-02T12:00:00.000Z',
    },
  ] as Movement[];
  const none: HistoryFilter = { type: '', sku: '', location: '', from: '', to: '' };

  it('lists newest first and filters by type, SKU, either location of a transfer, and day', () => {
    expect(filterMovements(movements, none).map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    expect(filterMovements(movements, { ...none, type: 'issue' }).map((m) => m.id)).toEqual(['m2']);
    expect(filterMovements(movements, { ...none, sku: 'bol' }).map((m) => m.id)).toEqual(['m2', 'm1']);
    expect(filterMovements(movements, { ...none, location: 'b7' }).map((m) => m.id)).toEqual(['m3']);
    const day = filterMovements(movements, { ...none, from: '2025-03-01', to: '2025-03-01' }).map(
      (m) => m.id,
    );
    // The day is local to the device; noon UTC is 1 March in every zone from UTC−11 to UTC+11.
    expect(day).toEqual(['m1']);
  });
});
