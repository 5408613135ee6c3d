// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toUnits } from '../quantity.ts';
import { orderTarget, suggestedQuantity } from './suggested-quantity.ts';

const at = (position: number, more: Partial<Parameters<typeof suggestedQuantity>[0]> = {}) =>
  suggestedQuantity({ position, reorderPoint: 50, target: 190, ...more });

describe('order target', () => {
  it('is the maximum when set, else ROP + d̄ × review days', () => {
    expect(orderTarget(50, 10, 14, null)).toBe(190);
    expect(orderTarget(50, 10, 14, undefined)).toBe(190);
    expect(orderTarget(50, 10, 14, 120)).toBe(120);
    expect(orderTarget(50, 10, 0, null)).toBe(50);
  });
});

describe('suggested quantity', () => {
  it('orders up to the target at or below the reorder point, nothing above it', () => {
    expect(at(35)).toBe(155);
    expect(at(50)).toBe(140);
    expect(at(50.0001)).toBe(0);
    expect(at(-10)).toBe(200);
  });

  it('rounds up to whole packs and to at least the minimum order quantity', () => {
    expect(at(35, { packSize: 50 })).toBe(200); // 155 → 4 packs
    expect(at(40, { packSize: 50 })).toBe(150); // exactly 3 packs
    expect(at(35, { minOrderQty: 200 })).toBe(200);
    expect(at(35, { minOrderQty: 100 })).toBe(155);
    expect(at(35, { packSize: 50, minOrderQty: 250 })).toBe(250);
    expect(at(35, { packSize: 50, minOrderQty: 260 })).toBe(300); // the MOQ is rounded to packs too
    expect(at(35, { packSize: 0, minOrderQty: 0 })).toBe(155);
    expect(at(35, { packSize: 0.5 })).toBe(155);
    expect(at(35.2, { packSize: 0.5 })).toBe(155); // 154.8 → 309.6 packs → 310
  });

  it('is never negative: a target at or below the position orders nothing, MOQ or not', () => {
    expect(at(35, { target: 20, minOrderQty: 10, packSize: 6 })).toBe(0);
    expect(at(50, { target: 50, minOrderQty: 10 })).toBe(0);
  });

  it('nothing without a reorder point or target', () => {
    expect(suggestedQuantity({ position: 0, reorderPoint: null, target: 10 })).toBe(0);
    expect(suggestedQuantity({ position: 0, reorderPoint: 5, target: null })).toBe(0);
  });

  it('forgives float noise and rounds up to 4 decimals without a pack', () => {
    // 0.1 + 0.2 − 0.1 is 0.20000000000000004, which must not become 0.2001
    expect(suggestedQuantity({ position: 0.1, reorderPoint: 1, target: 0.1 + 0.2 })).toBe(0.2);
    expect(suggestedQuantity({ position: 0, reorderPoint: 1, target: 53.29012345 })).toBe(53.2902);
  });

  it('never overshoots the target (or MOQ) by a full pack; reaches it; whole packs (property)', () => {
    const units = (min: number, max: number) => fc.integer({ min, max }).map((u) => u / 10_000);
    fc.assert(
      fc.property(
        units(-1e7, 1e7),
        units(0, 1e7),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.option(units(1, 1e6)),
        fc.option(units(0, 1e7)),
        (position, reorderPoint, extra, packSize, minOrderQty) => {
          const target = reorderPoint + extra;
          const q = suggestedQuantity({ position, reorderPoint, target, packSize, minOrderQty });
          expect(q).toBeGreaterThanOrEqual(0);
          if (position > reorderPoint) expect(q).toBe(0);
          if (q === 0) return;
          const needed = Math.max(target - position, minOrderQty ?? 0);
          expect(position + q).toBeGreaterThanOrEqual(target - 1e-6);
          expect(q).toBeGreaterThanOrEqual(minOrderQty ?? 0);
          if (packSize) {
            expect(toUnits(q) % toUnits(packSize)).toBe(0);
            expect(q - needed).toBeLessThan(packSize);
          } else {
            expect(q - needed).toBeLessThan(0.0001);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
