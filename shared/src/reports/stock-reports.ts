import type { Item } from '../catalog/item.ts';
import { effectiveAt, type Movement } from '../ledger/movement.ts';
import { periodOf } from '../ledger/period.ts';
import { StockFold, type StockLine } from '../ledger/stock.ts';
import { compareText } from '../stocktake/stamp.ts';
import { type DeadStockRow, deadStock } from './dead-stock.ts';
import { type ExcessRow, excessStock } from './excess.ts';
import { foldPeriodStats } from './period-stats.ts';
import {
  closingStats,
  DAY,
  endOfDay,
  monthEnd,
  type StatsHistory,
  type StatsMap,
  unitCostOf,
} from './report-periods.ts';
import { type ReceiptRecord, type StockAgeing, stockAgeing } from './stock-ageing.ts';
import { costsFrom, type ValuationGrouping, type ValuationRow, valuation } from './valuation.ts';

/*
 * Reports of the stock on hand (valuation now or at a date, dead stock, ageing, excess),
 * from stock lines, catalog items and period stats: pure, shared by the API and the devices.
 */

// ── valuation ───────────────────────────────────────────────────────────────────────────

export interface ValuationReport {
  total: number;
  rows: ValuationRow[];
  /** SKUs on hand without any cost (valued at 0). */
  uncosted: string[];
  /** The day it is valued at the end of (null: now). */
  at: string | null;
}

/** Stock on hand (lines by item × location × lot) valued at the costs of `stats` (else the catalog's). */
export function valuationReport(
  stock: readonly StockLine[],
  stats: StatsMap | null,
  items: ReadonlyMap<string, Item>,
  by: ValuationGrouping,
  at: string | null = null,
): ValuationReport {
  const skus = new Set(stock.map((l) => l.sku));
  const costs = costsFrom(stats ?? new Map(), unitCostOf(items), skus);
  const v = valuation(stock, costs, items, by);
  return { total: v.total, rows: v.rows, uncosted: v.uncosted, at };
}

/**
 * How to value stock as of the end of `date`:
 * - `now` for today or later;
 * - `partial`: the day's month has movements — the stats of the month before (`previous`)
 *   plus that month's ledger up to the end of the day;
 * - `closing`: nothing moved that month — the closing of the latest earlier month that has
 *   a ledger (its stock lines and its stats);
 * - `empty`: nothing is known up to then.
 */
export type ValuationSource =
  | { kind: 'now' }
  | { kind: 'partial'; period: string; previous: string | null }
  | { kind: 'closing'; period: string }
  | { kind: 'empty' };

export function valuationSource(known: Iterable<string>, date: string, today: string): ValuationSource {
  if (date >= today) return { kind: 'now' };
  const period = date.slice(0, 7);
  const sorted = [...new Set(known)].sort();
  if (sorted.includes(period))
    return { kind: 'partial', period, previous: sorted.filter((p) => p < period).at(-1) ?? null };
  const earlier = sorted.filter((p) => p < period).at(-1);
  return earlier ? { kind: 'closing', period: earlier } : { kind: 'empty' };
}

/**
 * Stock and cost as of the end of `date` inside a month with movements: the month's
 * opening plus its movements up to then, costed by folding the same movements onto the
 * previous period's stats (foldPeriodStats: the moving average as it stood that evening).
 */
export function asOfDate(input: {
  date: string;
  period: string;
  previous: StatsMap | null;
  opening: readonly StockLine[];
  movements: Iterable<Movement>;
  unitCostOf: (sku: string) => number;
}): { stock: StockLine[]; stats: StatsMap } {
  const until = endOfDay(input.date);
  const upTo = [...input.movements].filter((m) => Date.parse(effectiveAt(m)) <= until);
  const stock = new StockFold(input.opening).applyAll(upTo).lines();
  const stats = foldPeriodStats(input.previous, upTo, input.unitCostOf, input.period, {
    opening: input.opening,
  });
  return { stock, stats };
}
// ── dead stock and ageing ───────────────────────────────────────────────────────────────

export function deadStockReport(
  totals: ReadonlyMap<string, number>,
  latest: StatsMap | null,
  items: ReadonlyMap<string, Item>,
  now: Date,
  days: number,
): DeadStockRow[] {
  const stock = [...totals].map(([sku, quantity]) => ({ sku, quantity }));
  const costs = costsFrom(latest ?? new Map(), unitCostOf(items), totals.keys());
  return deadStock(stock, latest ?? new Map(), costs, { now, days });
}

/**
 * Receipts of the last 365 days from the period stats, one per item and month: what came in
 * that month (receipts, found stock, parts back from work orders), dated at the month's last
 * receipt (its end, or now, when only adjustments came in). Months, not days: the stats
 * keep no date per receipt, so an item received on the 2nd and the 28th ages from the 28th
 * (younger by up to a month); a month of one receipt ages exactly.
 */
export function receiptsFromStats(history: StatsHistory, now: Date): ReceiptRecord[] {
  const nowMs = now.getTime();
  const first = periodOf(new Date(nowMs - 365 * DAY));
  const out: ReceiptRecord[] = [];
  for (const [period, stats] of [...history].sort(([a], [b]) => compareText(a, b))) {
    if (period < first) continue;
    const end = Math.min(endOfDay(monthEnd(period)), nowMs);
    for (const [sku, s] of stats) {
      if (!(s.qtyIn > 0)) continue;
      const last = s.lastReceiptAt;
      const at = last !== null && last.slice(0, 7) === period ? last : new Date(end).toISOString();
      out.push({ sku, receivedAt: at, quantity: s.qtyIn });
    }
  }
  return out;
}

/** How old the stock on hand is, per item (FIFO against the receipts of the last 365 days). */
export function stockAgeingReport(
  totals: ReadonlyMap<string, number>,
  history: StatsHistory,
  items: ReadonlyMap<string, Item>,
  now: Date,
): StockAgeing {
  const latest = closingStats(history, periodOf(now));
  const costs = costsFrom(latest ?? new Map(), unitCostOf(items), totals.keys());
  const stock = [...totals].map(([sku, quantity]) => ({ sku, quantity }));
  return stockAgeing(stock, receiptsFromStats(history, now), costs, now);
}
export function excessReport(
  totals: ReadonlyMap<string, number>,
  latest: StatsMap | null,
  items: ReadonlyMap<string, Item>,
): ExcessRow[] {
  const costs = costsFrom(latest ?? new Map(), unitCostOf(items), totals.keys());
  return excessStock(
    [...totals].map(([sku, quantity]) => ({ sku, quantity })),
    items,
    costs,
  );
}
