// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultHoldout, forecast } from './forecast.ts';

const SHORT_INTERMITTENT = [0, 0, 6, 0, 4, 0, 0, 0, 8, 0];

describe('forecast', () => {
  it('holds out min(6, ⌊n/4⌋) periods, at least 1 from 4 periods on, none below', () => {
    expect([0, 3, 4, 7, 8, 24, 25, 100].map(defaultHoldout)).toEqual([0, 0, 1, 1, 2, 6, 6, 6]);
  });

  it('SES: rate is the final level; MAE re-fits before each held-out period', () => {
    // n 4 → hold-out 1: fit on 10, 20, 30 → 15.6; actual 40 → error 24.4
    // whole series: 15.6 + 0.2·(40 − 15.6) = 20.48
    const f = forecast([10, 20, 30, 40]);
    expect(f.method).toBe('ses');
    expect(f.alpha).toBe(0.2);
    expect(f.rate).toBeCloseTo(20.48, 12);
    expect(f.periods).toEqual([f.rate]);
    expect(f.holdout).toBe(1);
    expect(f.mae).toBeCloseTo(24.4, 12);
  });

  it('re-fits as each actual is revealed (not one flat forecast)', () => {
    // hold-out 2: from 10, 20 → 12 (error 18); from 10, 20, 30 → 15.6 (error 24.4): MAE 21.2.
    // A flat forecast of 12 would have given (18 + 28) / 2 = 23.
    const f = forecast([10, 20, 30, 40], { holdout: 2 });
    expect(f.holdout).toBe(2);
    expect(f.mae).toBeCloseTo(21.2, 12);
  });

  it('auto picks SBA (α 0.1) for intermittent demand', () => {
    // whole series: 1.9 (croston.test.ts). Hold-out 2 (n 10):
    // from the first 8 periods: z 5.8, p 2.9 → 2 · 0.95 = 1.9; actual 8 → error 6.1
    // from the first 9: 1.9; actual 0 → error 1.9. MAE (6.1 + 1.9) / 2 = 4
    const f = forecast(SHORT_INTERMITTENT, { horizon: 3 });
    expect(f.method).toBe('sba');
    expect(f.alpha).toBe(0.1);
    expect(f.rate).toBeCloseTo(1.9, 12);
    expect(f.periods).toHaveLength(3);
    expect(f.periods.every((p) => p === f.rate)).toBe(true);
    expect(f.mae).toBeCloseTo(4, 12);
  });

  it('follows an explicit method and α', () => {
    expect(forecast(SHORT_INTERMITTENT, { method: 'ses' }).method).toBe('ses');
    expect(forecast([10, 20, 30], { method: 'sba', alpha: 0.5 })).toMatchObject({
      method: 'sba',
      alpha: 0.5,
    });
    expect(forecast([10, 20, 30], { alpha: 0.5 }).rate).toBe(22.5);
  });

  it('no MAE when the series is too short', () => {
    expect(forecast([10, 20, 30])).toMatchObject({ mae: null, holdout: 0 });
    expect(forecast([10, 20, 30], { holdout: 3 })).toMatchObject({ mae: null, holdout: 0 });
    expect(forecast([10, 20, 30], { holdout: 0 })).toMatchObject({ mae: null, holdout: 0 });
    expect(forecast([10, 20, 30], { holdout: 1 }).mae).toBeCloseTo(18, 12);
  });

  it('no demand at all: SES, rate 0', () => {
    expect(forecast([])).toEqual({ method: 'ses', alpha: 0.2, rate: 0, periods: [0], mae: null, holdout: 0 });
    expect(forecast([0, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ method: 'ses', rate: 0, mae: 0 });
  });

  it('refuses bad options', () => {
    expect(() => forecast([1, 2, 3, 4], { holdout: -1 })).toThrow(RangeError);
    expect(() => forecast([1, 2, 3, 4], { holdout: 1.5 })).toThrow(RangeError);
    expect(() => forecast([1, 2, 3, 4], { horizon: -1 })).toThrow(RangeError);
    expect(() => forecast([1, 2, 3, 4], { alpha: 2 })).toThrow(RangeError);
    expect(() => forecast([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('a constant series forecasts itself with no error (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 60 }), (c, n) => {
        const f = forecast(Array(n).fill(c), { method: 'ses' });
        expect(f.rate).toBe(c);
        if (n >= 4) expect(f.mae).toBe(0);
      }),
    );
  });
});
