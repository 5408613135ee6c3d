/*
 * The procedures routes, kept here so that route.ts only delegates: `#/settings/procedures`
 * (admins: checklists, reason codes, conventions, thresholds) and `#/approvals` (managers:
 * adjustments held above their threshold).
 */

export type ProcedureRoute = { name: 'settings-procedures' } | { name: 'approvals' };

export function isProcedureRoute(route: { name: string }): route is ProcedureRoute {
  return route.name === 'settings-procedures' || route.name === 'approvals';
}

/** `head` is the first path segment, `rest` the others; null when the path is not one of these. */
export function parseProcedureRoute(head: string, rest: readonly string[]): ProcedureRoute | null {
  if (head === 'approvals' && rest.length === 0) return { name: 'approvals' };
  if (head === 'settings' && rest.length === 1 && rest[0] === 'procedures')
    return { name: 'settings-procedures' };
  return null;
}

export function procedureHref(route: ProcedureRoute): string {
  return route.name === 'approvals' ? '#/approvals' : '#/settings/procedures';
}

export function procedureSection(route: ProcedureRoute): string {
  return route.name === 'approvals' ? 'approvals' : 'procedures';
}
