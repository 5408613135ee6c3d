import { MaintenanceRoom } from '@stockroom/shared/maintenance/maintenance-room';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { PeriodStatsRoom } from '@stockroom/shared/reports/period-stats-room';
import { MAINTENANCE_ROOM, statsRoom, workOrdersRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createMemo } from 'solid-js';
import { type OpenRoom, useRoom } from '../stocktake/use-room.ts';
import type { Workspace } from '../sync/workspace.ts';

/** The `maintenance` room (assets and schedules), opened from this device's copy first. */
export function useMaintenanceRoom(ws: Workspace): OpenRoom<MaintenanceRoom> {
  return useRoom(ws, MAINTENANCE_ROOM, (doc) => new MaintenanceRoom(doc));
}

/** One year's work orders room (`work-orders-YYYY`). */
export function useWorkOrdersRoom(ws: Workspace, year: number): OpenRoom<WorkOrdersRoom> {
  return useRoom(ws, workOrdersRoom(year), (doc) => new WorkOrdersRoom(doc, year));
}

/** The server's per-item aggregates of a ledger period: where the moving-average cost comes from. */
export function usePeriodStats(ws: Workspace, period: string): OpenRoom<PeriodStatsRoom> {
  return useRoom(ws, statsRoom(period), (doc) => new PeriodStatsRoom(doc, period));
}

export interface LocatedOrder {
  order: WorkOrderView;
  room: OpenRoom<WorkOrdersRoom>;
}

/** Every work order of the open rooms, re-folded when any of them changes (today decides "overdue"). */
export function useWorkOrders(
  rooms: readonly OpenRoom<WorkOrdersRoom>[],
): Accessor<Map<string, LocatedOrder>> {
  return createMemo(() => {
    const now = new Date();
    const out = new Map<string, LocatedOrder>();
    for (const room of rooms) {
      room.tick();
      for (const [id, order] of room.model()?.view(now) ?? []) if (!out.has(id)) out.set(id, { order, room });
    }
    return out;
  });
}

/** True once every room's local copy has loaded. */
export function roomsLoaded(rooms: readonly OpenRoom<unknown>[]): boolean {
  return rooms.every((r) => r.model() !== null);
}
