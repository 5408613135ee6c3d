// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mean, sampleStdDev } from './statistics.ts';

describe('mean and sample standard deviation', () => {
  it('match hand-computed values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, /(8−1) → √(32/7)
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('are 0 where there is nothing to measure', () => {
    expect(mean([])).toBe(0);
    expect(sampleStdDev([])).toBe(0);
    expect(sampleStdDev([7])).toBe(0);
    expect(sampleStdDev(Array(90).fill(10))).toBe(0);
  });
});
