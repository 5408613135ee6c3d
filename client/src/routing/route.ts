import { MovementType } from '@stockroom/shared/ledger/movement';
import { isLotRoute, type LotRoute, lotHref, lotSection, parseLotRoute } from '../lots/lot-routes.ts';
import {
  isMaintenanceRoute,
  type MaintenanceRoute,
  maintenanceHref,
  maintenanceSection,
  parseMaintenanceRoute,
} from '../maintenance/maintenance-routes.ts';
import {
  isProcedureRoute,
  type ProcedureRoute,
  parseProcedureRoute,
  procedureHref,
  procedureSection,
} from '../procedures/procedure-routes.ts';
import {
  isReportRoute,
  parseReportRoute,
  type ReportRoute,
  reportHref,
  reportSection,
} from '../reports/report-routes.ts';
import {
  isTrainingRoute,
  parseTrainingRoute,
  TRAINING_HREF,
  type TrainingRoute,
} from '../training/training-routes.ts';

/** What the hash part of the URL can point at. The app needs no router library for this. */
export type Route =
  /** The first screen after login: what this role comes to do (app/HomeScreen.tsx). */
  | { name: 'home' }
  | { name: 'items'; q: string }
  | { name: 'item-new' }
  | { name: 'item-edit'; sku: string }
  | { name: 'locations' }
  | { name: 'stock'; by: 'item' | 'location'; q: string }
  | { name: 'move'; type: MovementType; sku: string; location: string }
  | { name: 'history'; filter: HistoryFilter }
  | { name: 'suppliers' }
  /** One supplier: its open purchase orders and how reliably it delivers. */
  | { name: 'supplier'; code: string }
  | { name: 'purchase-orders'; status: PoStatusFilter; supplier: string }
  | { name: 'purchase-order-new'; supplier: string }
  | { name: 'purchase-order'; id: string }
  | { name: 'purchase-order-edit'; id: string }
  | { name: 'purchase-order-receive'; id: string }
  | { name: 'stocktakes' }
  | { name: 'stocktake'; id: string }
  | { name: 'stocktake-count'; id: string }
  | { name: 'scanner' }
  | { name: 'labels'; kind: 'items' | 'locations' }
  /** Import a spreadsheet (items, locations, suppliers, who supplies what, opening stock). */
  | { name: 'import' }
  | { name: 'admin-users' }
  | { name: 'admin-sessions'; user: string }
  /** The server's audit trail; `subject` like `item:SKU`, `location:CODE`, `user:ann`. */
  | { name: 'audit'; user: string; subject: string }
  /** Assets, work orders, schedules, critical spares (maintenance/maintenance-routes.ts). */
  | MaintenanceRoute
  /** Dashboard, reports, replenishment (reports/report-routes.ts). */
  | ReportRoute
  /** Expiring lots and the trace of one lot or serial (lots/lot-routes.ts). */
  | LotRoute
  /** Procedures settings and held adjustments (procedures/procedure-routes.ts). */
  | ProcedureRoute
  /** Practice mode and training (training/training-routes.ts). */
  | TrainingRoute
  | { name: 'not-found'; path: string };

export interface HistoryFilter {
  type: MovementType | '';
  sku: string;
  location: string;
  /** First and last calendar day `YYYY-MM-DD` (device's time zone), or '' for open; both open: this month. */
  from: string;
  to: string;
}

export const EMPTY_HISTORY_FILTER: HistoryFilter = { type: '', sku: '', location: '', from: '', to: '' };
/** The purchase orders list's status filter: one status, `open` (draft, sent, partially received) or '' (all). */
export const PO_STATUS_FILTERS = [
  'open',
  'draft',
  'sent',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;
export type PoStatusFilter = (typeof PO_STATUS_FILTERS)[number] | '';

export const DEFAULT_ROUTE: Route = { name: 'home' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Parses `#/path/segments?key=value`; anything unknown becomes a not-found route, never an exception. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const segments = path.split('/').filter(Boolean).map(decode);
  const [head, second, third] = segments;
  const param = (k: string) => query.get(k)?.trim() ?? '';

  switch (head) {
    case undefined:
      return DEFAULT_ROUTE;
    case 'home':
      if (second === undefined) return { name: 'home' };
      break;
    case 'items':
      if (second === undefined) return { name: 'items', q: param('q') };
      if (second === 'new' && third === undefined) return { name: 'item-new' };
      if (second === 'edit' && third !== undefined && segments.length === 3)
        return { name: 'item-edit', sku: third };
      break;
    case 'locations':
      if (second === undefined) return { name: 'locations' };
      break;
    case 'suppliers':
      if (second === undefined) return { name: 'suppliers' };
      if (third === undefined) return { name: 'supplier', code: second };
      break;
    case 'purchase-orders': {
      if (second === undefined) {
        const status = PO_STATUS_FILTERS.find((s) => s === param('status')) ?? '';
        return { name: 'purchase-orders', status, supplier: param('supplier') };
      }
      if (second === 'new' && third === undefined)
        return { name: 'purchase-order-new', supplier: param('supplier') };
      if (third === undefined) return { name: 'purchase-order', id: second };
      if (third === 'edit' && segments.length === 3) return { name: 'purchase-order-edit', id: second };
      if (third === 'receive' && segments.length === 3) return { name: 'purchase-order-receive', id: second };
      break;
    }
    case 'stocktakes':
      if (second === undefined) return { name: 'stocktakes' };
      if (third === undefined) return { name: 'stocktake', id: second };
      if (third === 'count' && segments.length === 3) return { name: 'stocktake-count', id: second };
      break;
    case 'scanner':
      if (second === undefined) return { name: 'scanner' };
      break;
    case 'labels':
      if (second === undefined)
        return { name: 'labels', kind: param('kind') === 'locations' ? 'locations' : 'items' };
      break;
    case 'import':
      if (second === undefined) return { name: 'import' };
      break;
    case 'admin':
      if (second === 'users' && third === undefined) return { name: 'admin-users' };
      if (second === 'sessions' && third === undefined)
        return { name: 'admin-sessions', user: param('user') };
      break;
    case 'audit':
      if (second === undefined) return { name: 'audit', user: param('user'), subject: param('subject') };
      break;
    case 'assets':
    case 'work-orders':
    case 'schedules':
    case 'critical-spares': {
      const r = parseMaintenanceRoute(head, segments.slice(1), param);
      if (r) return r;
      break;
    }
    case 'lots':
    case 'trace': {
      const r = parseLotRoute(head, segments.slice(1), param);
      if (r) return r;
      break;
    }
    case 'training': {
      const r = parseTrainingRoute(head, segments.slice(1));
      if (r) return r;
      break;
    }
    case 'approvals':
    case 'settings': {
      const r = parseProcedureRoute(head, segments.slice(1));
      if (r) return r;
      break;
    }
    case 'dashboard':
    case 'reports':
    case 'replenishment': {
      const r = parseReportRoute(head, segments.slice(1), param);
      if (r) return r;
      break;
    }
    case 'stock':
      if (second === undefined || second === 'by-item') return { name: 'stock', by: 'item', q: param('q') };
      if (second === 'by-location') return { name: 'stock', by: 'location', q: param('q') };
      break;
    case 'move': {
      const type = MovementType.safeParse(second ?? 'receive');
      if (type.success && segments.length <= 2)
        return { name: 'move', type: type.data, sku: param('sku'), location: param('location') };
      break;
    }
    case 'history': {
      if (second !== undefined) break;
      const type = MovementType.safeParse(param('type'));
      // `date` (one day) is what links of earlier versions carry.
      const day = (k: string) => (DAY.test(param(k)) ? param(k) : '');
      return {
        name: 'history',
        filter: {
          type: type.success ? type.data : '',
          sku: param('sku'),
          location: param('location'),
          from: day('from') || day('date'),
          to: day('to') || day('date'),
        },
      };
    }
  }
  return { name: 'not-found', path: `/${segments.join('/')}` };
}

function withQuery(path: string, params: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const s = query.toString();
  return s ? `#${path}?${s}` : `#${path}`;
}

/** The hash for a route: `parseRoute(routeHref(r))` gives `r` back. */
export function routeHref(route: Route): string {
  if (isMaintenanceRoute(route)) return maintenanceHref(route);
  if (isReportRoute(route)) return reportHref(route);
  if (isLotRoute(route)) return lotHref(route);
  if (isProcedureRoute(route)) return procedureHref(route);
  if (isTrainingRoute(route)) return TRAINING_HREF;
  switch (route.name) {
    case 'home':
      return '#/home';
    case 'items':
      return withQuery('/items', { q: route.q });
    case 'item-new':
      return '#/items/new';
    case 'item-edit':
      return `#/items/edit/${encodeURIComponent(route.sku)}`;
    case 'locations':
      return '#/locations';
    case 'suppliers':
      return '#/suppliers';
    case 'supplier':
      return `#/suppliers/${encodeURIComponent(route.code)}`;
    case 'purchase-orders':
      return withQuery('/purchase-orders', { status: route.status, supplier: route.supplier });
    case 'purchase-order-new':
      return withQuery('/purchase-orders/new', { supplier: route.supplier });
    case 'purchase-order':
      return `#/purchase-orders/${encodeURIComponent(route.id)}`;
    case 'purchase-order-edit':
      return `#/purchase-orders/${encodeURIComponent(route.id)}/edit`;
    case 'purchase-order-receive':
      return `#/purchase-orders/${encodeURIComponent(route.id)}/receive`;
    case 'stocktakes':
      return '#/stocktakes';
    case 'stocktake':
      return `#/stocktakes/${encodeURIComponent(route.id)}`;
    case 'stocktake-count':
      return `#/stocktakes/${encodeURIComponent(route.id)}/count`;
    case 'stock':
      return withQuery(route.by === 'item' ? '/stock' : '/stock/by-location', { q: route.q });
    case 'move':
      return withQuery(`/move/${route.type}`, { sku: route.sku, location: route.location });
    case 'history':
      return withQuery('/history', { ...route.filter });
    case 'scanner':
      return '#/scanner';
    case 'labels':
      return withQuery('/labels', { kind: route.kind === 'locations' ? 'locations' : '' });
    case 'import':
      return '#/import';
    case 'admin-users':
      return '#/admin/users';
    case 'admin-sessions':
      return withQuery('/admin/sessions', { user: route.user });
    case 'audit':
      return withQuery('/audit', { user: route.user, subject: route.subject });
    case 'not-found':
      return `#${route.path}`;
  }
}

/** Which top-level section a route belongs to, for highlighting the navigation. */
export function sectionOf(route: Route): string {
  if (isMaintenanceRoute(route)) return maintenanceSection(route);
  if (isReportRoute(route)) return reportSection(route);
  if (isLotRoute(route)) return lotSection(route);
  if (isProcedureRoute(route)) return procedureSection(route);
  if (isTrainingRoute(route)) return 'training';
  switch (route.name) {
    case 'item-new':
    case 'item-edit':
      return 'items';
    case 'stocktake':
    case 'stocktake-count':
      return 'stocktakes';
    case 'supplier':
      return 'suppliers';
    case 'purchase-order-new':
    case 'purchase-order':
    case 'purchase-order-edit':
    case 'purchase-order-receive':
      return 'purchase-orders';
    case 'admin-users':
    case 'admin-sessions':
      return 'admin';
    default:
      return route.name;
  }
}
