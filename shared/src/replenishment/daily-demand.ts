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

interface DayWindow {
  days: readonly string[];
  /** Position of each day in `days`. */
  index: ReadonlyMap<string, number>;
}

/**
 * The last windows asked for. Suggestions ask for the same window for every item (50,000
 * items × 90 day strings made ≈ 4.5 M Date objects per call, most of its time); a handful
 * of entries covers the few distinct policies a catalog has.
 */
const recentWindows = new Map<string, DayWindow>();
const RECENT_WINDOWS = 16;

function dayWindow(today: string | Date, days: number): DayWindow {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('window must be a whole number of days');
  const start = utcDayStart(today);
  const key = `${start}|${days}`;
  let w = recentWindows.get(key);
  if (!w) {
    const list = Array.from({ length: days }, (_, i) =>
      new Date(start - (days - i) * DAY_MS).toISOString().slice(0, 10),
    );
    w = { days: Object.freeze(list), index: new Map(list.map((d, i) => [d, i])) };
    if (recentWindows.size >= RECENT_WINDOWS) recentWindows.delete(recentWindows.keys().next().value!);
    recentWindows.set(key, w);
  }
  return w;
}

/** The UTC days of the window: `windowDays` days ending yesterday, oldest first. */
export function windowDays(today: string | Date, days: number): string[] {
  return [...dayWindow(today, days).days];
}

/**
 * Demand per day over the window, oldest first, days without issues as 0: today is left out
 * because it is not over yet (a morning's issues would read as a slow day). Days outside the
 * window are ignored. Walks the days that have issues (few, for most items), not the window.
 */
export function dailyDemandSeries(issued: DailyQuantities, today: string | Date, days: number): number[] {
  const { index } = dayWindow(today, days);
  const series = new Array<number>(days).fill(0);
  const entries = issued instanceof Map ? issued.entries() : Object.entries(issued);
  for (const [day, q] of entries) {
    const i = index.get(day);
    if (i === undefined) continue;
    if (!Number.isFinite(q)) throw new RangeError(`issued quantity on ${day} must be a finite number`);
    series[i] = q;
  }
  return series;
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
