// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { daysOfCover } from './days-of-cover.ts';

describe('days of cover', () => {
  it('is stock on hand over the daily rate', () => {
    expect(daysOfCover(100, 4)).toBe(25);
    expect(daysOfCover(10, 1.9)).toBeCloseTo(5.263157894736842, 12);
  });

  it('is null when nothing is used, 0 when nothing is on hand', () => {
    expect(daysOfCover(100, 0)).toBeNull();
    expect(daysOfCover(0, 4)).toBe(0);
    expect(daysOfCover(-5, 4)).toBe(0);
    expect(() => daysOfCover(Number.NaN, 1)).toThrow(RangeError);
  });
});
