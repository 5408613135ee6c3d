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

/** Users, devices and sessions (the server's `users.manage`). */
export function canManageUsers(role: Role): boolean {
  return role === 'admin';
}

/** The audit trail (the server's `audit.read`). */
export function canReadAudit(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}
