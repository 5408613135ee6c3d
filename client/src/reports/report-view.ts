import type { AbcRow } from '@stockroom/shared/reports/abc';
import type { ConsumptionReport } from '@stockroom/shared/reports/flow-reports';

/*
 * Pure view logic of the report screens: what the charts plot and the summaries say, kept
 * out of the components so it is tested without a browser.
 */

/** The `n` rows of highest `value` (ties by the original order), for a chart that cannot show 50,000 bars. */
export function topRows<T>(rows: readonly T[], value: (row: T) => number, n: number): T[] {
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .slice(0, n)
    .map((x) => x.row);
}

export interface LineChartData {
  labels: string[];
  actual: (number | null)[];
  forecast: (number | null)[];
}

/**
 * History then forecast on one axis: the forecast line starts at the last actual period so
 * the two join, and is empty before it.
 */
export function consumptionChart(r: Pick<ConsumptionReport, 'series' | 'forecast'>): LineChartData {
  const labels = [...r.series.map((p) => p.period), ...r.forecast.periods.map((p) => p.period)];
  const actual: (number | null)[] = [
    ...r.series.map((p) => p.quantity),
    ...r.forecast.periods.map(() => null),
  ];
  const forecast: (number | null)[] = labels.map(() => null);
  const last = r.series.length - 1;
  if (last >= 0) forecast[last] = r.series[last]!.quantity;
  r.forecast.periods.forEach((p, i) => {
    forecast[r.series.length + i] = p.quantity;
  });
  return { labels, actual, forecast };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One sentence on the forecast: method, rate per period, and its hold-out error. */
export function forecastSentence(r: Pick<ConsumptionReport, 'forecast'>, interval: string): string {
  const method = r.forecast.method === 'sba' ? 'SBA (intermittent demand)' : 'exponential smoothing';
  const mae =
    r.forecast.mae === null
      ? 'too few periods to measure its error'
      : `MAE ${round(r.forecast.mae)} per ${interval}`;
  return `Forecast by ${method}: ${round(r.forecast.rate)} per ${interval}; ${mae}.`;
}

/** "12.5 days", "—" when nothing is consumed, "none left" at 0. */
export function coverText(days: number | null): string {
  if (days === null) return '—';
  if (days <= 0) return 'none left';
  return `${round(days, 1)} days`;
}

export interface AbcSummary {
  cls: 'A' | 'B' | 'C';
  items: number;
  value: number;
  share: number;
}

/** Items and consumption value per class (A, B, C in that order). */
export function abcSummary(rows: readonly AbcRow[]): AbcSummary[] {
  const out: AbcSummary[] = (['A', 'B', 'C'] as const).map((cls) => ({ cls, items: 0, value: 0, share: 0 }));
  for (const r of rows) {
    const s = out.find((x) => x.cls === r.class)!;
    s.items++;
    s.value = round(s.value + r.consumptionValue, 4);
    s.share += r.share;
  }
  for (const s of out) s.share = round(s.share, 6);
  return out;
}

/** The Pareto chart: the first `n` ranked items' values and their cumulative share in %. */
export function abcChart(
  rows: readonly AbcRow[],
  n = 30,
): { labels: string[]; values: number[]; cumulative: number[] } {
  const head = rows.filter((r) => r.consumptionValue > 0).slice(0, n);
  return {
    labels: head.map((r) => r.sku),
    values: head.map((r) => r.consumptionValue),
    cumulative: head.map((r) => round(r.cumulativeShare * 100, 1)),
  };
}
