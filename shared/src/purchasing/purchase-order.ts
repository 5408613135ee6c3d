import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { causeId, randomId } from '../ids.ts';
import { UnitCost } from '../ledger/movement.ts';
import { PositiveQuantity } from '../quantity.ts';
import { identifier, text } from '../text.ts';

/**
 * A purchase order is a set of immutable events in its year's room (`purchasing-YYYY`):
 * its creation, its lines (one editable value per line while it is a draft), state
 * changes, the number the server gives it, and the receipts and returns against its lines.
 * Status and received quantities are folds (order-fold.ts); nothing is a mutable count.
 */

export const PoId = identifier(64);
export const LineId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'use 1–32 letters, digits, _ or -');
/** A calendar day, `YYYY-MM-DD`. */
export const Day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

const stamp = { user: identifier(64), device: identifier(64), at: z.iso.datetime() };

export const OrderCreated = z.object({
  id: PoId,
  supplier: Code,
  /** When the goods are due (lines may say otherwise). */
  expectedAt: Day.optional(),
  note: text({ max: 1000, multiline: true }).optional(),
  /** The other system's number of an imported order: kept beside ours, never used as the PO number. */
  reference: text({ max: 100 }).optional(),
  /** Drafted by hand or from the replenishment suggestions. */
  source: z.enum(['manual', 'suggestions']),
  ...stamp,
});
export type OrderCreated = z.infer<typeof OrderCreated>;

/** One line of a draft, as last edited (a `fields` value: edits overwrite it until the order is sent). */
export const OrderLine = z.object({
  po: PoId,
  line: LineId,
  sku: Code,
  quantity: PositiveQuantity,
  unitCost: UnitCost,
  expectedAt: Day.optional(),
  /** Taken off the draft (lines are never deleted from the room). */
  removed: z.boolean().optional(),
  ...stamp,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderTarget = z.enum(['sent', 'closed', 'cancelled']);
export type OrderTarget = z.infer<typeof OrderTarget>;

export const OrderState = z.object({
  id: identifier(64),
  po: PoId,
  to: OrderTarget,
  reason: text({ max: 500 }).optional(),
  ...stamp,
});
export type OrderState = z.infer<typeof OrderState>;

/** PO-2026-0001: given by the server once it sees the order (two offline devices never mint the same). */
export const OrderNumber = z.object({
  po: PoId,
  number: z.string().regex(/^PO-\d{4}-\d{4,}$/),
  at: z.iso.datetime(),
});
export type OrderNumber = z.infer<typeof OrderNumber>;

/** A delivery note number, or the receiving device's scan session: what makes one delivery one. */
export const DeliveryId = text({ max: 100, required: true });

export const Receipt = z.object({
  id: identifier(64),
  po: PoId,
  line: LineId,
  delivery: DeliveryId,
  sku: Code,
  quantity: PositiveQuantity,
  location: Code,
  lot: text({ max: 64 }).optional(),
  expiry: Day.optional(),
  unitCost: UnitCost,
  /** The ledger movement (receive) this receipt wrote: same cause, same id on every device. */
  movement: identifier(64),
  /** Receiving more than ordered was confirmed explicitly. */
  overReceipt: z.boolean().optional(),
  ...stamp,
});
export type Receipt = z.infer<typeof Receipt>;

export const SupplierReturn = z.object({
  id: identifier(64),
  po: PoId,
  line: LineId,
  /** Chosen by the device, so a retry or an offline replay counts once. */
  request: identifier(64),
  sku: Code,
  quantity: PositiveQuantity,
  location: Code,
  lot: text({ max: 64 }).optional(),
  reason: text({ max: 500, required: 'give a reason for the return' }),
  movement: identifier(64),
  ...stamp,
});
export type SupplierReturn = z.infer<typeof SupplierReturn>;

// ── ids ─────────────────────────────────────────────────────────────────────────────────

/** A new order's id: its room's year, then 128 random bits (the year says where to find it). */
export function orderId(year: number): string {
  return `${year}-${randomId()}`;
}

/** The year (room) of an order id, or null for an id that is not one. */
export function yearOfOrder(id: string): number | null {
  const m = /^(\d{4})-[A-Za-z0-9_-]{8,}$/.exec(id);
  return m ? Number(m[1]) : null;
}

export function orderStateId(po: string, to: OrderTarget): string {
  return causeId('po-state', po, to);
}

/** The same delivery posted twice — a retry, two managers, an offline replay — is one receipt per line. */
export function receiptId(po: string, delivery: string, line: string): string {
  return causeId('po-receipt', po, delivery, line);
}

export function receiptMovementId(po: string, delivery: string, line: string): string {
  return causeId('po-receipt-movement', po, delivery, line);
}

export function returnId(po: string, request: string, line: string): string {
  return causeId('po-return', po, request, line);
}

export function returnMovementId(po: string, request: string, line: string): string {
  return causeId('po-return-movement', po, request, line);
}

const SEP = '\u001f';

export function lineKey(po: string, line: string): string {
  return `${po}${SEP}${line}`;
}
