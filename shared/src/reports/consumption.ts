import { fromUnits, toUnits } from '../quantity.ts';
import { dateOfDay, dayNumber, type Granularity, periodLabel } from './calendar.ts';
import { fromValueUnits, toValueUnits } from './money.ts';
import type { PeriodItemStats } from './period-stats.ts';

/** Demand issued on one UTC day (one item, or several summed). */
export interface DailyIssue {
  date: string;
  quantity: number;
  value: number;
}

export interface ConsumptionPoint {
  /** `2026-01-31`, `2026-W05` (ISO week) or `2026-01`. */
  period: string;
  /** The first and last day of the period inside the range asked for (the ends may be partial). */
  start: string;
  end: string;
  quantity: number;
  value: number;
}

/**
 * One period's daily demand of an item as dated points. The stats keep a quantity per day
 * but one value for the month, so each day gets the month's value in proportion to its
 * quantity (rounded to 1/10,000, the last day taking the remainder so the days add up to
 * `issuedValue` exactly): the month's average issue cost, applied to every day.
 */
export function dailyIssuesOf(
  period: string,
  stats: Pick<PeriodItemStats, 'dailyIssued' | 'issued' | 'issuedValue'>,
): DailyIssue[] {
  const days = Object.entries(stats.dailyIssued)
    .map(([day, qty]) => [Number(day), toUnits(qty)] as const)
    .sort(([a], [b]) => a - b);
  const total = toUnits(stats.issued);
  const totalValue = toValueUnits(stats.issuedValue);
  let allocated = 0;
  return days.map(([day, units], i) => {
    // Net demand of 0 (issues and work-order returns cancelling out) has no proportion to
    // share by: the month's value, if any, goes to the last day (it was NaN on every day).
    const value =
      i === days.length - 1
        ? totalValue - allocated
        : total === 0
          ? 0
          : Math.round((totalValue * units) / total);
    allocated += value;
    return {
      date: `${period}-${String(day).padStart(2, '0')}`,
      quantity: fromUnits(units),
      value: fromValueUnits(value),
    };
  });
}

/**
 * Demand bucketed by day, ISO week (Monday start) or month between `from` and `to`
 * (`YYYY-MM-DD`, both included), every period present, empty ones as zeros. Points
 * outside the range are left out; points on one date are summed.
 */
export function consumptionSeries(
  daily: Iterable<DailyIssue>,
  range: { from: string; to: string; by: Granularity },
): ConsumptionPoint[] {
  const first = dayNumber(range.from);
  const last = dayNumber(range.to);
  const out: ConsumptionPoint[] = [];
  const index = new Map<string, { point: ConsumptionPoint; units: number; value: number }>();
  for (let day = first; day <= last; day++) {
    const period = periodLabel(day, range.by);
    const bucket = index.get(period);
    if (bucket) bucket.point.end = dateOfDay(day);
    else {
      const point = { period, start: dateOfDay(day), end: dateOfDay(day), quantity: 0, value: 0 };
      index.set(period, { point, units: 0, value: 0 });
      out.push(point);
    }
  }
  for (const d of daily) {
    const day = dayNumber(d.date);
    if (day < first || day > last) continue;
    const bucket = index.get(periodLabel(day, range.by))!;
    bucket.units += toUnits(d.quantity);
    bucket.value += toValueUnits(d.value);
  }
  for (const b of index.values()) {
    b.point.quantity = fromUnits(b.units);
    b.point.value = fromValueUnits(b.value);
  }
  return out;
}

/**
 * Days the stock on hand lasts at a daily rate of demand. The rate is the caller's: an
 * average of the series, or a forecast (shared/src/forecasting). Null when nothing is
 * consumed (cover without end); 0 when nothing is on hand.
 */
export function daysOfCover(onHand: number, dailyRate: number): number | null {
  if (onHand <= 0) return 0;
  if (!(dailyRate > 0)) return null;
  return onHand / dailyRate;
}

/** Days of cover per item, the rate from whatever estimates it (a forecast; null: unknown, and so is the cover). */
export function daysOfCoverBySku(
  onHand: ReadonlyMap<string, number>,
  dailyRateOf: (sku: string) => number | null,
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [sku, qty] of onHand) {
    const rate = dailyRateOf(sku);
    out.set(sku, qty <= 0 ? 0 : rate === null ? null : daysOfCover(qty, rate));
  }
  return out;
}

/** Demand per item over several periods: the input of ABC and of consumption tables. */
export function demandTotals(
  periods: Iterable<ReadonlyMap<string, Pick<PeriodItemStats, 'issued' | 'issuedValue'>>>,
): Map<string, { quantity: number; value: number }> {
  const sums = new Map<string, { units: number; value: number }>();
  for (const period of periods) {
    for (const [sku, s] of period) {
      const sum = sums.get(sku) ?? { units: 0, value: 0 };
      sum.units += toUnits(s.issued);
      sum.value += toValueUnits(s.issuedValue);
      sums.set(sku, sum);
    }
  }
  const out = new Map<string, { quantity: number; value: number }>();
  for (const sku of [...sums.keys()].sort()) {
    const s = sums.get(sku)!;
    out.set(sku, { quantity: fromUnits(s.units), value: fromValueUnits(s.value) });
  }
  return out;
}
