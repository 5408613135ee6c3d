import { causeId } from '@stockroom/shared/ids';
import { effectiveAt, Movement, MovementType } from '@stockroom/shared/ledger/movement';
import { MAX_BACKDATE_DAYS, periodOf, previousPeriod } from '@stockroom/shared/ledger/period';
import { prepareMovement } from '@stockroom/shared/ledger/record-movement';
import { dayOf } from '@stockroom/shared/lots/fefo';
import { lotMovementProblem } from '@stockroom/shared/lots/lot-rules';
import { z } from 'zod';
import { type ApiContext, audit, reply, route, sessionOf } from '../api/route.ts';
import { actorOf, auth } from '../api/route-support.ts';
import { MovementOptions, MovementPost, Period } from '../api/schemas.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { lotState, namesLot } from '../lots/lot-state.ts';
import { gateMovement, HeldReply, holdAdjustment } from '../procedures/movement-gate.ts';

const TAG = 'movements';

const MovementQuery = z.object({
  sku: z.string().max(64).optional(),
  location: z.string().max(64).optional(),
  type: MovementType.optional(),
  period: Period.optional(),
});

export const recordMovement = route({
  method: 'POST',
  path: '/api/movements',
  tag: TAG,
  summary:
    "Record a receipt (with its `unitCost`), issue, transfer or adjustment. `occurredAt` (ISO 8601, not in the future, at most 400 days back) records when it really happened: it goes into that month’s ledger, and the audit keeps both times. With `requestId`, retries record it once (200 with the existing movement). A receipt of a lot- or serial-tracked item may carry its `expiry` (YYYY-MM-DD); a blocked lot is not issued, an expired one only with a `reason`. `reasonCode` picks one of GET /api/reason-codes (a `reason` naming a code counts as it; required for adjustments once an admin turns that on); an adjustment above its item category's approval threshold is held for a manager (202, GET /api/approvals) and changes no stock until approved.",
  access: 'ledger.write',
  body: MovementPost,
  validateBody: false,
  responses: {
    201: { description: 'Recorded', schema: Movement },
    200: { description: 'Already recorded under this requestId', schema: Movement },
    202: { description: 'Held: an adjustment above its threshold, waiting for a manager', schema: HeldReply },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'Unknown SKU or location', schema: ErrorBody },
    409: {
      description:
        'Not enough stock on hand (send "allowNegative": true to record anyway); a serial already on hand or not on hand; a blocked lot; a receipt restating a lot\'s expiry differently',
      schema: ErrorBody,
    },
    ...auth,
  },
  async handle(ctx: ApiContext) {
    const body = ctx.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ApiError('invalid', 'the body must be a JSON object', [
        { path: '', message: 'must be an object' },
      ]);
    }
    const options = MovementOptions.safeParse(body);
    if (!options.success) throw ApiError.fromZod(options.error);
    const session = sessionOf(ctx);
    const { ledger } = ctx.services;
    const now = new Date();
    const current = ledger.currentPeriod();
    const occurredAt = (body as { occurredAt?: unknown }).occurredAt;
    const when = typeof occurredAt === 'string' ? Date.parse(occurredAt) : Number.NaN;
    // A back-dated movement belongs to the month it happened in (its opening and the later
    // months' follow). Out of bounds, prepareMovement refuses it: no room is opened for it.
    const inBounds = when <= now.getTime() && when >= now.getTime() - MAX_BACKDATE_DAYS * 86_400_000;
    const period = inBounds ? periodOf(new Date(when)) : current;
    const id = options.data.requestId
      ? causeId('api-movement', session.username, options.data.requestId)
      : undefined;

    if (id) {
      for (const p of new Set([period, current, previousPeriod(current)])) {
        const earlier = await findMovement(ctx.services, p, id);
        if (earlier) return reply(200, earlier);
      }
    }
    // Procedures (reason code, verifiable checklist steps, approval threshold) before anything is held.
    const gate = await gateMovement(ctx, body as Record<string, unknown>);
    // Lots span every ledger period (expiry, blocks): read once, before the rooms are held.
    const lots = namesLot(body) ? (await lotState(ctx.services)).records : null;
    return withCatalog(ctx.services.rooms, (catalog) =>
      // Stock on hand now decides whether there is enough to issue, whichever month it is dated in.
      ledger.withPeriod(current, (nowView) =>
        ledger.withPeriod(period, (view, room) => {
          const result = prepareMovement(gate.body, {
            catalog,
            stock: nowView.stock(),
            actor: actorOf(ctx),
            now,
            id,
            allowNegative: options.data.allowNegative ?? false,
          });
          if (!result.ok) throw ApiError.from(result);
          const movement = result.value;
          const lotProblem = lots && lotMovementProblem(lots, movement, dayOf(now));
          if (lotProblem) throw ApiError.from(lotProblem);
          if (gate.hold && movement.type === 'adjust')
            return holdAdjustment(ctx, movement, gate.hold, {
              requestId: options.data.requestId,
              allowNegative: options.data.allowNegative,
            });
          room.write(() => view.ledger.movements.append(movement));
          audit(ctx, `movement.${movement.type}`, `item:${movement.sku}`, {
            id: movement.id,
            period,
            location: movement.location,
            toLocation: movement.type === 'transfer' ? movement.toLocation : undefined,
            quantity: movement.quantity,
            lot: movement.lot,
            unitCost: movement.type === 'receive' ? movement.unitCost : undefined,
            expiry: movement.type === 'receive' ? movement.expiry : undefined,
            recordedAt: movement.at,
            occurredAt: movement.occurredAt,
            allowNegative: options.data.allowNegative ?? false,
          });
          return reply(201, movement);
        }),
      ),
    );
  },
});

export const listMovements = route({
  method: 'GET',
  path: '/api/movements',
  tag: TAG,
  summary:
    'Movements of one period (default: the current month), oldest first; `location` matches either end of a transfer',
  access: 'ledger.read',
  query: MovementQuery,
  responses: {
    200: { description: 'Movements', schema: z.array(Movement) },
    400: { description: 'Invalid filter', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx) => {
    const { sku, location, type, period } = ctx.query;
    const { ledger } = ctx.services;
    const wanted = period ?? ledger.currentPeriod();
    // Reading a month nobody recorded anything in must not create its room.
    if (wanted !== ledger.currentPeriod() && !ledger.knownPeriods().includes(wanted)) return reply(200, []);
    return ledger.withPeriod(wanted, (view) => {
      const out = [...view.ledger.movements.values()].filter(
        (m) =>
          (sku === undefined || m.sku === sku) &&
          (type === undefined || m.type === type) &&
          (location === undefined ||
            m.location === location ||
            (m.type === 'transfer' && m.toLocation === location)),
      );
      out.sort((a, b) => effectiveAt(a).localeCompare(effectiveAt(b)) || a.id.localeCompare(b.id));
      return reply(200, out);
    });
  },
});

/** A movement already recorded in a period that exists (a retry across a month boundary). */
async function findMovement(services: Services, period: string, id: string): Promise<Movement | undefined> {
  if (!services.ledger.knownPeriods().includes(period)) return undefined;
  return services.ledger.withPeriod(period, (view) => view.ledger.movements.get(id));
}
