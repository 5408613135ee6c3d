import { ItemKind } from '@stockroom/shared/catalog/item';
import { previousPeriod } from '@stockroom/shared/ledger/period';
import type { Granularity } from '@stockroom/shared/reports/calendar';
import { DEFAULT_DEAD_STOCK_DAYS } from '@stockroom/shared/reports/dead-stock';
import { addDays, isDate, isMonth, todayOf } from '@stockroom/shared/reports/report-periods';
import type { ValuationGrouping } from '@stockroom/shared/reports/valuation';
import type { ReportParams } from './report-routes.ts';

/*
 * Each report's filters from its URL parameters, with the defaults of the HTTP API
 * (server/src/reports/report-routes.ts), so a report on the device and the API answer the
 * same question. Bad values fall back to the default instead of failing: a link typed by
 * hand still shows a report.
 */

/** The longest range a report over days takes, as the API (three years). */
export const MAX_RANGE_DAYS = 1100;

export interface DayRange {
  from: string;
  to: string;
}

/** `from`…`to` (dates), defaulting to the last `defaultDays` days up to today; swapped when reversed. */
export function dayRange(params: ReportParams, today: string, defaultDays: number): DayRange {
  const to = params.to && isDate(params.to) ? params.to : today;
  let from = params.from && isDate(params.from) ? params.from : addDays(to, -(defaultDays - 1));
  if (from > to) from = to;
  if (addDays(from, MAX_RANGE_DAYS) <= to) from = addDays(to, -(MAX_RANGE_DAYS - 1));
  return { from, to };
}

export interface ValuationFilter {
  by: ValuationGrouping;
  /** A past day to value at (end of day, UTC); null: now. */
  at: string | null;
}

export function valuationFilter(params: ReportParams, today: string): ValuationFilter {
  const by = (['item', 'location', 'category', 'kind'] as const).find((b) => b === params.by) ?? 'item';
  const at = params.at && isDate(params.at) && params.at < today ? params.at : null;
  return { by, at };
}

export interface ConsumptionFilterView extends DayRange {
  sku: string;
  category: string;
  kind: ItemKind | '';
  interval: Granularity;
}

export function consumptionFilter(params: ReportParams, today: string): ConsumptionFilterView {
  const kind = ItemKind.safeParse(params.kind);
  return {
    ...dayRange(params, today, 91),
    sku: params.sku ?? '',
    category: params.category ?? '',
    kind: kind.success ? kind.data : '',
    interval: (['day', 'week', 'month'] as const).find((g) => g === params.interval) ?? 'week',
  };
}

export function abcFilter(params: ReportParams, today: string): DayRange {
  return dayRange(params, today, 365);
}

export function deadStockDays(params: ReportParams): number {
  const n = Number(params.days);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : DEFAULT_DEAD_STOCK_DAYS;
}

/** Months `from`…`to` (`YYYY-MM`; a date stands for its month), default the last 12 with this one. */
export function turnoverFilter(params: ReportParams, currentPeriod: string): DayRange {
  const month = (s: string | undefined) => (s && (isMonth(s) || isDate(s)) ? s.slice(0, 7) : null);
  const to = month(params.to) ?? currentPeriod;
  let from = month(params.from);
  if (!from) {
    from = to;
    for (let i = 0; i < 11; i++) from = previousPeriod(from);
  }
  return from > to ? { from: to, to } : { from, to };
}

export function todayNow(): string {
  return todayOf(new Date());
}

/** Parameters for a report link: empty values dropped, so URLs stay short. */
export function withParams(params: ReportParams, change: ReportParams): ReportParams {
  const out: ReportParams = { ...params, ...change };
  for (const k of Object.keys(out) as (keyof ReportParams)[]) if (!out[k]) delete out[k];
  return out;
}
