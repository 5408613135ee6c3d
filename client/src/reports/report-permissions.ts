import { can } from '@stockroom/shared/access/permissions';
import type { Role } from '@stockroom/shared/access/role';

/** The dashboard and reports (the server's `reports.read`; the rooms they read say the rest). */
export function canReadReports(role: Role): boolean {
  return can(role, 'reports.read');
}
