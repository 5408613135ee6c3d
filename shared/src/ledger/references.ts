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

const PURCHASE = 'po:';
const WORK_ORDER = 'wo:';

/** A receipt against, or a return to the supplier of, a purchase order line: `po:<order>:<line>`. */
export function purchaseReference(po: string, line: string): string {
  return `${PURCHASE}${po}:${line}`;
}

export function isPurchaseReference(reference: string | undefined): boolean {
  return reference?.startsWith(PURCHASE) ?? false;
}

/** Parts issued to, or returned from, a work order: `wo:<order>`. */
export function workOrderReference(workOrder: string): string {
  return `${WORK_ORDER}${workOrder}`;
}

export function isWorkOrderReference(reference: string | undefined): boolean {
  return reference?.startsWith(WORK_ORDER) ?? false;
}

/** The work order a movement references, or null. */
export function workOrderOf(reference: string | undefined): string | null {
  return isWorkOrderReference(reference) ? reference!.slice(WORK_ORDER.length) : null;
}

/** The purchase order and line a movement references, or null. */
export function purchaseLineOf(reference: string | undefined): { po: string; line: string } | null {
  if (!isPurchaseReference(reference)) return null;
  const [po, line] = reference!.slice(PURCHASE.length).split(':');
  return po && line ? { po, line } : null;
}
