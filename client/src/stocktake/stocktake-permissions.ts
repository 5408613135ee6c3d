import type { Role } from '../session/session.ts';

/*
 * What the stocktake screens offer to each role (the server enforces access per room: a
 * counter writes only the stocktakes they are assigned to).
 */
export function canManageStocktakes(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

export function canCount(role: Role): boolean {
  return role !== 'viewer' && role !== 'clerk';
}
