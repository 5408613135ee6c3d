import { can } from '@stockroom/shared/access/permissions';
import type { Role } from '@stockroom/shared/access/role';

/*
 * What the maintenance screens offer to each role. The server enforces the same table, and
 * the rooms' write rules refuse (and close the connection of) a write a role may not make.
 */

/** Assets, work orders, schedules and critical spares (technicians, clerks, managers, viewers). */
export function canSeeMaintenance(role: Role): boolean {
  return can(role, 'maintenance.read');
}

/** Create and edit assets, work orders and schedules; reserve parts; change a work order's status. */
export function canPlanMaintenance(role: Role): boolean {
  return can(role, 'maintenance.plan');
}

/** Issue parts to open work orders and take unused parts back (technicians too). */
export function canIssueParts(role: Role): boolean {
  return can(role, 'maintenance.issue');
}

/**
 * The work-orders rooms a role opens: this year and last year (a job opened in December is
 * still worked on in January). Only roles that write them may open a year nobody wrote yet
 * (the server answers 404 to readers), so read-only roles open this year's room only.
 */
export function workOrderYears(role: Role, now = new Date()): number[] {
  const year = now.getUTCFullYear();
  return canIssueParts(role) || canPlanMaintenance(role) ? [year, year - 1] : [year];
}
