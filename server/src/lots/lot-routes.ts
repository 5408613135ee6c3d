import { ExpiryDate, Movement } from '@stockroom/shared/ledger/movement';
import { purchaseLineOf } from '@stockroom/shared/ledger/references';
import { ExpiryDecision } from '@stockroom/shared/lots/expiry-decision';
import { dayOf, lotConflicts } from '@stockroom/shared/lots/fefo';
import { LotHold, newLotHold } from '@stockroom/shared/lots/lot-hold';
import { lotKey } from '@stockroom/shared/lots/lot-records';
import { traceLot } from '@stockroom/shared/lots/trace';
import { text } from '@stockroom/shared/text';
import { z } from 'zod';
import { type ApiContext, type ApiRoute, audit, reply, route, sessionOf } from '../api/route.ts';
import { auth } from '../api/route-support.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { withPurchasing } from '../purchasing/purchasing-rooms.ts';
import { EXPIRY_ROUTES } from './expiry-routes.ts';
import { lotHoldsIn } from './lot-index.ts';
import {
  ConflictOut as Conflict,
  LotLocationOut as Location,
  LotFilter,
  LotOut,
  lotOut,
  selectLots,
} from './lot-output.ts';
import { lotOfParams, lotState } from './lot-state.ts';

const TAG = 'lots';

export const listLots = route({
  method: 'GET',
  path: '/api/lots',
  tag: TAG,
  summary:
    "Lots and serials with stock on hand, first to expire first (lots without an expiry last). `location` keeps the lots there and counts only what is there; `category` keeps the items of that catalog category; `expiringWithinDays` keeps those expiring within that many days, expired ones included. `value` is on hand × the item's unit cost.",
  access: 'ledger.read',
  query: LotFilter,
  responses: {
    200: { description: 'Lots', schema: z.array(LotOut) },
    400: { description: 'Invalid filter', schema: ErrorBody },
    ...auth,
  },
  async handle(ctx) {
    const today = dayOf(new Date());
    const state = await lotState(ctx.services);
    return reply(
      200,
      selectLots(state, ctx.query, today).map((l) => lotOut(l, today, state.item(l.sku))),
    );
  },
});

export const listLotConflicts = route({
  method: 'GET',
  path: '/api/lots/conflicts',
  tag: TAG,
  summary:
    'What offline devices made that a manager must resolve: lots received with two different expiries (the first stays), serials on hand twice or issued twice',
  access: 'ledger.read',
  responses: { 200: { description: 'Conflicts', schema: z.array(Conflict) }, ...auth },
  async handle(ctx) {
    return reply(200, lotConflicts((await lotState(ctx.services)).records.values()));
  },
});

export const traceRoute = route({
  method: 'GET',
  path: '/api/trace',
  tag: TAG,
  summary:
    'Everything that happened to a lot (`lot=`) or serial (`serial=`) of an item: where it came from (supplier, purchase order), every movement in time order, its blocks and releases, what is left where',
  access: 'ledger.read',
  query: z.object({
    sku: z.string().min(1).max(64),
    lot: z.string().min(1).max(64).optional(),
    serial: z.string().min(1).max(64).optional(),
  }),
  responses: {
    200: {
      description: 'The trace',
      schema: z.object({
        sku: z.string(),
        lot: z.string(),
        serial: z.boolean(),
        expiry: ExpiryDate.nullable(),
        supplier: z.string().optional(),
        purchaseOrder: z.string().optional(),
        blocked: z.boolean(),
        movements: z.array(Movement),
        holds: z.array(LotHold),
        expiryDecisions: z.array(ExpiryDecision),
        onHand: z.array(Location),
        conflicts: z.array(Conflict),
      }),
    },
    400: { description: 'Neither lot nor serial given', schema: ErrorBody },
    404: { description: 'Nothing ever named this lot or serial', schema: ErrorBody },
    ...auth,
  },
  async handle(ctx) {
    const { sku, lot, serial } = ctx.query;
    const code = lot ?? serial;
    if (!code)
      throw new ApiError('invalid', 'give lot= or serial=', [{ path: 'lot', message: 'is required' }]);
    const state = await lotState(ctx.services);
    const trace = traceLot({ ...state.events, tracking: state.tracking }, sku, code);
    if (!trace)
      throw new ApiError(
        'not_found',
        `nothing was ever recorded for ${sku} ${serial ? 'serial' : 'lot'} ${code}`,
        [{ path: serial ? 'serial' : 'lot', message: 'not found' }],
      );
    const origin = await purchaseOrigin(ctx, trace.movements);
    return reply(200, { ...trace, ...origin });
  },
});

/**
 * The supplier and order number of the lot's first receipt against a purchase order, from
 * the purchasing room of the receipt's year (or the year before: orders stay open across
 * New Year). Rooms never written are not opened.
 */
async function purchaseOrigin(ctx: ApiContext, movements: Movement[]) {
  const receipt = movements.find((m) => m.type === 'receive' && purchaseLineOf(m.reference));
  const line = receipt && purchaseLineOf(receipt.reference);
  if (!receipt || !line) return {};
  const year = Number(receipt.at.slice(0, 4));
  const stored = new Set(ctx.services.storedRooms());
  for (const y of [year, year - 1]) {
    if (!stored.has(`purchasing-${y}`)) continue;
    const found = await withPurchasing(ctx.services.rooms, y, (p) => p.order(line.po), 'dependency');
    if (found) return { supplier: found.supplier, purchaseOrder: found.number ?? line.po };
  }
  return { purchaseOrder: line.po };
}

const HoldBody = z.object({ reason: text({ max: 500, required: 'is required', multiline: true }) });

function holdRoute(action: 'block' | 'release'): ApiRoute {
  return route({
    method: 'POST',
    path: `/api/lots/{sku}/{lot}/${action}`,
    tag: TAG,
    summary:
      action === 'block'
        ? 'Block a lot or serial (a recall, a quality hold): it cannot be issued until released. Managers; audited. Blocking a lot already blocked changes nothing.'
        : 'Release a blocked lot or serial. Managers; audited.',
    access: 'catalog.write',
    body: HoldBody,
    responses: {
      201: { description: action === 'block' ? 'Blocked' : 'Released', schema: LotOut },
      200: { description: 'Already blocked', schema: LotOut },
      400: { description: 'No reason given', schema: ErrorBody },
      404: { description: 'Unknown item', schema: ErrorBody },
      409: { description: 'The lot is not blocked (release)', schema: ErrorBody },
      ...auth,
    },
    async handle(ctx: ApiContext<z.infer<typeof HoldBody>>) {
      const session = sessionOf(ctx);
      const { sku, lot } = await lotOfParams(ctx);
      const today = dayOf(new Date());
      const state = await lotState(ctx.services);
      const before = state.records.get(lotKey(sku, lot));
      if (action === 'block' && before?.blocked) return reply(200, lotOut(before, today, state.item(sku)));
      if (action === 'release' && !before?.blocked)
        throw new ApiError('conflict', `lot ${lot} of ${sku} is not blocked`, [
          { path: 'lot', message: 'is not blocked' },
        ]);
      const hold = newLotHold(
        { action, sku, lot, reason: ctx.body.reason },
        { user: session.username, device: session.device },
        new Date(),
      );
      const { ledger } = ctx.services;
      await ledger.withPeriod(ledger.currentPeriod(), (_view, room) =>
        room.write(() => lotHoldsIn(room).append(hold)),
      );
      audit(ctx, `lot.${action}`, `item:${sku}`, { lot, reason: hold.reason, id: hold.id });
      const afterState = await lotState(ctx.services);
      const after = afterState.records.get(lotKey(sku, lot))!;
      return reply(201, lotOut(after, today, afterState.item(sku)));
    },
  });
}

export const LOT_ROUTES: ApiRoute[] = [
  listLots,
  listLotConflicts,
  traceRoute,
  holdRoute('block'),
  holdRoute('release'),
  ...EXPIRY_ROUTES,
];
