import { Barcode } from '@stockroom/shared/catalog/codes';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { gs1Quantity } from '@stockroom/shared/scanning/gs1/gs1-data';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import type { ScanResolution } from '@stockroom/shared/scanning/scan-resolver';
import type { CountSource } from '@stockroom/shared/stocktake/count-entry';

/** What a scan on the counting screen does. */
export type ScanAction =
  | { kind: 'location'; location: string }
  | {
      kind: 'count';
      sku?: string;
      /** An unknown barcode: recorded as scanned, resolved to an item later by a manager. */
      barcode?: string;
      quantity: number;
      lot?: string;
      source: CountSource;
      /** Scanned on a pack: how many units one pack holds (the quantity already includes it). */
      pack?: number;
    }
  | { kind: 'error'; message: string };

export interface ScanState {
  /** The location being counted, or null before one is chosen. */
  location: string | null;
  inScope: (code: string) => boolean;
  /** A quantity typed on the keypad and waiting for the next item scan. */
  keypad: number | null;
}

/**
 * Turns a resolved scan into an action: a location scan moves there; an item scan counts 1,
 * or the quantity typed on the keypad, or the GS1 quantity (AI 30/37) the label states; an
 * unknown code is counted as an unknown barcode (never rejected). A GS1 lot or serial (AI
 * 10/21) comes along with the count. A pack barcode counts its pack quantity; a keypad
 * quantity then counts packs (3 then a box of 50: 150), while a GS1 quantity already states
 * the units inside and is taken as it is.
 */
export function scanAction(
  scan: Pick<ScanEvent, 'raw' | 'gs1'>,
  resolution: ScanResolution,
  state: ScanState,
): ScanAction {
  if (resolution.kind === 'location') {
    if (!state.inScope(resolution.code))
      return { kind: 'error', message: `${resolution.code} is not part of this stocktake` };
    return { kind: 'location', location: resolution.code };
  }
  if (state.location === null) return { kind: 'error', message: 'Scan or pick a location first' };

  const gs1 = resolution.gs1 ?? scan.gs1;
  const labelled = gs1 ? gs1Quantity(gs1) : undefined;
  const pack = resolution.kind === 'item' ? resolution.packQuantity : undefined;
  let quantity = pack ?? 1;
  let source: CountSource = 'scan';
  if (state.keypad !== null) {
    quantity = pack === undefined ? state.keypad : fromUnits(Math.round(toUnits(state.keypad) * pack));
    source = 'keypad';
  } else if (labelled !== undefined) {
    if (labelled <= 0) return { kind: 'error', message: 'The label states a quantity of 0' };
    quantity = labelled;
    source = 'gs1';
  }
  const lot = gs1?.lot ?? gs1?.serial;
  const extra = lot ? { lot } : {};
  if (resolution.kind === 'item') {
    const packed = pack !== undefined && source !== 'gs1' ? { pack } : {};
    return { kind: 'count', sku: resolution.sku, quantity, source, ...extra, ...packed };
  }

  // Unknown: keep what identifies the product (its GTIN for GS1 labels, so that every label
  // of one product resolves at once), not the varying quantity or lot around it.
  const barcode = gs1?.gtin ?? scan.raw.trim();
  if (!Barcode.safeParse(barcode).success)
    return { kind: 'error', message: 'This code cannot be recorded (not printable text)' };
  return { kind: 'count', barcode, quantity, source, ...extra };
}
