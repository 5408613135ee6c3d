import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { Code } from '@stockroom/shared/catalog/codes';
import { UnitCost } from '@stockroom/shared/ledger/movement';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { Day, yearOfOrder } from '@stockroom/shared/purchasing/purchase-order';
import type { DraftLine, PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import { supplierPerformance } from '@stockroom/shared/purchasing/supplier-performance';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import { parseRoom } from '@stockroom/shared/sync/rooms';
import { text } from '@stockroom/shared/text';
import { z } from 'zod';
import { type ApiContext, audit, reply, route } from '../api/route.ts';
import { actorOf, auth, check } from '../api/route-support.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import type { Room } from '../sync/room.ts';
import { OrderDetailOut, OrderOut, orderDetailOut, orderOut } from './order-views.ts';
import { withPurchasing } from './purchasing-rooms.ts';

const TAG = 'purchasing';
export const notFound = { 404: { description: 'No such purchase order', schema: ErrorBody } };

export const DraftLineIn = z.object({
  sku: Code,
  quantity: PositiveQuantity,
  /** Default: the supplier reference's unit cost, else the item's. */
  unitCost: UnitCost.optional(),
  expectedAt: Day.optional(),
});

export const DraftIn = z.object({
  supplier: Code,
  lines: z.array(DraftLineIn).min(1, 'give at least one line').max(500, 'must have at most 500 lines'),
  expectedAt: Day.optional(),
  note: text({ max: 1000, multiline: true }).optional(),
});

/** Lines for a draft: SKUs and supplier checked against the catalog, costs filled in. */
export function draftLines(
  catalog: Catalog,
  supplier: string,
  lines: z.infer<typeof DraftLineIn>[],
): DraftLine[] {
  if (!catalog.suppliers.get(supplier))
    throw new ApiError('not_found', `no supplier ${supplier}`, [{ path: 'supplier', message: 'not found' }]);
  return lines.map((l, i) => {
    const item = catalog.items.get(l.sku);
    if (!item)
      throw new ApiError('not_found', `no item with SKU ${l.sku}`, [
        { path: `lines.${i}.sku`, message: 'not found' },
      ]);
    const ref = item.suppliers.find((s) => s.supplier === supplier);
    return {
      sku: l.sku,
      quantity: l.quantity,
      unitCost: l.unitCost ?? ref?.unitCost ?? item.unitCost,
      ...(l.expectedAt ? { expectedAt: l.expectedAt } : {}),
    };
  });
}

/** Years that have a purchasing room (and this year). */
export function purchasingYears(services: Services): number[] {
  const years = new Set<number>([new Date().getUTCFullYear()]);
  for (const name of services.storedRooms()) {
    const ref = parseRoom(name);
    if (ref?.kind === 'purchasing') years.add(ref.year);
  }
  return [...years].sort();
}

/** Every order of every purchasing room, folded. */
export async function allOrders(services: Services): Promise<OrderView[]> {
  const out: OrderView[] = [];
  for (const year of purchasingYears(services)) {
    out.push(...(await withPurchasing(services.rooms, year, (p) => [...p.view().values()], 'dependency')));
  }
  return out;
}

/** Runs `fn` with the order's room held, or 404. */
export function withOrder<T>(
  services: Services,
  id: string | undefined,
  fn: (p: PurchasingRoom, order: OrderView, room: Room) => T | Promise<T>,
): Promise<T> {
  const year = id ? yearOfOrder(id) : null;
  const known =
    year !== null &&
    (year === new Date().getUTCFullYear() || services.storedRooms().includes(`purchasing-${year}`));
  if (!known) throw new ApiError('not_found', `no purchase order ${id ?? ''}`);
  return withPurchasing(services.rooms, year, (p, room) => {
    const order = p.order(id!);
    if (!order) throw new ApiError('not_found', `no purchase order ${id}`);
    return fn(p, order, room);
  });
}

export const createOrder = route({
  method: 'POST',
  path: '/api/purchase-orders',
  tag: TAG,
  summary:
    'Draft a purchase order for one supplier. The server numbers it (PO-YYYY-NNNN) at once; drafts made offline on devices are numbered when they arrive, so no number is ever given twice',
  access: 'purchasing.manage',
  body: DraftIn,
  responses: {
    201: { description: 'Drafted', schema: OrderOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'Unknown supplier or SKU', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof DraftIn>>) =>
    withCatalog(ctx.services.rooms, (catalog) => {
      const lines = draftLines(catalog, ctx.body.supplier, ctx.body.lines);
      return withPurchasing(ctx.services.rooms, new Date().getUTCFullYear(), (p, room) => {
        const order = check(
          room.write(() =>
            p.draft(
              { supplier: ctx.body.supplier, lines, expectedAt: ctx.body.expectedAt, note: ctx.body.note },
              { actor: actorOf(ctx) },
            ),
          ),
        );
        ctx.services.orderNumbers.number(room);
        const numbered = p.order(order.id)!;
        audit(ctx, 'purchase_order.draft', `po:${order.id}`, {
          number: numbered.number,
          supplier: order.supplier,
          lines: numbered.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCost: l.unitCost })),
        });
        return reply(201, orderOut(numbered));
      });
    }),
});

export const listOrders = route({
  method: 'GET',
  path: '/api/purchase-orders',
  tag: TAG,
  summary: 'Purchase orders, newest first, optionally of one status or supplier',
  access: 'purchasing.read',
  query: z.object({
    status: z.enum(['draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled']).optional(),
    supplier: z.string().max(64).optional(),
  }),
  responses: {
    200: { description: 'Orders', schema: z.array(OrderOut) },
    400: { description: 'Bad filter', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx) => {
    const { status, supplier } = ctx.query;
    const orders = (await allOrders(ctx.services))
      .filter(
        (o) =>
          (status === undefined || o.status === status) &&
          (supplier === undefined || o.supplier === supplier),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return reply(200, orders.map(orderOut));
  },
});

export const getOrder = route({
  method: 'GET',
  path: '/api/purchase-orders/{id}',
  tag: TAG,
  summary: 'One purchase order with its lines (received, returned, open per line), receipts and returns',
  access: 'purchasing.read',
  responses: { 200: { description: 'The order', schema: OrderDetailOut }, ...notFound, ...auth },
  handle: (ctx) => withOrder(ctx.services, ctx.params.id, (_p, order) => reply(200, orderDetailOut(order))),
});

function transitionRoute(action: 'send' | 'close' | 'cancel', summary: string) {
  return route({
    method: 'POST',
    path: `/api/purchase-orders/{id}/${action}`,
    tag: TAG,
    summary,
    access: 'purchasing.manage',
    body: z.object({ reason: text({ max: 500 }).optional() }).optional(),
    responses: {
      200: { description: 'The order now', schema: OrderOut },
      409: { description: 'Not allowed from the order’s status', schema: ErrorBody },
      ...notFound,
      ...auth,
    },
    handle: (ctx: ApiContext<{ reason?: string } | undefined>) =>
      withOrder(ctx.services, ctx.params.id, (p, before, room) => {
        const wctx = { actor: actorOf(ctx), ...(ctx.body?.reason ? { reason: ctx.body.reason } : {}) };
        const after = check(
          room.write(() =>
            action === 'send'
              ? p.send(before.id, wctx)
              : action === 'close'
                ? p.close(before.id, wctx)
                : p.cancel(before.id, wctx),
          ),
        );
        if (after.status !== before.status)
          audit(ctx, `purchase_order.${action}`, `po:${before.id}`, {
            number: after.number,
            from: before.status,
            reason: ctx.body?.reason,
          });
        return reply(200, orderOut(after));
      }),
  });
}

export const sendOrder = transitionRoute(
  'send',
  'Send a draft to its supplier: its lines are fixed from now on (sending again changes nothing)',
);
export const closeOrder = transitionRoute('close', 'Close a sent order: nothing more is expected');
export const cancelOrder = transitionRoute('cancel', 'Cancel a draft, or a sent order nothing arrived for');

export const supplierPerformanceRoute = route({
  method: 'GET',
  path: '/api/suppliers/{code}/performance',
  tag: TAG,
  summary:
    'How reliably a supplier delivers: deliveries received, on-time rate (first delivery of a line by its expected day), mean actual vs promised lead time in days (sent → first delivery), fill rate (share of the ordered quantity that arrived, net of returns)',
  access: 'purchasing.read',
  responses: {
    200: {
      description: 'Figures (null where there is nothing to measure yet)',
      schema: z.object({
        receipts: z.number(),
        onTimeRate: z.number().nullable(),
        meanLeadTimeDays: z.number().nullable(),
        promisedLeadTimeDays: z.number().nullable(),
        fillRate: z.number().nullable(),
      }),
    },
    404: { description: 'No such supplier', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx) => {
    const code = ctx.params.code!;
    const exists = await withCatalog(ctx.services.rooms, (catalog) => !!catalog.suppliers.get(code));
    if (!exists) throw new ApiError('not_found', `no supplier ${code}`);
    return reply(200, supplierPerformance(await allOrders(ctx.services), code));
  },
});
