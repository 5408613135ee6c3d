import { can } from '@stockroom/shared/access/permissions';
import { MaintenanceRoom } from '@stockroom/shared/maintenance/maintenance-room';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { MAINTENANCE_ROOM, workOrdersRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createMemo } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import { canReadPurchasing, purchasingYears } from '../purchasing/purchasing-permissions.ts';
import { roomsLoaded, useOrders, usePurchasingRoom } from '../purchasing/use-purchasing.ts';
import { useRoom } from '../stocktake/use-room.ts';

export interface Operations {
  orders: Accessor<OrderView[]>;
  workOrders: Accessor<WorkOrderView[]>;
  /** Open work orders' reservations, per SKU. */
  reserved: Accessor<Map<string, number>>;
  /** Critical spares: recommended quantities of critical and high assets, per SKU. */
  minimums: Accessor<Map<string, number>>;
  loaded: Accessor<boolean>;
}

/**
 * The purchasing, work-order and maintenance rooms the dashboard and replenishment read,
 * from this device's copies (synced while online). Only rooms the role may read are opened;
 * work orders of this year only (a reader may not open a year nobody wrote: 404).
 */
export function useOperations(app: AppContextValue): Operations {
  const role = app.session().user.role;
  const year = new Date().getUTCFullYear();
  const purchasing = canReadPurchasing(role)
    ? purchasingYears(role).map((y) => usePurchasingRoom(app.ws, y))
    : [];
  const byId = useOrders(purchasing);
  const maintenance = can(role, 'maintenance.read');
  const wo = maintenance
    ? useRoom(app.ws, workOrdersRoom(year), (doc) => new WorkOrdersRoom(doc, year))
    : null;
  const assets = maintenance ? useRoom(app.ws, MAINTENANCE_ROOM, (doc) => new MaintenanceRoom(doc)) : null;

  const workOrders = createMemo(() => {
    wo?.tick();
    return [...(wo?.model()?.view(new Date()).values() ?? [])];
  });
  const reserved = createMemo(() => {
    wo?.tick();
    const units = new Map<string, number>();
    for (const [sku, q] of wo?.model()?.reservedBySku() ?? []) units.set(sku, toUnits(q));
    return new Map([...units].map(([sku, u]) => [sku, fromUnits(u)]));
  });
  const minimums = createMemo(() => {
    assets?.tick();
    return assets?.model()?.criticalMinimums() ?? new Map<string, number>();
  });
  return {
    orders: () => [...byId().values()],
    workOrders,
    reserved,
    minimums,
    loaded: () =>
      roomsLoaded(purchasing) &&
      (wo === null || wo.model() !== null) &&
      (assets === null || assets.model() !== null),
  };
}
