// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber, dayOfInstant, isoWeek, periodLabel, weekStart } from './calendar.ts';

describe('calendar', () => {
  it('numbers days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2026-03-01') - dayNumber('2026-02-28')).toBe(1);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2); // leap year
    expect(dateOfDay(dayNumber('2026-12-31'))).toBe('2026-12-31');
    expect(dayOfInstant('2026-01-01T23:59:59.999Z')).toBe(dayNumber('2026-01-01'));
  });

  it('refuses what is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-05', '26-01-05', '2026-01-05T00:00:00Z'])
      expect(() => dayNumber(bad)).toThrow(RangeError);
  });

  it('gives ISO weeks across year ends (checked against Python isocalendar)', () => {
    const cases: [string, string][] = [
      ['2025-12-28', '2025-W52'], // Sunday
      ['2025-12-29', '2026-W01'], // Monday: week 1 of 2026 starts in 2025
      ['2026-01-04', '2026-W01'],
      ['2026-01-05', '2026-W02'],
      ['2026-01-29', '2026-W05'],
      ['2026-12-31', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
      ['2027-01-03', '2026-W53'],
      ['2027-01-04', '2027-W01'],
      ['2020-12-31', '2020-W53'],
      ['2021-01-03', '2020-W53'],
      ['2024-12-30', '2025-W01'],
      ['1969-12-29', '1970-W01'],
    ];
    for (const [date, week] of cases) expect([date, isoWeek(dayNumber(date))]).toEqual([date, week]);
  });

  it('starts weeks on Monday', () => {
    expect(dateOfDay(weekStart(dayNumber('2027-01-03')))).toBe('2026-12-28');
    expect(dateOfDay(weekStart(dayNumber('2026-01-05')))).toBe('2026-01-05');
  });

  it('gives every day of one ISO week the same label, and the next week the next label', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 40_000 }), (day) => {
        const monday = weekStart(day);
        for (let d = monday; d < monday + 7; d++) expect(isoWeek(d)).toBe(isoWeek(monday));
        expect(isoWeek(monday + 7)).not.toBe(isoWeek(monday));
        expect(isoWeek(monday - 1)).not.toBe(isoWeek(monday));
      }),
    );
  });

  it('labels days, weeks and months', () => {
    const d = dayNumber('2026-01-31');
    expect([periodLabel(d, 'day'), periodLabel(d, 'week'), periodLabel(d, 'month')]).toEqual([
      '2026-01-31',
      '2026-W05',
      '2026-01',
    ]);
  });
});
