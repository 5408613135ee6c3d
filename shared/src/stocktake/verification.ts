import { fromUnits } from '../quantity.ts';
import type { CountedItem, FoldOptions, LocationFold, RoundFold } from './round-fold.ts';
import { compareText } from './stamp.ts';
import { withinTolerance } from './tolerance.ts';

/** One item of a verification: what the checked round counted and what the blind second count found. */
export interface VerificationLine {
  item: CountedItem;
  /** The round being verified (the first count or a recount). */
  primary: number;
  /** The verification round. */
  check: number;
  /** check − primary. */
  difference: number;
  /** The difference's value (difference × unit cost). */
  value: number;
  withinTolerance: boolean;
}

export type VerificationResult = 'pending' | 'agrees' | 'disagrees';

/** A verification round next to the round it checks, for the manager (never shown to counters). */
export interface VerificationSummary {
  location: string;
  /** The verification round and the round it checks. */
  round: number;
  of: number;
  /** Who it was asked of (empty: anyone), and who has counted in it. */
  assignees: string[];
  counters: string[];
  /** Who counted the checked round. */
  primaryCounters: string[];
  requestedBy: string;
  requestedAt: string;
  /** pending until both rounds are complete; then agrees when every line is within tolerance. */
  result: VerificationResult;
  /** The checked round is still the location's latest count round (a later recount supersedes it). */
  current: boolean;
  /** The first count round after the verification (the recount it led to), if any. */
  followedBy: number | null;
  lines: VerificationLine[];
}

const SEP = '\u001f';
const keyOf = (item: CountedItem) =>
  `${item.sku !== undefined ? `s${item.sku}` : `b${item.barcode ?? ''}`}${SEP}${item.lot ?? ''}`;

/**
 * A verification compared with the round it checks, item by item (an item found by only one
 * of them counts 0 in the other). Each difference is held against the stocktake's tolerance,
 * measured against the checked round's quantity.
 */
export function compareRounds(
  primary: Pick<RoundFold, 'totals'>,
  check: Pick<RoundFold, 'totals'>,
  options: FoldOptions,
): VerificationLine[] {
  const lines = new Map<string, { item: CountedItem; primary: number; check: number }>();
  for (const [side, round] of [
    ['primary', primary],
    ['check', check],
  ] as const) {
    for (const t of round.totals) {
      const key = keyOf(t.item);
      const line = lines.get(key) ?? { item: t.item, primary: 0, check: 0 };
      line[side] += t.units;
      lines.set(key, line);
    }
  }
  return [...lines.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, l]) => {
      const diff = l.check - l.primary;
      const cost = l.item.sku !== undefined ? (options.unitCost?.(l.item.sku) ?? 0) : 0;
      const value = fromUnits(Math.round(diff * cost));
      return {
        item: l.item,
        primary: fromUnits(l.primary),
        check: fromUnits(l.check),
        difference: fromUnits(diff),
        value,
        withinTolerance: withinTolerance(options.tolerance, { units: diff, baseUnits: l.primary, value }),
      };
    });
}

/** Every verification round of the locations, oldest first per location. */
export function verificationSummaries(
  folds: Iterable<LocationFold>,
  options: FoldOptions,
): VerificationSummary[] {
  const out: VerificationSummary[] = [];
  for (const fold of folds) {
    for (const v of fold.rounds) {
      if (v.kind !== 'verify' || v.of === null) continue;
      const checked = fold.rounds.find((r) => r.round === v.of && r.kind === 'count');
      if (!checked) continue;
      const lines = compareRounds(checked, v, options);
      const request = v.requests.find((r) => r.type === 'verify') ?? v.requests[0];
      out.push({
        location: fold.location,
        round: v.round,
        of: checked.round,
        assignees: v.assignees,
        counters: v.contributors,
        primaryCounters: checked.contributors,
        requestedBy: request?.user ?? '',
        requestedAt: request?.at ?? '',
        result:
          !v.complete || !checked.complete
            ? 'pending'
            : lines.every((l) => l.withinTolerance)
              ? 'agrees'
              : 'disagrees',
        current: fold.current?.round === checked.round,
        followedBy: fold.rounds.find((r) => r.kind === 'count' && r.round > v.round)?.round ?? null,
        lines,
      });
    }
  }
  return out;
}
