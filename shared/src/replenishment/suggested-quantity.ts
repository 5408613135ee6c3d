import { fromUnits, QUANTITY_SCALE, toUnits } from '../quantity.ts';

/**
 * The position an order should bring the item up to: the item's maximum when it has one,
 * else the reorder point plus the demand expected until the next review (ROP + d̄ × review
 * days), so that one order lasts until the item is looked at again.
 */
export function orderTarget(
  reorderPoint: number,
  averageDailyDemand: number,
  reviewDays: number,
  max: number | null | undefined,
): number {
  return max ?? reorderPoint + averageDailyDemand * reviewDays;
}

export interface SuggestionInputs {
  position: number;
  /** Null when the item has no reorder point: nothing is suggested. */
  reorderPoint: number | null;
  target: number | null;
  /** Orders are whole packs of this many units (ignored when absent or 0). */
  packSize?: number | null;
  /** The supplier's minimum order quantity. */
  minOrderQty?: number | null;
}

/** Units of 1/10,000, rounded up, forgiving the float noise of a subtraction (30.000000000000004 is 30). */
function unitsUp(quantity: number): number {
  const scaled = quantity * QUANTITY_SCALE;
  return Math.ceil(scaled - Math.max(1e-6, Math.abs(scaled) * 4 * Number.EPSILON));
}

/**
 * How much to order: nothing while the position is above the reorder point; at or below it,
 * target − position, at least the minimum order quantity, rounded up to whole packs (the
 * minimum order quantity too: a supplier selling in packs of 10 with a minimum of 25 gets 30).
 * Never negative: when the target is at or below the position (a maximum entered below the
 * reorder point) nothing is ordered and the minimum order quantity does not apply.
 * Without a pack size the quantity is rounded up to the quantity scale (4 decimals), since
 * items may be measured in kg or metres. Whole-unit rounding is left to the pack size.
 */
export function suggestedQuantity(i: SuggestionInputs): number {
  if (i.reorderPoint === null || i.target === null || i.position > i.reorderPoint) return 0;
  const need = unitsUp(i.target - i.position);
  if (need <= 0) return 0;
  let units = Math.max(need, toUnits(i.minOrderQty ?? 0));
  const pack = toUnits(i.packSize ?? 0);
  if (pack > 0) units = Math.ceil(units / pack) * pack;
  return fromUnits(units);
}
