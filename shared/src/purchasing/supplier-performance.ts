import { toUnits } from '../quantity.ts';
import type { OrderView } from './order-fold.ts';

export interface SupplierPerformance {
  /** Deliveries received (distinct delivery ids). */
  receipts: number;
  /** Share of received lines whose first delivery came by their expected day (lines without one are left out); null when none. */
  onTimeRate: number | null;
  /** Mean days from sending the order to the first delivery of a line; null when nothing arrived. */
  meanLeadTimeDays: number | null;
  /** Mean days from sending to the expected day (its start, UTC): what was promised; null when no line had one. */
  promisedLeadTimeDays: number | null;
  /** Share of the ordered quantity of sent orders that arrived (net of returns, capped per line); null when none. */
  fillRate: number | null;
}

const DAY = 86_400_000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** How reliably a supplier delivers, from the orders sent to it (cancelled ones aside). */
export function supplierPerformance(orders: Iterable<OrderView>, supplier: string): SupplierPerformance {
  const deliveries = new Set<string>();
  const onTime: boolean[] = [];
  const lead: number[] = [];
  const promised: number[] = [];
  let ordered = 0;
  let filled = 0;
  for (const o of orders) {
    if (o.supplier !== supplier || !o.sentAt || o.status === 'cancelled') continue;
    const sent = Date.parse(o.sentAt);
    // A delivery posted in parts (another lot or bin of a line: "DN-7/2") is one delivery.
    for (const r of o.receipts) deliveries.add(r.delivery.replace(/\/\d+$/, ''));
    for (const l of o.lines) {
      ordered += toUnits(l.quantity);
      filled += Math.min(toUnits(l.quantity), Math.max(0, toUnits(l.net)));
      if (l.expectedAt) promised.push((Date.parse(`${l.expectedAt}T00:00:00.000Z`) - sent) / DAY);
      if (!l.firstReceiptAt) continue;
      lead.push((Date.parse(l.firstReceiptAt) - sent) / DAY);
      if (l.expectedAt) onTime.push(l.firstReceiptAt.slice(0, 10) <= l.expectedAt);
    }
  }
  return {
    receipts: deliveries.size,
    onTimeRate: onTime.length ? onTime.filter(Boolean).length / onTime.length : null,
    meanLeadTimeDays: mean(lead),
    promisedLeadTimeDays: mean(promised),
    fillRate: ordered > 0 ? filled / ordered : null,
  };
}
