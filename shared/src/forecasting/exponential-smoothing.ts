import { checkAlpha, checkSeries } from './series-checks.ts';

export const SES_ALPHA = 0.2;

/**
 * Simple exponential smoothing: the level starts at the first value and moves a share α
 * towards each later value (ℓₜ = ℓₜ₋₁ + α(yₜ − ℓₜ₋₁)). The forecast of every future period is
 * the final level. An empty series has level 0: nothing was consumed.
 */
export function sesLevel(series: readonly number[], alpha = SES_ALPHA): number {
  checkAlpha(alpha);
  checkSeries(series);
  if (series.length === 0) return 0;
  let level = series[0]!;
  for (let t = 1; t < series.length; t++) level += alpha * (series[t]! - level);
  return level;
}
