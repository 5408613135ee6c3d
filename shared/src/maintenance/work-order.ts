import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { causeId } from '../ids.ts';
import { UnitCost } from '../ledger/movement.ts';
import { PositiveQuantity, Quantity } from '../quantity.ts';
import { identifier, text } from '../text.ts';
import { Day } from './days.ts';

/**
 * A work order is a set of events in the room of its year (`work-orders-YYYY`): its
 * creation; field edits (one value per edited field, `wo␟field`); planned parts (one value
 * per SKU, `wo␟sku`); status events; reservations (+ reserves, − releases); parts issued and
 * returned; the number the server gives it. Status, reserved, issued and cost are folds
 * (work-order-fold.ts); nothing is a mutable count.
 */

export const WorkOrderId = identifier(64);
export const Priority = z.enum(['low', 'medium', 'high', 'urgent'], {
  error: 'must be one of low, medium, high, urgent',
});
export type Priority = z.infer<typeof Priority>;

export const WorkOrderStatus = z.enum(['open', 'in_progress', 'on_hold', 'complete', 'cancelled'], {
  error: 'must be one of open, in_progress, on_hold, complete, cancelled',
});
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

export const Title = text({ max: 200, required: true });
export const Description = text({ max: 4000, multiline: true });
/** Who is to do the work: a user id. */
export const Assignee = identifier(64);
export const Lot = text({ max: 64, required: 'must not be empty' });
export const NonNegativeQuantity = Quantity.refine((n) => n >= 0, 'must not be negative');

const stamp = { user: identifier(64), device: identifier(64), at: z.iso.datetime() };

/** A part and how many: what a schedule or a work order plans, what an asset keeps as spares. */
export const PartQuantity = z.object({ sku: Code, quantity: PositiveQuantity });
export type PartQuantity = z.infer<typeof PartQuantity>;

export const WorkOrderCreated = z.object({
  id: WorkOrderId,
  asset: Code,
  title: Title,
  description: Description.optional(),
  priority: Priority,
  due: Day.optional(),
  assignee: Assignee.optional(),
  /** The preventive schedule it was generated from; its id is then scheduleWorkOrderId(schedule, due). */
  schedule: identifier(64).optional(),
  ...stamp,
});
export type WorkOrderCreated = z.infer<typeof WorkOrderCreated>;

/** The fields a planner edits after creation; description, due and assignee are cleared with null. */
export const EditableField = z.enum(['title', 'description', 'priority', 'due', 'assignee']);
export type EditableField = z.infer<typeof EditableField>;

const edit = { wo: WorkOrderId, ...stamp };
/** One field's latest value (a `fields` value keyed `wo␟field`: a later edit overwrites it). */
export const WorkOrderEdit = z.discriminatedUnion(
  'field',
  [
    z.object({ field: z.literal('title'), value: Title, ...edit }),
    z.object({ field: z.literal('description'), value: Description.nullable(), ...edit }),
    z.object({ field: z.literal('priority'), value: Priority, ...edit }),
    z.object({ field: z.literal('due'), value: Day.nullable(), ...edit }),
    z.object({ field: z.literal('assignee'), value: Assignee.nullable(), ...edit }),
  ],
  { error: 'must be one of title, description, priority, due, assignee' },
);
export type WorkOrderEdit = z.infer<typeof WorkOrderEdit>;

/** The quantity of a SKU planned for a work order (a `fields` value keyed `wo␟sku`; 0 takes it off the plan). */
export const PlannedPart = z.object({
  wo: WorkOrderId,
  sku: Code,
  quantity: NonNegativeQuantity,
  ...stamp,
});
export type PlannedPart = z.infer<typeof PlannedPart>;

/** A status change: random ids, since a work order may go back and forth (on hold ↔ in progress). */
export const StatusEvent = z.object({
  id: identifier(64),
  wo: WorkOrderId,
  to: WorkOrderStatus,
  reason: text({ max: 500, multiline: true }).optional(),
  ...stamp,
});
export type StatusEvent = z.infer<typeof StatusEvent>;

/** Reserves (+) or releases (−) parts for a work order, optionally at one location and lot. */
export const Reservation = z.object({
  id: identifier(64),
  wo: WorkOrderId,
  sku: Code,
  quantity: Quantity.refine((n) => n !== 0, 'must not be 0'),
  location: Code.optional(),
  lot: Lot.optional(),
  /** Reserved beyond what was available, on purpose: the work order is short of this part. */
  shortage: z.literal(true).optional(),
  ...stamp,
});
export type Reservation = z.infer<typeof Reservation>;

export const PartKind = z.enum(['issue', 'return'], { error: 'must be issue or return' });
export type PartKind = z.infer<typeof PartKind>;

/**
 * Parts issued to, or returned from, a work order. Its id and its ledger movement's id come
 * from (work order, request): the request id is chosen by the device, so a retry or an
 * offline replay counts once.
 */
export const PartRecord = z.object({
  id: identifier(64),
  wo: WorkOrderId,
  request: identifier(64),
  kind: PartKind,
  sku: Code,
  quantity: PositiveQuantity,
  location: Code,
  lot: Lot.optional(),
  /** The moving-average cost of one unit when it was issued (returns: the cost it goes back at). */
  unitCost: UnitCost,
  /** The ledger movement written with it: an `issue`, or a `receive` for a return. */
  movement: identifier(64),
  ...stamp,
});
export type PartRecord = z.infer<typeof PartRecord>;

/** WO-2026-0001: given by the server once it sees the order (two offline devices never mint the same). */
export const WorkOrderNumber = z.object({
  wo: WorkOrderId,
  number: z.string().regex(/^WO-\d{4}-\d{4,}$/, 'must look like WO-2026-0001'),
  at: z.iso.datetime(),
});
export type WorkOrderNumber = z.infer<typeof WorkOrderNumber>;

// ── ids and keys derived from their cause ───────────────────────────────────────────────

/** The work order a schedule's occurrence becomes: the server (or two nodes) creating it twice makes one. */
export function scheduleWorkOrderId(schedule: string, due: string): string {
  return causeId('wo-schedule', schedule, due);
}

export function partId(wo: string, request: string): string {
  return causeId('wo-part', wo, request);
}

export function partMovementId(wo: string, request: string): string {
  return causeId('wo-part-movement', wo, request);
}

/** A reservation made with a request id (a retried form reserves once). */
export function reservationId(wo: string, request: string): string {
  return causeId('wo-reservation', wo, request);
}

const SEP = '\u001f';

export function editKey(wo: string, field: EditableField): string {
  return `${wo}${SEP}${field}`;
}

export function plannedKey(wo: string, sku: string): string {
  return `${wo}${SEP}${sku}`;
}

/** `WO-2026-0007`: the number of the n-th work order of a year. */
export function formatWorkOrderNumber(year: number, n: number): string {
  return `WO-${year}-${String(n).padStart(4, '0')}`;
}

/** The next number the server gives in a year's room: one more than the highest given so far. */
export function nextWorkOrderNumber(year: number, given: Iterable<string>): string {
  let max = 0;
  const prefix = `WO-${year}-`;
  for (const n of given) if (n.startsWith(prefix)) max = Math.max(max, Number(n.slice(prefix.length)) || 0);
  return formatWorkOrderNumber(year, max + 1);
}
