import { CROSTON_ALPHA, sbaRate } from './croston.ts';
import { SES_ALPHA, sesLevel } from './exponential-smoothing.ts';
import { isIntermittent } from './intermittency.ts';
import { checkAlpha, checkCount, checkSeries } from './series-checks.ts';
import { mean } from './statistics.ts';

export type ForecastMethod = 'ses' | 'sba';

export interface ForecastOptions {
  /** `auto` (default): SBA when the series is intermittent (ADI > 1.32), else SES. */
  method?: 'auto' | ForecastMethod;
  /** Smoothing constant; default 0.2 for SES, 0.1 for SBA. */
  alpha?: number;
  /** Periods at the end kept out to measure the error; default min(6, ⌊n/4⌋) when n ≥ 4, else none. */
  holdout?: number;
  /** How many future periods `periods` lists; default 1. */
  horizon?: number;
}

export interface Forecast {
  method: ForecastMethod;
  alpha: number;
  /** Forecast demand per period, fitted on the whole series. */
  rate: number;
  /** The next `horizon` periods: both methods forecast a flat rate. */
  periods: number[];
  /** Mean absolute one-step-ahead error over the hold-out; null when the series is too short for one. */
  mae: number | null;
  /** Periods the error was measured over (0 when mae is null). */
  holdout: number;
}

/** min(6, ⌊n/4⌋) for n ≥ 4 (at least 1 then), else 0: too short to spare a period. */
export function defaultHoldout(n: number): number {
  return n >= 4 ? Math.min(6, Math.floor(n / 4)) : 0;
}

function fit(method: ForecastMethod, series: readonly number[], alpha: number): number {
  return method === 'sba' ? sbaRate(series, alpha) : sesLevel(series, alpha);
}

/**
 * Forecast of a demand series with its hold-out error. No prediction interval: the error the
 * method actually made on the last periods is more honest than an interval these methods'
 * assumptions do not support (ENGINEERING.md).
 *
 * The hold-out error is rolling-origin: each held-out period is forecast one step ahead from
 * everything before it, re-fitting as each actual is revealed (that is how the forecast is
 * used: re-computed every day), rather than from one flat forecast made before the hold-out.
 * The method is chosen once, on the whole series, so the error describes the method reported.
 */
export function forecast(series: readonly number[], options: ForecastOptions = {}): Forecast {
  checkSeries(series);
  const n = series.length;
  const chosen = options.method ?? 'auto';
  const method: ForecastMethod = chosen === 'auto' ? (isIntermittent(series) ? 'sba' : 'ses') : chosen;
  const alpha = options.alpha ?? (method === 'sba' ? CROSTON_ALPHA : SES_ALPHA);
  checkAlpha(alpha);
  const horizon = options.horizon ?? 1;
  checkCount('horizon', horizon);
  const requested = options.holdout ?? defaultHoldout(n);
  checkCount('holdout', requested);
  // At least one period must remain to fit on.
  const holdout = requested > 0 && requested < n ? requested : 0;

  const rate = fit(method, series, alpha);
  const errors: number[] = [];
  for (let t = n - holdout; t < n; t++)
    errors.push(Math.abs(series[t]! - fit(method, series.slice(0, t), alpha)));
  return {
    method,
    alpha,
    rate,
    periods: Array.from({ length: horizon }, () => rate),
    mae: holdout > 0 ? mean(errors) : null,
    holdout,
  };
}
