import { mean, sampleStdDev } from '../forecasting/statistics.ts';

/** Issued quantity per UTC calendar day, keyed 'YYYY-MM-DD'. Days without issues may be left out. */
export type DailyQuantities = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of the day `today` falls on: a 'YYYY-MM-DD' day, an ISO date-time or a Date. */
function utcDayStart(today: string | Date): number {
  const ms =
    typeof today === 'string'
      ? Date.parse(DAY.test(today) ? `${today}T00:00:00.000Z` : today)
      : today.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`today must be a date, not ${String(today)}`);
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function quantityOn(issued: DailyQuantities, day: string): number {
  const q =
    issued instanceof Map
      ? issued.get(day)
      : Object.hasOwn(issued, day)
        ? (issued as Readonly<Record<string, number>>)[day]
        : undefined;
  if (q === undefined) return 0;
  if (!Number.isFinite(q)) throw new RangeError(`issued quantity on ${day} must be a finite number`);
  return q;
}

/** The UTC days of the window: `windowDays` days ending yesterday, oldest first. */
export function windowDays(today: string | Date, days: number): string[] {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('window must be a whole number of days');
  const start = utcDayStart(today);
  return Array.from({ length: days }, (_, i) =>
    new Date(start - (days - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Demand per day over the window, oldest first, days without issues as 0: today is left out
 * because it is not over yet (a morning's issues would read as a slow day). Days outside the
 * window are ignored.
 */
export function dailyDemandSeries(issued: DailyQuantities, today: string | Date, days: number): number[] {
  return windowDays(today, days).map((day) => quantityOn(issued, day));
}

export interface DemandStatistics {
  /** d̄: mean demand per day. */
  mean: number;
  /** σ_d: sample standard deviation (n − 1) of the daily demand; 0 for fewer than two days. */
  stdDev: number;
}

export function demandStatistics(series: readonly number[]): DemandStatistics {
  return { mean: mean(series), stdDev: sampleStdDev(series) };
}
