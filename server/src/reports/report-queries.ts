import type { Item } from '@stockroom/shared/catalog/item';
import { forecast } from '@stockroom/shared/forecasting/forecast';
import { effectiveAt, type Movement } from '@stockroom/shared/ledger/movement';
import { nextPeriod, periodOf, previousPeriod } from '@stockroom/shared/ledger/period';
import { StockFold, type StockLine } from '@stockroom/shared/ledger/stock';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { isOpen, type OrderView } from '@stockroom/shared/purchasing/order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import type { Suggestion } from '@stockroom/shared/replenishment/suggestions';
import { type AbcRow, abcClassification } from '@stockroom/shared/reports/abc';
import {
  dateOfDay,
  dayNumber,
  type Granularity,
  isoWeek,
  weekStart,
} from '@stockroom/shared/reports/calendar';
import {
  type ConsumptionPoint,
  consumptionSeries,
  type DailyIssue,
  dailyIssuesOf,
  daysOfCover,
} from '@stockroom/shared/reports/consumption';
import {
  type AccuracyPoint,
  accuracyOverTime,
  type CountAccuracy,
  countAccuracy,
  type PostedStocktake,
} from '@stockroom/shared/reports/count-accuracy';
import { dashboardFigures } from '@stockroom/shared/reports/dashboard';
import { type DeadStockRow, deadStock } from '@stockroom/shared/reports/dead-stock';
import { type ExcessRow, excessStock } from '@stockroom/shared/reports/excess';
import { fromValueUnits, toValueUnits, valueUnitsOf } from '@stockroom/shared/reports/money';
import { foldPeriodStats, type PeriodItemStats } from '@stockroom/shared/reports/period-stats';
import { type ReceiptRecord, type StockAgeing, stockAgeing } from '@stockroom/shared/reports/stock-ageing';
import { inventoryTurnover, type Turnover } from '@stockroom/shared/reports/turnover';
import {
  costsFrom,
  type ValuationGrouping,
  type ValuationRow,
  valuation,
} from '@stockroom/shared/reports/valuation';
import { compareText } from '@stockroom/shared/stocktake/stamp';

/*
 * The reports, assembled from the shared calculations (shared/src/reports, forecasting,
 * replenishment) and plain inputs: period stats, stock lines, catalog items, orders, work
 * orders, stocktake lines. Pure and synchronous, no server imports: the HTTP API
 * (report-routes.ts) and the devices' report screens (client/src/reports) run this same
 * module on the same kind of inputs, so a report offline shows what the server answers.
 * (It belongs in shared/src/reports; it lives here until that folder takes new modules.)
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

const DAY = 86_400_000;
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

function monthEnd(period: string): string {
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

// ── consumption ─────────────────────────────────────────────────────────────────────────

export interface ConsumptionFilter {
  sku?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  asset?: string | undefined;
}

/** The SKUs a filter selects (every item when it names none). */
export function selectedSkus(items: Iterable<Item>, filter: ConsumptionFilter): Set<string> {
  const out = new Set<string>();
  if (filter.sku) {
    out.add(filter.sku);
    return out;
  }
  for (const i of items) {
    if (filter.category !== undefined && filter.category !== '' && i.category !== filter.category) continue;
    if (filter.kind && i.kind !== filter.kind) continue;
    out.add(i.sku);
  }
  return out;
}

/** Demand per day of the selected SKUs from `from` to `to` (`YYYY-MM-DD`), from the period stats. */
export function demandByDay(
  history: StatsHistory,
  skus: ReadonlySet<string> | null,
  from: string,
  to: string,
): DailyIssue[] {
  const out: DailyIssue[] = [];
  for (const period of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
    const stats = history.get(period);
    if (!stats) continue;
    const add = (s: PeriodItemStats) => {
      for (const d of dailyIssuesOf(period, s)) if (d.date >= from && d.date <= to) out.push(d);
    };
    if (skus === null) for (const s of stats.values()) add(s);
    else
      for (const sku of skus) {
        const s = stats.get(sku);
        if (s) add(s);
      }
  }
  return out;
}

/**
 * Parts consumed by one asset's work orders per day: issued minus returned, each at its
 * recorded unit cost (the moving average when it was issued; a return at what it goes back at).
 */
export function assetPartsByDay(
  workOrders: Iterable<WorkOrderView>,
  asset: string,
  from: string,
  to: string,
): DailyIssue[] {
  const out: DailyIssue[] = [];
  for (const wo of workOrders) {
    if (wo.asset !== asset) continue;
    for (const r of wo.records) {
      const date = r.at.slice(0, 10);
      if (date < from || date > to) continue;
      const sign = r.kind === 'issue' ? 1 : -1;
      const units = toUnits(r.quantity);
      out.push({
        date,
        quantity: fromUnits(sign * units),
        value: fromValueUnits(sign * valueUnitsOf(units, toValueUnits(r.unitCost))),
      });
    }
  }
  return out;
}

/** Average days per period, to turn a forecast per period into one per day. */
export const DAYS_PER_PERIOD: Record<Granularity, number> = { day: 1, week: 7, month: 365.2425 / 12 };

/** The labels of the `n` periods after the one `date` falls in. */
export function nextPeriodLabels(date: string, by: Granularity, n: number): string[] {
  const out: string[] = [];
  const day = dayNumber(date);
  for (let k = 1; k <= n; k++) {
    if (by === 'day') out.push(dateOfDay(day + k));
    else if (by === 'week') out.push(isoWeek(weekStart(day) + 7 * k));
    else {
      let p = date.slice(0, 7);
      for (let i = 0; i < k; i++) p = nextPeriod(p);
      out.push(p);
    }
  }
  return out;
}

export interface ConsumptionReport {
  series: { period: string; quantity: number; value: number }[];
  forecast: {
    method: 'ses' | 'sba';
    /** Forecast demand per period (flat: both methods forecast one rate). */
    rate: number;
    periods: { period: string; quantity: number }[];
    /** Hold-out mean absolute error per period; null when the series is too short. */
    mae: number | null;
  };
  /** On hand now ÷ the forecast daily rate; null when nothing is consumed. */
  daysOfCover: number | null;
  onHand: number;
}

export const FORECAST_HORIZON = 3;

/**
 * Demand per day, week or month over the range, its forecast (SES, or SBA when
 * intermittent: shared/src/forecasting) for the next periods, and how long `onHand` lasts at
 * the forecast rate (per period ÷ its average days).
 */
export function consumptionReport(
  daily: Iterable<DailyIssue>,
  range: { from: string; to: string; interval: Granularity },
  onHand: number,
): ConsumptionReport {
  const points: ConsumptionPoint[] = consumptionSeries(daily, {
    from: range.from,
    to: range.to,
    by: range.interval,
  });
  const f = forecast(
    points.map((p) => p.quantity),
    { method: 'auto', horizon: FORECAST_HORIZON },
  );
  const labels = nextPeriodLabels(range.to, range.interval, FORECAST_HORIZON);
  return {
    series: points.map((p) => ({ period: p.period, quantity: p.quantity, value: p.value })),
    forecast: {
      method: f.method,
      rate: f.rate,
      periods: labels.map((period, i) => ({ period, quantity: f.periods[i]! })),
      mae: f.mae,
    },
    daysOfCover: daysOfCover(onHand, f.rate / DAYS_PER_PERIOD[range.interval]),
    onHand,
  };
}

/** Stock on hand summed over a set of SKUs (null: all). */
export function onHandOf(totals: ReadonlyMap<string, number>, skus: ReadonlySet<string> | null): number {
  let units = 0;
  for (const [sku, q] of totals) if (skus === null || skus.has(sku)) units += toUnits(q);
  return fromUnits(units);
}

/** The SKUs an asset's work orders used (for its days of cover). */
export function skusOfAsset(workOrders: Iterable<WorkOrderView>, asset: string): Set<string> {
  const out = new Set<string>();
  for (const wo of workOrders) if (wo.asset === asset) for (const r of wo.records) out.add(r.sku);
  return out;
}

// ── ABC ─────────────────────────────────────────────────────────────────────────────────

/**
 * Consumption value per SKU from `from` to `to`: whole months by their issued value, the
 * partial months at either end by their days (each day's share of the month's value).
 */
export function consumptionValues(history: StatsHistory, from: string, to: string): Map<string, number> {
  const units = new Map<string, number>();
  for (const period of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
    const stats = history.get(period);
    if (!stats) continue;
    const whole = from <= `${period}-01` && to >= monthEnd(period);
    for (const [sku, s] of stats) {
      let v = 0;
      if (whole) v = toValueUnits(s.issuedValue);
      else
        for (const d of dailyIssuesOf(period, s))
          if (d.date >= from && d.date <= to) v += toValueUnits(d.value);
      if (v !== 0) units.set(sku, (units.get(sku) ?? 0) + v);
    }
  }
  return new Map([...units].map(([sku, v]) => [sku, fromValueUnits(v)]));
}

/** ABC classes (80 / 95 %) over the consumption value from `from` to `to`; active items without any are C. */
export function abcReport(history: StatsHistory, items: Iterable<Item>, from: string, to: string): AbcRow[] {
  const values = consumptionValues(history, from, to);
  const active = [...items].filter((i) => i.active).map((i) => i.sku);
  return abcClassification(
    [...values].map(([sku, value]) => ({ sku, value })),
    active,
  );
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

// ── turnover and excess ─────────────────────────────────────────────────────────────────

export interface TurnoverRow {
  sku: string;
  costOfIssues: number;
  averageValue: number;
  turns: number | null;
}

export interface TurnoverReport extends Turnover {
  from: string;
  to: string;
  /** Per item with any issue or stock in the range, most turns first (none last), then SKU. */
  rows: TurnoverRow[];
}

/** Inventory turns over the months `from`…`to` (`YYYY-MM`): overall and per item. */
export function turnoverReport(history: StatsHistory, from: string, to: string): TurnoverReport {
  const months = monthsBetween(from, to);
  const periods = months.map((p) => periodStatsOf(history, p));
  const before = closingStats(history, previousPeriod(from));
  const overall = inventoryTurnover(periods, before);
  const skus = new Set<string>();
  for (const m of [...periods, ...(before ? [before] : [])]) for (const sku of m.keys()) skus.add(sku);
  const rows: TurnoverRow[] = [];
  for (const sku of skus) {
    const t = inventoryTurnover(periods, before, sku);
    if (t.costOfIssues === 0 && t.averageValue === 0) continue;
    rows.push({ sku, costOfIssues: t.costOfIssues, averageValue: t.averageValue, turns: t.turns });
  }
  rows.sort((a, b) => (b.turns ?? -1) - (a.turns ?? -1) || compareText(a.sku, b.sku));
  return { ...overall, from, to, rows };
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
