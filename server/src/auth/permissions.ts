import { Role } from '@stockroom/shared/access/role';
import type { StocktakeStatus } from '@stockroom/shared/stocktake/lifecycle';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import { z } from 'zod';

export { Role };
export const ROLES: readonly Role[] = Role.options;

/**
 * Everything a role may do, in one place: API routes check a permission, sync rooms map
 * to one read and one write permission. Nothing else decides access.
 */
export const Permission = z.enum([
  'users.manage',
  'audit.read',
  'catalog.read',
  'catalog.write',
  'ledger.read',
  'ledger.write',
  'stocktakes.read',
  /** Counting: write access to stocktake rooms (for now every stocktake; later only assigned ones). */
  'stocktakes.count',
  /** Create, review, approve and post stocktakes. */
  'stocktakes.manage',
]);
export type Permission = z.infer<typeof Permission>;

const READ_ALL: Permission[] = ['catalog.read', 'ledger.read', 'stocktakes.read'];

export const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(Permission.options),
  manager: new Set([
    ...READ_ALL,
    'audit.read',
    'catalog.write',
    'ledger.write',
    'stocktakes.count',
    'stocktakes.manage',
  ]),
  clerk: new Set([...READ_ALL, 'ledger.write']),
  counter: new Set([...READ_ALL, 'stocktakes.count']),
  viewer: new Set(READ_ALL),
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return Permission.options.filter((p) => PERMISSIONS[role].has(p));
}

export type RoomAccess = 'none' | 'read' | 'write';

const ROOM_PERMISSIONS: Record<RoomRef['kind'], { read: Permission; write: Permission }> = {
  catalog: { read: 'catalog.read', write: 'catalog.write' },
  ledger: { read: 'ledger.read', write: 'ledger.write' },
  stocktake: { read: 'stocktakes.read', write: 'stocktakes.count' },
  stocktakes: { read: 'stocktakes.read', write: 'stocktakes.manage' },
};

/** What a role may do with a sync room; a connection without write access is read-only. */
export function roomAccess(role: Role, room: RoomRef): RoomAccess {
  const needed = ROOM_PERMISSIONS[room.kind];
  if (can(role, needed.write)) return 'write';
  if (can(role, needed.read)) return 'read';
  return 'none';
}

/** What one stocktake room says about a user: whether they are assigned to count, and its status. */
export interface StocktakeRoomState {
  assigned: boolean;
  status: StocktakeStatus;
}

/**
 * Access to one `stocktake-<id>` room, refined from what the room holds (the server loads
 * it before the upgrade, and again whenever its status or counters change):
 * - posted or cancelled: read-only for everyone who may see it;
 * - managers and admins (stocktakes.manage) write;
 * - a counter sees only the stocktakes assigned to them, and writes while it is open;
 * - other roles (clerk, viewer) read.
 */
export function stocktakeRoomAccess(role: Role, state: StocktakeRoomState): RoomAccess {
  const ceiling = roomAccess(role, { kind: 'stocktake', id: '-' });
  if (ceiling === 'none') return 'none';
  const manages = can(role, 'stocktakes.manage');
  if (!manages && can(role, 'stocktakes.count') && !state.assigned) return 'none';
  const open = state.status !== 'posted' && state.status !== 'cancelled';
  return open && ceiling === 'write' ? 'write' : 'read';
}
