// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  averageDemandInterval,
  demandOccurrences,
  INTERMITTENT_ADI,
  isIntermittent,
} from './intermittency.ts';

describe('demand occurrences and ADI', () => {
  it('count the first interval from the start of the series', () => {
    expect(demandOccurrences([0, 0, 6, 0, 4])).toEqual([
      { index: 2, size: 6, interval: 3 },
      { index: 4, size: 4, interval: 2 },
    ]);
    // intervals 3, 2, 4 → ADI 3
    expect(averageDemandInterval([0, 0, 6, 0, 4, 0, 0, 0, 8, 0])).toBe(3);
    expect(averageDemandInterval([5, 5, 5])).toBe(1);
    expect(averageDemandInterval([0, 20, 0, 20])).toBe(2);
  });

  it('leave out the periods after the last demand (they are no interval yet)', () => {
    expect(averageDemandInterval([5, 0, 0, 0, 0])).toBe(1);
    expect(isIntermittent([5, 0, 0, 0, 0])).toBe(false);
  });

  it('treat zero and negative periods (net returns) as no demand', () => {
    expect(demandOccurrences([0, -3, 6])).toEqual([{ index: 2, size: 6, interval: 3 }]);
  });

  it('no demand: ADI null, not intermittent', () => {
    expect(averageDemandInterval([])).toBeNull();
    expect(averageDemandInterval([0, 0, 0])).toBeNull();
    expect(isIntermittent([0, 0, 0])).toBe(false);
  });

  it('is intermittent only above 1.32', () => {
    expect(INTERMITTENT_ADI).toBe(1.32);
    // 25 demands, the last in period 33: ADI = 33/25 = 1.32 exactly → not intermittent
    const at = Array.from({ length: 33 }, (_, i) => (i % 4 === 1 && i < 32 ? 0 : 1));
    expect(at.filter((v) => v > 0)).toHaveLength(25);
    expect(averageDemandInterval(at)).toBe(1.32);
    expect(isIntermittent(at)).toBe(false);
    // one more empty period before the last demand: 34/25 = 1.36 → intermittent
    expect(isIntermittent([0, ...at])).toBe(true);
  });
});
