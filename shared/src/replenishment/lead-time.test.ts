// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { leadTime } from './lead-time.ts';

const entered = { supplierItemDays: 7, supplierDays: 10, itemDays: 14 };

describe('lead time', () => {
  it('comes from history once 3 lines were received: mean and sample standard deviation', () => {
    // mean 6; squared deviations 4 + 0 + 4 = 8, /(3 − 1) = 4 → σ_L 2
    expect(leadTime({ observedDays: [4, 6, 8], ...entered })).toEqual({
      mean: 6,
      stdDev: 2,
      source: 'history',
    });
    const fractional = leadTime({ observedDays: [2.5, 3.5, 3, 5] });
    expect(fractional.mean).toBe(3.5);
    expect(fractional.stdDev).toBeCloseTo(Math.sqrt(3.5 / 3), 12); // 1 + 0 + 0.25 + 2.25 = 3.5
  });

  it('otherwise the supplier reference, else the supplier, else the item, with σ_L 0', () => {
    expect(leadTime({ observedDays: [4, 6], ...entered })).toEqual({
      mean: 7,
      stdDev: 0,
      source: 'supplier-item',
    });
    expect(leadTime({ observedDays: [], ...entered, supplierItemDays: null })).toEqual({
      mean: 10,
      stdDev: 0,
      source: 'supplier',
    });
    expect(leadTime({ observedDays: [], itemDays: 14 })).toEqual({ mean: 14, stdDev: 0, source: 'item' });
    expect(leadTime({ observedDays: [], supplierItemDays: 0, itemDays: 14 })).toMatchObject({
      mean: 0,
      source: 'supplier-item',
    });
    expect(leadTime({ observedDays: [9, 9] })).toEqual({ mean: 0, stdDev: 0, source: 'none' });
  });

  it('leaves out observations that are not numbers', () => {
    expect(leadTime({ observedDays: [4, Number.NaN, 8], itemDays: 5 })).toMatchObject({ source: 'item' });
  });
});
