export type SyncState = 'offline' | 'syncing' | 'saved';

/** What the indicator needs to know about one room. */
export interface RoomStatus {
  room: string;
  connection: 'connected' | 'connecting' | 'disconnected';
  /** Attempts that failed since the last successful connection. */
  failedAttempts: number;
  /** The server has answered the initial sync on the current connection. */
  synced: boolean;
  /** Set when the person chose "Work offline". */
  workOffline: boolean;
  /** The server refused the token (close code 4401/4403 or /api/me said 401). */
  rejected: boolean;
  /** The server refused this room only (4403: e.g. a counter taken off a stocktake; 4413/4429: a limit). */
  forbidden?: boolean;
  /** What the server said when it refused (the close reason), shown to the person. */
  refusal?: string;
  /** Local changes the server has not confirmed as stored. */
  pending: number;
}

export function roomSyncState(r: RoomStatus): SyncState {
  if (r.workOffline || r.rejected || r.connection === 'disconnected') return 'offline';
  // y-websocket stays "connecting" while it retries an unreachable server; after the first
  // failed attempt that is offline as far as a person is concerned.
  if (r.connection === 'connecting') return r.failedAttempts > 0 ? 'offline' : 'syncing';
  return r.synced && r.pending === 0 ? 'saved' : 'syncing';
}

export interface SyncSummary {
  state: SyncState;
  pending: number;
  label: string;
  rejected: boolean;
}

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** One state and one sentence for the header, from every open room. */
export function summarize(rooms: readonly RoomStatus[]): SyncSummary {
  const pending = rooms.reduce((sum, r) => sum + r.pending, 0);
  // A room we may no longer sync says nothing about the others; it only matters if it holds changes.
  const blocked = rooms.filter((r) => r.forbidden && r.pending > 0);
  const states = rooms.filter((r) => !r.forbidden).map(roomSyncState);
  const rejected = rooms.some((r) => r.rejected);
  const state: SyncState = states.includes('offline')
    ? 'offline'
    : states.includes('syncing')
      ? 'syncing'
      : 'saved';
  let label: string;
  if (blocked.length && !rejected)
    label = `No access to ${blocked.map((r) => (r.refusal ? `${r.room} (${r.refusal})` : r.room)).join(', ')} — ${changes(
      blocked.reduce((sum, r) => sum + r.pending, 0),
    )} kept on this device`;
  else if (rejected)
    label =
      pending > 0
        ? `Log in again to sync — ${changes(pending)} saved on this device`
        : 'Log in again to sync';
  else if (state === 'offline')
    label =
      pending > 0
        ? `Offline — ${changes(pending)} saved on this device`
        : 'Offline — nothing waiting to sync';
  else if (state === 'syncing') label = pending > 0 ? `Syncing ${changes(pending)}…` : 'Syncing…';
  else label = 'All changes saved on the server';
  return { state, pending, label, rejected };
}
