// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dailyDemandSeries, demandStatistics, windowDays } from './daily-demand.ts';

describe('daily demand series', () => {
  it('covers the N days ending yesterday (UTC), oldest first', () => {
    expect(windowDays('2026-03-01', 3)).toEqual(['2026-02-26', '2026-02-27', '2026-02-28']);
    expect(windowDays('2028-03-01', 2)).toEqual(['2028-02-28', '2028-02-29']);
    expect(windowDays('2027-01-01', 1)).toEqual(['2026-12-31']);
    // any moment of the day means that day, in UTC
    expect(windowDays('2026-03-01T23:59:59.999Z', 1)).toEqual(['2026-02-28']);
    expect(windowDays('2026-03-01T00:30:00+02:00', 1)).toEqual(['2026-02-27']);
    expect(windowDays(new Date('2026-03-01T12:00:00Z'), 1)).toEqual(['2026-02-28']);
    expect(windowDays('2026-03-01', 90)).toHaveLength(90);
  });

  it('fills days without issues with 0 and ignores today and days outside the window', () => {
    const issued = { '2026-02-25': 99, '2026-02-26': 4, '2026-02-28': 2.5, '2026-03-01': 99 };
    expect(dailyDemandSeries(issued, '2026-03-01', 3)).toEqual([4, 0, 2.5]);
    expect(dailyDemandSeries(new Map(Object.entries(issued)), '2026-03-01', 3)).toEqual([4, 0, 2.5]);
    expect(dailyDemandSeries({}, '2026-03-01', 4)).toEqual([0, 0, 0, 0]);
  });

  it('refuses what is not a date or a finite quantity', () => {
    expect(() => dailyDemandSeries({}, 'yesterday', 3)).toThrow(RangeError);
    expect(() => dailyDemandSeries({ '2026-02-28': Number.NaN }, '2026-03-01', 3)).toThrow('2026-02-28');
    expect(() => windowDays('2026-03-01', -1)).toThrow(RangeError);
  });

  it('d̄ is the mean and σ_d the sample standard deviation (n − 1), zero days included', () => {
    expect(demandStatistics([4, 0, 2])).toEqual({ mean: 2, stdDev: 2 }); // (4 + 4 + 0) / 2 = 4
    expect(demandStatistics([3])).toEqual({ mean: 3, stdDev: 0 });
  });
});
