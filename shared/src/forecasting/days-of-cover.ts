/**
 * How many days the stock on hand lasts at a daily rate. Null when the rate is 0 (or below):
 * nothing is being used, so there is no number of days to show (null survives JSON, where
 * Infinity would silently become null anyway). Stock at or below 0 covers 0 days.
 */
export function daysOfCover(onHand: number, dailyRate: number): number | null {
  if (!Number.isFinite(onHand) || !Number.isFinite(dailyRate)) throw new RangeError('must be finite numbers');
  if (dailyRate <= 0) return null;
  return Math.max(0, onHand) / dailyRate;
}
