import type { Role } from './session.ts';

/*
 * What the screens offer to each role. The server enforces access; this only avoids showing
 * people buttons that the server would refuse.
 */
export function canEditCatalog(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

export function canRecordMovements(role: Role): boolean {
  return role === 'admin' || role === 'manager' || role === 'clerk';
}
