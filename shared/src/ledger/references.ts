/**
 * What a movement's `reference` says caused it. Movements that other concepts write (a
 * stocktake's adjustments, later a purchase order's receipts) carry a reference in their
 * format, so folds can find them and write rules can require the right permission.
 */
const STOCKTAKE = 'stocktake:';

/** The reference this stocktake's own adjustments carry: they are never "movements during the count". */
export function stocktakeReference(stocktakeId: string): string {
  return `${STOCKTAKE}${stocktakeId}`;
}

export function isStocktakeReference(reference: string | undefined): boolean {
  return reference?.startsWith(STOCKTAKE) ?? false;
}
