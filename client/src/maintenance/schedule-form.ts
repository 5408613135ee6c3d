import { nextDueDates, type Schedule } from '@stockroom/shared/maintenance/schedule';
import { addDays } from './work-order-list.ts';

export interface ScheduleDraft {
  asset: string;
  title: string;
  unit: 'days' | 'weeks';
  every: string;
  /** ISO weekday 1–7, for "every N weeks". */
  weekday: string;
  start: string;
  reserveDaysAhead: string;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const whole = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** The draft as the body of "create schedule"; the domain's schema then says what is wrong, per field. */
export function scheduleInput(
  d: ScheduleDraft,
  parts: { sku: string; quantity: number }[],
): Record<string, unknown> {
  return {
    asset: d.asset,
    title: d.title.trim(),
    recurrence:
      d.unit === 'days'
        ? { unit: 'days', every: whole(d.every) }
        : { unit: 'weeks', every: whole(d.every), weekday: whole(d.weekday) },
    start: d.start,
    parts,
    reserveDaysAhead: whole(d.reserveDaysAhead),
  };
}

/** "every 3 days", "every 2 weeks on Monday". */
export function describeRecurrence(s: Pick<Schedule, 'recurrence'>): string {
  const r = s.recurrence;
  if (r.unit === 'days') return r.every === 1 ? 'every day' : `every ${r.every} days`;
  const day = WEEKDAYS[r.weekday - 1] ?? '?';
  return r.every === 1 ? `every week on ${day}` : `every ${r.every} weeks on ${day}`;
}

/** The next day a schedule falls on, from `today` on (within about ten years), or null. */
export function nextDue(s: Pick<Schedule, 'recurrence' | 'start'>, today: string): string | null {
  return nextDueDates(s, today, addDays(today, 3660), 1)[0] ?? null;
}
