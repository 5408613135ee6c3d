// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { excessStock } from './excess.ts';

describe('excessStock', () => {
  it('values what is on hand above the maximum at the average cost', () => {
    const stock = [
      { sku: 'A', quantity: 8 },
      { sku: 'A', quantity: 4 }, // 12 over two locations
      { sku: 'B', quantity: 5 },
      { sku: 'C', quantity: 50 },
      { sku: 'D', quantity: 100 },
    ];
    const items = new Map([
      ['A', { maxQty: 10 }],
      ['B', { maxQty: 5 }], // at the maximum: no excess
      ['C', { maxQty: null }], // no maximum
      ['D', { maxQty: 0 }],
    ]);
    const costs = new Map([
      ['A', 1.5],
      ['D', 0.1],
    ]);
    expect(excessStock(stock, items, costs)).toEqual([
      { sku: 'D', onHand: 100, maxQty: 0, excess: 100, value: 10 },
      { sku: 'A', onHand: 12, maxQty: 10, excess: 2, value: 3 },
    ]);
  });
});
