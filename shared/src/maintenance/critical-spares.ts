import { fromUnits, toUnits } from '../quantity.ts';
import type { Asset, Criticality } from './asset.ts';

/** Assets whose recommended spares must be on hand: a breakdown of these stops production. */
export const SPARES_CRITICALITY: ReadonlySet<Criticality> = new Set(['high', 'critical']);

/**
 * An item's effective minimum stock is at least the sum of the recommended spares of the
 * active critical and high assets that use it. Returns that sum per SKU; with the items' own
 * minimums (`itemMinimums`, null for none) the larger of the two for every SKU in either.
 */
export function effectiveMinimums(
  assets: Iterable<Pick<Asset, 'criticality' | 'active' | 'spares'>>,
  itemMinimums?: ReadonlyMap<string, number | null>,
): Map<string, number> {
  const units = new Map<string, number>();
  for (const a of assets) {
    if (!a.active || !SPARES_CRITICALITY.has(a.criticality)) continue;
    for (const s of a.spares) units.set(s.sku, (units.get(s.sku) ?? 0) + toUnits(s.quantity));
  }
  for (const [sku, min] of itemMinimums ?? []) {
    if (min === null) continue;
    units.set(sku, Math.max(units.get(sku) ?? 0, toUnits(min)));
  }
  return new Map(
    [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([s, u]) => [s, fromUnits(u)]),
  );
}

export interface SpareBelow {
  sku: string;
  minimum: number;
  available: number;
  /** minimum − available: how many to get. */
  shortfall: number;
}

/**
 * Parts whose available stock (on hand − reserved; a SKU not in `available` has none) is
 * under their effective minimum: for the dashboard, the largest shortfall first.
 */
export function criticalSparesBelow(
  minimums: ReadonlyMap<string, number>,
  available: ReadonlyMap<string, number>,
): SpareBelow[] {
  const out: SpareBelow[] = [];
  for (const [sku, minimum] of minimums) {
    const have = available.get(sku) ?? 0;
    const short = toUnits(minimum) - toUnits(have);
    if (short > 0) out.push({ sku, minimum, available: have, shortfall: fromUnits(short) });
  }
  return out.sort((a, b) => b.shortfall - a.shortfall || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
