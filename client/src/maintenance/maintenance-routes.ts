import {
  PRIORITIES,
  WO_DUE_FILTERS,
  WO_STATUS_FILTERS,
  type WoFilter,
  type WoStatusFilter,
} from './work-order-list.ts';

/** The maintenance screens' routes (a part of routing/route.ts's Route). */
export type MaintenanceRoute =
  | { name: 'assets'; q: string }
  | { name: 'asset'; code: string }
  | { name: 'work-orders'; filter: WoFilter }
  | { name: 'work-order'; id: string }
  /** Issue parts to (and take them back from) a work order by scan, on a phone. */
  | { name: 'work-order-issue'; id: string }
  | { name: 'schedules' }
  | { name: 'critical-spares' };

const NAMES = new Set<string>([
  'assets',
  'asset',
  'work-orders',
  'work-order',
  'work-order-issue',
  'schedules',
  'critical-spares',
]);

/** The list opens on what is still to do. */
export const DEFAULT_WO_FILTER: WoFilter = { status: 'active', priority: '', due: '', asset: '' };

export function isMaintenanceRoute(route: { name: string }): route is MaintenanceRoute {
  return NAMES.has(route.name);
}

/** `head` and the segments after it; null when the path is not one of ours. */
export function parseMaintenanceRoute(
  head: string,
  rest: readonly string[],
  param: (key: string) => string,
): MaintenanceRoute | null {
  const [second, third] = rest;
  switch (head) {
    case 'assets':
      if (second === undefined) return { name: 'assets', q: param('q') };
      if (rest.length === 1) return { name: 'asset', code: second };
      return null;
    case 'work-orders': {
      if (second === undefined) {
        const status = param('status');
        return {
          name: 'work-orders',
          filter: {
            // `all` is the explicit "every status"; no parameter is the default (still to do).
            status:
              status === 'all'
                ? ''
                : (WO_STATUS_FILTERS.find((s) => s === status) ?? DEFAULT_WO_FILTER.status),
            priority: PRIORITIES.find((p) => p === param('priority')) ?? '',
            due: WO_DUE_FILTERS.find((d) => d === param('due')) ?? '',
            asset: param('asset'),
          },
        };
      }
      if (rest.length === 1) return { name: 'work-order', id: second };
      if (third === 'issue' && rest.length === 2) return { name: 'work-order-issue', id: second };
      return null;
    }
    case 'schedules':
      return second === undefined ? { name: 'schedules' } : null;
    case 'critical-spares':
      return second === undefined ? { name: 'critical-spares' } : null;
  }
  return null;
}

function withQuery(path: string, params: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const s = query.toString();
  return s ? `#${path}?${s}` : `#${path}`;
}

export function maintenanceHref(route: MaintenanceRoute): string {
  switch (route.name) {
    case 'assets':
      return withQuery('/assets', { q: route.q });
    case 'asset':
      return `#/assets/${encodeURIComponent(route.code)}`;
    case 'work-orders': {
      const f = route.filter;
      const status: WoStatusFilter | 'all' = f.status === '' ? 'all' : f.status;
      return withQuery('/work-orders', {
        status: status === DEFAULT_WO_FILTER.status ? '' : status,
        priority: f.priority,
        due: f.due,
        asset: f.asset,
      });
    }
    case 'work-order':
      return `#/work-orders/${encodeURIComponent(route.id)}`;
    case 'work-order-issue':
      return `#/work-orders/${encodeURIComponent(route.id)}/issue`;
    case 'schedules':
      return '#/schedules';
    case 'critical-spares':
      return '#/critical-spares';
  }
}

/** The navigation entry a maintenance screen belongs to. */
export function maintenanceSection(route: MaintenanceRoute): string {
  switch (route.name) {
    case 'asset':
      return 'assets';
    case 'work-order':
    case 'work-order-issue':
      return 'work-orders';
    default:
      return route.name;
  }
}
