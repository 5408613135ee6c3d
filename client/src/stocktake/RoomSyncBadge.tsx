import { createMemo } from 'solid-js';
import { roomSyncState } from '../sync/sync-summary.ts';
import type { OpenRoom } from './use-room.ts';

/** Whether this stocktake room's changes have reached the server, shown in a screen's header. */
export function RoomSyncBadge(props: {
  room: OpenRoom<unknown>;
  testId: string;
  /** What is said while changes are only on this device, e.g. `3 changes on this device only`. */
  pendingLabel: (pending: number) => string;
}) {
  const sync = createMemo(() => {
    props.room.syncTick();
    const s = props.room.connection.statusSnapshot;
    return { state: roomSyncState(s), pending: s.pending };
  });
  return (
    <span
      class={`room-sync sync-${sync().state}`}
      data-testid={props.testId}
      data-state={sync().state}
      data-pending={sync().pending}
    >
      {sync().pending > 0
        ? props.pendingLabel(sync().pending)
        : sync().state === 'saved'
          ? 'All on the server'
          : sync().state === 'offline'
            ? 'Offline'
            : 'Syncing…'}
    </span>
  );
}
