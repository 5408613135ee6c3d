/**
 * Calendar days as `YYYY-MM-DD` (UTC), and the periods reports bucket them into. Days are
 * counted as whole days since 1970-01-01 so that ranges and ISO weeks are plain integer
 * arithmetic, identical in every time zone.
 */
export type Granularity = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything else (callers pass checked dates). */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY : Number.NaN;
  if (!m || dateOfDay(n) !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return n;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The UTC day of an instant (ISO 8601 or epoch ms), as a day number. */
export function dayOfInstant(at: string | number): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Math.floor(ms / DAY);
}

/**
 * ISO 8601 week of a day: weeks start on Monday and belong to the year of their Thursday,
 * so 2025-12-29 … 2026-01-04 is `2026-W01` and 2027-01-01 (a Friday) is `2026-W53`.
 */
export function isoWeek(day: number): string {
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = day - weekday + 3;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const firstThursdayWeek = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY) / 7);
  return `${year}-W${String(firstThursdayWeek + 1).padStart(2, '0')}`;
}

/** The Monday starting a day's ISO week. */
export function weekStart(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The label of the period a day falls in: `2026-01-31`, `2026-W05` or `2026-01`. */
export function periodLabel(day: number, by: Granularity): string {
  if (by === 'day') return dateOfDay(day);
  if (by === 'week') return isoWeek(day);
  return dateOfDay(day).slice(0, 7);
}
