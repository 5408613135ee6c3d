// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { costsFrom, valuation } from './valuation.ts';

const rows = [
  { sku: 'A', location: 'L1', quantity: 10 },
  { sku: 'A', location: 'L2', quantity: 5 },
  { sku: 'B', location: 'L1', quantity: 3 },
  { sku: 'C', location: 'L2', quantity: 2 }, // no cost known
  { sku: 'D', location: 'L1', quantity: -1 }, // issued beyond the ledger: counts negative
  { sku: 'E', location: 'L1', quantity: 0 },
];
const costs = new Map([
  ['A', 1.5],
  ['B', 10],
  ['D', 2],
  ['E', 7],
]);
const items = new Map([
  ['A', { category: 'Fasteners', kind: 'component' }],
  ['B', { category: 'Electrical', kind: 'mro' }],
  ['D', { category: 'Fasteners', kind: 'component' }],
]);

describe('valuation', () => {
  it('values per item, highest first, negative lines included', () => {
    expect(valuation(rows, costs, items, 'item')).toEqual({
      total: 50.5,
      rows: [
        { key: 'B', quantity: 3, value: 30 },
        { key: 'A', quantity: 15, value: 22.5 },
        { key: 'C', quantity: 2, value: 0 },
        { key: 'D', quantity: -1, value: -2 },
      ],
      uncosted: ['C'],
    });
  });

  it('groups by location, category and kind with the same total', () => {
    expect(valuation(rows, costs, items, 'location').rows).toEqual([
      { key: 'L1', quantity: 12, value: 43 },
      { key: 'L2', quantity: 7, value: 7.5 },
    ]);
    expect(valuation(rows, costs, items, 'category').rows).toEqual([
      { key: 'Electrical', quantity: 3, value: 30 },
      { key: 'Fasteners', quantity: 14, value: 20.5 },
      { key: '', quantity: 2, value: 0 },
    ]);
    const byKind = valuation(rows, costs, items, 'kind');
    expect(byKind.rows.map((r) => r.key)).toEqual(['mro', 'component', '']);
    expect(byKind.total).toBe(50.5);
  });

  it('breaks equal values by key and keeps 4 decimals', () => {
    const v = valuation(
      [
        { sku: 'Y', location: 'L', quantity: 3 },
        { sku: 'X', location: 'L', quantity: 3 },
      ],
      new Map([
        ['X', 0.3333],
        ['Y', 0.3333],
      ]),
      new Map(),
      'item',
    );
    expect(v).toEqual({
      total: 1.9998,
      rows: [
        { key: 'X', quantity: 3, value: 0.9999 },
        { key: 'Y', quantity: 3, value: 0.9999 },
      ],
      uncosted: [],
    });
  });
});

describe('costsFrom', () => {
  it('takes the moving average, else the catalog cost', () => {
    const stats = new Map([
      ['A', { avgCost: 1.25 }],
      ['B', { avgCost: null }],
    ]);
    expect(costsFrom(stats, () => 9, ['A', 'B', 'C'])).toEqual(
      new Map([
        ['A', 1.25],
        ['B', 9],
        ['C', 9],
      ]),
    );
  });
});
