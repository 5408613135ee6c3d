import { checkSeries } from './series-checks.ts';

/** Above this average demand interval (periods per demand) demand counts as intermittent (Syntetos–Boylan). */
export const INTERMITTENT_ADI = 1.32;

/** A period with demand: its size and the periods since the previous demand. */
export interface DemandOccurrence {
  /** Index of the period in the series (0 = first). */
  index: number;
  size: number;
  /** Periods since the previous demand; for the first demand, counted from the start of the series (index + 1). */
  interval: number;
}

/**
 * The periods with demand. Only values above 0 are demand: a period of zero, or a net return
 * (negative), is a period without demand, so Croston never smooths a negative size.
 * The first interval counts from the start of the series, as if a demand had happened just
 * before it: [0, 0, 5] is one demand of 5 after 3 periods.
 */
export function demandOccurrences(series: readonly number[]): DemandOccurrence[] {
  checkSeries(series);
  const out: DemandOccurrence[] = [];
  let previous = -1;
  series.forEach((size, index) => {
    if (size <= 0) return;
    out.push({ index, size, interval: index - previous });
    previous = index;
  });
  return out;
}

/**
 * ADI: the mean of the intervals between consecutive demand periods, the first counted from
 * the start of the series, so it equals (index of the last demand + 1) / number of demands.
 * Periods after the last demand do not count (they are not an interval yet). Null when there
 * is no demand at all.
 */
export function averageDemandInterval(series: readonly number[]): number | null {
  const demands = demandOccurrences(series);
  if (demands.length === 0) return null;
  return (demands.at(-1)!.index + 1) / demands.length;
}

/** Intermittent when ADI > 1.32; a series without any demand is not intermittent (its rate is simply 0). */
export function isIntermittent(series: readonly number[]): boolean {
  const adi = averageDemandInterval(series);
  return adi !== null && adi > INTERMITTENT_ADI;
}
