import { fromUnits, toUnits } from '../quantity.ts';
import type { StateEvent } from '../stocktake/lifecycle.ts';
import { byTimeThenId, compareText } from '../stocktake/stamp.ts';
import type { VarianceLine } from '../stocktake/variance.ts';

/** What accuracy needs of a stocktake line (StocktakeSummary.lines). */
export type CountLine = Pick<VarianceLine, 'withinTolerance' | 'value'> &
  Partial<Pick<VarianceLine, 'final' | 'snapshot'>>;

export interface CountAccuracy {
  /** Lines counted in a complete round against a known expected quantity. */
  linesCounted: number;
  linesWithinTolerance: number;
  /** Percent of the lines within tolerance, to 2 decimals; null when no line was counted. */
  accuracy: number | null;
  /** Sum of |variance value|: the money that moved either way. */
  absoluteValue: number;
  /** Sum of variance values: found (+) less lost (−). */
  netValue: number;
}

/**
 * The accuracy of one stocktake from its lines. Only what posting used counts: lines of a
 * complete round (`final`) that had an expected snapshot (`snapshot`); running counts and
 * lines without a snapshot (expected unknown) are left out. Lines that do not say are
 * taken as final with a snapshot. Values summed in 1/10,000 units, as the summary does.
 */
export function countAccuracy(lines: Iterable<CountLine>): CountAccuracy {
  let counted = 0;
  let within = 0;
  let absolute = 0;
  let net = 0;
  for (const l of lines) {
    if (l.final === false || l.snapshot === false) continue;
    counted++;
    if (l.withinTolerance) within++;
    const v = toUnits(l.value);
    absolute += Math.abs(v);
    net += v;
  }
  return {
    linesCounted: counted,
    linesWithinTolerance: within,
    accuracy: counted ? Math.round((within / counted) * 10_000) / 100 : null,
    absoluteValue: fromUnits(absolute),
    netValue: fromUnits(net),
  };
}

export interface PostedStocktake {
  id: string;
  name?: string;
  /** When it was posted (postedAtOf its state events). */
  postedAt: string;
  lines: Iterable<CountLine>;
}

export interface AccuracyPoint extends CountAccuracy {
  id: string;
  name?: string;
  postedAt: string;
}

/** One point per posted stocktake, by posted date (then id): accuracy over time. */
export function accuracyOverTime(stocktakes: Iterable<PostedStocktake>): AccuracyPoint[] {
  const points: AccuracyPoint[] = [];
  for (const s of stocktakes) {
    points.push({
      id: s.id,
      ...(s.name !== undefined ? { name: s.name } : {}),
      postedAt: s.postedAt,
      ...countAccuracy(s.lines),
    });
  }
  return points.sort((a, b) => Date.parse(a.postedAt) - Date.parse(b.postedAt) || compareText(a.id, b.id));
}

/** When a stocktake was posted: its posted state event's time (the earliest, should there be more); null if not posted. */
export function postedAtOf(states: Iterable<StateEvent>): string | null {
  const posted = [...states].filter((e) => e.to === 'posted').sort(byTimeThenId)[0];
  return posted?.at ?? null;
}
