// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { deadStock } from './dead-stock.ts';

describe('deadStock', () => {
  const now = new Date('2026-06-30T00:00:00.000Z');
  const stats = new Map([
    ['A', { lastIssueAt: '2026-01-01T00:00:00.000Z', lastReceiptAt: '2025-06-01T00:00:00.000Z' }], // 180 days
    ['B', { lastIssueAt: '2026-01-02T00:00:00.000Z', lastReceiptAt: null }], // 179 days
    ['C', { lastIssueAt: null, lastReceiptAt: '2025-06-01T00:00:00.000Z' }], // never issued, old receipt
    ['D', { lastIssueAt: null, lastReceiptAt: '2026-06-01T00:00:00.000Z' }], // never issued, just arrived
    ['F', { lastIssueAt: '2020-01-01T00:00:00.000Z', lastReceiptAt: null }], // none on hand
  ]);
  const stock = [
    { sku: 'A', quantity: 4 },
    { sku: 'A', quantity: 1 },
    { sku: 'B', quantity: 5 },
    { sku: 'C', quantity: 1 },
    { sku: 'D', quantity: 1 },
    { sku: 'E', quantity: 2 }, // on hand, no history at all
    { sku: 'F', quantity: 0 },
  ];
  const costs = new Map([
    ['A', 3],
    ['C', 100],
    ['E', 1],
  ]);

  it('lists stock on hand without an issue for 180 days or more, by value', () => {
    expect(deadStock(stock, stats, costs, { now })).toEqual([
      {
        sku: 'C',
        quantity: 1,
        value: 100,
        lastIssueAt: null,
        idleSince: '2025-06-01T00:00:00.000Z',
        idleDays: 394,
      },
      {
        sku: 'A',
        quantity: 5,
        value: 15,
        lastIssueAt: '2026-01-01T00:00:00.000Z',
        idleSince: '2026-01-01T00:00:00.000Z',
        idleDays: 180,
      },
      { sku: 'E', quantity: 2, value: 2, lastIssueAt: null, idleSince: null, idleDays: null },
    ]);
  });

  it('takes another number of days', () => {
    expect(deadStock(stock, stats, costs, { now, days: 179 }).map((r) => r.sku)).toEqual([
      'C',
      'A',
      'E',
      'B',
    ]);
    expect(deadStock(stock, stats, costs, { now, days: 400 }).map((r) => r.sku)).toEqual(['E']);
  });
});
