import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { Code } from '@stockroom/shared/catalog/codes';
import { Day } from '@stockroom/shared/maintenance/days';
import {
  Assignee,
  Description,
  PartQuantity,
  Priority,
  Title,
  WorkOrderStatus,
} from '@stockroom/shared/maintenance/work-order';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import type { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { text } from '@stockroom/shared/text';
import { z } from 'zod';
import { type ApiContext, audit, keysOf, reply, route } from '../api/route.ts';
import { actorOf, auth, check } from '../api/route-support.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import type { Room } from '../sync/room.ts';
import { allWorkOrders, findWorkOrderYear, withMaintenance, withWorkOrders } from './maintenance-rooms.ts';
import {
  compareWorkOrders,
  WorkOrderDetailOut,
  WorkOrderOut,
  workOrderDetailOut,
  workOrderOut,
} from './maintenance-views.ts';
import { notFound, TAG } from './route-support.ts';

export const noWorkOrder = { 404: { description: 'No such work order', schema: ErrorBody } };

const Parts = z.array(PartQuantity).max(100, 'must have at most 100 parts');

const WorkOrderIn = z.object({
  asset: Code,
  title: Title,
  description: Description.optional(),
  priority: Priority.optional(),
  due: Day.optional(),
  assignee: Assignee.optional(),
  /** Parts the work needs: planned now, reserved with POST …/reservations. */
  parts: Parts.optional(),
});

const WorkOrderPatchIn = z
  .object({
    title: Title.optional(),
    description: Description.nullable().optional(),
    priority: Priority.optional(),
    due: Day.nullable().optional(),
    assignee: Assignee.nullable().optional(),
    /** Sets the planned quantity of each part given (0 takes it off the plan). */
    parts: z
      .array(z.object({ sku: Code, quantity: z.number().min(0, 'must not be negative') }))
      .max(100)
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

/** Every SKU given exists in the catalog, or 404 naming the field. */
export function requireItems(catalog: Catalog, skus: readonly string[], path: (i: number) => string): void {
  skus.forEach((sku, i) => {
    if (!catalog.items.get(sku)) throw notFound(`no item with SKU ${sku}`, path(i));
  });
}

/** Runs `fn` with the work order's room held (by id or number), or 404. */
export async function withWorkOrder<T>(
  services: Services,
  idOrNumber: string | undefined,
  fn: (w: WorkOrdersRoom, order: WorkOrderView, room: Room) => T | Promise<T>,
): Promise<T> {
  const found = idOrNumber ? await findWorkOrderYear(services, idOrNumber) : null;
  if (!found)
    throw new ApiError('not_found', `no work order ${idOrNumber ?? ''}`, [
      { path: 'id', message: 'not found' },
    ]);
  return withWorkOrders(services.rooms, found.year, (w, room) => {
    const order = w.order(found.id);
    if (!order)
      throw new ApiError('not_found', `no work order ${idOrNumber}`, [{ path: 'id', message: 'not found' }]);
    return fn(w, order, room);
  });
}

export const createWorkOrder = route({
  method: 'POST',
  path: '/api/work-orders',
  tag: TAG,
  summary:
    'Open a work order for an asset, with the parts it needs planned. The server numbers it (WO-YYYY-NNNN) at once; work orders created offline on devices are numbered when they arrive, so no number is given twice',
  access: 'maintenance.plan',
  body: WorkOrderIn,
  responses: {
    201: { description: 'Opened', schema: WorkOrderOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'Unknown asset or part SKU', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof WorkOrderIn>>) =>
    withCatalog(ctx.services.rooms, async (catalog) => {
      const body = ctx.body;
      const asset = await withMaintenance(ctx.services.rooms, (m) => m.assets.get(body.asset), 'dependency');
      if (!asset) throw notFound(`no asset ${body.asset}`, 'asset');
      requireItems(
        catalog,
        (body.parts ?? []).map((p) => p.sku),
        (i) => `parts.${i}.sku`,
      );
      return withWorkOrders(ctx.services.rooms, new Date().getUTCFullYear(), (w, room) => {
        const order = check(room.write(() => w.create(body, { actor: actorOf(ctx) })));
        ctx.services.workOrderNumbers.number(room);
        const numbered = w.order(order.id)!;
        audit(ctx, 'work_order.create', `wo:${order.id}`, {
          number: numbered.number,
          asset: numbered.asset,
          title: numbered.title,
          priority: numbered.priority,
          due: numbered.due,
          parts: numbered.parts.map((p) => ({ sku: p.sku, planned: p.planned })),
        });
        return reply(201, workOrderOut(numbered));
      });
    }),
});

export const listWorkOrders = route({
  method: 'GET',
  path: '/api/work-orders',
  tag: TAG,
  summary:
    'Work orders of every year, due first (undated last), then by priority: filter by `status` (`active` = open, in progress or on hold), `asset`, `priority`, `overdue`',
  access: 'maintenance.read',
  query: z.object({
    status: z.enum([...WorkOrderStatus.options, 'active']).optional(),
    asset: z.string().max(64).optional(),
    priority: Priority.optional(),
    overdue: z.enum(['true', 'false']).optional(),
  }),
  responses: {
    200: { description: 'Work orders', schema: z.array(WorkOrderOut) },
    400: { description: 'Bad filter', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx) => {
    const { status, asset, priority, overdue } = ctx.query;
    const active = (s: string) => s === 'open' || s === 'in_progress' || s === 'on_hold';
    const list = (await allWorkOrders(ctx.services)).filter(
      (o) =>
        (status === undefined || (status === 'active' ? active(o.status) : o.status === status)) &&
        (asset === undefined || o.asset === asset) &&
        (priority === undefined || o.priority === priority) &&
        (overdue === undefined || String(o.overdue) === overdue),
    );
    return reply(200, list.sort(compareWorkOrders).map(workOrderOut));
  },
});

export const getWorkOrder = route({
  method: 'GET',
  path: '/api/work-orders/{id}',
  tag: TAG,
  summary:
    'One work order (by id or number): per part planned, reserved (still held: reservations less what was issued net of returns), issued, returned and cost; the total cost; every issue and return; the status history',
  access: 'maintenance.read',
  responses: { 200: { description: 'The work order', schema: WorkOrderDetailOut }, ...noWorkOrder, ...auth },
  handle: (ctx) =>
    withWorkOrder(ctx.services, ctx.params.id, (_w, order) => reply(200, workOrderDetailOut(order))),
});

export const patchWorkOrder = route({
  method: 'PATCH',
  path: '/api/work-orders/{id}',
  tag: TAG,
  summary:
    'Edit a work order that is not complete or cancelled: title, description, priority, due day, assignee (null clears), and planned parts (quantity 0 takes a part off the plan)',
  access: 'maintenance.plan',
  body: WorkOrderPatchIn,
  responses: {
    200: { description: 'The work order now', schema: WorkOrderDetailOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'The work order is complete or cancelled', schema: ErrorBody },
    ...noWorkOrder,
    ...auth,
  },
  handle: (ctx: ApiContext<z.output<typeof WorkOrderPatchIn>>) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      withWorkOrder(ctx.services, ctx.params.id, (w, order, room) => {
        const { parts, ...fields } = ctx.body;
        if (parts)
          requireItems(
            catalog,
            parts.filter((p) => p.quantity > 0).map((p) => p.sku),
            (i) => `parts.${i}.sku`,
          );
        const wctx = { actor: actorOf(ctx) };
        let after = order;
        if (Object.keys(fields).length) after = check(room.write(() => w.edit(order.id, fields, wctx)));
        if (parts) after = check(room.write(() => w.planParts(order.id, parts, wctx)));
        audit(ctx, 'work_order.update', `wo:${order.id}`, {
          number: order.number,
          fields: keysOf(ctx.body),
          parts: parts?.map((p) => ({ sku: p.sku, planned: p.quantity })),
        });
        return reply(200, workOrderDetailOut(after));
      }),
    ),
});

export const setWorkOrderStatus = route({
  method: 'POST',
  path: '/api/work-orders/{id}/status',
  tag: TAG,
  summary:
    'Move a work order on: open → in progress → on hold ↔ in progress → complete; cancelled from any state not complete. Asking for the status it has changes nothing; anything else not allowed is 409. Completing or cancelling releases what is still reserved',
  access: 'maintenance.plan',
  body: z.object({ to: WorkOrderStatus, reason: text({ max: 500, multiline: true }).optional() }),
  responses: {
    200: { description: 'The work order now', schema: WorkOrderDetailOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'Not allowed from its status', schema: ErrorBody },
    ...noWorkOrder,
    ...auth,
  },
  handle: (ctx: ApiContext<{ to: WorkOrderView['status']; reason?: string }>) =>
    withWorkOrder(ctx.services, ctx.params.id, (w, before, room) => {
      const after = check(
        room.write(() =>
          w.setStatus(before.id, ctx.body.to, {
            actor: actorOf(ctx),
            ...(ctx.body.reason ? { reason: ctx.body.reason } : {}),
          }),
        ),
      );
      if (after.status !== before.status)
        audit(ctx, 'work_order.status', `wo:${before.id}`, {
          number: before.number,
          from: before.status,
          to: after.status,
          reason: ctx.body.reason,
        });
      return reply(200, workOrderDetailOut(after));
    }),
});
