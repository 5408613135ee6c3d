// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { withinTolerance } from './tolerance.ts';

const d = (units: number, base: number, value = 0) => ({
  units: units * 10_000,
  baseUnits: base * 10_000,
  value,
});

describe('tolerance', () => {
  it('accepts only an exact count when no criterion is given', () => {
    expect(withinTolerance({}, d(0, 10))).toBe(true);
    expect(withinTolerance({}, d(0.0001, 10))).toBe(false);
  });

  it('requires every given criterion: units, percent of expected and value, either sign', () => {
    expect(withinTolerance({ units: 2 }, d(-2, 10))).toBe(true);
    expect(withinTolerance({ units: 2 }, d(2.5, 10))).toBe(false);
    expect(withinTolerance({ percent: 5 }, d(5, 100))).toBe(true);
    expect(withinTolerance({ percent: 5 }, d(-6, 100))).toBe(false);
    expect(withinTolerance({ value: 20 }, d(1, 10, -20))).toBe(true);
    expect(withinTolerance({ value: 20 }, d(1, 10, 20.01))).toBe(false);
    expect(withinTolerance({ units: 5, value: 10 }, d(1, 10, 50))).toBe(false);
  });

  it('treats any difference from nothing expected as beyond a percentage', () => {
    expect(withinTolerance({ percent: 50 }, d(1, 0))).toBe(false);
    expect(withinTolerance({ percent: 50 }, d(0, 0))).toBe(true);
    expect(withinTolerance({ percent: 50 }, d(-5, -10))).toBe(true); // negative book stock: measured against its size
  });
});
