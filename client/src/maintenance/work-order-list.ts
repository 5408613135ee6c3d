import type { Asset, Criticality } from '@stockroom/shared/maintenance/asset';
import type { Priority, WorkOrderStatus } from '@stockroom/shared/maintenance/work-order';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { STATUS_TRANSITIONS } from '@stockroom/shared/maintenance/work-orders-room';

export const STATUS_LABEL: Record<WorkOrderStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  on_hold: 'On hold',
  complete: 'Complete',
  cancelled: 'Cancelled',
};

/** What the button that moves a work order to a status says. */
export const STATUS_ACTION: Record<WorkOrderStatus, string> = {
  open: 'Reopen',
  in_progress: 'Start work',
  on_hold: 'Put on hold',
  complete: 'Complete',
  cancelled: 'Cancel work order',
};

export const PRIORITY_LABEL: Record<Priority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'medium', 'low'];
const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

export const CRITICALITY_LABEL: Record<Criticality, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
export const CRITICALITIES: readonly Criticality[] = ['critical', 'high', 'medium', 'low'];

/** `open`: anything not complete or cancelled; '' every work order. */
export type WoStatusFilter = WorkOrderStatus | 'active' | '';
export type WoDueFilter = '' | 'overdue' | 'today' | 'week';

export interface WoFilter {
  status: WoStatusFilter;
  priority: Priority | '';
  due: WoDueFilter;
  asset: string;
}

export const WO_STATUS_FILTERS: readonly WoStatusFilter[] = [
  'active',
  'open',
  'in_progress',
  'on_hold',
  'complete',
  'cancelled',
];
export const WO_DUE_FILTERS: readonly WoDueFilter[] = ['overdue', 'today', 'week'];

export function isActive(status: WorkOrderStatus): boolean {
  return status !== 'complete' && status !== 'cancelled';
}

/** The UTC day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function matchesDue(o: WorkOrderView, due: WoDueFilter, today: string): boolean {
  if (due === '') return true;
  if (due === 'overdue') return o.overdue;
  if (o.due === null || !isActive(o.status)) return false;
  if (due === 'today') return o.due <= today;
  return o.due <= addDays(today, 7);
}

/**
 * The list as people work it: overdue first, then by due day (none last), then the more
 * urgent first, then by number (unnumbered last), so a list reads the same on every device.
 */
export function filterWorkOrders(
  orders: Iterable<WorkOrderView>,
  filter: WoFilter,
  today: string,
): WorkOrderView[] {
  const out = [...orders].filter(
    (o) =>
      (filter.status === '' ||
        (filter.status === 'active' ? isActive(o.status) : o.status === filter.status)) &&
      (filter.priority === '' || o.priority === filter.priority) &&
      (filter.asset === '' || o.asset === filter.asset) &&
      matchesDue(o, filter.due, today),
  );
  return out.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      cmp(a.due ?? '9999', b.due ?? '9999') ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      cmp(a.number ?? '~', b.number ?? '~') ||
      cmp(a.id, b.id),
  );
}

/** "WO-2026-0007", or "number pending" until the server has numbered it. */
export function workOrderNumber(order: Pick<WorkOrderView, 'number'>): string {
  return order.number ?? 'number pending';
}

/** The statuses a work order's buttons offer, in the order of the transitions table. */
export function nextStatuses(status: WorkOrderStatus): readonly WorkOrderStatus[] {
  return STATUS_TRANSITIONS[status];
}

export type ScanTarget =
  | { kind: 'order'; id: string }
  | { kind: 'asset'; code: string; open: string[] }
  | { kind: 'none' };

/**
 * What a scanned code opens on the maintenance screens: a work order by its id or number
 * (printed on the job sheet, any case), else an asset by its tag or code with the ids of its
 * work orders that are not complete or cancelled (one: the screen goes straight to it).
 */
export function scanTarget(
  raw: string,
  orders: Iterable<WorkOrderView>,
  assets: Iterable<Asset>,
  assetForBarcode: (code: string) => Asset | undefined,
): ScanTarget {
  const code = raw.trim();
  if (!code) return { kind: 'none' };
  const upper = code.toUpperCase();
  const list = [...orders];
  const order = list.find((o) => o.id === code || o.number === upper);
  if (order) return { kind: 'order', id: order.id };
  const asset =
    assetForBarcode(code) ?? [...assets].find((a) => a.code === code || a.code.toUpperCase() === upper);
  if (!asset) return { kind: 'none' };
  const open = filterWorkOrders(list, { status: 'active', priority: '', due: '', asset: asset.code }, '').map(
    (o) => o.id,
  );
  return { kind: 'asset', code: asset.code, open };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
