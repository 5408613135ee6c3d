import { fromUnits, toUnits } from '../quantity.ts';
import { compareText } from '../stocktake/stamp.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';
import type { PeriodItemStats } from './period-stats.ts';

export type ValuationGrouping = 'item' | 'location' | 'category' | 'kind';

export interface ValuationRow {
  /** SKU, location code, category or kind; '' for items without a category (or not in the catalog). */
  key: string;
  quantity: number;
  value: number;
}

export interface Valuation {
  total: number;
  rows: ValuationRow[];
  /** SKUs on hand without a cost in `costs`: valued at 0, listed so the gap is visible. */
  uncosted: string[];
}

/**
 * Stock on hand at its average cost, grouped. Each stock line is valued on its own
 * (quantity × cost, rounded to 1/10,000) and the lines are summed as integers, so the
 * groupings of one stock add up to the same total. Negative lines (issued beyond what the
 * ledger holds) count negative: hiding them would hide the error. Values are to 1/10,000;
 * round to cents only for display. Sorted by value (highest first), then key.
 */
export function valuation(
  rows: Iterable<{ sku: string; location: string; quantity: number }>,
  costs: ReadonlyMap<string, number>,
  items: ReadonlyMap<string, { category?: string; kind?: string }>,
  by: ValuationGrouping,
): Valuation {
  const groups = new Map<string, { units: number; value: number }>();
  const uncosted = new Set<string>();
  let total = 0;
  for (const r of rows) {
    const units = toUnits(r.quantity);
    if (units === 0) continue;
    const cost = costs.get(r.sku);
    if (cost === undefined) uncosted.add(r.sku);
    const value = valueUnitsOf(units, toValueUnits(cost ?? 0));
    const key =
      by === 'item'
        ? r.sku
        : by === 'location'
          ? r.location
          : by === 'category'
            ? (items.get(r.sku)?.category ?? '')
            : (items.get(r.sku)?.kind ?? '');
    const g = groups.get(key) ?? { units: 0, value: 0 };
    g.units += units;
    g.value += value;
    groups.set(key, g);
    total += value;
  }
  const out = [...groups].map(([key, g]) => ({
    key,
    quantity: fromUnits(g.units),
    value: fromValueUnits(g.value),
  }));
  out.sort((a, b) => b.value - a.value || compareText(a.key, b.key));
  return { total: fromValueUnits(total), rows: out, uncosted: [...uncosted].sort(compareText) };
}

/**
 * The cost each item is valued at: its moving average from the latest period stats, else
 * its catalog unit cost (an item no receipt has costed yet).
 */
export function costsFrom(
  stats: ReadonlyMap<string, Pick<PeriodItemStats, 'avgCost'>>,
  unitCostOf: (sku: string) => number,
  skus: Iterable<string> = stats.keys(),
): Map<string, number> {
  const out = new Map<string, number>();
  for (const sku of skus) out.set(sku, stats.get(sku)?.avgCost ?? unitCostOf(sku));
  return out;
}
