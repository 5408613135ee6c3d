import type { OrderStatus, OrderView } from '@stockroom/shared/purchasing/order-fold';

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  partially_received: 'Partially received',
  received: 'Received',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'draft',
  'sent',
  'partially_received',
  'received',
  'closed',
  'cancelled',
];

/** The first characters of an order's random part: enough to tell orders apart before they have a number. */
export function shortId(id: string): string {
  const dash = id.indexOf('-');
  return id.slice(dash + 1, dash + 9);
}

/** "PO-2026-0007", or "number pending" until the server has numbered the order. */
export function orderNumber(order: Pick<OrderView, 'number'>): string {
  return order.number ?? 'number pending';
}

/** Receipts are posted against sent orders (a received one too: an over-delivery still arrives). */
export function canBeReceived(status: OrderStatus): boolean {
  return status === 'sent' || status === 'partially_received' || status === 'received';
}

/** Goods that arrived may go back to the supplier, also after the order was closed. */
export function canBeReturned(order: Pick<OrderView, 'status' | 'lines'>): boolean {
  return (canBeReceived(order.status) || order.status === 'closed') && order.lines.some((l) => l.net > 0);
}
