import { reservedBySku } from '@stockroom/shared/maintenance/work-order-fold';
import { createEffect } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { useWorkOrderRooms } from './use-work-order.ts';

/**
 * Reports what the open work orders hold reserved, per SKU, to a screen that is not about
 * maintenance (the stock screen shows on hand, reserved and available). Rendered only for
 * roles that may read the work-order rooms, so nobody else opens them.
 */
export function ReservedFeed(props: { onChange: (reserved: ReadonlyMap<string, number>) => void }) {
  const app = useApp();
  const rooms = useWorkOrderRooms(app);
  createEffect(() => props.onChange(reservedBySku([...rooms.orders().values()].map((x) => x.order))));
  return null;
}
