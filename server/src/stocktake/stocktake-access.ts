import type { RoomRef } from '@stockroom/shared/sync/rooms';
import { type RoomAccess, stocktakeRoomAccess } from '../auth/permissions.ts';
import type { Session } from '../auth/sessions.ts';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { RoomPolicy } from '../sync/sync-server.ts';
import { stocktakeOf } from './stocktake-rooms.ts';

/** What a user may do with one stocktake, from what its room holds now. */
export function accessToStocktake(room: Room, session: Pick<Session, 'role' | 'username'>): RoomAccess {
  const st = stocktakeOf(room);
  return stocktakeRoomAccess(session.role, {
    assigned: st.counters().includes(session.username),
    status: st.status(),
  });
}

/**
 * Sync access to `stocktake-<id>` rooms depends on the room: its assigned counters and its
 * status (see stocktakeRoomAccess). The role's own access is the ceiling.
 */
export const stocktakeRoomPolicy: RoomPolicy = {
  applies: (ref: RoomRef) => ref.kind === 'stocktake',
  decide(session, room, roleAccess) {
    if (roleAccess === 'none') return 'none';
    const access = accessToStocktake(room, session);
    return access === 'write' && roleAccess !== 'write' ? 'read' : access;
  },
};

/**
 * Calls `changed(room)` whenever a loaded stocktake room's status or counters change —
 * whoever wrote them (a manager's device, the API) — so open connections can be narrowed
 * before the next message from them is handled.
 */
export function watchStocktakeAccess(registry: RoomRegistry, changed: (room: Room) => void): void {
  registry.onLoad((room) => {
    if (room.ref.kind !== 'stocktake') return;
    const st = stocktakeOf(room);
    const notify = () => changed(room);
    st.states.onChange(notify);
    st.assignments.onChange(notify);
  });
}
