import type { CounterPace, LocationProgress } from '@stockroom/shared/stocktake/progress';
import type { StocktakeSummary, UnknownBarcode } from '@stockroom/shared/stocktake/summary';
import type { VarianceLine } from '@stockroom/shared/stocktake/variance';
import type { VerificationSummary } from '@stockroom/shared/stocktake/verification';

/** One location on the manager's board: its progress, its lines and what needs attention. */
export interface LocationRow {
  progress: LocationProgress;
  lines: VarianceLine[];
  missing: VarianceLine[];
  unexpected: VarianceLine[];
  beyondTolerance: number;
  unknown: UnknownBarcode[];
  varianceUnits: number;
  varianceValue: number;
  /** Lines with stock movements during the count (a warning: expected includes them). */
  moved: number;
  /** Who counted the location's count (its latest complete count round). */
  countedBy: string[];
  /** Verifications of the location, latest first. */
  verifications: VerificationSummary[];
  /** A verification can be asked for: the location is done and nothing is being verified. */
  canVerify: boolean;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function locationRows(summary: StocktakeSummary): LocationRow[] {
  const lines = new Map<string, VarianceLine[]>();
  for (const l of summary.lines) lines.set(l.location, [...(lines.get(l.location) ?? []), l]);
  const unknown = new Map<string, UnknownBarcode[]>();
  for (const u of summary.unknownBarcodes) unknown.set(u.location, [...(unknown.get(u.location) ?? []), u]);
  const verifications = new Map<string, VerificationSummary[]>();
  for (const v of summary.verifications)
    verifications.set(v.location, [v, ...(verifications.get(v.location) ?? [])]);
  return summary.locations.map((progress) => {
    const own = lines.get(progress.location) ?? [];
    return {
      countedBy: summary.folds.get(progress.location)?.counted?.contributors ?? [],
      verifications: verifications.get(progress.location) ?? [],
      canVerify: progress.status === 'done' && progress.countedRound !== null,
      progress,
      lines: own,
      missing: own.filter((l) => l.missing),
      unexpected: own.filter((l) => l.unexpected),
      beyondTolerance: own.filter((l) => !l.withinTolerance).length,
      unknown: unknown.get(progress.location) ?? [],
      varianceUnits: round4(own.reduce((s, l) => s + l.variance, 0)),
      varianceValue: round2(own.reduce((s, l) => s + l.value, 0)),
      moved: own.filter((l) => l.movements.length > 0).length,
    };
  });
}

/**
 * Who may verify a location: the stocktake's counters except those who counted it (a
 * verification is a second, independent count).
 */
export function verifierChoices(counters: readonly string[], countedBy: readonly string[]): string[] {
  return counters.filter((c) => !countedBy.includes(c));
}

/** Locations whose verification disagrees with their count and that have no recount yet. */
export function disagreeing(summary: Pick<StocktakeSummary, 'locations'>): string[] {
  return summary.locations.filter((l) => l.verification === 'disagrees').map((l) => l.location);
}

/** Scans per minute of each counter over the last `minutes` whole minutes up to `now`. */
export function recentPace(pace: readonly CounterPace[], now: Date, minutes = 5): Map<string, number> {
  const end = Math.floor(now.getTime() / 60_000) * 60_000;
  const from = end - (minutes - 1) * 60_000;
  const out = new Map<string, number>();
  for (const p of pace) {
    let scans = 0;
    for (const m of p.perMinute) {
      const t = Date.parse(m.minute);
      if (t >= from && t <= end) scans += m.scans;
    }
    out.set(p.user, round2(scans / minutes));
  }
  return out;
}

export interface PaceSeries {
  /** Minute labels (ISO minute, UTC), oldest first, every minute in the window present. */
  minutes: string[];
  series: { user: string; scans: number[] }[];
}

/**
 * The pace chart's data: scans per minute per counter, for the minutes from the first scan
 * (at most `window` minutes back from the last one), gaps filled with 0 so lines drop to
 * zero when someone stops.
 */
export function paceSeries(pace: readonly CounterPace[], window = 60): PaceSeries {
  let last = Number.NEGATIVE_INFINITY;
  let first = Number.POSITIVE_INFINITY;
  for (const p of pace) {
    for (const m of p.perMinute) {
      const t = Date.parse(m.minute);
      if (t > last) last = t;
      if (t < first) first = t;
    }
  }
  if (!Number.isFinite(last)) return { minutes: [], series: [] };
  const start = Math.max(first, last - (window - 1) * 60_000);
  const minutes: string[] = [];
  for (let t = start; t <= last; t += 60_000) minutes.push(`${new Date(t).toISOString().slice(0, 16)}Z`);
  const index = new Map(minutes.map((m, i) => [m, i]));
  const series = pace.map((p) => {
    const scans = minutes.map(() => 0);
    for (const m of p.perMinute) {
      const i = index.get(m.minute);
      if (i !== undefined) scans[i] = m.scans;
    }
    return { user: p.user, scans };
  });
  return { minutes, series };
}
