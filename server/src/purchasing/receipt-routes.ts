import { Code } from '@stockroom/shared/catalog/codes';
import { randomId } from '@stockroom/shared/ids';
import { UnitCost } from '@stockroom/shared/ledger/movement';
import { Day, DeliveryId, LineId } from '@stockroom/shared/purchasing/purchase-order';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import { text } from '@stockroom/shared/text';
import { z } from 'zod';
import { type ApiContext, audit, reply, route } from '../api/route.ts';
import { actorOf, auth, check } from '../api/route-support.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { notFound, withOrder } from './order-routes.ts';
import { OrderDetailOut, orderDetailOut } from './order-views.ts';

const TAG = 'purchasing';

const ReceiptIn = z.object({
  /** The delivery note number (or the scan session): the same delivery posted twice counts once. */
  delivery: DeliveryId,
  lines: z
    .array(
      z.object({
        line: LineId,
        quantity: PositiveQuantity,
        location: Code,
        lot: text({ max: 64 }).optional(),
        expiry: Day.optional(),
        unitCost: UnitCost.optional(),
      }),
    )
    .min(1, 'give at least one line')
    .max(500, 'must have at most 500 lines'),
  /** Receive more than is still open on a line (confirmed over-receipt). */
  allowOver: z.boolean().optional(),
});

const ReturnIn = z.object({
  /** Chosen by the client: a retry with the same request returns once. Default: a new return. */
  request: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, _ or -')
    .optional(),
  lines: z
    .array(
      z.object({
        line: LineId,
        quantity: PositiveQuantity,
        location: Code,
        lot: text({ max: 64 }).optional(),
        reason: text({ max: 500, required: 'give a reason for the return' }),
      }),
    )
    .min(1, 'give at least one line')
    .max(500),
});

/** Lot-tracked items need a lot on receipt; locations must exist. */
function checkAgainstCatalog(
  catalog: Parameters<Parameters<typeof withCatalog>[1]>[0],
  skuOf: (line: string) => string | undefined,
  lines: { line: string; location: string; lot?: string }[],
): void {
  lines.forEach((l, i) => {
    if (!catalog.locations.get(l.location))
      throw new ApiError('not_found', `no location ${l.location}`, [
        { path: `lines.${i}.location`, message: 'not found' },
      ]);
    const sku = skuOf(l.line);
    const item = sku ? catalog.items.get(sku) : undefined;
    if (item && item.tracking !== 'none' && !l.lot)
      throw new ApiError(
        'invalid',
        `item ${item.sku} is tracked by ${item.tracking}: give the ${item.tracking} number`,
        [{ path: `lines.${i}.lot`, message: 'required' }],
      );
  });
}

export const postReceipt = route({
  method: 'POST',
  path: '/api/purchase-orders/{id}/receipts',
  tag: TAG,
  summary:
    'Receive a delivery against a sent order: one receive movement per line (reference po:<id>:<line>, with the unit cost) into the current ledger. The same delivery posted again adds nothing (200); receiving more than is still open on a line needs allowOver (409 otherwise)',
  access: 'purchasing.receive',
  body: ReceiptIn,
  responses: {
    201: { description: 'Received', schema: OrderDetailOut },
    200: { description: 'This delivery was already posted: nothing added', schema: OrderDetailOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'Over-receipt without allowOver, or the order is not sent', schema: ErrorBody },
    ...notFound,
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof ReceiptIn>>) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      withOrder(ctx.services, ctx.params.id, (p, order, room) => {
        const skuOf = (line: string) => order.lines.find((l) => l.line === line)?.sku;
        checkAgainstCatalog(catalog, skuOf, ctx.body.lines);
        const { ledger } = ctx.services;
        return ledger.withPeriod(ledger.currentPeriod(), (view, ledgerRoom) => {
          const result = check(
            ledgerRoom.write(() =>
              room.write(() =>
                p.receive(order.id, ctx.body.delivery, ctx.body.lines, view.ledger.movements, {
                  actor: actorOf(ctx),
                  allowOver: ctx.body.allowOver ?? false,
                }),
              ),
            ),
          );
          if (!result.alreadyPosted)
            audit(ctx, 'purchase_order.receive', `po:${order.id}`, {
              number: order.number,
              delivery: ctx.body.delivery,
              lines: result.receipts.map((r) => ({
                line: r.line,
                sku: r.sku,
                quantity: r.quantity,
                location: r.location,
                lot: r.lot,
                overReceipt: r.overReceipt,
              })),
            });
          return reply(result.alreadyPosted ? 200 : 201, orderDetailOut(result.order));
        });
      }),
    ),
});

export const postReturn = route({
  method: 'POST',
  path: '/api/purchase-orders/{id}/returns',
  tag: TAG,
  summary:
    'Return goods to the supplier, with a reason: stock goes down (an issue movement referencing the line) and so does the line’s net received. With `request`, a retry returns once (200)',
  access: 'purchasing.receive',
  body: ReturnIn,
  responses: {
    201: { description: 'Returned', schema: OrderDetailOut },
    200: { description: 'This request was already posted', schema: OrderDetailOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'More than arrived on the line', schema: ErrorBody },
    ...notFound,
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof ReturnIn>>) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      withOrder(ctx.services, ctx.params.id, (p, order, room) => {
        checkAgainstCatalog(catalog, () => undefined, ctx.body.lines);
        const { ledger } = ctx.services;
        const request = ctx.body.request ?? randomId();
        return ledger.withPeriod(ledger.currentPeriod(), (view, ledgerRoom) => {
          const result = check(
            ledgerRoom.write(() =>
              room.write(() =>
                p.returnGoods(order.id, request, ctx.body.lines, view.ledger.movements, {
                  actor: actorOf(ctx),
                }),
              ),
            ),
          );
          if (!result.alreadyPosted)
            audit(ctx, 'purchase_order.return', `po:${order.id}`, {
              number: order.number,
              request,
              lines: result.returns.map((r) => ({
                line: r.line,
                sku: r.sku,
                quantity: r.quantity,
                reason: r.reason,
              })),
            });
          return reply(result.alreadyPosted ? 200 : 201, orderDetailOut(result.order));
        });
      }),
    ),
});
