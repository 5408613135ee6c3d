import type { Item } from '@stockroom/shared/catalog/item';
import type { StockLine } from '@stockroom/shared/ledger/stock';
import { criticalSparesBelow } from '@stockroom/shared/maintenance/critical-spares';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import type { Suggestion } from '@stockroom/shared/replenishment/suggestions';
import type { AccuracyPoint } from '@stockroom/shared/reports/count-accuracy';
import {
  availableBySku,
  type DashboardReport,
  dashboardReport,
  trendRange,
} from '@stockroom/shared/reports/dashboard-report';
import { DEFAULT_DEAD_STOCK_DAYS } from '@stockroom/shared/reports/dead-stock';
import { consumptionReport, demandByDay } from '@stockroom/shared/reports/flow-reports';
import type { StatsHistory, StatsMap } from '@stockroom/shared/reports/report-periods';
import { todayOf } from '@stockroom/shared/reports/report-periods';
import { deadStockReport, excessReport, valuationReport } from '@stockroom/shared/reports/stock-reports';

export interface DashboardInputs {
  lines: readonly StockLine[];
  totals: ReadonlyMap<string, number>;
  items: ReadonlyMap<string, Item>;
  history: StatsHistory;
  /** This month's stats (the latest there are). */
  current: StatsMap;
  suggestions: readonly Suggestion[];
  minimums: ReadonlyMap<string, number>;
  reserved: ReadonlyMap<string, number>;
  orders: readonly OrderView[];
  workOrders: readonly WorkOrderView[];
  accuracy: readonly AccuracyPoint[];
  now: Date;
}

/** The dashboard's figures from this device's rooms, assembled as GET /api/reports/dashboard does. */
export function dashboardFrom(i: DashboardInputs): DashboardReport {
  const trend = trendRange(todayOf(i.now));
  return dashboardReport({
    valuation: valuationReport(i.lines, i.current, i.items, 'item'),
    suggestions: i.suggestions,
    sparesBelow: criticalSparesBelow(i.minimums, availableBySku(i.totals, i.reserved)),
    orders: i.orders,
    workOrders: i.workOrders,
    accuracy: i.accuracy,
    deadStock: deadStockReport(i.totals, i.current, i.items, i.now, DEFAULT_DEAD_STOCK_DAYS),
    excess: excessReport(i.totals, i.current, i.items),
    trend: consumptionReport(demandByDay(i.history, null, trend.from, trend.to), trend, 0).series,
  });
}

/** "93.5 %", or "—" when there is nothing to measure. */
export function percent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(Math.round(share * 1000) / 10).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

/** The trend's direction over its last weeks: this week so far is left out (it is not over). */
export function trendChange(series: readonly { quantity: number }[]): number | null {
  const done = series.slice(0, -1);
  if (done.length < 8) return null;
  const sum = (xs: readonly { quantity: number }[]) => xs.reduce((s, x) => s + x.quantity, 0);
  const before = sum(done.slice(-8, -4));
  const recent = sum(done.slice(-4));
  return before === 0 ? null : (recent - before) / before;
}
