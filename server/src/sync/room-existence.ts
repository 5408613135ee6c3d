import type { RoomAccess } from '@stockroom/shared/access/permissions';
import { periodOf, writablePeriods } from '@stockroom/shared/ledger/period';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import type { UpdateStore } from '../storage/update-store.ts';
import type { RoomRegistry } from './room-registry.ts';
import type { RoomExistence } from './sync-server.ts';

/**
 * Rooms exist once written. The catalog, the stocktake index and this month's ledger are
 * there for everyone from the start; a writer may open a ledger period in the bounds
 * movements may be dated in; stocktake and expected rooms are decided by their policy
 * (a stocktake exists once defined). Anything else that was never written is 404.
 */
export function roomExistence(
  store: UpdateStore,
  registry: RoomRegistry,
  now: () => Date = () => new Date(),
): RoomExistence {
  return {
    exists: (name) => registry.loaded(name) !== undefined || store.has(name),
    mayCreate(ref: RoomRef, access: RoomAccess): boolean {
      switch (ref.kind) {
        case 'catalog':
        case 'stocktakes':
        case 'maintenance':
        case 'settings':
        case 'stocktake':
        case 'expected':
          return true;
        case 'ledger': {
          if (ref.period === periodOf(now())) return true;
          const { from, to } = writablePeriods(now());
          return access === 'write' && ref.period >= from && ref.period <= to;
        }
        case 'purchasing':
        case 'approvals':
        case 'work-orders': {
          // Documents of last year stay open into this one; a clock a little ahead may be in next year.
          const year = now().getUTCFullYear();
          if (ref.year === year) return true;
          return access === 'write' && ref.year >= year - 1 && ref.year <= year + 1;
        }
        case 'practice':
          // The practice copy of a room comes into being on the same terms as the real one.
          return this.mayCreate(ref.room, access);
        case 'stats':
        case 'training':
          return false; // the server writes them; until it has, there is nothing to read
      }
    },
  };
}
