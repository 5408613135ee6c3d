import { compareText } from '../stocktake/stamp.ts';
import { fromValueUnits, toValueUnits } from './money.ts';

export type AbcClass = 'A' | 'B' | 'C';

export interface AbcRow {
  sku: string;
  consumptionValue: number;
  /** This item's part of the total consumption value, 0–1. */
  share: number;
  /** The shares of the items ranked above it plus its own, 0–1. */
  cumulativeShare: number;
  class: AbcClass;
}

export interface AbcThresholds {
  /** Percent of the total value: an item is A while the items above it hold less than this. */
  a: number;
  /** … and B while they hold less than this; C after. */
  b: number;
}

export const DEFAULT_ABC: AbcThresholds = { a: 80, b: 95 };

/**
 * ABC classes over consumption value (what demand issues took out in the period; see
 * demandTotals). Items are ranked by value, highest first, ties by SKU. An item's class is
 * decided by what the items ranked ABOVE it hold, not by its own cumulative share: the
 * item that crosses 80 % is still A (so the top item is always A, even when it alone is
 * 90 % of the value), and one whose predecessors hold exactly 80 % is B. The comparison is
 * made on integer value units, so the boundaries are exact. Items with no consumption
 * (value 0, or listed only in `skus`) are C with share 0.
 */
export function abcClassification(
  consumption: Iterable<{ sku: string; value: number }>,
  skus: Iterable<string> = [],
  thresholds: AbcThresholds = DEFAULT_ABC,
): AbcRow[] {
  const values = new Map<string, number>();
  for (const c of consumption)
    values.set(c.sku, (values.get(c.sku) ?? 0) + Math.max(0, toValueUnits(c.value)));
  for (const sku of skus) if (!values.has(sku)) values.set(sku, 0);
  const ranked = [...values].sort(([a, x], [b, y]) => y - x || compareText(a, b));
  const total = ranked.reduce((sum, [, v]) => sum + v, 0);
  let above = 0;
  return ranked.map(([sku, units]) => {
    const cls: AbcClass =
      units === 0 || total === 0
        ? 'C'
        : above * 100 < thresholds.a * total
          ? 'A'
          : above * 100 < thresholds.b * total
            ? 'B'
            : 'C';
    above += units;
    return {
      sku,
      consumptionValue: fromValueUnits(units),
      share: total === 0 ? 0 : units / total,
      cumulativeShare: total === 0 ? 0 : above / total,
      class: cls,
    };
  });
}
