import type { Asset } from '@stockroom/shared/maintenance/asset';
import { addDays, utcDay } from '@stockroom/shared/maintenance/days';
import { nextDueDates, type Schedule } from '@stockroom/shared/maintenance/schedule';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { z } from 'zod';

/** Assets, work orders and schedules as the API shows them. */

const Priority = z.enum(['low', 'medium', 'high', 'urgent']);
const Status = z.enum(['open', 'in_progress', 'on_hold', 'complete', 'cancelled']);

export const AssetOut = z.object({
  code: z.string(),
  name: z.string(),
  parent: z.string().nullable(),
  location: z.string().nullable(),
  criticality: z.enum(['low', 'medium', 'high', 'critical']),
  barcode: z.string().nullable(),
  spares: z.array(z.object({ sku: z.string(), quantity: z.number() })),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export function assetOut(a: Asset): z.infer<typeof AssetOut> {
  return {
    code: a.code,
    name: a.name,
    parent: a.parent,
    location: a.location,
    criticality: a.criticality,
    barcode: a.barcode,
    spares: a.spares.map((s) => ({ sku: s.sku, quantity: s.quantity })),
    active: a.active,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
  };
}

export const WorkOrderPartOut = z.object({
  sku: z.string(),
  planned: z.number(),
  reserved: z.number(),
  issued: z.number(),
  returned: z.number(),
  /** Issued at their unit costs minus returned at theirs. */
  cost: z.number(),
  /** Some of what is still reserved was reserved beyond what was available. */
  shortage: z.boolean(),
  reservedAt: z.array(z.object({ location: z.string().nullable(), reserved: z.number() })),
});

export const WorkOrderOut = z.object({
  id: z.string(),
  number: z.string().nullable(),
  asset: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  priority: Priority,
  due: z.string().nullable(),
  assignee: z.string().nullable(),
  schedule: z.string().nullable(),
  status: Status,
  statusAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  overdue: z.boolean(),
  parts: z.array(WorkOrderPartOut),
  totalCost: z.number(),
});

export const PartRecordOut = z.object({
  id: z.string(),
  request: z.string(),
  kind: z.enum(['issue', 'return']),
  sku: z.string(),
  quantity: z.number(),
  location: z.string(),
  lot: z.string().optional(),
  unitCost: z.number(),
  movement: z.string(),
  user: z.string(),
  device: z.string(),
  at: z.string(),
});

export const WorkOrderDetailOut = WorkOrderOut.extend({
  records: z.array(PartRecordOut),
  history: z.array(z.object({ to: Status, reason: z.string().optional(), user: z.string(), at: z.string() })),
});

export function workOrderOut(o: WorkOrderView): z.infer<typeof WorkOrderOut> {
  return {
    id: o.id,
    number: o.number,
    asset: o.asset,
    title: o.title,
    description: o.description,
    priority: o.priority,
    due: o.due,
    assignee: o.assignee,
    schedule: o.schedule,
    status: o.status,
    statusAt: o.statusAt,
    createdAt: o.createdAt,
    createdBy: o.createdBy,
    overdue: o.overdue,
    parts: o.parts.map((p) => ({
      sku: p.sku,
      planned: p.planned,
      reserved: p.reserved,
      issued: p.issued,
      returned: p.returned,
      cost: p.cost,
      shortage: p.shortage,
      reservedAt: p.reservedAt.map((r) => ({ location: r.location, reserved: r.reserved })),
    })),
    totalCost: o.totalCost,
  };
}

export function workOrderDetailOut(o: WorkOrderView): z.infer<typeof WorkOrderDetailOut> {
  return {
    ...workOrderOut(o),
    records: o.records.map(({ wo: _wo, ...r }) => r),
    history: o.history.map((h) => ({
      to: h.to,
      ...(h.reason ? { reason: h.reason } : {}),
      user: h.user,
      at: h.at,
    })),
  };
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** Work lists: due first (undated last), then the more urgent, then the older. */
export function compareWorkOrders(a: WorkOrderView, b: WorkOrderView): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due < b.due ? -1 : 1;
  }
  const p = (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9);
  if (p) return p;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

export const ScheduleOut = z.object({
  id: z.string(),
  asset: z.string(),
  title: z.string(),
  recurrence: z.union([
    z.object({ unit: z.literal('days'), every: z.number() }),
    z.object({ unit: z.literal('weeks'), every: z.number(), weekday: z.number() }),
  ]),
  start: z.string(),
  parts: z.array(z.object({ sku: z.string(), quantity: z.number() })),
  reserveDaysAhead: z.number(),
  priority: Priority,
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The next days it falls on (today included), up to five. */
  nextDue: z.array(z.string()),
});

export function scheduleOut(s: Schedule, now = new Date()): z.infer<typeof ScheduleOut> {
  const today = utcDay(now);
  return {
    id: s.id,
    asset: s.asset,
    title: s.title,
    recurrence: s.recurrence,
    start: s.start,
    parts: s.parts.map((p) => ({ sku: p.sku, quantity: p.quantity })),
    reserveDaysAhead: s.reserveDaysAhead,
    priority: s.priority,
    active: s.active,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    nextDue: s.active ? nextDueDates(s, today, addDays(today, 3660), 5) : [],
  };
}
