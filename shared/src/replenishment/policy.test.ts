// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, ReplenishmentPolicy } from './policy.ts';

const problems = (input: unknown) => {
  const r = ReplenishmentPolicy.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('replenishment policy', () => {
  it('defaults: manual, 95 %, 90 days of demand, reviewed every 14 days', () => {
    expect(ReplenishmentPolicy.parse({})).toEqual({
      method: 'manual',
      serviceLevel: 0.95,
      windowDays: 90,
      reviewDays: 14,
    });
    expect(DEFAULT_POLICY).toEqual(ReplenishmentPolicy.parse({}));
  });

  it('accepts the limits themselves', () => {
    for (const p of [
      { method: 'computed', serviceLevel: 0.9999, windowDays: 7, reviewDays: 0 },
      { method: 'manual', serviceLevel: 0.5001, windowDays: 730, reviewDays: 365 },
    ])
      expect(problems(p)).toEqual([]);
  });

  it('refuses values outside them, in plain words naming the limit', () => {
    expect(problems({ method: 'auto' })).toEqual(['method: must be one of manual, computed']);
    expect(problems({ serviceLevel: 0.5 })).toEqual(['serviceLevel: must be more than 0.5 (50 %)']);
    expect(problems({ serviceLevel: 1 })).toEqual(['serviceLevel: must be at most 0.9999 (99.99 %)']);
    expect(problems({ serviceLevel: '95%' })).toEqual(['serviceLevel: must be a number']);
    expect(problems({ windowDays: 6 })).toEqual(['windowDays: must be at least 7']);
    expect(problems({ windowDays: 731 })).toEqual(['windowDays: must be at most 730']);
    expect(problems({ windowDays: 30.5 })).toEqual(['windowDays: must be whole days']);
    expect(problems({ reviewDays: -1 })).toEqual(['reviewDays: must not be negative']);
    expect(problems({ reviewDays: 366 })).toEqual(['reviewDays: must be at most 365']);
  });
});
