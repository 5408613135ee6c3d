import { fromUnits, toUnits } from '../quantity.ts';
import { compareText } from '../stocktake/stamp.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';

export interface ExcessRow {
  sku: string;
  onHand: number;
  maxQty: number;
  /** On hand above the item's maximum. */
  excess: number;
  /** excess × the item's average cost. */
  value: number;
}

/**
 * Stock above each item's maximum (all locations together), valued at its average cost.
 * Items without a maximum have no excess. Sorted by value (highest first), then SKU.
 */
export function excessStock(
  stock: Iterable<{ sku: string; quantity: number }>,
  items: ReadonlyMap<string, { maxQty?: number | null }>,
  costs: ReadonlyMap<string, number>,
): ExcessRow[] {
  const onHand = new Map<string, number>();
  for (const s of stock) onHand.set(s.sku, (onHand.get(s.sku) ?? 0) + toUnits(s.quantity));
  const rows: (ExcessRow & { valueUnits: number })[] = [];
  for (const [sku, units] of onHand) {
    const max = items.get(sku)?.maxQty;
    if (max === null || max === undefined) continue;
    const excess = units - toUnits(max);
    if (excess <= 0) continue;
    const valueUnits = valueUnitsOf(excess, toValueUnits(costs.get(sku) ?? 0));
    rows.push({
      sku,
      onHand: fromUnits(units),
      maxQty: max,
      excess: fromUnits(excess),
      value: fromValueUnits(valueUnits),
      valueUnits,
    });
  }
  rows.sort((a, b) => b.valueUnits - a.valueUnits || compareText(a.sku, b.sku));
  return rows.map(({ valueUnits: _, ...row }) => row);
}
