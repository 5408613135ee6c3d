import { createMemo } from 'solid-js';
import type { OpenRoom } from '../stocktake/use-room.ts';
import { roomSyncState, type SyncState } from '../sync/sync-summary.ts';

/**
 * Whether the purchasing rooms a screen shows have reached the server: "N changes on this
 * device only", "All on the server", "Offline" or "Syncing…" (data-state, data-pending).
 */
export function RoomsSyncBadge(props: { rooms: readonly OpenRoom<unknown>[]; testId: string }) {
  const sync = createMemo(() => {
    let pending = 0;
    const states = new Set<SyncState>();
    for (const r of props.rooms) {
      r.syncTick();
      const s = r.connection.statusSnapshot;
      pending += s.pending;
      if (!s.forbidden) states.add(roomSyncState(s));
    }
    const state: SyncState = states.has('offline') ? 'offline' : states.has('syncing') ? 'syncing' : 'saved';
    return { state, pending };
  });
  return (
    <span
      class={`room-sync sync-${sync().state}`}
      data-testid={props.testId}
      data-state={sync().state}
      data-pending={sync().pending}
    >
      {sync().pending > 0
        ? `${sync().pending === 1 ? '1 change' : `${sync().pending} changes`} on this device only`
        : sync().state === 'saved'
          ? 'All on the server'
          : sync().state === 'offline'
            ? 'Offline'
            : 'Syncing…'}
    </span>
  );
}
