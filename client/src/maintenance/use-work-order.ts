import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import type { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { type Accessor, createMemo } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import type { OpenRoom } from '../stocktake/use-room.ts';
import { workOrderYears } from './maintenance-permissions.ts';
import { type LocatedOrder, roomsLoaded, useWorkOrders, useWorkOrdersRoom } from './use-maintenance.ts';

export interface WorkOrderRooms {
  rooms: OpenRoom<WorkOrdersRoom>[];
  orders: Accessor<Map<string, LocatedOrder>>;
  loaded: Accessor<boolean>;
}

/** The work-orders rooms of the years this role opens, and every work order in them. */
export function useWorkOrderRooms(app: AppContextValue): WorkOrderRooms {
  const rooms = workOrderYears(app.session().user.role).map((y) => useWorkOrdersRoom(app.ws, y));
  const orders = useWorkOrders(rooms);
  return { rooms, orders, loaded: () => roomsLoaded(rooms) };
}

/** One work order (whichever year's room holds it) and the room to write it in. */
export function useWorkOrder(
  rooms: WorkOrderRooms,
  id: Accessor<string>,
): { order: Accessor<WorkOrderView | null>; room: Accessor<OpenRoom<WorkOrdersRoom> | null> } {
  const found = createMemo(() => rooms.orders().get(id()) ?? null);
  return { order: () => found()?.order ?? null, room: () => found()?.room ?? null };
}
