import { Barcode, Code } from '@stockroom/shared/catalog/codes';
import { causeId, randomId } from '@stockroom/shared/ids';
import { periodOf } from '@stockroom/shared/ledger/period';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import type { Result } from '@stockroom/shared/result';
import { type AttributedCount, CountSource, EntryId } from '@stockroom/shared/stocktake/count-entry';
import { StocktakeInput } from '@stockroom/shared/stocktake/definition';
import { countingStartedAt } from '@stockroom/shared/stocktake/lifecycle';
import { startId } from '@stockroom/shared/stocktake/location-events';
import { postingMovements } from '@stockroom/shared/stocktake/posting';
import { reportCsv } from '@stockroom/shared/stocktake/report';
import { DeviceId, Lot, Round, UserId } from '@stockroom/shared/stocktake/stamp';
import { stocktakeRoom } from '@stockroom/shared/sync/rooms';
import { z } from 'zod';
import { can } from '../auth/permissions.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { accessToStocktake } from '../stocktake/stocktake-access.ts';
import { stocktakeOf, withStocktakeIndex } from '../stocktake/stocktake-rooms.ts';
import {
  ApprovalView,
  LocationEventView,
  listEntry,
  StocktakeCreated,
  StocktakeListEntry,
  StocktakeStatusView,
  StocktakeView,
  stocktakeView,
} from '../stocktake/stocktake-view.ts';
import { type StocktakeWorld, withStocktake } from '../stocktake/stocktake-world.ts';
import { type ApiContext, audit, reply, route, sessionOf } from './route.ts';

const TAG = 'stocktakes';
const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: {
    description: 'Your role may not do this, or you are not assigned to this stocktake',
    schema: ErrorBody,
  },
};
const notFound = { 404: { description: 'No such stocktake', schema: ErrorBody } };
const conflict = {
  409: { description: 'Not allowed in the stocktake’s current status', schema: ErrorBody },
};

/** A domain failure becomes the API error of its kind (400, 404, 409...). */
function check<T>(result: Result<T>): T {
  if (!result.ok) throw ApiError.from(result);
  return result.value;
}

function actorOf(ctx: ApiContext, device?: string) {
  const session = sessionOf(ctx);
  return { user: session.username, device: device ?? session.device };
}

/** Counters reach only the stocktakes assigned to them (the room decides, as for sync). */
function requireAccess(ctx: ApiContext, w: StocktakeWorld): 'read' | 'write' {
  const access = accessToStocktake(w.room, sessionOf(ctx));
  if (access === 'none') throw new ApiError('forbidden', `you are not assigned to stocktake ${w.id}`);
  return access;
}

/** A counter must be an active user whose role may count (usernames are lower case: "Ben" is ben). */
function requireCounter(ctx: ApiContext, username: string, field: string): void {
  const user = ctx.services.users.get(username.toLowerCase());
  if (!user || !user.active)
    throw new ApiError('invalid', `no user ${username}`, [{ path: field, message: `no user ${username}` }]);
  if (!can(user.role, 'stocktakes.count'))
    throw new ApiError('invalid', `${username} may not count (role ${user.role})`, [
      { path: field, message: `${username} may not count (role ${user.role})` },
    ]);
}

export const listCounters = route({
  method: 'GET',
  path: '/api/stocktakes/counters',
  tag: TAG,
  summary: 'The active users who may count (to pick a stocktake’s counters from)',
  access: 'stocktakes.manage',
  responses: {
    200: {
      description: 'Users, by username',
      schema: z.array(z.object({ username: z.string(), role: z.string() })),
    },
    ...auth,
  },
  handle: (ctx) =>
    reply(
      200,
      ctx.services.users
        .list()
        .filter((u) => u.active && can(u.role, 'stocktakes.count'))
        .map((u) => ({ username: u.username, role: u.role }))
        .sort((a, b) => (a.username < b.username ? -1 : 1)),
    ),
});

function blindFor(ctx: ApiContext, w: StocktakeWorld): boolean {
  return (w.st.definition()?.blind ?? true) && !can(sessionOf(ctx).role, 'stocktakes.manage');
}

// ── defining and listing ──────────────────────────────────────────────────────────────

export const createStocktake = route({
  method: 'POST',
  path: '/api/stocktakes',
  tag: TAG,
  summary:
    'Create a stocktake (draft): locations to count (zones mean everything below them), or the SKUs of a cycle count; blind by default',
  access: 'stocktakes.manage',
  body: StocktakeInput,
  responses: {
    201: { description: 'Created', schema: StocktakeCreated },
    400: { description: 'Invalid fields or unknown counters', schema: ErrorBody },
    404: { description: 'Unknown location or SKU', schema: ErrorBody },
    ...auth,
  },
  async handle(ctx: ApiContext<z.output<typeof StocktakeInput>>) {
    const body = ctx.body;
    for (const [i, c] of body.counters.entries()) requireCounter(ctx, c, `counters.${i}`);
    const id = randomId();
    const def = await withStocktake(ctx.services, id, { mustExist: false }, (w) =>
      check(
        w.room.write(() =>
          w.st.define(body, {
            actor: actorOf(ctx),
            catalog: w.catalog,
            stock: w.current.view.stock().lines(),
          }),
        ),
      ),
    );
    await withStocktakeIndex(ctx.services.rooms, (index, room) => room.write(() => index.addDefinition(def)));
    audit(ctx, 'stocktake.create', `stocktake:${id}`, {
      name: def.name,
      scope: def.scope,
      blind: def.blind,
      tolerance: def.tolerance,
      counters: body.counters,
    });
    return reply(201, { id });
  },
});

export const listStocktakes = route({
  method: 'GET',
  path: '/api/stocktakes',
  tag: TAG,
  summary: 'Stocktakes, newest first, with their status (a counter sees those assigned to them)',
  access: 'stocktakes.read',
  responses: { 200: { description: 'Stocktakes', schema: z.array(StocktakeListEntry) }, ...auth },
  async handle(ctx: ApiContext) {
    const session = sessionOf(ctx);
    const entries = await withStocktakeIndex(ctx.services.rooms, (index) => index.list());
    const out: z.infer<typeof StocktakeListEntry>[] = [];
    for (const entry of entries) {
      const item = await ctx.services.rooms.with(stocktakeRoom(entry.id), (room) => {
        if (accessToStocktake(room, session) === 'none') return null;
        const st = stocktakeOf(room);
        const def = st.definition();
        return listEntry(entry, { status: st.status(), blind: def?.blind ?? true, counters: st.counters() });
      });
      if (item) out.push(item);
    }
    return reply(200, out);
  },
});

export const getStocktake = route({
  method: 'GET',
  path: '/api/stocktakes/{id}',
  tag: TAG,
  summary:
    'Status, progress and lines (expected, counted, variance per item × location × lot). Counters of a blind stocktake get null expected quantities',
  access: 'stocktakes.read',
  responses: { 200: { description: 'The stocktake', schema: StocktakeView }, ...notFound, ...auth },
  handle: (ctx: ApiContext) =>
    withStocktake(ctx.services, ctx.params.id, { history: true }, (w) => {
      requireAccess(ctx, w);
      const summary = w.summary();
      const posting = postingMovements(summary, actorOf(ctx));
      return reply(
        200,
        stocktakeView(summary, {
          hideExpected: blindFor(ctx, w),
          warnings: posting.ok ? posting.value.warnings : [],
        }),
      );
    }),
});

export const stocktakeReport = route({
  method: 'GET',
  path: '/api/stocktakes/{id}/report.csv',
  tag: TAG,
  summary: 'The stocktake report as CSV: counted vs expected, variance, value, tolerance, who counted what',
  access: 'stocktakes.read',
  responses: {
    200: { description: 'CSV (RFC 4180)', schema: z.string(), contentType: 'text/csv' },
    ...notFound,
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withStocktake(ctx.services, ctx.params.id, { history: true }, (w) => {
      requireAccess(ctx, w);
      if (blindFor(ctx, w)) throw new ApiError('forbidden', 'a blind stocktake’s report is for managers');
      return {
        status: 200,
        body: reportCsv(w.summary()),
        contentType: 'text/csv; charset=utf-8',
        headers: { 'Content-Disposition': `attachment; filename="stocktake-${w.id}.csv"` },
      };
    }),
});

// ── lifecycle ─────────────────────────────────────────────────────────────────────────

const Reason = z.object({ reason: z.string().trim().max(500).optional() });

function transition(
  path: string,
  summary: string,
  action: 'start' | 'close' | 'cancel',
  body?: typeof Reason,
) {
  return route({
    method: 'POST',
    path,
    tag: TAG,
    summary,
    access: 'stocktakes.manage',
    ...(body ? { body } : {}),
    responses: {
      200: { description: 'The status now (unchanged when already there)', schema: StocktakeStatusView },
      ...notFound,
      ...conflict,
      ...auth,
    },
    handle: (ctx: ApiContext<z.infer<typeof Reason> | undefined>) =>
      withStocktake(ctx.services, ctx.params.id, {}, (w) => {
        const before = w.st.status();
        const wctx = { actor: actorOf(ctx) };
        const status = check(
          w.room.write(() =>
            action === 'start'
              ? w.st.start(wctx)
              : action === 'close'
                ? w.st.close(wctx)
                : w.st.cancel({ ...wctx, reason: ctx.body?.reason }),
          ),
        );
        if (status !== before) {
          audit(ctx, `stocktake.${action}`, `stocktake:${w.id}`, { from: before, to: status });
        }
        return reply(200, { id: w.id, status });
      }),
  });
}

export const startStocktake = transition(
  '/api/stocktakes/{id}/start',
  'Start counting (draft → counting)',
  'start',
);
export const closeStocktake = transition(
  '/api/stocktakes/{id}/close',
  'Close counting for review (counting → review); requested recounts are still counted',
  'close',
);
export const cancelStocktake = transition(
  '/api/stocktakes/{id}/cancel',
  'Cancel the stocktake (nothing is posted; the room becomes read-only)',
  'cancel',
  Reason,
);

const ApproveBody = z
  .object({
    /** The reason to post although some locations' counts are not complete. */
    postAnyway: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const approveStocktake = route({
  method: 'POST',
  path: '/api/stocktakes/{id}/approve',
  tag: TAG,
  summary:
    'Post the adjustments (one adjust movement per item × location × lot with a variance, from completed counts) into the ledger of the period counting started in, and mark the stocktake posted. Idempotent: calling it again, or at the same time from two clients, posts once. Refused (409, field `locations`) while a location has counts nobody marked done, unless `postAnyway` gives a reason (audited)',
  access: 'stocktakes.manage',
  body: ApproveBody,
  responses: {
    200: { description: 'Posted (or already posted: alreadyPosted is true)', schema: ApprovalView },
    ...notFound,
    ...conflict,
    ...auth,
  },
  handle: (ctx: ApiContext<z.infer<typeof ApproveBody> | undefined>) =>
    withStocktake(ctx.services, ctx.params.id, { history: true }, (w) => {
      const postAnyway = ctx.body?.postAnyway;
      const posted = [...w.st.states.values()].find((e) => e.to === 'posted');
      if (posted && posted.to === 'posted' && w.st.status() === 'posted') {
        return reply(200, {
          posted: posted.adjustments.length,
          movements: posted.adjustments.map((a) => a.movement),
          appended: 0,
          alreadyPosted: true,
          period: posted.period,
          warnings: [],
        });
      }
      const started = countingStartedAt(w.st.states.values());
      const target = started ? w.ledgers.get(periodOf(started)) : undefined;
      const approve = () =>
        w.room.write(() =>
          w.st.approve(
            (period) => {
              const held = w.ledgers.get(period);
              if (!held) throw new Error(`ledger ${period} is not loaded`);
              return held.view.ledger.movements;
            },
            {
              actor: actorOf(ctx),
              catalog: w.catalog,
              movements: w.movements(),
              snapshots: w.expected.values(),
              ...(postAnyway ? { postAnyway } : {}),
            },
          ),
        );
      const result = check(target ? target.room.write(approve) : approve());
      const { posting, appended, alreadyPosted } = result;
      if (!alreadyPosted) {
        audit(ctx, 'stocktake.approve', `stocktake:${w.id}`, {
          period: posting.period,
          adjustments: posting.lines,
          appended,
          warnings: posting.warnings,
          ...(posting.incomplete.length ? { postedAnyway: postAnyway, incomplete: posting.incomplete } : {}),
        });
      }
      return reply(200, {
        posted: posting.movements.length,
        movements: posting.movements.map((m) => m.id),
        appended,
        alreadyPosted,
        period: posting.period,
        warnings: posting.warnings,
      });
    }),
});

// ── counting ──────────────────────────────────────────────────────────────────────────

const oneItem = (e: { sku?: string | undefined; barcode?: string | undefined }) =>
  (e.sku === undefined) !== (e.barcode === undefined);

export const CountPost = z
  .object({
    location: Code,
    sku: Code.optional(),
    /** Recorded as scanned when no item has it (resolved later), never rejected. */
    barcode: Barcode.optional(),
    quantity: PositiveQuantity.optional(),
    lot: Lot.optional(),
    /** The scanner, gate or app the count comes from (attributed with your user). */
    device: DeviceId,
    /** Your id for this count: sending it again (a retry) counts it once. Scoped to your user and device. */
    entryId: EntryId.optional(),
    round: Round.optional(),
    source: CountSource.optional(),
  })
  .refine(oneItem, { message: 'give either a SKU or a barcode', path: ['sku'] });

const CountView = z.object({
  id: z.string(),
  entryId: z.string().optional(),
  location: z.string(),
  sku: z.string().optional(),
  barcode: z.string().optional(),
  lot: z.string().optional(),
  quantity: z.number(),
  round: z.number().int(),
  at: z.string(),
  user: z.string(),
  device: z.string(),
});

function countView(e: AttributedCount, entryId: string | undefined): z.infer<typeof CountView> {
  return {
    id: e.id,
    ...(entryId !== undefined ? { entryId } : {}),
    location: e.location,
    ...(e.sku !== undefined ? { sku: e.sku } : {}),
    ...(e.barcode !== undefined ? { barcode: e.barcode } : {}),
    ...(e.lot !== undefined ? { lot: e.lot } : {}),
    quantity: e.quantity,
    round: e.round,
    at: e.at,
    user: e.user,
    device: e.device,
  };
}

export const postCount = route({
  method: 'POST',
  path: '/api/stocktakes/{id}/counts',
  tag: TAG,
  summary:
    'Record a count (default quantity 1) at a location, by SKU or barcode (unknown barcodes are recorded for later resolution). The location starts counting with the on-hand snapshot if it had not. With `entryId`, a retry counts once (200)',
  access: 'stocktakes.count',
  body: CountPost,
  responses: {
    201: { description: 'Counted', schema: CountView },
    200: { description: 'Already counted under this entryId', schema: CountView },
    400: { description: 'Invalid fields, location not in the stocktake, lot missing', schema: ErrorBody },
    404: { description: 'No such stocktake, location or SKU', schema: ErrorBody },
    409: { description: 'The stocktake is not counting', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof CountPost>>) =>
    withStocktake(ctx.services, ctx.params.id, {}, (w) => {
      requireAccess(ctx, w);
      const { device, entryId, source, ...count } = ctx.body;
      const actor = actorOf(ctx, device);
      const result = check(
        w.room.write(() =>
          w.st.count(
            {
              ...count,
              source: source ?? 'api',
              // Scoped per user and device: two scanners both numbering from 1 must not collide.
              ...(entryId !== undefined
                ? { entryId: causeId('api-count', actor.user, device, entryId) }
                : {}),
            },
            { actor, catalog: w.catalog },
          ),
        ),
      );
      // The counter's start (written with the count if it was the first) gets its snapshot now.
      const start = w.st.locationEvents.get(
        startId(w.id, result.entry.location, result.entry.round, actor.user, actor.device),
      );
      if (start?.type === 'start' && w.expected.needs(start)) {
        const lines = w.current.view.stock().lines({ location: start.location });
        w.expectedRoom.write(() => w.expected.record(start, lines));
      }
      if (result.created) {
        audit(ctx, 'stocktake.count', `stocktake:${w.id}`, {
          entry: result.entry.id,
          location: result.entry.location,
          sku: result.entry.sku,
          barcode: result.entry.barcode,
          lot: result.entry.lot,
          quantity: result.entry.quantity,
          round: result.entry.round,
          device,
        });
      }
      return reply(result.created ? 201 : 200, countView(result.entry, entryId));
    }),
});

const DoneBody = z.object({
  /** A manager closes the round for everyone (e.g. for a counter whose phone died). */
  forAll: z.boolean().optional(),
  device: DeviceId.optional(),
});

export const locationDone = route({
  method: 'POST',
  path: '/api/stocktakes/{id}/locations/{code}/done',
  tag: TAG,
  summary:
    'You have finished counting the location in its current round (a round is complete when everyone who counted in it is done; `forAll`: a manager closes it)',
  access: 'stocktakes.count',
  body: DoneBody,
  responses: {
    200: { description: 'Done (pressing it again changes nothing)', schema: LocationEventView },
    400: { description: 'Location not in the stocktake', schema: ErrorBody },
    ...notFound,
    ...conflict,
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof DoneBody> | undefined>) =>
    withStocktake(ctx.services, ctx.params.id, {}, (w) => {
      requireAccess(ctx, w);
      const forAll = ctx.body?.forAll ?? false;
      if (forAll && !can(sessionOf(ctx).role, 'stocktakes.manage')) {
        throw new ApiError('forbidden', 'only a manager closes a location for everyone');
      }
      const code = ctx.params.code ?? '';
      const event = check(
        w.room.write(() =>
          w.st.done(code, { actor: actorOf(ctx, ctx.body?.device), catalog: w.catalog, forAll }),
        ),
      );
      audit(ctx, 'stocktake.location.done', `stocktake:${w.id}`, {
        location: code,
        round: event.round,
        forAll,
      });
      const status = w.st.location(code, { catalog: w.catalog })?.status ?? 'not_started';
      return reply(200, { id: event.id, location: code, round: event.round, status });
    }),
});

const RecountBody = z.object({
  /** The counter who recounts (assigned to the stocktake if not yet); default: anyone. */
  assignee: UserId.optional(),
  /** Default true: the recount does not see expected quantities nor the earlier count. */
  blind: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});

export const locationRecount = route({
  method: 'POST',
  path: '/api/stocktakes/{id}/locations/{code}/recount',
  tag: TAG,
  summary: 'Request a recount of a location: a new round, optionally for one counter, blind by default',
  access: 'stocktakes.manage',
  body: RecountBody,
  responses: {
    201: { description: 'Recount requested', schema: LocationEventView },
    400: { description: 'Location not in the stocktake, or unknown assignee', schema: ErrorBody },
    ...notFound,
    ...conflict,
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof RecountBody> | undefined>) =>
    withStocktake(ctx.services, ctx.params.id, {}, (w) => {
      const code = ctx.params.code ?? '';
      const body = ctx.body ?? {};
      const wctx = { actor: actorOf(ctx), catalog: w.catalog };
      if (body.assignee !== undefined) requireCounter(ctx, body.assignee, 'assignee');
      const event = check(
        w.room.write(() => {
          if (body.assignee !== undefined && !w.st.counters().includes(body.assignee)) {
            const assigned = w.st.assign(body.assignee, wctx);
            if (!assigned.ok) return assigned;
          }
          return w.st.requestRecount(code, { ...wctx, ...body });
        }),
      );
      audit(ctx, 'stocktake.location.recount', `stocktake:${w.id}`, {
        location: code,
        round: event.round,
        ...body,
      });
      const status = w.st.location(code, { catalog: w.catalog })?.status ?? 'recount';
      return reply(201, { id: event.id, location: code, round: event.round, status });
    }),
});

/** Every stocktake route, for routes.ts. */
export const STOCKTAKE_ROUTES = [
  listCounters,
  createStocktake,
  listStocktakes,
  getStocktake,
  stocktakeReport,
  startStocktake,
  closeStocktake,
  cancelStocktake,
  approveStocktake,
  postCount,
  locationDone,
  locationRecount,
];
