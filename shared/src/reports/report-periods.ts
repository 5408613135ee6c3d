import type { Item } from '../catalog/item.ts';
import { nextPeriod } from '../ledger/period.ts';
import { dateOfDay, dayNumber } from './calendar.ts';
import type { PeriodItemStats } from './period-stats.ts';

/*
 * The reports are assembled from the shared calculations (this folder, forecasting,
 * replenishment) and plain inputs: period stats, stock lines, catalog items, orders, work
 * orders, stocktake lines — in report-periods.ts (dates, which periods to read),
 * stock-reports.ts, flow-reports.ts and dashboard-report.ts. Pure and synchronous: the HTTP
 * API (server/src/reports) and the devices' report screens (client/src/reports) run these
 * same modules on the same kind of inputs, so a report offline shows what the server answers.
 *
 * No report reads a year of movements: months are read as their period stats
 * (`stats-YYYY-MM`), and movements only of the one month a dated valuation falls in.
 */

export type StatsMap = ReadonlyMap<string, PeriodItemStats>;

/**
 * The stats of the periods that have any, by period. A period that is not here has no
 * ledger room: nothing moved in it, so its closing is the latest earlier period's.
 * Every map holds every item the ledger ever saw (foldPeriodStats carries them).
 */
export type StatsHistory = ReadonlyMap<string, StatsMap>;

/** Milliseconds in a day. */
export const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// ── dates and periods ───────────────────────────────────────────────────────────────────

export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** A `YYYY-MM-DD` that is a real day. */
export function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

/** The months from `from` to `to` (`YYYY-MM`, both included), oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 1200; p = nextPeriod(p)) out.push(p);
  return out;
}

/** The last millisecond of a UTC day. */
export function endOfDay(date: string): number {
  return dayNumber(date) * DAY + DAY - 1;
}

/** The last day of a month `YYYY-MM`. */
export function monthEnd(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return dateOfDay(Date.UTC(y, m, 0) / DAY);
}

/** The latest period of the history at or before `period`, or null. */
export function latestPeriodAtOrBefore(history: StatsHistory, period: string): string | null {
  let best: string | null = null;
  for (const p of history.keys()) if (p <= period && (best === null || p > best)) best = p;
  return best;
}

/** The stock and costs at the end of `period`: its own stats, else carried from the latest earlier period. */
export function closingStats(history: StatsHistory, period: string): StatsMap | null {
  const p = latestPeriodAtOrBefore(history, period);
  return p === null ? null : history.get(p)!;
}

const NO_FLOWS = {
  qtyIn: 0,
  qtyOut: 0,
  valueIn: 0,
  valueOut: 0,
  issued: 0,
  issuedValue: 0,
  dailyIssued: {},
} as const;

/**
 * One period as a report over periods needs it: its stats, or — when nothing moved in it
 * — the closing carried from before with no flows. Empty when nothing is known up to it.
 */
export function periodStatsOf(history: StatsHistory, period: string): StatsMap {
  const own = history.get(period);
  if (own) return own;
  const carried = closingStats(history, period);
  const out = new Map<string, PeriodItemStats>();
  for (const [sku, s] of carried ?? []) out.set(sku, { ...s, ...NO_FLOWS, dailyIssued: {} });
  return out;
}

/**
 * Which periods a report over `from`…`to` (`YYYY-MM`) must read, of those that exist
 * (`known`, any order): the ones in the range and the latest one before it (the state the
 * range starts from).
 */
export function periodsToRead(known: Iterable<string>, from: string, to: string): string[] {
  const sorted = [...new Set(known)].sort();
  const before = sorted.filter((p) => p < from).at(-1);
  return [...(before ? [before] : []), ...sorted.filter((p) => p >= from && p <= to)];
}

/** The cost each SKU is valued at: its moving average in `stats`, else its catalog unit cost. */
export function unitCostOf(items: ReadonlyMap<string, Pick<Item, 'unitCost'>>): (sku: string) => number {
  return (sku) => items.get(sku)?.unitCost ?? 0;
}
