import type { RoomRef } from '@stockroom/shared/sync/rooms';
import { stocktakeRoom } from '@stockroom/shared/sync/rooms';
import {
  can,
  expectedRoomAccess,
  type RoomAccess,
  type StocktakeRoomState,
  stocktakeRoomAccess,
} from '../auth/permissions.ts';
import type { Session } from '../auth/sessions.ts';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { RoomPolicy } from '../sync/sync-server.ts';
import { stocktakeOf } from './stocktake-rooms.ts';

function stateFor(room: Room, session: Pick<Session, 'username'>): StocktakeRoomState {
  const st = stocktakeOf(room);
  return {
    assigned: st.counters().includes(session.username),
    status: st.status(),
    blind: st.definition()?.blind ?? true,
  };
}

/** What a user may do with one stocktake, from what its room holds now. */
export function accessToStocktake(room: Room, session: Pick<Session, 'role' | 'username'>): RoomAccess {
  return stocktakeRoomAccess(session.role, stateFor(room, session));
}

/** A stocktake exists once it is defined (or its room holds anything at all). */
function defined(room: Room): boolean {
  return stocktakeOf(room).definition() !== null || room.doc.store.clients.size > 0;
}

/**
 * Sync access to `stocktake-<id>` rooms depends on the room: its assigned counters and its
 * status (see stocktakeRoomAccess); to `expected-<id>` on the stocktake's counters and
 * whether it is blind (expectedRoomAccess). The role's own access is the ceiling. A
 * stocktake nobody defined is 404, except for a manager's device bringing one it defined
 * offline.
 */
export const stocktakeRoomPolicy: RoomPolicy = {
  applies: (ref: RoomRef) => ref.kind === 'stocktake' || ref.kind === 'expected',
  decidedBy: (ref) => stocktakeRoom(ref.kind === 'stocktake' || ref.kind === 'expected' ? ref.id : ''),
  decide(session, room, roleAccess, ref) {
    if (roleAccess === 'none') return 'none';
    if (!defined(room))
      return ref.kind === 'stocktake' && can(session.role, 'stocktakes.manage') ? 'write' : 'missing';
    if (ref.kind === 'expected') return expectedRoomAccess(session.role, stateFor(room, session));
    const access = accessToStocktake(room, session);
    return access === 'write' && roleAccess !== 'write' ? 'read' : access;
  },
};

/**
 * Calls `changed(room)` whenever a loaded stocktake room's status, counters or definition
 * (blind) change — whoever wrote them (a manager's device, the API) — so open connections
 * can be narrowed before the next message from them is handled.
 */
export function watchStocktakeAccess(registry: RoomRegistry, changed: (room: Room) => void): void {
  registry.onLoad((room) => {
    if (room.ref.kind !== 'stocktake') return;
    const st = stocktakeOf(room);
    const notify = () => changed(room);
    st.states.onChange(notify);
    st.assignments.onChange(notify);
    st.definitionEvents.onChange(notify);
  });
}
