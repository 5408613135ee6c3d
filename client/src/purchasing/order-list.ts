import { isOpen, type OrderStatus, type OrderView } from '@stockroom/shared/purchasing/order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';

/** `open` is every order that still brings stock (draft, sent, partially received). */
export type StatusFilter = OrderStatus | 'open' | '';

export interface OrderFilter {
  status: StatusFilter;
  supplier: string;
}

export interface OrderProgress {
  /** Net received (received − returned), each line capped at its ordered quantity. */
  received: number;
  ordered: number;
}

/** How much of the order has arrived: per line net of returns, an over-delivery counting as full. */
export function orderProgress(order: Pick<OrderView, 'lines'>): OrderProgress {
  let received = 0;
  let ordered = 0;
  for (const l of order.lines) {
    const q = toUnits(l.quantity);
    ordered += q;
    received += Math.min(q, Math.max(0, toUnits(l.net)));
  }
  return { received: fromUnits(received), ordered: fromUnits(ordered) };
}

export function matchesFilter(order: OrderView, filter: OrderFilter): boolean {
  if (filter.supplier && order.supplier !== filter.supplier) return false;
  if (filter.status === 'open') return isOpen(order.status);
  return !filter.status || order.status === filter.status;
}

/** Newest first (creation time, then id so every device lists the same order). */
export function listOrders(orders: Iterable<OrderView>, filter: OrderFilter): OrderView[] {
  return [...orders]
    .filter((o) => matchesFilter(o, filter))
    .sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
}

/**
 * The order a scanned or typed code names: the order id (what the PO's barcode encodes) or
 * its number (PO-2026-0007, any case). Null when it is neither.
 */
export function findOrder(orders: Iterable<OrderView>, code: string): OrderView | null {
  const raw = code.trim();
  if (!raw) return null;
  const upper = raw.toUpperCase();
  for (const o of orders) if (o.id === raw || (o.number !== null && o.number === upper)) return o;
  return null;
}

/** Orders of several rooms (this year's and last year's) as one map; ids never collide (the year is in them). */
export function mergeViews(views: Iterable<Map<string, OrderView>>): Map<string, OrderView> {
  const out = new Map<string, OrderView>();
  for (const v of views) for (const [id, o] of v) out.set(id, o);
  return out;
}

/** When the goods are due: the order's day, else the earliest day a line gives; null when nobody said. */
export function expectedOf(order: Pick<OrderView, 'expectedAt' | 'lines'>): string | null {
  if (order.expectedAt) return order.expectedAt;
  const days = order.lines.map((l) => l.expectedAt).filter((d): d is string => d !== null);
  return days.length ? days.sort()[0]! : null;
}
