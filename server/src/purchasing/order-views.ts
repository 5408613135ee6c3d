import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { z } from 'zod';

/** A purchase order as the API shows it (quantities and values are numbers). */
export const OrderLineOut = z.object({
  line: z.string(),
  sku: z.string(),
  quantity: z.number(),
  unitCost: z.number(),
  expectedAt: z.string().nullable(),
  received: z.number(),
  returned: z.number(),
  open: z.number(),
});

export const ReceiptOut = z.object({
  id: z.string(),
  delivery: z.string(),
  line: z.string(),
  sku: z.string(),
  quantity: z.number(),
  location: z.string(),
  lot: z.string().optional(),
  expiry: z.string().optional(),
  unitCost: z.number(),
  movement: z.string(),
  overReceipt: z.boolean().optional(),
  user: z.string(),
  at: z.string(),
});

export const OrderOut = z.object({
  id: z.string(),
  number: z.string().nullable(),
  supplier: z.string(),
  status: z.enum(['draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled']),
  source: z.enum(['manual', 'suggestions']),
  createdAt: z.string(),
  createdBy: z.string(),
  expectedAt: z.string().nullable(),
  /** An imported order's number in the other system (never the PO number). */
  reference: z.string().nullable(),
  sentAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  total: z.number(),
  lines: z.array(OrderLineOut),
});

export const OrderDetailOut = OrderOut.extend({
  receipts: z.array(ReceiptOut),
  returns: z.array(
    z.object({
      id: z.string(),
      line: z.string(),
      sku: z.string(),
      quantity: z.number(),
      location: z.string(),
      reason: z.string(),
      user: z.string(),
      at: z.string(),
    }),
  ),
});

export function orderOut(o: OrderView): z.infer<typeof OrderOut> {
  return {
    id: o.id,
    number: o.number,
    supplier: o.supplier,
    status: o.status,
    source: o.source,
    createdAt: o.createdAt,
    createdBy: o.createdBy,
    expectedAt: o.expectedAt,
    reference: o.reference,
    sentAt: o.sentAt,
    closedAt: o.closedAt,
    overdue: o.overdue,
    total: o.total,
    lines: o.lines.map((l) => ({
      line: l.line,
      sku: l.sku,
      quantity: l.quantity,
      unitCost: l.unitCost,
      expectedAt: l.expectedAt,
      received: l.received,
      returned: l.returned,
      open: l.open,
    })),
  };
}

export function orderDetailOut(o: OrderView): z.infer<typeof OrderDetailOut> {
  return {
    ...orderOut(o),
    receipts: o.receipts.map(({ po: _po, device: _device, ...r }) => r),
    returns: o.returns.map((r) => ({
      id: r.id,
      line: r.line,
      sku: r.sku,
      quantity: r.quantity,
      location: r.location,
      reason: r.reason,
      user: r.user,
      at: r.at,
    })),
  };
}
