import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { type Cell, toCsv } from '@stockroom/shared/stocktake/csv';
import { shortId } from './status.ts';

export interface OrderDocumentContext {
  supplierName: string;
  itemName: (sku: string) => string;
  /** The supplier's own part number for the item, if the item's references say. */
  supplierSku: (sku: string) => string;
  unit: (sku: string) => string;
}

/** What a line costs: quantity × unit cost, summed in 1/10,000 units like the order's total. */
export function lineTotal(l: { quantity: number; unitCost: number }): number {
  return fromUnits(Math.round(toUnits(l.quantity) * l.unitCost));
}

export const ORDER_CSV_HEADER = [
  'order_id',
  'number',
  'supplier',
  'supplier_name',
  'status',
  'created_at',
  'sent_at',
  'expected_at',
  'line',
  'sku',
  'supplier_sku',
  'name',
  'unit',
  'ordered',
  'received',
  'returned',
  'open',
  'unit_cost',
  'line_total',
  'line_expected_at',
] as const;

/** The order as CSV: one row per line, the order's own fields repeated on each (a spreadsheet filters them). */
export function orderCsv(order: OrderView, ctx: OrderDocumentContext): string {
  const rows: Cell[][] = [[...ORDER_CSV_HEADER]];
  for (const l of order.lines) {
    rows.push([
      order.id,
      order.number ?? '',
      order.supplier,
      ctx.supplierName,
      order.status,
      order.createdAt,
      order.sentAt ?? '',
      order.expectedAt ?? '',
      l.line,
      l.sku,
      ctx.supplierSku(l.sku),
      ctx.itemName(l.sku),
      ctx.unit(l.sku),
      l.quantity,
      l.received,
      l.returned,
      l.open,
      l.unitCost,
      lineTotal(l),
      l.expectedAt ?? '',
    ]);
  }
  return toCsv(rows);
}

/** `PO-2026-0007.csv`, or `PO-pending-ab12cd34.csv` before the order has its number. */
export function orderFileName(order: Pick<OrderView, 'id' | 'number'>, ext: 'csv' | 'pdf'): string {
  const base = order.number ?? `PO-pending-${shortId(order.id)}`;
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '-')}.${ext}`;
}
