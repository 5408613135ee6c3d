import type { LedgerPeriod } from './ledger-period.ts';
import { StockFold } from './stock.ts';

/**
 * Stock on hand of some SKUs only: the same fold over the opening lines and movements of
 * those SKUs. A SKU's stock depends on its own lines and movements alone, so this equals the
 * full fold for them, at a fraction of the cost when a screen shows a few rows of a big catalog.
 */
export function stockForSkus(ledger: LedgerPeriod, skus: ReadonlySet<string>): StockFold {
  const fold = new StockFold((ledger.opening()?.lines ?? []).filter((line) => skus.has(line.sku)));
  for (const m of ledger.movements.values()) if (skus.has(m.sku)) fold.apply(m);
  return fold;
}
