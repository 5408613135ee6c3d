import { z } from 'zod';

/**
 * Days in maintenance are UTC calendar days written `YYYY-MM-DD`: a schedule's start, a
 * work order's due day, the periods of reports. Nothing here reads the local time zone, so
 * a device in UTC−5 and the server compute the same due days. Arithmetic goes through the
 * day number (days since 1970-01-01), which makes month ends, Feb 29 and year ends plain
 * integer steps.
 */
export const Day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
export type Day = string;

const MS_PER_DAY = 86_400_000;

/** The UTC calendar day of an instant (a Date, or an ISO date-time), or a day given as `YYYY-MM-DD`. */
export function utcDay(when: Date | string): string {
  if (typeof when === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(when)) return when;
    return new Date(when).toISOString().slice(0, 10);
  }
  return when.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD` day. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The `YYYY-MM-DD` day of a day number. */
export function dayOfNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOfNumber(dayNumber(day) + days);
}

/** ISO weekday of a day: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}
