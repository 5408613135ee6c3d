import type { CodeLookups } from '@stockroom/shared/scanning/resolve-code';
import { createEffect, createMemo } from 'solid-js';
import { canSeeMaintenance } from '../maintenance/maintenance-permissions.ts';
import { useMaintenanceRoom } from '../maintenance/use-maintenance.ts';
import { useWorkOrderRooms } from '../maintenance/use-work-order.ts';
import { findOrder } from '../purchasing/order-list.ts';
import { canReadPurchasing, purchasingYears } from '../purchasing/purchasing-permissions.ts';
import { usePurchasingRoom } from '../purchasing/use-purchasing.ts';
import type { OpenRoom } from '../stocktake/use-room.ts';
import { useApp } from './app-context.ts';

export interface DocumentLookups {
  lookups: Omit<CodeLookups, 'catalog'>;
  /** Every room this role reads has its local copy loaded: an unknown code is really unknown. */
  loaded: boolean;
}

/**
 * A room's answer is worth waiting for until its local copy is loaded and, on a device that
 * never held it, the server's copy has arrived (or the server cannot be reached): an empty
 * local copy would call every code on it unknown.
 */
function settled(room: OpenRoom<unknown>): boolean {
  room.syncTick();
  if (room.model() === null) return false;
  const s = room.connection.statusSnapshot;
  return s.synced || s.workOffline || s.rejected || s.forbidden === true || s.failedAttempts > 0;
}

/**
 * Opens the rooms of the documents a role may scan (purchase orders; work orders and assets)
 * while it lives, and hands lookups over them to the global scanner. Renders nothing.
 */
export function DocumentRooms(props: { onChange: (docs: DocumentLookups) => void }) {
  const app = useApp();
  const role = app.session().user.role;
  const poRooms = canReadPurchasing(role)
    ? purchasingYears(role).map((y) => usePurchasingRoom(app.ws, y))
    : [];
  const mro = canSeeMaintenance(role);
  const woRooms = mro ? useWorkOrderRooms(app) : null;
  const assets = mro ? useMaintenanceRoom(app.ws) : null;

  const loaded = createMemo(() =>
    [...poRooms, ...(woRooms?.rooms ?? []), ...(assets ? [assets] : [])].every(settled),
  );

  // Read the rooms' models, not the memos over them: those follow a tick that lags one frame
  // behind the content, and the first lookup runs the moment the server's copy has arrived.
  const now = () => new Date();
  const lookups: DocumentLookups['lookups'] = {
    ...(poRooms.length
      ? {
          purchaseOrder: (code: string) =>
            findOrder(
              poRooms.flatMap((r) => [...(r.model()?.view(now()).values() ?? [])]),
              code,
            )?.id ?? null,
        }
      : {}),
    ...(woRooms
      ? {
          workOrder: (code: string) => {
            const upper = code.toUpperCase();
            for (const room of woRooms.rooms)
              for (const [id, order] of room.model()?.view(now()) ?? [])
                if (id === code || order.number === upper) return id;
            return null;
          },
        }
      : {}),
    ...(assets
      ? {
          asset: (code: string) => {
            const m = assets.model();
            if (!m) return null;
            const upper = code.toUpperCase();
            const found =
              m.assetForBarcode(code) ?? [...m.assets.values()].find((a) => a.code.toUpperCase() === upper);
            return found?.code ?? null;
          },
        }
      : {}),
  };

  createEffect(() => props.onChange({ lookups, loaded: loaded() }));
  return null;
}
