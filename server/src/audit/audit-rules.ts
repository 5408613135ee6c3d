import type { RoomRef } from '@stockroom/shared/sync/rooms';
import type { Room } from '../sync/room.ts';

/** One key of a top-level Y.Map changed by a transaction (from its YMapEvent). */
export interface MapChange {
  map: string;
  key: string;
  action: 'add' | 'update' | 'delete';
  /** The value now (undefined after a delete). */
  value: unknown;
  /** The value it replaced or deleted (undefined for an add). */
  oldValue: unknown;
}

/** Who wrote: the authenticated connection the update came from, never what the data says. */
export interface Writer {
  user: string;
  device: string;
  /** The device session (login) the connection was opened with. */
  session: string;
}

/** An audit row a room change calls for; RoomAudit adds who, the room and the session. */
export interface RoomAuditRow {
  action: string;
  subject: string | null;
  related?: string[];
  details: Record<string, unknown>;
}

/**
 * Counting activity summed instead of written row by row (a stocktake sees thousands of
 * scans): RoomAudit adds it up per connection, location and minute.
 */
export interface CountTally {
  location: string;
  entries: number;
  voids: number;
  /** Entries removed from the room's map (never done by the app: tampering or a broken client). */
  removed: number;
  invalid: number;
  /** Sum of the counted quantities in integer units (toUnits), so sums stay exact. */
  quantity: number;
  /** Users the counted sessions claim, where they are not the connection's user. */
  claimedUsers: string[];
}

export interface RoomChanges {
  rows: RoomAuditRow[];
  tallies: CountTally[];
}

/** How the changes of one kind of room read as audit entries. */
export interface AuditRules {
  /** The top-level maps watched (made Y.Maps at load, so their changes produce events). */
  readonly maps: readonly string[];
  describe(changes: readonly MapChange[], ctx: { room: Room; writer: Writer }): RoomChanges;
}

/** A flag for entries whose self-declared author is not the connection's user. */
export function claimed(writer: Writer, user: unknown): Record<string, unknown> {
  return typeof user === 'string' && user !== writer.user ? { userMismatch: true, claimedUser: user } : {};
}

/** Drops undefined fields so stored details stay small and readable. */
export function compact(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) if (v !== undefined) out[k] = v;
  return out;
}

export type RulesFor = (ref: RoomRef) => AuditRules | null;
