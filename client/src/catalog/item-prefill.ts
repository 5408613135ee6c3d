import type { Tracking } from '@stockroom/shared/catalog/item';
import { normalizeGtin } from '@stockroom/shared/scanning/gs1/check-digit';
import { parseScannedGs1 } from '@stockroom/shared/scanning/gs1/gs1';
import type { ItemFormValues } from './item-form.ts';

export interface ItemPrefill {
  /** Fields of the new-item form to fill in; the person still names the item and picks its SKU. */
  values: Partial<ItemFormValues>;
  /** What the code told us, in words, shown above the form. */
  notes: string[];
}

/**
 * The new-item form for a code nobody knew (an unknown barcode of a stocktake): the code
 * becomes the item's barcode. A GS1 code gives more: its GTIN is stored rather than the
 * whole label (lot, dates and quantities change from label to label), a lot or serial
 * number means the item is tracked by it, and a measure (AI 310n…) gives the unit.
 * `seen` is what the counters' scans carried along (the lot they recorded).
 */
export function itemFormFromBarcode(code: string, seen: { lot?: string | undefined } = {}): ItemPrefill {
  const raw = code.trim();
  const plainGtin = normalizeGtin(raw);
  const gs1 = plainGtin ? undefined : parseScannedGs1(raw).data;
  const gtin = plainGtin ?? gs1?.gtin;
  const notes: string[] = [];
  const values: Partial<ItemFormValues> = { barcodes: gtin && !plainGtin ? gtin : raw };

  if (gtin) {
    notes.push(`GTIN ${gtin} (check digit valid)`);
    const indicator = gtin[0]!;
    if (indicator >= '1' && indicator <= '8') {
      notes.push(
        `Indicator digit ${indicator}: this GTIN usually marks a case or pack of another item — if so, add it to that item as a pack barcode instead`,
      );
    } else if (indicator === '9') {
      notes.push('Indicator digit 9: a variable-measure item (weighed or measured)');
    }
    if (gtin.startsWith('02') || gtin.startsWith('002')) {
      notes.push('A restricted-circulation number (in-store code), not a worldwide GTIN');
    }
  }

  let tracking: Tracking | undefined;
  if (gs1?.serial) tracking = 'serial';
  else if (gs1?.lot || seen.lot) tracking = 'lot';
  if (tracking) {
    values.tracking = tracking;
    const number = gs1?.serial ?? gs1?.lot ?? seen.lot;
    notes.push(`Counted with ${tracking === 'serial' ? 'serial' : 'lot'} ${number}: tracked by ${tracking}`);
  }
  const measure = gs1?.measures?.[0];
  if (measure) {
    values.unit = measure.unit;
    notes.push(`Labelled with ${measure.title}: unit ${measure.unit}`);
  }
  return { values, notes };
}
