import { type Cell, toCsv } from '../stocktake/csv.ts';
import type { AbcRow } from './abc.ts';
import type { CountAccuracyReport, DashboardReport } from './dashboard-report.ts';
import type { DeadStockRow } from './dead-stock.ts';
import type { ExcessRow } from './excess.ts';
import type { ConsumptionReport, TurnoverReport } from './flow-reports.ts';
import { AGE_BUCKETS, type StockAgeing } from './stock-ageing.ts';
import type { ValuationReport } from './stock-reports.ts';

/*
 * Every report as CSV (RFC 4180, CRLF, numbers as numbers, text that a spreadsheet would
 * run as a formula prefixed with '): the API answers these for `Accept: text/csv` or a
 * `.csv` path, and the report screens download the same from what they show. Values keep
 * their 1/10,000 precision; rounding to cents is for display only.
 */

export function valuationCsv(r: Pick<ValuationReport, 'rows' | 'total'>, by: string): string {
  return toCsv([
    [by, 'quantity', 'value'],
    ...r.rows.map((x): Cell[] => [x.key, x.quantity, x.value]),
    ['(total)', null, r.total],
  ]);
}

export function consumptionCsv(r: Pick<ConsumptionReport, 'series' | 'forecast'>): string {
  return toCsv([
    ['period', 'quantity', 'value', 'forecast_quantity'],
    ...r.series.map((p): Cell[] => [p.period, p.quantity, p.value, null]),
    ...r.forecast.periods.map((p): Cell[] => [p.period, null, null, p.quantity]),
  ]);
}

export function abcCsv(rows: readonly AbcRow[]): string {
  return toCsv([
    ['sku', 'consumption_value', 'share', 'cumulative_share', 'class'],
    ...rows.map((r): Cell[] => [r.sku, r.consumptionValue, r.share, r.cumulativeShare, r.class]),
  ]);
}

export function deadStockCsv(rows: readonly DeadStockRow[]): string {
  return toCsv([
    ['sku', 'quantity', 'value', 'last_issue_at', 'idle_since', 'idle_days'],
    ...rows.map((r): Cell[] => [r.sku, r.quantity, r.value, r.lastIssueAt, r.idleSince, r.idleDays]),
  ]);
}

export function ageingCsv(r: StockAgeing): string {
  return toCsv([
    ['sku', 'quantity', 'value', ...AGE_BUCKETS.map((b) => `days_${b}`), 'unmatched'],
    ...r.rows.map((x): Cell[] => [
      x.sku,
      x.quantity,
      x.value,
      ...AGE_BUCKETS.map((b) => x.buckets[b]),
      x.unmatched,
    ]),
  ]);
}

export function turnoverCsv(
  r: Pick<TurnoverReport, 'rows' | 'costOfIssues' | 'averageValue' | 'turns'>,
): string {
  return toCsv([
    ['sku', 'cost_of_issues', 'average_value', 'turns'],
    ...r.rows.map((x): Cell[] => [x.sku, x.costOfIssues, x.averageValue, x.turns]),
    ['(all items)', r.costOfIssues, r.averageValue, r.turns],
  ]);
}

export function excessCsv(rows: readonly ExcessRow[]): string {
  return toCsv([
    ['sku', 'on_hand', 'max_qty', 'excess', 'value'],
    ...rows.map((r): Cell[] => [r.sku, r.onHand, r.maxQty, r.excess, r.value]),
  ]);
}

export function countAccuracyCsv(r: CountAccuracyReport): string {
  return toCsv([
    [
      'stocktake',
      'name',
      'posted_at',
      'lines_counted',
      'lines_within_tolerance',
      'accuracy_percent',
      'absolute_value',
      'net_value',
    ],
    ...r.stocktakes.map((p): Cell[] => [
      p.id,
      p.name ?? null,
      p.postedAt,
      p.linesCounted,
      p.linesWithinTolerance,
      p.accuracy,
      p.absoluteValue,
      p.netValue,
    ]),
    [
      '(all)',
      null,
      null,
      r.overall.linesCounted,
      r.overall.linesWithinTolerance,
      r.overall.accuracy,
      r.overall.absoluteValue,
      r.overall.netValue,
    ],
  ]);
}

export function dashboardCsv(d: DashboardReport): string {
  return toCsv([
    ['figure', 'value'],
    ['stock_value', d.stockValue],
    ['items_below_reorder_point', d.belowReorderPoint],
    ['critical_spares_below_minimum', d.criticalSparesBelowMin],
    ['open_purchase_orders', d.openPurchaseOrders],
    ['overdue_purchase_orders', d.overduePurchaseOrders],
    ['open_work_orders', d.openWorkOrders],
    ['last_count_accuracy_percent', d.lastCount?.accuracy ?? null],
    ['dead_stock_items', d.deadStock.items],
    ['dead_stock_value', d.deadStock.value],
    ['excess_items', d.excess.items],
    ['excess_value', d.excess.value],
    ...d.consumptionTrend.map((p): Cell[] => [`consumption_${p.period}`, p.quantity]),
  ]);
}
