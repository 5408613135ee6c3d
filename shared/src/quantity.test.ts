// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUnits, PositiveQuantity, QUANTITY_SCALE, Quantity, toUnits } from './quantity.ts';

describe('quantity units', () => {
  it('converts to integer units of 1/10,000 and back', () => {
    expect(QUANTITY_SCALE).toBe(10_000);
    expect(toUnits(1.2345)).toBe(12345);
    expect(toUnits(0.1) + toUnits(0.2)).toBe(toUnits(0.3));
    expect(fromUnits(toUnits(0.1) + toUnits(0.2))).toBe(0.3);
    expect(toUnits(-2.5)).toBe(-25000);
  });

  it('round-trips every value with at most 4 decimals, up to the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000_000, max: 10_000_000_000_000 }), (units) => {
        const q = units / QUANTITY_SCALE;
        expect(toUnits(q)).toBe(units);
        expect(Quantity.safeParse(q).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Quantity', () => {
  it('refuses a fifth decimal', () => {
    for (const q of [0.00001, 1.00001, 2.12345, -7.00005]) expect(Quantity.safeParse(q).success).toBe(false);
  });

  it('refuses non-numbers and out-of-range values', () => {
    for (const q of ['1', Number.NaN, Number.POSITIVE_INFINITY, 1e9 + 1, -1e9 - 1]) {
      expect(Quantity.safeParse(q).success).toBe(false);
    }
    expect(Quantity.safeParse(1e9).success).toBe(true);
    expect(Quantity.safeParse(-1e9).success).toBe(true);
  });

  it('PositiveQuantity refuses zero and negatives', () => {
    expect(PositiveQuantity.safeParse(0).success).toBe(false);
    expect(PositiveQuantity.safeParse(-0.0001).success).toBe(false);
    expect(PositiveQuantity.safeParse(0.0001).success).toBe(true);
  });
});
