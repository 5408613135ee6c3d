import type { Asset } from '@stockroom/shared/maintenance/asset';
import {
  criticalSparesBelow,
  effectiveMinimums,
  SPARES_CRITICALITY,
  type SpareBelow,
} from '@stockroom/shared/maintenance/critical-spares';

export interface CriticalSpare extends SpareBelow {
  /** The active critical and high assets that keep it as a spare. */
  assets: string[];
}

/**
 * Spare parts of critical and high assets below their effective minimum (the larger of the
 * item's own minimum and those assets' recommended spares), the largest shortfall first:
 * the same figures as GET /api/critical-spares, from this device's copies.
 */
export function criticalSpares(
  assets: readonly Asset[],
  itemMinimum: (sku: string) => number | null,
  available: ReadonlyMap<string, number>,
): CriticalSpare[] {
  const users = new Map<string, string[]>();
  for (const a of assets)
    if (a.active && SPARES_CRITICALITY.has(a.criticality))
      for (const s of a.spares) users.set(s.sku, [...(users.get(s.sku) ?? []), a.code]);
  const own = new Map([...users.keys()].map((sku) => [sku, itemMinimum(sku)] as const));
  return criticalSparesBelow(effectiveMinimums(assets, own), available).map((s) => ({
    ...s,
    assets: (users.get(s.sku) ?? []).sort(),
  }));
}
