/**
 * Room names. Each room is one Y.Doc, synced and stored on its own; rooms are split by
 * permission and lifetime so that none grows without end.
 */
export const CATALOG_ROOM = 'catalog';
/** The index of stocktakes (id → name, created at/by): what a device lists before opening one. */
export const STOCKTAKES_ROOM = 'stocktakes';
/** Maintenance master data: assets (with their recommended spares) and preventive schedules. */
export const MAINTENANCE_ROOM = 'maintenance';
/** The organisation's procedures: checklists, reason codes, tagging conventions, approval thresholds. */
export const SETTINGS_ROOM = 'settings';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type RoomRef =
  | { kind: 'catalog' }
  | { kind: 'ledger'; period: string }
  | { kind: 'stocktake'; id: string }
  | { kind: 'stocktakes' }
  | { kind: 'maintenance' }
  | { kind: 'settings' }
  /** Adjustments held for a manager's approval, by the year they were asked for. */
  | { kind: 'approvals'; year: number }
  /** The on-hand snapshots of stocktake `id`, written by the server: apart so a blind count stays blind. */
  | { kind: 'expected'; id: string }
  /** Purchase orders created in one year (their lines, states, receipts and returns). */
  | { kind: 'purchasing'; year: number }
  /** Work orders created in one year (their status, reservations, issues and returns). */
  | { kind: 'work-orders'; year: number }
  /** Per-item aggregates of one ledger period (quantities and values in and out, daily demand), by the server. */
  | { kind: 'stats'; period: string }
  /** Training records, attempts and requirements (training/), written by the server only. */
  | { kind: 'training' }
  /**
   * `practice-<room>`: the practice workspace's copy of a room (training/). A kind of its own,
   * so nothing that looks for real ledgers, stats or orders by kind ever counts it.
   */
  | { kind: 'practice'; room: PracticeRoomRef };

/** The rooms a practice workspace has copies of (the settings room stays the real one). */
export type PracticeRoomRef = Exclude<
  RoomRef,
  { kind: 'practice' } | { kind: 'settings' } | { kind: 'training' }
>;

export const TRAINING_ROOM = 'training';
export const PRACTICE_PREFIX = 'practice-';

/** The practice copy of a room; a practice room or the settings room is returned as it is. */
export function practiceRoom(name: string): string {
  if (name.startsWith(PRACTICE_PREFIX) || name === SETTINGS_ROOM || name === TRAINING_ROOM) return name;
  return `${PRACTICE_PREFIX}${name}`;
}

export function ledgerRoom(period: string): string {
  return `ledger-${period}`;
}

export function stocktakeRoom(id: string): string {
  return `stocktake-${id}`;
}

export function expectedRoom(stocktakeId: string): string {
  return `expected-${stocktakeId}`;
}

export function purchasingRoom(year: number): string {
  return `purchasing-${year}`;
}

export function workOrdersRoom(year: number): string {
  return `work-orders-${year}`;
}

export function approvalsRoom(year: number): string {
  return `approvals-${year}`;
}

export function statsRoom(period: string): string {
  return `stats-${period}`;
}

const YEAR = /^(19|20|21)\d{2}$/;

/** Parses a room name; null for anything that is not a known room (refused before upgrade). */
export function parseRoom(name: string): RoomRef | null {
  if (name.startsWith(PRACTICE_PREFIX)) {
    const room = parseRoom(name.slice(PRACTICE_PREFIX.length));
    if (!room || room.kind === 'practice' || room.kind === 'settings' || room.kind === 'training')
      return null;
    return { kind: 'practice', room };
  }
  if (name === TRAINING_ROOM) return { kind: 'training' };
  if (name === CATALOG_ROOM) return { kind: 'catalog' };
  if (name === STOCKTAKES_ROOM) return { kind: 'stocktakes' };
  if (name === MAINTENANCE_ROOM) return { kind: 'maintenance' };
  if (name === SETTINGS_ROOM) return { kind: 'settings' };
  if (name.startsWith('approvals-')) {
    const year = name.slice('approvals-'.length);
    return YEAR.test(year) ? { kind: 'approvals', year: Number(year) } : null;
  }
  if (name.startsWith('ledger-')) {
    const period = name.slice('ledger-'.length);
    return PERIOD.test(period) ? { kind: 'ledger', period } : null;
  }
  if (name.startsWith('stocktake-')) {
    const id = name.slice('stocktake-'.length);
    return ID.test(id) ? { kind: 'stocktake', id } : null;
  }
  if (name.startsWith('purchasing-')) {
    const year = name.slice('purchasing-'.length);
    return YEAR.test(year) ? { kind: 'purchasing', year: Number(year) } : null;
  }
  if (name.startsWith('work-orders-')) {
    const year = name.slice('work-orders-'.length);
    return YEAR.test(year) ? { kind: 'work-orders', year: Number(year) } : null;
  }
  if (name.startsWith('stats-')) {
    const period = name.slice('stats-'.length);
    return PERIOD.test(period) ? { kind: 'stats', period } : null;
  }
  if (name.startsWith('expected-')) {
    const id = name.slice('expected-'.length);
    return ID.test(id) ? { kind: 'expected', id } : null;
  }
  return null;
}
