import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { identifier } from '../text.ts';
import { whenValid, withoutDefaults } from '../validation.ts';
import { addDays, Day, dayNumber, dayOfNumber, isoWeekday, utcDay } from './days.ts';
import { PartQuantity, Priority, scheduleWorkOrderId, Title } from './work-order.ts';

/**
 * A preventive maintenance schedule (room `maintenance`, a record keyed by id with
 * field-level merges): a title for an asset, repeated every N days, or every N weeks on
 * one ISO weekday, from a start day. Its occurrences become work orders `reserveDaysAhead`
 * days before they are due, with the planned parts reserved then (dueWorkOrders).
 */

export const Recurrence = z.discriminatedUnion(
  'unit',
  [
    z.object({
      unit: z.literal('days'),
      every: z.number().int('must be whole days').min(1, 'must be at least 1').max(3660),
    }),
    z.object({
      unit: z.literal('weeks'),
      every: z.number().int('must be whole weeks').min(1, 'must be at least 1').max(520),
      /** ISO weekday: Monday 1 … Sunday 7. */
      weekday: z
        .number()
        .int('must be a weekday from 1 (Monday) to 7 (Sunday)')
        .min(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)')
        .max(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)'),
    }),
  ],
  { error: 'must repeat every N days or every N weeks' },
);
export type Recurrence = z.infer<typeof Recurrence>;

export const ScheduleFields = z.object({
  asset: Code,
  title: Title,
  recurrence: Recurrence,
  /** The first day it may fall on (UTC calendar day). */
  start: Day,
  /** Parts each occurrence needs: planned on its work order. */
  parts: z.array(PartQuantity).max(100, 'must have at most 100 parts').default([]),
  /** Its work order is created (and its parts reserved) this many days before it is due. */
  reserveDaysAhead: z.number().int('must be whole days').min(0).max(365).default(7),
  /** The priority its work orders get. */
  priority: Priority.default('medium'),
  active: z.boolean().default(true),
});

export const Schedule = ScheduleFields.extend({
  id: identifier(64),
  createdAt: z.iso.datetime(),
  createdBy: identifier(64),
});
export type Schedule = z.infer<typeof Schedule>;

/** A part listed once per schedule (checked on write, like an item's barcodes). */
function partsUnique(s: { parts?: unknown }, ctx: z.RefinementCtx): void {
  if (!Array.isArray(s.parts)) return;
  const seen = new Set<string>();
  s.parts.forEach((p: { sku?: unknown }, index) => {
    if (typeof p?.sku !== 'string') return;
    if (seen.has(p.sku))
      ctx.addIssue({ code: 'custom', message: `${p.sku} is listed twice`, path: ['parts', index, 'sku'] });
    seen.add(p.sku);
  });
}

export const ScheduleInput = ScheduleFields.superRefine(partsUnique, whenValid('parts'));
export type ScheduleInput = z.input<typeof ScheduleInput>;

export const SchedulePatch = z
  .object(withoutDefaults(ScheduleFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .superRefine(partsUnique, whenValid('parts'));
export type SchedulePatch = z.infer<typeof SchedulePatch>;

/** At most this many due days from one call (a daily schedule over 27 years). */
export const MAX_DUE_DATES = 10_000;

/**
 * The days a schedule falls on from `from` to `until` (both included), as UTC calendar
 * days `YYYY-MM-DD`, in order. `from`/`until` may be days or instants (a Date is taken as
 * its UTC day). Every N days counts from the start day; every N weeks on a weekday starts
 * on the first such weekday on or after the start day. Whether the schedule is active is
 * not asked here (see dueWorkOrders).
 */
export function nextDueDates(
  schedule: Pick<Schedule, 'recurrence' | 'start'>,
  from: Date | string,
  until: Date | string,
  limit = MAX_DUE_DATES,
): string[] {
  const { first, step } = series(schedule);
  const lo = Math.max(dayNumber(utcDay(from)), first);
  const hi = dayNumber(utcDay(until));
  const out: string[] = [];
  if (hi < lo) return out;
  let n = first + Math.ceil((lo - first) / step) * step;
  for (; n <= hi && out.length < limit; n += step) out.push(dayOfNumber(n));
  return out;
}

/** The latest day the schedule falls on at or before `day`, or null when it starts later. */
export function lastDueOnOrBefore(
  schedule: Pick<Schedule, 'recurrence' | 'start'>,
  day: string,
): string | null {
  const { first, step } = series(schedule);
  const n = dayNumber(day);
  if (n < first) return null;
  return dayOfNumber(first + Math.floor((n - first) / step) * step);
}

function series(schedule: Pick<Schedule, 'recurrence' | 'start'>): { first: number; step: number } {
  const start = dayNumber(schedule.start);
  const r = schedule.recurrence;
  if (r.unit === 'days') return { first: start, step: r.every };
  const shift = (r.weekday - isoWeekday(schedule.start) + 7) % 7;
  return { first: start + shift, step: 7 * r.every };
}

/** An occurrence of a schedule that must exist as a work order now. */
export interface DueWorkOrder {
  /** scheduleWorkOrderId(schedule, due): the same on every device and node. */
  id: string;
  /** The work-orders room it belongs in: the year of its due day (the same whoever creates it, whenever). */
  year: number;
  schedule: string;
  asset: string;
  title: string;
  priority: Priority;
  due: string;
  parts: PartQuantity[];
}

/**
 * The occurrences that must exist as work orders on `today` (a UTC day): every one due
 * from today to `reserveDaysAhead` days ahead, and the latest one due before today if any
 * (a day the server did not run is caught up, but missed occurrences collapse into the
 * latest one rather than piling up). Nothing before the schedule's start, or before the day
 * it was created, and nothing for an inactive schedule. Each carries its deterministic id,
 * so creating them again (a restart, a second node) adds nothing.
 */
export function dueWorkOrders(schedule: Schedule, today: Date | string): DueWorkOrder[] {
  if (!schedule.active) return [];
  const day = utcDay(today);
  const created = utcDay(schedule.createdAt);
  const floor = laterDay(created, schedule.start);
  const latest = lastDueOnOrBefore(schedule, day);
  const from = latest !== null && latest >= floor ? latest : laterDay(floor, day);
  return nextDueDates(schedule, from, addDays(day, schedule.reserveDaysAhead)).map((due) => ({
    id: scheduleWorkOrderId(schedule.id, due),
    year: Number(due.slice(0, 4)),
    schedule: schedule.id,
    asset: schedule.asset,
    title: schedule.title,
    priority: schedule.priority,
    due,
    parts: schedule.parts,
  }));
}

/** The later of two `YYYY-MM-DD` days (they compare as text). */
function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}
