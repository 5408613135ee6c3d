/**
 * Argument checks shared by the forecasting functions. They are programming errors rather than
 * user input (series come from validated folds, options from code), so they throw RangeError
 * instead of returning a Result: a NaN would otherwise flow silently into every suggestion.
 */
export function checkSeries(series: readonly number[]): void {
  for (let i = 0; i < series.length; i++) {
    if (!Number.isFinite(series[i])) throw new RangeError(`series[${i}] must be a finite number`);
  }
}

/** A smoothing constant: more than 0 (0 would never learn), at most 1 (1 = last value only). */
export function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError('alpha must be more than 0 and at most 1');
}

export function checkCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number, not negative`);
}
