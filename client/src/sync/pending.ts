import type { SavedState } from '@stockroom/shared/sync/saved-state';

/** The local clock of a client in a document: how many changes from it the document holds. */
export type ClockOf = (client: number) => number;

/** Changes written on this device that the server has not yet said it stored. */
export function pendingChanges(saved: SavedState, localClock: ClockOf, writers: Iterable<number>): number {
  const local = new Map<number, number>();
  for (const client of writers) local.set(client, localClock(client));
  return saved.pending(local, local.keys());
}

/**
 * Writers worth remembering: the current session's clientID, and earlier ones whose changes
 * are not all acknowledged yet. A fully saved earlier clientID can never change again
 * (clientIDs are never reused), so it is forgotten to keep the list short.
 */
export function writersToKeep(
  writers: Iterable<number>,
  current: number,
  saved: SavedState,
  localClock: ClockOf,
): number[] {
  const out: number[] = [];
  for (const client of writers) {
    if (client === current || saved.clockOf(client) < localClock(client)) out.push(client);
  }
  return out;
}

export type EntrySaved = 'server' | 'device';

/**
 * Where an entry written by `client` at `clock` is known to be stored. Entries from other
 * devices reached this one through the server, so they are on the server; this device's own
 * entries are on the server once an acknowledgement covers their clock.
 */
export function entrySaved(
  writer: { client: number; clock: number },
  ownWriters: ReadonlySet<number>,
  saved: SavedState,
): EntrySaved {
  if (!ownWriters.has(writer.client)) return 'server';
  return saved.clockOf(writer.client) > writer.clock ? 'server' : 'device';
}
