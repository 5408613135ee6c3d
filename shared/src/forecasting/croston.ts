import { demandOccurrences } from './intermittency.ts';
import { checkAlpha } from './series-checks.ts';

export const CROSTON_ALPHA = 0.1;

export interface CrostonFit {
  /** Smoothed demand size z; null when there was no demand. */
  size: number | null;
  /** Smoothed interval p between demands, in periods; null when there was no demand. */
  interval: number | null;
  /** Number of periods with demand. */
  demands: number;
  /** z / p per period; 0 when there was no demand. */
  crostonRate: number;
  /** Croston's rate × (1 − α/2): Syntetos–Boylan's correction of Croston's upward bias. */
  sbaRate: number;
}

/**
 * Croston's method: sizes and intervals of the periods with demand are smoothed separately,
 * only when a demand occurs (zₜ = zₜ₋₁ + α(yₜ − zₜ₋₁), pₜ = pₜ₋₁ + α(qₜ − pₜ₋₁)), both
 * starting from the first demand and its interval counted from the start of the series.
 * With a single demand the rate is that demand spread over the periods up to it: [0, 0, 6] → 2.
 * With no demand the rate is 0. See intermittency.ts for what counts as demand.
 */
export function crostonFit(series: readonly number[], alpha = CROSTON_ALPHA): CrostonFit {
  checkAlpha(alpha);
  const demands = demandOccurrences(series);
  const [first, ...rest] = demands;
  if (!first) return { size: null, interval: null, demands: 0, crostonRate: 0, sbaRate: 0 };
  let z = first.size;
  let p = first.interval;
  for (const d of rest) {
    z += alpha * (d.size - z);
    p += alpha * (d.interval - p);
  }
  const rate = z / p;
  return {
    size: z,
    interval: p,
    demands: demands.length,
    crostonRate: rate,
    sbaRate: rate * (1 - alpha / 2),
  };
}

export function crostonRate(series: readonly number[], alpha = CROSTON_ALPHA): number {
  return crostonFit(series, alpha).crostonRate;
}

export function sbaRate(series: readonly number[], alpha = CROSTON_ALPHA): number {
  return crostonFit(series, alpha).sbaRate;
}
