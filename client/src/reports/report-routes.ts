/*
 * The dashboard, report and replenishment routes, kept here so that route.ts only delegates
 * (other sections add their routes to it at the same time). Parameters stay strings in the
 * URL; each screen parses and validates its own (report-filters.ts).
 */

export const REPORT_NAMES = [
  'valuation',
  'consumption',
  'abc',
  'dead-stock',
  'turnover',
  'count-accuracy',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The query parameters a report link may carry; anything else in the URL is dropped. */
export const REPORT_PARAMS = [
  'by',
  'at',
  'sku',
  'category',
  'kind',
  'from',
  'to',
  'interval',
  'days',
] as const;
export type ReportParam = (typeof REPORT_PARAMS)[number];
export type ReportParams = Partial<Record<ReportParam, string>>;

export type ReportRoute =
  | { name: 'dashboard' }
  | { name: 'report'; report: ReportName; params: ReportParams }
  /** Reorder suggestions; `supplier` narrows the list to one preferred supplier. */
  | { name: 'replenishment'; supplier: string };

const NAMES = new Set<string>(['dashboard', 'report', 'replenishment']);

export function isReportRoute(route: { name: string }): route is ReportRoute {
  return NAMES.has(route.name);
}

/** `head` is the first path segment, `rest` the others; null when the path is not one of these. */
export function parseReportRoute(
  head: string,
  rest: readonly string[],
  param: (key: string) => string,
): ReportRoute | null {
  if (head === 'dashboard' && rest.length === 0) return { name: 'dashboard' };
  if (head === 'replenishment' && rest.length === 0)
    return { name: 'replenishment', supplier: param('supplier') };
  if (head === 'reports' && rest.length === 1) {
    const report = REPORT_NAMES.find((n) => n === rest[0]);
    if (!report) return null;
    const params: ReportParams = {};
    for (const k of REPORT_PARAMS) if (param(k)) params[k] = param(k);
    return { name: 'report', report, params };
  }
  return null;
}

export function reportHref(route: ReportRoute): string {
  const query = new URLSearchParams();
  let path: string;
  if (route.name === 'dashboard') path = '/dashboard';
  else if (route.name === 'replenishment') {
    path = '/replenishment';
    if (route.supplier) query.set('supplier', route.supplier);
  } else {
    path = `/reports/${route.report}`;
    for (const k of REPORT_PARAMS) {
      const v = route.params[k];
      if (v) query.set(k, v);
    }
  }
  const s = query.toString();
  return s ? `#${path}?${s}` : `#${path}`;
}

/** Reports are reached from the dashboard, so they highlight it in the navigation. */
export function reportSection(route: ReportRoute): string {
  return route.name === 'replenishment' ? 'replenishment' : 'dashboard';
}
