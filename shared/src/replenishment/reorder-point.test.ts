// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computedReorderPoint, leadTimeDemandStdDev, safetyStock } from './reorder-point.ts';

describe('safety stock and reorder point', () => {
  it('SS = z·√(L̄·σ_d² + d̄²·σ_L²), ROP = d̄·L̄ + SS', () => {
    const i = { z: 2, meanDemand: 10, demandStdDev: 3, leadTime: 4, leadTimeStdDev: 1 };
    // √(4·9 + 100·1) = √136
    expect(leadTimeDemandStdDev(i)).toBeCloseTo(Math.sqrt(136), 12);
    expect(safetyStock(i)).toBeCloseTo(2 * Math.sqrt(136), 12);
    expect(computedReorderPoint(i)).toBeCloseTo(40 + 2 * Math.sqrt(136), 12);
  });

  it('is d̄·L̄ with no variability, 0 with no lead time', () => {
    expect(
      computedReorderPoint({ z: 1.64, meanDemand: 10, demandStdDev: 0, leadTime: 5, leadTimeStdDev: 0 }),
    ).toBe(50);
    expect(
      computedReorderPoint({ z: 1.64, meanDemand: 10, demandStdDev: 4, leadTime: 0, leadTimeStdDev: 0 }),
    ).toBe(0);
  });
});
