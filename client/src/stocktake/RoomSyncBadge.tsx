import { createMemo } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { roomSyncState, type SyncState } from '../sync/sync-summary.ts';
import type { OpenRoom } from './use-room.ts';

const changesOnDevice = (n: number) => `${n === 1 ? '1 change' : `${n} changes`} on this device only`;

/** Whether this stocktake room's changes have reached the server, shown in a screen's header. */
export function RoomSyncBadge(props: {
  room: OpenRoom<unknown>;
  testId: string;
  /** What is said while changes are only on this device; by default `3 changes on this device only`. */
  pendingLabel?: (pending: number) => string;
}) {
  const sync = createMemo(() => {
    props.room.syncTick();
    const s = props.room.connection.statusSnapshot;
    return { state: roomSyncState(s), pending: s.pending };
  });
  return (
    <SyncBadge
      testId={props.testId}
      state={sync().state}
      pending={sync().pending}
      pendingLabel={props.pendingLabel ?? changesOnDevice}
    />
  );
}

/**
 * Whether the rooms a screen shows (and with `ledger` the ledger month it also writes to)
 * have reached the server: "N changes on this device only", "All on the server", "Offline"
 * or "Syncing…". A room the server refuses says nothing about the others.
 */
export function RoomsSyncBadge(props: {
  rooms: readonly OpenRoom<unknown>[];
  ledger?: boolean;
  testId: string;
}) {
  const app = useApp();
  const sync = createMemo(() => {
    app.syncTick();
    let pending = 0;
    const states = new Set<SyncState>();
    const snapshots = props.rooms.map((r) => {
      r.syncTick();
      return r.connection.statusSnapshot;
    });
    if (props.ledger) snapshots.push(app.ws.ledgerRoom.statusSnapshot);
    for (const s of snapshots) {
      pending += s.pending;
      if (!s.forbidden) states.add(roomSyncState(s));
    }
    const state: SyncState = states.has('offline') ? 'offline' : states.has('syncing') ? 'syncing' : 'saved';
    return { state, pending };
  });
  return (
    <SyncBadge
      testId={props.testId}
      state={sync().state}
      pending={sync().pending}
      pendingLabel={changesOnDevice}
    />
  );
}

function SyncBadge(props: {
  testId: string;
  state: SyncState;
  pending: number;
  pendingLabel: (pending: number) => string;
}) {
  return (
    <span
      class={`room-sync sync-${props.state}`}
      data-testid={props.testId}
      data-state={props.state}
      data-pending={props.pending}
    >
      {props.pending > 0
        ? props.pendingLabel(props.pending)
        : props.state === 'saved'
          ? 'All on the server'
          : props.state === 'offline'
            ? 'Offline'
            : 'Syncing…'}
    </span>
  );
}
