import { Code } from '@stockroom/shared/catalog/codes';
import { Day, isoWeekday, utcDay } from '@stockroom/shared/maintenance/days';
import { PartQuantity, Priority, Title } from '@stockroom/shared/maintenance/work-order';
import { z } from 'zod';
import { type ApiContext, audit, keysOf, reply, route } from '../api/route.ts';
import { auth, check } from '../api/route-support.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { withCatalogReferences, withMaintenance } from './maintenance-rooms.ts';
import { ScheduleOut, scheduleOut } from './maintenance-views.ts';
import { TAG } from './route-support.ts';

const Every = (unit: string, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int(`must be whole ${unit}`)
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`);
const Weekday = z
  .number({ error: 'must be a weekday from 1 (Monday) to 7 (Sunday)' })
  .int('must be a weekday from 1 (Monday) to 7 (Sunday)')
  .min(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)')
  .max(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)');

const RecurrenceFields = {
  /** Every N days from `start`. */
  everyDays: Every('days', 3660).optional(),
  /** Every N weeks on `weekday` (default: the weekday of `start`). */
  everyWeeks: Every('weeks', 520).optional(),
  /** ISO weekday: Monday 1 … Sunday 7; only with everyWeeks. */
  weekday: Weekday.optional(),
};

type RecurrenceBody = { everyDays?: number; everyWeeks?: number; weekday?: number };

/** Exactly one of everyDays and everyWeeks; a weekday only with everyWeeks. */
function recurrenceRules(b: RecurrenceBody, ctx: z.RefinementCtx, required: boolean): void {
  const days = b.everyDays !== undefined;
  const weeks = b.everyWeeks !== undefined;
  if (days && weeks)
    ctx.addIssue({ code: 'custom', message: 'give everyDays or everyWeeks, not both', path: ['everyWeeks'] });
  else if (!days && !weeks && required)
    ctx.addIssue({ code: 'custom', message: 'give everyDays or everyWeeks', path: ['everyDays'] });
  if (b.weekday !== undefined && !weeks)
    ctx.addIssue({ code: 'custom', message: 'a weekday goes with everyWeeks', path: ['weekday'] });
}

const ScheduleIn = z
  .object({
    asset: Code,
    title: Title,
    ...RecurrenceFields,
    /** The first day it may fall on (UTC); default today. */
    start: Day.optional(),
    parts: z.array(PartQuantity).max(100, 'must have at most 100 parts').optional(),
    /** Its work orders are created, and their parts reserved, this many days before they are due (default 7). */
    reserveDaysAhead: z.number().int('must be whole days').min(0).max(365).optional(),
    priority: Priority.optional(),
  })
  .superRefine((b, ctx) => recurrenceRules(b, ctx, true));

const SchedulePatchIn = z
  .object({
    title: Title.optional(),
    ...RecurrenceFields,
    start: Day.optional(),
    parts: z.array(PartQuantity).max(100, 'must have at most 100 parts').optional(),
    reserveDaysAhead: z.number().int('must be whole days').min(0).max(365).optional(),
    priority: Priority.optional(),
    /** False stops it: no more work orders are generated. */
    active: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .superRefine((b, ctx) => recurrenceRules(b, ctx, false));

function recurrenceOf(b: RecurrenceBody, start: string) {
  if (b.everyDays !== undefined) return { unit: 'days' as const, every: b.everyDays };
  if (b.everyWeeks !== undefined)
    return { unit: 'weeks' as const, every: b.everyWeeks, weekday: b.weekday ?? isoWeekday(start) };
  return undefined;
}

export const listSchedules = route({
  method: 'GET',
  path: '/api/schedules',
  tag: TAG,
  summary: 'Preventive maintenance schedules, with the next days each falls on; optionally of one `asset`',
  access: 'maintenance.read',
  query: z.object({ asset: z.string().max(64).optional() }),
  responses: {
    200: { description: 'Schedules by asset, then title', schema: z.array(ScheduleOut) },
    ...auth,
  },
  handle: (ctx) =>
    withMaintenance(
      ctx.services.rooms,
      (m) => {
        const now = new Date();
        const list = [...m.schedules.values()]
          .filter((s) => ctx.query.asset === undefined || s.asset === ctx.query.asset)
          .sort(
            (a, b) =>
              a.asset.localeCompare(b.asset) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
          );
        return reply(
          200,
          list.map((s) => scheduleOut(s, now)),
        );
      },
      'dependency',
    ),
});

export const createSchedule = route({
  method: 'POST',
  path: '/api/schedules',
  tag: TAG,
  summary:
    'Schedule preventive maintenance of an asset every N days, or every N weeks on a weekday, from `start` (default today, UTC). Each occurrence becomes a work order `reserveDaysAhead` days before it is due (default 7), with `parts` planned and reserved — beyond what is available too, flagged as a shortage. The server generates them at once, whenever schedules change, and hourly; generating twice adds nothing',
  access: 'maintenance.plan',
  body: ScheduleIn,
  responses: {
    201: { description: 'Scheduled', schema: ScheduleOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'Unknown asset or part SKU', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof ScheduleIn>>) =>
    withCatalog(ctx.services.rooms, async (catalog) => {
      const b = ctx.body;
      const now = new Date();
      const start = b.start ?? utcDay(now);
      const s = ctx.session!;
      const schedule = await withMaintenance(ctx.services.rooms, (m, room) =>
        check(
          withCatalogReferences(m, catalog, () =>
            room.write(() =>
              m.createSchedule(
                {
                  asset: b.asset,
                  title: b.title,
                  recurrence: recurrenceOf(b, start),
                  start,
                  parts: b.parts ?? [],
                  ...(b.reserveDaysAhead !== undefined ? { reserveDaysAhead: b.reserveDaysAhead } : {}),
                  ...(b.priority ? { priority: b.priority } : {}),
                },
                { user: s.username, device: s.device },
                now,
              ),
            ),
          ),
        ),
      );
      audit(ctx, 'schedule.create', `schedule:${schedule.id}`, {
        asset: schedule.asset,
        title: schedule.title,
        recurrence: schedule.recurrence,
        start: schedule.start,
        parts: schedule.parts,
        reserveDaysAhead: schedule.reserveDaysAhead,
      });
      // What is due already becomes work orders before the answer: the planner sees them at once.
      await ctx.services.preventive.run();
      return reply(201, scheduleOut(schedule, now));
    }),
});

export const patchSchedule = route({
  method: 'PATCH',
  path: '/api/schedules/{id}',
  tag: TAG,
  summary:
    'Change a schedule (title, recurrence, start, parts, days ahead, priority; `active: false` stops it). Work orders already generated stay as they are',
  access: 'maintenance.plan',
  body: SchedulePatchIn,
  responses: {
    200: { description: 'The schedule now', schema: ScheduleOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'No such schedule, or an unknown part SKU', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof SchedulePatchIn>>) =>
    withCatalog(ctx.services.rooms, async (catalog) => {
      const id = ctx.params.id!;
      const { everyDays, everyWeeks, weekday, ...rest } = ctx.body;
      const schedule = await withMaintenance(ctx.services.rooms, (m, room) => {
        const current = m.schedules.get(id);
        if (!current)
          throw new ApiError('not_found', `no schedule ${id}`, [{ path: 'id', message: 'not found' }]);
        const recurrence = recurrenceOf({ everyDays, everyWeeks, weekday }, rest.start ?? current.start);
        return check(
          withCatalogReferences(m, catalog, () =>
            room.write(() => m.patchSchedule(id, { ...rest, ...(recurrence ? { recurrence } : {}) })),
          ),
        );
      });
      audit(ctx, 'schedule.update', `schedule:${id}`, { fields: keysOf(ctx.body) });
      await ctx.services.preventive.run();
      return reply(200, scheduleOut(schedule));
    }),
});
