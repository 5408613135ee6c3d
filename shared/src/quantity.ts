import { z } from 'zod';

/**
 * Quantities are summed in integer units of 1/10,000 so that a fold gives the same
 * result bit for bit whatever order the events arrive in (float addition is not associative).
 */
export const QUANTITY_SCALE = 10_000;

export function toUnits(quantity: number): number {
  return Math.round(quantity * QUANTITY_SCALE);
}

export function fromUnits(units: number): number {
  return units / QUANTITY_SCALE;
}

function hasAtMostFourDecimals(n: number): boolean {
  const scaled = n * QUANTITY_SCALE;
  // The product is itself rounded to a double: above ~10^8 its error exceeds any fixed
  // tolerance, so allow a few ulps of its magnitude (a real 5th decimal is off by >= 0.1).
  return Math.abs(Math.round(scaled) - scaled) <= Math.max(1e-6, Math.abs(scaled) * 4 * Number.EPSILON);
}

export const Quantity = z
  .number({ error: 'must be a number' })
  .finite()
  .refine(hasAtMostFourDecimals, 'at most 4 decimal places')
  .refine((n) => Math.abs(n) <= 1e9, 'must be at most 1,000,000,000');

export const PositiveQuantity = Quantity.refine((n) => n > 0, 'must be greater than 0');
