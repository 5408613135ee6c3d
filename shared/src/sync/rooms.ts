/**
 * Room names. Each room is one Y.Doc, synced and stored on its own; rooms are split by
 * permission and lifetime so that none grows without end.
 */
export const CATALOG_ROOM = 'catalog';
/** The index of stocktakes (id → name, created at/by): what a device lists before opening one. */
export const STOCKTAKES_ROOM = 'stocktakes';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type RoomRef =
  | { kind: 'catalog' }
  | { kind: 'ledger'; period: string }
  | { kind: 'stocktake'; id: string }
  | { kind: 'stocktakes' }
  /** The on-hand snapshots of stocktake `id`, written by the server: apart so a blind count stays blind. */
  | { kind: 'expected'; id: string };

export function ledgerRoom(period: string): string {
  return `ledger-${period}`;
}

export function stocktakeRoom(id: string): string {
  return `stocktake-${id}`;
}

export function expectedRoom(stocktakeId: string): string {
  return `expected-${stocktakeId}`;
}

/** Parses a room name; null for anything that is not a known room (refused before upgrade). */
export function parseRoom(name: string): RoomRef | null {
  if (name === CATALOG_ROOM) return { kind: 'catalog' };
  if (name === STOCKTAKES_ROOM) return { kind: 'stocktakes' };
  if (name.startsWith('ledger-')) {
    const period = name.slice('ledger-'.length);
    return PERIOD.test(period) ? { kind: 'ledger', period } : null;
  }
  if (name.startsWith('stocktake-')) {
    const id = name.slice('stocktake-'.length);
    return ID.test(id) ? { kind: 'stocktake', id } : null;
  }
  if (name.startsWith('expected-')) {
    const id = name.slice('expected-'.length);
    return ID.test(id) ? { kind: 'expected', id } : null;
  }
  return null;
}
