import { z } from 'zod';
import type { StocktakeStatus } from '../stocktake/lifecycle.ts';
import type { RoomRef } from '../sync/rooms.ts';
import { Role } from './role.ts';

export { Role };
export const ROLES: readonly Role[] = Role.options;

/**
 * Everything a role may do, in one place: API routes check a permission, sync rooms map
 * to one read and one write permission, and the write rules inside rooms (write-rules.ts
 * of each concept) ask it too. Nothing else decides access. The same table runs on the
 * server (enforcing) and in the browser (choosing what to offer).
 */
export const Permission = z.enum([
  'users.manage',
  'audit.read',
  'catalog.read',
  'catalog.write',
  'ledger.read',
  'ledger.write',
  'stocktakes.read',
  /** Counting: write access to the stocktake rooms the user is assigned to. */
  'stocktakes.count',
  /** Create, review, approve and post stocktakes; see expected quantities. */
  'stocktakes.manage',
  /** Purchase orders and replenishment suggestions. */
  'purchasing.read',
  /** Receive deliveries against purchase orders and return goods to suppliers. */
  'purchasing.receive',
  /** Draft, send, close and cancel purchase orders; set replenishment policies. */
  'purchasing.manage',
  /** Assets, work orders, schedules, parts availability. */
  'maintenance.read',
  /** Issue parts to open work orders and take unused parts back. */
  'maintenance.issue',
  /** Create assets, work orders and schedules; reserve parts; change a work order's status. */
  'maintenance.plan',
  /** Reports and the dashboard (stock value, consumption, ABC, accuracy…). */
  'reports.read',
  /** Procedures, reason codes, tagging conventions and approval thresholds (the settings room). */
  'settings.manage',
  /** Approve or reject adjustments held above their category's threshold. */
  'approvals.decide',
]);
export type Permission = z.infer<typeof Permission>;

export const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(Permission.options),
  manager: new Set([
    'catalog.read',
    'ledger.read',
    'stocktakes.read',
    'audit.read',
    'catalog.write',
    'ledger.write',
    'stocktakes.count',
    'stocktakes.manage',
    'purchasing.read',
    'purchasing.receive',
    'purchasing.manage',
    'maintenance.read',
    'maintenance.issue',
    'maintenance.plan',
    'reports.read',
    'approvals.decide',
  ]),
  clerk: new Set([
    'catalog.read',
    'ledger.read',
    'stocktakes.read',
    'ledger.write',
    'purchasing.read',
    'purchasing.receive',
    'maintenance.read',
    'maintenance.issue',
  ]),
  // Counters count what is there: they never see stock on hand (a blind count would not be
  // blind), only the expected quantities a non-blind stocktake shows them.
  counter: new Set(['catalog.read', 'stocktakes.read', 'stocktakes.count']),
  // Technicians see work orders and the stock of their parts, and write nothing but the
  // parts they issue to open work orders and bring back (ledger rules: only those movements).
  technician: new Set(['catalog.read', 'ledger.read', 'maintenance.read', 'maintenance.issue']),
  viewer: new Set([
    'catalog.read',
    'ledger.read',
    'stocktakes.read',
    'purchasing.read',
    'maintenance.read',
    'reports.read',
  ]),
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return Permission.options.filter((p) => PERMISSIONS[role].has(p));
}

export type RoomAccess = 'none' | 'read' | 'write';

/**
 * Per room kind: the permission to read it and the permissions that let a connection write
 * it (any of them; none: only the server writes). What a writable connection may write is
 * then each room's write rules' business.
 */
const ROOM_PERMISSIONS: Record<
  Exclude<RoomRef['kind'], 'practice'>,
  { read: Permission; write: Permission[] }
> = {
  catalog: { read: 'catalog.read', write: ['catalog.write'] },
  // Technicians write only the movements of the parts they issue and return (ledger rules).
  ledger: { read: 'ledger.read', write: ['ledger.write', 'maintenance.issue'] },
  stocktake: { read: 'stocktakes.read', write: ['stocktakes.count'] },
  stocktakes: { read: 'stocktakes.read', write: ['stocktakes.manage'] },
  // Expected quantities of a stocktake: the server writes them; who reads is refined per
  // stocktake (counters only while it is not blind, see expectedRoomAccess).
  expected: { read: 'stocktakes.read', write: [] },
  purchasing: { read: 'purchasing.read', write: ['purchasing.receive', 'purchasing.manage'] },
  maintenance: { read: 'maintenance.read', write: ['maintenance.plan'] },
  'work-orders': { read: 'maintenance.read', write: ['maintenance.issue', 'maintenance.plan'] },
  // Per-period aggregates of the ledger (reports, replenishment): computed by the server.
  stats: { read: 'ledger.read', write: [] },
  // Everyone logged in works by the procedures; admins set them.
  settings: { read: 'catalog.read', write: ['settings.manage'] },
  // Whoever records movements may ask for approval; managers see them; decisions are the server's.
  approvals: { read: 'ledger.read', write: ['ledger.write'] },
  // Training records: the server writes them; devices read them through /api/training.
  training: { read: 'users.manage', write: [] },
};

/** What a role may do with a sync room; a connection without write access is read-only. */
export function roomAccess(role: Role, room: RoomRef): RoomAccess {
  // A practice room is reached and written exactly as the real room it copies (training/).
  if (room.kind === 'practice') return roomAccess(role, room.room);
  const needed = ROOM_PERMISSIONS[room.kind];
  if (needed.write.some((p) => can(role, p))) return 'write';
  if (can(role, needed.read)) return 'read';
  return 'none';
}

/** What one stocktake room says about a user: whether they are assigned to count, and its status. */
export interface StocktakeRoomState {
  assigned: boolean;
  status: StocktakeStatus;
  /** The stocktake counts blind (counters never see expected quantities). */
  blind: boolean;
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

/**
 * Access to `expected-<id>` (the on-hand snapshots taken when counting starts): managers
 * read it; counters assigned to a stocktake that is not blind read it; nobody else, and
 * only the server writes. Clerks and viewers read stock anyway, but have no use for it.
 */
export function expectedRoomAccess(role: Role, state: StocktakeRoomState): RoomAccess {
  if (can(role, 'stocktakes.manage')) return 'read';
  if (can(role, 'stocktakes.count') && state.assigned && !state.blind) return 'read';
  return 'none';
}
