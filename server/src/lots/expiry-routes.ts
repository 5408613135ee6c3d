import { ExpiryDate } from '@stockroom/shared/ledger/movement';
import { expiryAlerts, expiryChoices, expiryCsv } from '@stockroom/shared/lots/expiry-alerts';
import { newExpiryDecision } from '@stockroom/shared/lots/expiry-decision';
import { dayOf } from '@stockroom/shared/lots/fefo';
import { lotKey } from '@stockroom/shared/lots/lot-records';
import { text } from '@stockroom/shared/text';
import { z } from 'zod';
import { type ApiContext, type ApiRoute, audit, reply, route } from '../api/route.ts';
import { actorOf, auth } from '../api/route-support.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { lotHoldsIn } from './lot-index.ts';
import { LotFilter, LotOut, lotOut, selectLots } from './lot-output.ts';
import { lotOfParams, lotState } from './lot-state.ts';

const TAG = 'lots';
const CSV = 'text/csv; charset=utf-8';
const DEFAULT_DAYS = 30;

/** The expiry alert list as CSV: what GET /api/lots?expiringWithinDays= lists, with value and days left. */
export const expiringCsv = route({
  method: 'GET',
  path: '/api/lots/expiring.csv',
  tag: TAG,
  summary: `Lots expiring within \`expiringWithinDays\` days (default ${DEFAULT_DAYS}), expired ones included, first to expire first, with days left, on hand, unit cost and value, then the expired and not-yet-expired totals. Filters as GET /api/lots (\`sku\`, \`location\`, \`category\`). RFC 4180`,
  access: 'ledger.read',
  query: LotFilter,
  responses: {
    200: { description: 'CSV', contentType: CSV, schema: z.string() },
    400: { description: 'Invalid filter', schema: ErrorBody },
    ...auth,
  },
  async handle(ctx) {
    const today = dayOf(new Date());
    const state = await lotState(ctx.services);
    const query = { ...ctx.query, expiringWithinDays: ctx.query.expiringWithinDays ?? DEFAULT_DAYS };
    const lots = selectLots(state, query, today);
    const alerts = expiryAlerts(lots, {
      today,
      costOf: (sku) => state.item(sku)?.unitCost ?? 0,
      categoryOf: (sku) => state.item(sku)?.category ?? '',
    });
    return {
      status: 200,
      body: expiryCsv(alerts),
      contentType: CSV,
      headers: { 'Content-Disposition': `attachment; filename="expiring-lots-${today}.csv"` },
    };
  },
});

const DecisionBody = z.object({
  expiry: ExpiryDate,
  reason: text({ max: 500, multiline: true }).optional(),
});

/**
 * Decisions run one at a time (this server is one process): the check "still in conflict"
 * and the write happen with no other decision in between, so a second manager deciding the
 * same conflict a moment later is told it is settled instead of writing over the first.
 */
let deciding: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = deciding.then(work, work);
  deciding = run.catch(() => undefined);
  return run;
}

/**
 * A manager settles an expiry conflict by choosing one of the stated expiries. Written as an
 * event in the current ledger month, never an edit of the receipts.
 */
export const decideExpiry = route({
  method: 'POST',
  path: '/api/lots/{sku}/{lot}/expiry',
  tag: TAG,
  summary:
    'Resolve an expiry conflict (receipts of one lot stated different expiries): `expiry` is the one that stands, one of those stated. Recorded as a decision (who, when, between which dates), audited; the receipts stay as they were. Managers.',
  access: 'catalog.write',
  body: DecisionBody,
  responses: {
    201: { description: 'Decided: the lot as it now stands', schema: LotOut },
    400: { description: 'Not a date, or not one of the stated expiries', schema: ErrorBody },
    404: { description: 'Unknown item or lot', schema: ErrorBody },
    409: {
      description: 'The lot has no expiry conflict (never had one, or already resolved)',
      schema: ErrorBody,
    },
    ...auth,
  },
  handle: (ctx: ApiContext<z.infer<typeof DecisionBody>>) => oneAtATime(() => decide(ctx)),
});

async function decide(ctx: ApiContext<z.infer<typeof DecisionBody>>) {
  const { sku, lot } = await lotOfParams(ctx);
  const today = dayOf(new Date());
  const state = await lotState(ctx.services);
  const record = state.records.get(lotKey(sku, lot));
  if (!record)
    throw new ApiError('not_found', `nothing was ever recorded for ${sku} lot ${lot}`, [
      { path: 'lot', message: 'not found' },
    ]);
  const conflict = record.conflicts.find((c) => c.kind === 'expiry');
  if (conflict?.kind !== 'expiry')
    throw new ApiError(
      'conflict',
      `lot ${lot} of ${sku} has no expiry conflict to resolve (it expires on ${record.expiry ?? 'no date'})`,
      [{ path: 'expiry', message: 'no conflict to resolve' }],
    );
  const choices = expiryChoices(conflict);
  if (!choices.includes(ctx.body.expiry))
    throw new ApiError('invalid', `choose one of the stated expiries: ${choices.join(', ')}`, [
      { path: 'expiry', message: `must be one of ${choices.join(', ')}` },
    ]);
  const decision = newExpiryDecision(
    {
      sku,
      lot,
      expiry: ctx.body.expiry,
      over: choices,
      ...(ctx.body.reason ? { reason: ctx.body.reason } : {}),
    },
    actorOf(ctx),
    new Date(),
  );
  const { ledger } = ctx.services;
  await ledger.withPeriod(ledger.currentPeriod(), (_view, room) =>
    room.write(() => lotHoldsIn(room).append(decision)),
  );
  audit(ctx, 'lot.expiry', `item:${sku}`, {
    lot,
    expiry: decision.expiry,
    over: decision.over,
    was: record.expiry,
    id: decision.id,
  });
  const after = await lotState(ctx.services);
  return reply(201, lotOut(after.records.get(lotKey(sku, lot))!, today, after.item(sku)));
}

export const EXPIRY_ROUTES: ApiRoute[] = [expiringCsv, decideExpiry];
