import { Code } from '@stockroom/shared/catalog/codes';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import { describeZodError } from '@stockroom/shared/validation';

export interface ReserveDraft {
  sku: string;
  quantity: string;
  location: string;
}

export interface ReserveErrors {
  sku?: string;
  quantity?: string;
  location?: string;
}

export type ReserveCheck =
  | { ok: true; value: { sku: string; quantity: number; location?: string } }
  | { ok: false; errors: ReserveErrors };

/**
 * The reserve form's fields, checked before anything is written: a SKU of the catalog, a
 * quantity above zero, and a location of the catalog when one is named.
 */
export function checkReserve(
  draft: ReserveDraft,
  refs: { itemExists: (sku: string) => boolean; locationExists: (code: string) => boolean },
): ReserveCheck {
  const errors: ReserveErrors = {};
  const sku = draft.sku.trim();
  const location = draft.location.trim();
  const code = Code.safeParse(sku);
  if (!sku) errors.sku = 'required';
  else if (!code.success) errors.sku = describeZodError(code.error);
  else if (!refs.itemExists(sku)) errors.sku = `no item with SKU ${sku}`;
  const quantity = PositiveQuantity.safeParse(
    draft.quantity.trim() === '' ? Number.NaN : Number(draft.quantity),
  );
  if (draft.quantity.trim() === '') errors.quantity = 'required';
  else if (!quantity.success) errors.quantity = describeZodError(quantity.error);
  if (location && !refs.locationExists(location)) errors.location = `no location ${location}`;
  if (Object.keys(errors).length > 0 || !quantity.success) return { ok: false, errors };
  return { ok: true, value: { sku, quantity: quantity.data, ...(location ? { location } : {}) } };
}

/** What reserving `quantity` leaves available, and whether that is a shortage (a warning, never a block). */
export function shortageOf(quantity: number, available: number): { after: number; short: boolean } {
  const after = Math.round((available - quantity) * 1e4) / 1e4;
  return { after, short: after < 0 };
}
