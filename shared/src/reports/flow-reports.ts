import type { Item } from '../catalog/item.ts';
import { forecast } from '../forecasting/forecast.ts';
import { nextPeriod, previousPeriod } from '../ledger/period.ts';
import type { WorkOrderView } from '../maintenance/work-order-fold.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { compareText } from '../stocktake/stamp.ts';
import { type AbcRow, abcClassification } from './abc.ts';
import { dateOfDay, dayNumber, type Granularity, isoWeek, weekStart } from './calendar.ts';
import {
  type ConsumptionPoint,
  consumptionSeries,
  type DailyIssue,
  dailyIssuesOf,
  daysOfCover,
} from './consumption.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';
import type { PeriodItemStats } from './period-stats.ts';
import { closingStats, monthEnd, monthsBetween, periodStatsOf, type StatsHistory } from './report-periods.ts';
import { inventoryTurnover, type Turnover } from './turnover.ts';

/*
 * Reports of what flowed over a range (consumption with forecast, ABC, turnover), from the
 * period stats (never a year of movements): pure, shared by the API and the devices.
 */

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

/**
 * Demand per day of the selected SKUs from `from` to `to` (`YYYY-MM-DD`), from the period
 * stats: one entry per day, summed over the items in integer units (exactly what summing the
 * items' days later would give — and over 50,000 items a series then folds days, not
 * millions of item-days).
 */
export function demandByDay(
  history: StatsHistory,
  skus: ReadonlySet<string> | null,
  from: string,
  to: string,
): DailyIssue[] {
  const byDate = new Map<string, { units: number; value: number }>();
  for (const period of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
    const stats = history.get(period);
    if (!stats) continue;
    const add = (s: PeriodItemStats) => {
      for (const d of dailyIssuesOf(period, s)) {
        if (d.date < from || d.date > to) continue;
        const sum = byDate.get(d.date);
        if (sum) {
          sum.units += toUnits(d.quantity);
          sum.value += toValueUnits(d.value);
        } else byDate.set(d.date, { units: toUnits(d.quantity), value: toValueUnits(d.value) });
      }
    };
    if (skus === null) for (const s of stats.values()) add(s);
    else
      for (const sku of skus) {
        const s = stats.get(sku);
        if (s) add(s);
      }
  }
  return [...byDate]
    .sort(([a], [b]) => compareText(a, b))
    .map(([date, sum]) => ({ date, quantity: fromUnits(sum.units), value: fromValueUnits(sum.value) }));
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
// ── turnover ────────────────────────────────────────────────────────────────────────────

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
