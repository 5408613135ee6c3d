import { type Gs1Data, gs1Quantity } from '@stockroom/shared/scanning/gs1/gs1-data';
import type { ScanResolution } from '@stockroom/shared/scanning/scan-resolver';
import type { MovementFormValues } from './movement-form.ts';

export type MovementScanField = 'sku' | 'location' | 'toLocation' | 'quantity' | 'lot' | 'other';

export interface MovementScanResult {
  kind: 'item' | 'location' | 'unknown';
  /** The form fields the scan fills (nothing for an unknown code). */
  patch: Partial<MovementFormValues>;
  /** What the person sees: "Item BOLT-M8 · lot L1 · expires 2026-01-31 · quantity 12". */
  message: string;
  /** Where the cursor should go next. */
  next: MovementScanField;
}

function gs1Notes(gs1: Gs1Data | undefined): {
  lot?: string;
  expiry?: string;
  quantity?: number;
  notes: string[];
} {
  if (!gs1) return { notes: [] };
  const notes: string[] = [];
  const lot = gs1.lot ?? gs1.serial;
  if (gs1.lot) notes.push(`lot ${gs1.lot}`);
  else if (gs1.serial) notes.push(`serial ${gs1.serial}`);
  const expiry = gs1.expiry ?? gs1.bestBefore;
  if (expiry) notes.push(`${gs1.expiry ? 'expires' : 'best before'} ${expiry}`);
  const quantity = gs1Quantity(gs1);
  if (quantity !== undefined) notes.push(`quantity ${quantity}`);
  return {
    ...(lot ? { lot } : {}),
    ...(expiry ? { expiry } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    notes,
  };
}

/**
 * What one scan does to the movement form, wherever the cursor is:
 * - an item (barcode, SKU, GTIN in a GS1 code) fills the item, and the lot/serial and count
 *   (AI 30/37) a GS1 code carries, and its expiry (AI 17, else best-before AI 15: the
 *   receipt records it for tracked items, the screen drops it for others); a pack barcode
 *   fills the pack's quantity (a GS1 count, stating the units inside, wins);
 * - a location (bin label) fills "from/into", or for a transfer the destination when the
 *   source is already set or the cursor is in the destination field;
 * - an unknown code changes nothing and says why.
 */
export function applyMovementScan(
  values: MovementFormValues,
  resolution: ScanResolution,
  focused: MovementScanField = 'other',
): MovementScanResult {
  if (resolution.kind === 'unknown') {
    return { kind: 'unknown', patch: {}, message: `Not recognised: ${resolution.reason}`, next: focused };
  }
  if (resolution.kind === 'location') {
    const toDestination =
      values.type === 'transfer' &&
      (focused === 'toLocation' ||
        (focused !== 'location' &&
          values.location.trim() !== '' &&
          values.location.trim() !== resolution.code));
    const patch: Partial<MovementFormValues> = toDestination
      ? { toLocation: resolution.code }
      : { location: resolution.code };
    const label = values.type === 'transfer' ? (toDestination ? 'To location' : 'From location') : 'Location';
    const next: MovementScanField = !values.sku.trim()
      ? 'sku'
      : values.type === 'transfer' && !toDestination && !values.toLocation.trim()
        ? 'toLocation'
        : 'quantity';
    return { kind: 'location', patch, message: `${label} ${resolution.code}`, next };
  }
  const gs1 = gs1Notes(resolution.gs1);
  const { lot, expiry, notes } = gs1;
  const pack = resolution.packQuantity;
  const quantity = gs1.quantity ?? pack;
  if (pack !== undefined && gs1.quantity === undefined) notes.push(`pack of ${pack}`);
  const patch: Partial<MovementFormValues> = { sku: resolution.sku };
  // A new item starts clean: the previous item's lot or count must not stick to it.
  if (resolution.sku !== values.sku.trim()) {
    patch.lot = '';
    patch.expiry = '';
    patch.quantity = '';
  }
  // The expiry belongs to the lot: a label naming another lot and no date must not keep the last one's.
  if (lot !== undefined) {
    patch.lot = lot;
    patch.expiry = expiry ?? '';
  } else if (expiry !== undefined) patch.expiry = expiry;
  if (quantity !== undefined) patch.quantity = String(quantity);
  const also = resolution.alsoMatches?.length ? ` (also matches ${resolution.alsoMatches.join(', ')})` : '';
  const message = [`Item ${resolution.sku}${also}`, ...notes].join(' · ');
  const next: MovementScanField = !values.location.trim()
    ? 'location'
    : quantity === undefined
      ? 'quantity'
      : 'other';
  return { kind: 'item', patch, message, next };
}
