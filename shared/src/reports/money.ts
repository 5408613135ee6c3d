import { QUANTITY_SCALE } from '../quantity.ts';

/**
 * Money in reports is held as integers of 1/10,000 of a currency unit, rounded at every
 * step (each receipt's value, each issue's value, each new average), so a fold over the
 * same movements in the same order gives the same figures bit for bit on every device, and
 * sums of many lines do not drift. Round to cents only when showing a figure.
 */
export const VALUE_SCALE = 10_000;

export function toValueUnits(value: number): number {
  return Math.round(value * VALUE_SCALE);
}

export function fromValueUnits(units: number): number {
  return units / VALUE_SCALE;
}

/**
 * The value of a quantity at a unit cost, in value units: quantity units × cost units,
 * rescaled and rounded once (quantity and cost are both scaled by 10,000).
 */
export function valueUnitsOf(quantityUnits: number, costUnits: number): number {
  return Math.round((quantityUnits * costUnits) / QUANTITY_SCALE);
}

/** The value of `quantity` at `unitCost`, rounded to 1/10,000 (plain numbers in, plain number out). */
export function valueAt(quantity: number, unitCost: number): number {
  return fromValueUnits(valueUnitsOf(Math.round(quantity * QUANTITY_SCALE), toValueUnits(unitCost)));
}
