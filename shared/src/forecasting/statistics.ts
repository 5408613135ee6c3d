/** Arithmetic mean; 0 for no observations (no observations, no demand to speak of). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample standard deviation (divides by n − 1, as a spreadsheet's STDEV.S does); 0 when there
 * are fewer than two values, where spread cannot be measured. Two passes (mean first, then
 * squared deviations) so that a constant series gives exactly 0.
 */
export function sampleStdDev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}
