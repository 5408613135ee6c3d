import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import { purchasingRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createMemo } from 'solid-js';
import { type OpenRoom, useRoom } from '../stocktake/use-room.ts';
import type { Workspace } from '../sync/workspace.ts';
import { mergeViews } from './order-list.ts';

/** One year's purchasing room (`purchasing-YYYY`), opened from this device's copy first. */
export function usePurchasingRoom(ws: Workspace, year: number): OpenRoom<PurchasingRoom> {
  return useRoom(ws, purchasingRoom(year), (doc) => new PurchasingRoom(doc, year));
}

/** Every order of the open rooms, re-folded when any of them changes (today's date decides "overdue"). */
export function useOrders(rooms: readonly OpenRoom<PurchasingRoom>[]): Accessor<Map<string, OrderView>> {
  return createMemo(() => {
    const now = new Date();
    return mergeViews(
      rooms.map((r) => {
        r.tick();
        return r.model()?.view(now) ?? new Map<string, OrderView>();
      }),
    );
  });
}

/** True once every room's local copy has loaded. */
export function roomsLoaded(rooms: readonly OpenRoom<unknown>[]): boolean {
  return rooms.every((r) => r.model() !== null);
}
