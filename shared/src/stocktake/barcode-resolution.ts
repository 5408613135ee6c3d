import { z } from 'zod';
import { Barcode, Code } from '../catalog/codes.ts';
import { byTimeThenId, stamp } from './stamp.ts';

/**
 * "This unknown barcode is item X": counts recorded under the barcode then count as X.
 * A barcode can be resolved again to correct a mistake: the latest resolution (time, then
 * id) wins. Resolving does not touch the catalog; adding the barcode to the item is a
 * separate catalog edit.
 */
export const BarcodeResolution = z.object({ barcode: Barcode, sku: Code, ...stamp });
export type BarcodeResolution = z.infer<typeof BarcodeResolution>;

export function resolvedBarcodes(events: Iterable<BarcodeResolution>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of [...events].sort(byTimeThenId)) out.set(e.barcode, e.sku);
  return out;
}
