import { toUnits } from '../quantity.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';
import type { PeriodItemStats } from './period-stats.ts';

export interface Turnover {
  /** Cost of goods issued: the demand issues' value over the periods (returns to suppliers aside). */
  costOfIssues: number;
  /** The inventory values averaged: the opening (when known), then each period's end. */
  inventoryValues: number[];
  averageValue: number;
  /** costOfIssues / averageValue; null when the average is not positive. */
  turns: number | null;
}

type Stats = Pick<PeriodItemStats, 'issuedValue' | 'closingQty' | 'avgCost'>;

/**
 * Inventory turnover over consecutive periods (oldest first) = cost of goods issued ÷
 * average inventory value. The average is taken over the opening value (the closing of
 * the period before, `opening`, when given) and each period's closing value: one month
 * with its opening is (opening + closing) / 2, twelve months are the usual 13-point
 * average. Without `opening`, the period ends alone. Inventory is valued at each period's
 * closing average cost. `sku` narrows it to one item. Not annualised: turns over the
 * periods given.
 */
export function inventoryTurnover(
  periods: readonly ReadonlyMap<string, Stats>[],
  opening: ReadonlyMap<string, Stats> | null = null,
  sku?: string,
): Turnover {
  const pick = (m: ReadonlyMap<string, Stats>) =>
    sku === undefined ? [...m.values()] : m.has(sku) ? [m.get(sku)!] : [];
  const worth = (m: ReadonlyMap<string, Stats>) =>
    pick(m).reduce((sum, s) => sum + valueUnitsOf(toUnits(s.closingQty), toValueUnits(s.avgCost ?? 0)), 0);
  const points = [...(opening ? [worth(opening)] : []), ...periods.map(worth)];
  let cost = 0;
  for (const p of periods) for (const s of pick(p)) cost += toValueUnits(s.issuedValue);
  return turnoverRatio(fromValueUnits(cost), points.map(fromValueUnits));
}

/** Turnover from a cost of goods issued and the inventory values to average (rounded to 1/10,000). */
export function turnoverRatio(costOfIssues: number, inventoryValues: readonly number[]): Turnover {
  const sum = inventoryValues.reduce((s, v) => s + toValueUnits(v), 0);
  const averageValue = inventoryValues.length ? fromValueUnits(Math.round(sum / inventoryValues.length)) : 0;
  return {
    costOfIssues,
    inventoryValues: [...inventoryValues],
    averageValue,
    turns: averageValue > 0 ? costOfIssues / averageValue : null,
  };
}
