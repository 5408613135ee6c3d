import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { Code } from '@stockroom/shared/catalog/codes';
import { Lot, type PartRecord, partId } from '@stockroom/shared/maintenance/work-order';
import { availableBySku } from '@stockroom/shared/maintenance/work-order-fold';
import type { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import { z } from 'zod';
import { type ApiContext, audit, reply, route } from '../api/route.ts';
import { actorOf, auth, check } from '../api/route-support.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { currentAvailability } from './maintenance-rooms.ts';
import { WorkOrderDetailOut, workOrderDetailOut } from './maintenance-views.ts';
import { notFound, TAG } from './route-support.ts';
import { movingAverageCost } from './unit-costs.ts';
import { noWorkOrder, withWorkOrder } from './work-order-routes.ts';

/** A device-chosen id for one issue, return or reservation: a retry or an offline replay counts once. */
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, _ or -');

const ReservationIn = z.object({
  sku: Code,
  quantity: PositiveQuantity,
  location: Code.optional(),
  lot: Lot.optional(),
  /** Reserve even beyond what is available: the work order is then flagged short of the part. */
  allowShortage: z.boolean().optional(),
  /** With a request id, the same reservation posted again reserves once (200). */
  request: RequestId.optional(),
});

const PartIn = z.object({
  request: RequestId,
  sku: Code,
  quantity: PositiveQuantity,
  location: Code,
  lot: Lot.optional(),
});

const IssueIn = PartIn.extend({
  /** Issue more than is on hand at the location (the ledger goes negative there). */
  allowNegative: z.boolean().optional(),
});

const AvailabilityOut = z.object({
  sku: z.string(),
  onHand: z.number(),
  reserved: z.number(),
  /** On hand − reserved: negative when more is reserved than there is. */
  available: z.number(),
});

/** The item exists, the location exists, a lot is given for lot- or serial-tracked items. */
function checkPart(catalog: Catalog, body: { sku: string; location: string; lot?: string | undefined }) {
  const item = catalog.items.get(body.sku);
  if (!item) throw notFound(`no item with SKU ${body.sku}`, 'sku');
  if (!catalog.locations.get(body.location)) throw notFound(`no location ${body.location}`, 'location');
  if (item.tracking !== 'none' && !body.lot)
    throw new ApiError(
      'invalid',
      `item ${item.sku} is tracked by ${item.tracking}: give the ${item.tracking} number`,
      [{ path: 'lot', message: 'required' }],
    );
  return item;
}

/** A request already posted for this work order: 200 with the order as it is (even if it has since been completed). */
function replayed(w: WorkOrdersRoom, wo: string, request: string, kind: PartRecord['kind']) {
  const held = w.parts.get(partId(wo, request));
  if (!held) return null;
  if (held.kind !== kind)
    throw new ApiError('conflict', `request ${request} was already used for a part ${held.kind}`, [
      { path: 'request', message: 'already used' },
    ]);
  return reply(200, workOrderDetailOut(w.order(wo)!));
}

export const reserveParts = route({
  method: 'POST',
  path: '/api/work-orders/{id}/reservations',
  tag: TAG,
  summary:
    'Reserve parts for a work order that is not complete or cancelled, optionally at a location. Reserving more than is available (on hand − reserved by every work order) is 409 naming what is available, unless `allowShortage`: then it is reserved and flagged as a shortage (replenishment counts it as demand)',
  access: 'maintenance.plan',
  body: ReservationIn,
  responses: {
    201: { description: 'Reserved', schema: WorkOrderDetailOut },
    200: { description: 'This request was already reserved: nothing added', schema: WorkOrderDetailOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: {
      description: 'Not enough available (without allowShortage), or the work order is closed',
      schema: ErrorBody,
    },
    404: { description: 'No such work order, item or location', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof ReservationIn>>) =>
    withCatalog(ctx.services.rooms, async (catalog) => {
      const body = ctx.body;
      if (!catalog.items.get(body.sku)) throw notFound(`no item with SKU ${body.sku}`, 'sku');
      if (body.location && !catalog.locations.get(body.location))
        throw notFound(`no location ${body.location}`, 'location');
      const available = availableBySku(await currentAvailability(ctx.services)).get(body.sku) ?? 0;
      return withWorkOrder(ctx.services, ctx.params.id, (w, order, room) => {
        const r = check(
          room.write(() =>
            w.reserve(
              order.id,
              {
                sku: body.sku,
                quantity: body.quantity,
                ...(body.location ? { location: body.location } : {}),
                ...(body.lot ? { lot: body.lot } : {}),
                ...(body.request ? { request: body.request } : {}),
              },
              available,
              { actor: actorOf(ctx), allowShortage: body.allowShortage ?? false },
            ),
          ),
        );
        if (!r.alreadyPosted && r.reservation)
          audit(ctx, 'work_order.reserve', `wo:${order.id}`, {
            number: order.number,
            sku: body.sku,
            quantity: body.quantity,
            location: body.location,
            available,
            shortage: r.reservation.shortage === true,
          });
        return reply(r.alreadyPosted ? 200 : 201, workOrderDetailOut(r.order));
      });
    }),
});

export const releaseParts = route({
  method: 'DELETE',
  path: '/api/work-orders/{id}/reservations/{sku}',
  tag: TAG,
  summary:
    'Release what a work order still holds reserved of a part (all of it, or `quantity`); parts already issued are not touched',
  access: 'maintenance.plan',
  query: z.object({ quantity: z.coerce.number().positive('must be greater than 0').optional() }),
  responses: {
    200: { description: 'Released', schema: WorkOrderDetailOut },
    400: { description: 'Bad quantity', schema: ErrorBody },
    409: {
      description: 'Nothing (or less) of it is reserved, or the work order is closed',
      schema: ErrorBody,
    },
    ...noWorkOrder,
    ...auth,
  },
  handle: (ctx) =>
    withWorkOrder(ctx.services, ctx.params.id, (w, order, room) => {
      const sku = ctx.params.sku!;
      const quantity = (ctx.query as { quantity?: number }).quantity;
      const r = check(
        room.write(() =>
          w.release(
            order.id,
            { sku, ...(quantity !== undefined ? { quantity } : {}) },
            { actor: actorOf(ctx) },
          ),
        ),
      );
      audit(ctx, 'work_order.release', `wo:${order.id}`, {
        number: order.number,
        sku,
        quantity: r.reservation ? -r.reservation.quantity : 0,
      });
      return reply(200, workOrderDetailOut(r.order));
    }),
});

async function postPart(ctx: ApiContext<z.output<typeof IssueIn>>, kind: PartRecord['kind']) {
  const services: Services = ctx.services;
  const body = ctx.body;
  return withCatalog(services.rooms, async (catalog) => {
    const item = checkPart(catalog, body);
    const unitCost =
      kind === 'issue' ? await movingAverageCost(services, body.sku, item.unitCost) : undefined;
    const { ledger } = services;
    return withWorkOrder(services, ctx.params.id, (w, order, room) => {
      const again = replayed(w, order.id, body.request, kind);
      if (again) return again;
      return ledger.withPeriod(ledger.currentPeriod(), (view, ledgerRoom) => {
        const part = {
          request: body.request,
          sku: body.sku,
          quantity: body.quantity,
          location: body.location,
          ...(body.lot ? { lot: body.lot } : {}),
        };
        const wctx = { actor: actorOf(ctx) };
        const posted = check(
          ledgerRoom.write(() =>
            room.write(() =>
              kind === 'issue'
                ? w.issue(order.id, { ...part, unitCost: unitCost! }, view.ledger.movements, {
                    ...wctx,
                    onHand: view.stock().quantity(body.sku, body.location, body.lot),
                    allowNegative: body.allowNegative ?? false,
                  })
                : w.returnPart(order.id, part, view.ledger.movements, wctx),
            ),
          ),
        );
        if (!posted.alreadyPosted)
          audit(ctx, `work_order.${kind}`, `wo:${order.id}`, {
            number: order.number,
            request: body.request,
            sku: body.sku,
            quantity: body.quantity,
            location: body.location,
            lot: body.lot,
            unitCost: posted.record.unitCost,
            movement: posted.record.movement,
          });
        return reply(posted.alreadyPosted ? 200 : 201, workOrderDetailOut(posted.order));
      });
    });
  });
}

export const issueParts = route({
  method: 'POST',
  path: '/api/work-orders/{id}/issues',
  tag: TAG,
  summary:
    'Issue parts to an open, in-progress or on-hold work order from a location: an issue movement referencing wo:<id> in the current ledger and a part record at the moving-average unit cost. The request id is chosen by the client: the same request posted again adds nothing (200). Issuing to a complete or cancelled work order is 409; more than is on hand at the location is 409 unless `allowNegative`',
  access: 'maintenance.issue',
  body: IssueIn,
  responses: {
    201: { description: 'Issued', schema: WorkOrderDetailOut },
    200: { description: 'This request was already posted: nothing added', schema: WorkOrderDetailOut },
    400: { description: 'Invalid fields (a lot missing for a tracked item…)', schema: ErrorBody },
    404: { description: 'No such work order, item or location', schema: ErrorBody },
    409: { description: 'The work order is complete or cancelled, or not enough on hand', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof IssueIn>>) => postPart(ctx, 'issue'),
});

export const returnParts = route({
  method: 'POST',
  path: '/api/work-orders/{id}/returns',
  tag: TAG,
  summary:
    'Take unused parts back from a work order that is not complete or cancelled into a location: a receive movement referencing wo:<id> at the average cost they were issued at, and a part record. Never more than was issued net of returns (409). The same request posted again adds nothing (200)',
  access: 'maintenance.issue',
  body: PartIn,
  responses: {
    201: { description: 'Returned', schema: WorkOrderDetailOut },
    200: { description: 'This request was already posted: nothing added', schema: WorkOrderDetailOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'No such work order, item or location', schema: ErrorBody },
    409: {
      description: 'More than was issued, or the work order is complete or cancelled',
      schema: ErrorBody,
    },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof IssueIn>>) => postPart(ctx, 'return'),
});

export const stockAvailability = route({
  method: 'GET',
  path: '/api/stock/availability',
  tag: TAG,
  summary:
    'Per SKU: on hand now (every location), reserved by work orders that are not complete or cancelled, and available = on hand − reserved (negative when short); optionally of one `sku`',
  access: 'maintenance.read',
  query: z.object({ sku: z.string().max(64).optional() }),
  responses: {
    200: { description: 'Availability, sorted by SKU', schema: z.array(AvailabilityOut) },
    ...auth,
  },
  handle: async (ctx) => {
    const { sku } = ctx.query;
    const lines = await currentAvailability(ctx.services);
    if (sku === undefined) return reply(200, lines);
    const line = lines.find((l) => l.sku === sku);
    return reply(200, [line ?? { sku, onHand: 0, reserved: 0, available: 0 }]);
  },
});
