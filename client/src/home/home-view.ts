import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { isActive } from '../maintenance/work-order-list.ts';
import { expectedOf } from '../purchasing/order-list.ts';
import { canBeReceived } from '../purchasing/status.ts';

/*
 * What the homes list, as pure functions of the rooms' folds (the screens only render them).
 */

export interface DueOrder {
  order: OrderView;
  /** The day the goods are due, or null when nobody said. */
  due: string | null;
}

/**
 * The orders a clerk may receive today: sent and not yet all received, due today or before
 * (overdue first), then those with no date. Orders due later wait for their day.
 */
export function ordersToReceive(orders: Iterable<OrderView>, today: string): DueOrder[] {
  const out: DueOrder[] = [];
  for (const order of orders) {
    if (!canBeReceived(order.status) || order.status === 'received') continue;
    const due = expectedOf(order);
    if (due !== null && due > today) continue;
    out.push({ order, due });
  }
  // No date sorts last; ties by id so the list does not jump between renders.
  const key = (d: DueOrder) => `${d.due ?? '9999-99-99'} ${d.order.id}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

const PRIORITY_RANK: Record<WorkOrderView['priority'], number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/**
 * A technician's work: active work orders assigned to them, then active ones nobody took;
 * each part by priority, then due day (none last). Someone else's jobs are not theirs.
 */
export function myWorkOrders(orders: Iterable<WorkOrderView>, username: string): WorkOrderView[] {
  const mine = [...orders].filter(
    (o) => isActive(o.status) && (o.assignee === username || o.assignee === null),
  );
  const key = (o: WorkOrderView) =>
    [o.assignee === username ? 0 : 1, PRIORITY_RANK[o.priority], o.due ?? '9999-99-99', o.id] as const;
  return mine.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
}
