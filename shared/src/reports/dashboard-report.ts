import { periodOf } from '../ledger/period.ts';
import type { WorkOrderView } from '../maintenance/work-order-fold.ts';
import { isOpen, type OrderView } from '../purchasing/order-fold.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import type { Suggestion } from '../replenishment/suggestions.ts';
import { dateOfDay, dayNumber, type Granularity, weekStart } from './calendar.ts';
import {
  type AccuracyPoint,
  accuracyOverTime,
  type CountAccuracy,
  countAccuracy,
  type PostedStocktake,
} from './count-accuracy.ts';
import { dashboardFigures } from './dashboard.ts';
import type { DeadStockRow } from './dead-stock.ts';
import type { ExcessRow } from './excess.ts';
import type { ConsumptionReport } from './flow-reports.ts';
import { monthsBetween } from './report-periods.ts';
import type { ValuationReport } from './stock-reports.ts';

/*
 * Count accuracy over posted stocktakes and the dashboard's figures: pure, shared by the
 * API and the devices.
 */

// ── count accuracy ──────────────────────────────────────────────────────────────────────

export interface CountAccuracyReport {
  /** One point per posted stocktake, oldest first: accuracy over time. */
  stocktakes: AccuracyPoint[];
  /** All of their lines together. */
  overall: CountAccuracy;
}

export function countAccuracyReport(posted: readonly PostedStocktake[]): CountAccuracyReport {
  const materialised = posted.map((p) => ({ ...p, lines: [...p.lines] }));
  return {
    stocktakes: accuracyOverTime(materialised),
    overall: countAccuracy(materialised.flatMap((p) => p.lines)),
  };
}

/** The ledger months a posted stocktake's expected quantities need movements of: counting start to posting. */
export function countWindow(startedAt: string | null, postedAt: string): string[] {
  return monthsBetween(periodOf(startedAt ?? postedAt), periodOf(postedAt));
}
// ── dashboard ───────────────────────────────────────────────────────────────────────────

/** Items whose position is at or below their reorder point (what GET /api/replenishment?below=true lists). */
export function belowReorderPoint(lines: readonly Suggestion[]): Suggestion[] {
  return lines.filter((l) => l.reorderPoint !== null && l.position <= l.reorderPoint);
}

export function isOpenWorkOrder(wo: Pick<WorkOrderView, 'status'>): boolean {
  return wo.status === 'open' || wo.status === 'in_progress' || wo.status === 'on_hold';
}

/** The dashboard's consumption trend: demand per ISO week over the last 12 weeks (this one so far included). */
export function trendRange(today: string): { from: string; to: string; interval: Granularity } {
  return { from: dateOfDay(weekStart(dayNumber(today)) - 77), to: today, interval: 'week' };
}

export interface DashboardReport {
  stockValue: number;
  belowReorderPoint: number;
  criticalSparesBelowMin: number;
  openPurchaseOrders: number;
  overduePurchaseOrders: number;
  openWorkOrders: number;
  lastCount: { id: string; name: string | null; postedAt: string; accuracy: number | null } | null;
  deadStock: { items: number; value: number };
  excess: { items: number; value: number };
  consumptionTrend: { period: string; quantity: number; value: number }[];
}

export function dashboardReport(input: {
  valuation: Pick<ValuationReport, 'total' | 'rows'>;
  suggestions: readonly Suggestion[];
  /** Critical spares below their minimum (criticalSparesBelow). */
  sparesBelow: readonly unknown[];
  orders: readonly OrderView[];
  workOrders: readonly WorkOrderView[];
  accuracy: readonly AccuracyPoint[];
  deadStock: readonly DeadStockRow[];
  excess: readonly ExcessRow[];
  trend: ConsumptionReport['series'];
}): DashboardReport {
  const open = input.orders.filter((o) => isOpen(o.status));
  const f = dashboardFigures({
    valuation: input.valuation,
    deadStock: input.deadStock,
    excess: input.excess,
    turnover: null,
    accuracy: input.accuracy,
    belowReorderPoint: belowReorderPoint(input.suggestions),
    criticalSparesBelowMin: input.sparesBelow,
    openPurchaseOrders: open,
    overduePurchaseOrders: open.filter((o) => o.overdue),
    openWorkOrders: input.workOrders.filter(isOpenWorkOrder),
  });
  const last = input.accuracy.at(-1);
  return {
    stockValue: f.stockValue,
    belowReorderPoint: f.belowReorderPoint,
    criticalSparesBelowMin: f.criticalSparesBelowMin,
    openPurchaseOrders: f.openPurchaseOrders,
    overduePurchaseOrders: f.overduePurchaseOrders,
    openWorkOrders: f.openWorkOrders,
    lastCount: last
      ? { id: last.id, name: last.name ?? null, postedAt: last.postedAt, accuracy: last.accuracy }
      : null,
    deadStock: f.deadStock,
    excess: f.excess,
    consumptionTrend: input.trend,
  };
}

/** On hand minus what open work orders hold, per SKU (what critical spares compare with). */
export function availableBySku(
  onHand: ReadonlyMap<string, number>,
  reserved: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const sku of new Set([...onHand.keys(), ...reserved.keys()]))
    out.set(sku, fromUnits(toUnits(onHand.get(sku) ?? 0) - toUnits(reserved.get(sku) ?? 0)));
  return out;
}
