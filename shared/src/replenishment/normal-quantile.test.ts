// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, serviceLevelZ } from './normal-quantile.ts';

describe('normal quantile', () => {
  it('gives the z of the usual service levels (4 decimals)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6449, 4);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263, 4);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2816, 4);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416, 4);
  });

  it('is accurate to about 1e-12 against reference values (scipy.stats.norm.ppf)', () => {
    const reference: [number, number][] = [
      [0.8, 0.8416212335729143],
      [0.9, 1.2815515655446004],
      [0.95, 1.6448536269514722],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.9999, 3.719016485455709],
      [0.5001, 0.0002506628300880075],
      // the seams between Acklam's central and tail regions
      [0.02425, -1.972961051311885],
      [0.97575, 1.972961051311885],
    ];
    for (const [p, x] of reference) expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-12);
  });

  it('inverts the CDF, is symmetric and increasing (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        const x = normalQuantile(p);
        expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-13);
        expect(normalQuantile(1 - p)).toBeCloseTo(-x, 8);
        expect(normalQuantile(Math.min(p + 1e-4, 1 - 1e-7))).toBeGreaterThan(x);
      }),
    );
  });

  it('refuses probabilities outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe('service level z', () => {
  it('is valid in (0.5, 0.9999]', () => {
    expect(serviceLevelZ(0.95)).toBeCloseTo(1.6449, 4);
    expect(serviceLevelZ(0.9999)).toBeCloseTo(3.719, 3);
    for (const s of [0.5, 0.4, 0.99991, 1]) expect(() => serviceLevelZ(s)).toThrow('service level');
  });
});
