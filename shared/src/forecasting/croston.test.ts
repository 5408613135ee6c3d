// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crostonFit, crostonRate, sbaRate } from './croston.ts';

describe('Croston and SBA', () => {
  it('smooth sizes and intervals separately (hand-computed, α 0.1)', () => {
    // demands 6 (after 3 periods), 4 (after 2), 8 (after 4)
    // z: 6 → 6 + 0.1·(4 − 6) = 5.8 → 5.8 + 0.1·(8 − 5.8) = 6.02
    // p: 3 → 3 + 0.1·(2 − 3) = 2.9 → 2.9 + 0.1·(4 − 2.9) = 3.01
    // Croston 6.02 / 3.01 = 2; SBA 2 · (1 − 0.05) = 1.9
    const fit = crostonFit([0, 0, 6, 0, 4, 0, 0, 0, 8, 0]);
    expect(fit.size).toBeCloseTo(6.02, 12);
    expect(fit.interval).toBeCloseTo(3.01, 12);
    expect(fit.demands).toBe(3);
    expect(fit.crostonRate).toBeCloseTo(2, 12);
    expect(fit.sbaRate).toBeCloseTo(1.9, 12);
  });

  it('a single demand is spread over the periods up to it', () => {
    expect(crostonFit([0, 0, 6])).toMatchObject({ size: 6, interval: 3, demands: 1, crostonRate: 2 });
    expect(sbaRate([0, 0, 6])).toBeCloseTo(1.9, 12);
    expect(crostonRate([6, 0, 0, 0])).toBe(6);
  });

  it('no demand at all: rate 0, no size, no interval', () => {
    expect(crostonFit([])).toEqual({ size: null, interval: null, demands: 0, crostonRate: 0, sbaRate: 0 });
    expect(crostonFit([0, 0, 0, -2])).toEqual({
      size: null,
      interval: null,
      demands: 0,
      crostonRate: 0,
      sbaRate: 0,
    });
  });

  it('with another α', () => {
    // α 0.5: z 6 → 5; p 3 → 2.5; Croston 2; SBA 2 · 0.75 = 1.5
    expect(crostonRate([0, 0, 6, 0, 4], 0.5)).toBe(2);
    expect(sbaRate([0, 0, 6, 0, 4], 0.5)).toBe(1.5);
    expect(() => sbaRate([1], 0)).toThrow(RangeError);
  });

  it('SBA rate ≤ Croston rate, both ≥ 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 120 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (series, alpha) => {
          const fit = crostonFit(series, alpha);
          expect(fit.sbaRate).toBeLessThanOrEqual(fit.crostonRate);
          expect(fit.sbaRate).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
