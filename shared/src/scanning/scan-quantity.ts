import { fromUnits, toUnits } from '../quantity.ts';
import { type Gs1Data, gs1Quantity } from './gs1/gs1-data.ts';

/** How many units one item scan stands for, and where that number came from. */
export type ScanQuantity =
  | {
      ok: true;
      quantity: number;
      source: 'scan' | 'keypad' | 'gs1';
      /** Scanned on a pack and counted in packs: units per pack (the quantity already includes it). */
      pack?: number;
    }
  | { ok: false; message: string };

/**
 * The quantity of an item scan, the same when counting and when receiving: 1, or the pack's
 * quantity for a pack barcode; a quantity typed on the keypad first replaces it and counts
 * packs on a pack barcode (3 then a box of 50: 150); otherwise a GS1 quantity (AI 30/37)
 * states the units inside and is taken as it is (a label stating 0 is refused).
 */
export function scanQuantity(
  gs1: Gs1Data | undefined,
  packQuantity: number | undefined,
  keypad: number | null,
): ScanQuantity {
  const pack = packQuantity !== undefined ? { pack: packQuantity } : {};
  if (keypad !== null) {
    const quantity =
      packQuantity === undefined ? keypad : fromUnits(Math.round(toUnits(keypad) * packQuantity));
    return { ok: true, quantity, source: 'keypad', ...pack };
  }
  const labelled = gs1 ? gs1Quantity(gs1) : undefined;
  if (labelled !== undefined) {
    if (labelled <= 0) return { ok: false, message: 'The label states a quantity of 0' };
    return { ok: true, quantity: labelled, source: 'gs1' };
  }
  return { ok: true, quantity: packQuantity ?? 1, source: 'scan', ...pack };
}
