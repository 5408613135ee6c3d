// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sesLevel } from './exponential-smoothing.ts';

describe('simple exponential smoothing', () => {
  it('starts at the first value and moves α of the way to each next one', () => {
    // α 0.2: 10 → 10 + 0.2·(20 − 10) = 12 → 12 + 0.2·(30 − 12) = 15.6
    expect(sesLevel([10, 20, 30])).toBeCloseTo(15.6, 12);
    // α 0.5: 10 → 15 → 22.5
    expect(sesLevel([10, 20, 30], 0.5)).toBe(22.5);
    expect(sesLevel([10, 20, 30], 1)).toBe(30);
    expect(sesLevel([7])).toBe(7);
  });

  it('is 0 for an empty series', () => {
    expect(sesLevel([])).toBe(0);
  });

  it('refuses a smoothing constant outside (0, 1] and values that are not finite', () => {
    expect(() => sesLevel([1, 2], 0)).toThrow(RangeError);
    expect(() => sesLevel([1, 2], 1.5)).toThrow(RangeError);
    expect(() => sesLevel([1, Number.NaN])).toThrow('series[1] must be a finite number');
  });

  it('of a constant series is that constant (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: Number.EPSILON, max: 1, noNaN: true }),
        (c, n, alpha) => {
          // === rather than toBe: −0 comes back as 0, the same number
          expect(sesLevel(Array(n).fill(c), alpha) === c).toBe(true);
        },
      ),
    );
  });
});
