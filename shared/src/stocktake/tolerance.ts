import { toUnits } from '../quantity.ts';
import type { Tolerance } from './definition.ts';

export interface Difference {
  /** The difference in quantity units (1/10,000: see quantity.ts). */
  units: number;
  /** What the difference is measured against (expected, or the round being verified), in units. */
  baseUnits: number;
  /** The difference's value (units × unit cost). */
  value: number;
}

/**
 * Every criterion given must hold; a percentage of nothing is only met by no difference;
 * with no criterion at all only an exact count is within tolerance.
 */
export function withinTolerance(t: Tolerance, d: Difference): boolean {
  const units = Math.abs(d.units);
  if (t.units === undefined && t.percent === undefined && t.value === undefined) return units === 0;
  if (t.units !== undefined && units > toUnits(t.units)) return false;
  if (t.percent !== undefined && units * 100 > t.percent * Math.abs(d.baseUnits)) return false;
  if (t.value !== undefined && Math.abs(d.value) > t.value) return false;
  return true;
}
