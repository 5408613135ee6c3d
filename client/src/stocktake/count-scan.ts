import { Barcode } from '@stockroom/shared/catalog/codes';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { scanQuantity } from '@stockroom/shared/scanning/scan-quantity';
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
 * Turns a resolved scan into an action: a location scan moves there; an item scan counts its
 * scanQuantity (1, a pack, the keypad's quantity or the label's GS1 quantity); an unknown
 * code is counted as an unknown barcode (never rejected). A GS1 lot or serial (AI 10/21)
 * comes along with the count.
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
  const counted = scanQuantity(
    gs1,
    resolution.kind === 'item' ? resolution.packQuantity : undefined,
    state.keypad,
  );
  if (!counted.ok) return { kind: 'error', message: counted.message };
  const { quantity, source } = counted;
  const lot = gs1?.lot ?? gs1?.serial;
  const extra = lot ? { lot } : {};
  if (resolution.kind === 'item') {
    const packed = counted.pack !== undefined ? { pack: counted.pack } : {};
    return { kind: 'count', sku: resolution.sku, quantity, source, ...extra, ...packed };
  }

  // Unknown: keep what identifies the product (its GTIN for GS1 labels, so that every label
  // of one product resolves at once), not the varying quantity or lot around it.
  const barcode = gs1?.gtin ?? scan.raw.trim();
  if (!Barcode.safeParse(barcode).success)
    return { kind: 'error', message: 'This code cannot be recorded (not printable text)' };
  return { kind: 'count', barcode, quantity, source, ...extra };
}
