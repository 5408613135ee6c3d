// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { nextPeriod, periodOf, previousPeriod, writablePeriods } from './period.ts';

describe('ledger periods (calendar months, UTC)', () => {
  it('takes the month of an instant in UTC', () => {
    expect(periodOf('2024-05-31T23:59:59.999Z')).toBe('2024-05');
    expect(periodOf('2024-06-01T00:00:00.000Z')).toBe('2024-06');
    // 01:00 on 1 June in UTC+2 is still May in UTC
    expect(periodOf('2024-06-01T01:00:00+02:00')).toBe('2024-05');
    expect(periodOf(new Date(Date.UTC(1999, 11, 31)))).toBe('1999-12');
    expect(periodOf(new Date(Date.UTC(2024, 0, 1)))).toBe('2024-01');
  });

  it('steps back and forward across year ends', () => {
    expect(previousPeriod('2024-01')).toBe('2023-12');
    expect(previousPeriod('2024-10')).toBe('2024-09');
    expect(previousPeriod('2024-03')).toBe('2024-02');
    expect(nextPeriod('2024-12')).toBe('2025-01');
    expect(nextPeriod('2024-09')).toBe('2024-10');
    expect(nextPeriod('2024-01')).toBe('2024-02');
  });

  it('next and previous are inverses over many years', () => {
    let p = '1998-11';
    for (let i = 0; i < 400; i++) {
      const n = nextPeriod(p);
      expect(previousPeriod(n)).toBe(p);
      expect(n > p).toBe(true);
      p = n;
    }
    expect(p).toBe('2032-03');
  });

  it('writable periods: 400 days back to next month', () => {
    expect(writablePeriods(new Date('2026-12-03T08:00:00Z'))).toEqual({ from: '2025-10', to: '2027-01' });
    expect(writablePeriods(new Date('2024-03-01T00:00:00Z'))).toEqual({ from: '2023-01', to: '2024-04' });
  });
});
