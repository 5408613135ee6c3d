import type { Item } from '@stockroom/shared/catalog/item';
import type { Location } from '@stockroom/shared/catalog/location';
import { failure, type Result } from '@stockroom/shared/result';
import { normalizeGtin } from '@stockroom/shared/scanning/gs1/check-digit';
import { parseGs1 } from '@stockroom/shared/scanning/gs1/gs1';
import type { LabelSymbology } from './symbol-modules.ts';

/** One label: what is encoded and what is printed around it. */
export interface LabelSpec {
  /** Stable key for lists and previews. */
  key: string;
  /** The big line: SKU or location code. */
  title: string;
  /** Smaller lines: item name, lot and expiry… */
  lines: string[];
  symbology: LabelSymbology;
  /** What bwip-js encodes (GS1 in bracketed form). */
  data: string;
  /** Human-readable text printed with the code. */
  hri: string;
}

export interface ItemLabelOptions {
  symbology: LabelSymbology;
  /** For GS1 labels: batch/lot (AI 10). */
  lot?: string;
  /** For GS1 labels: expiry date YYYY-MM-DD (AI 17). */
  expiry?: string;
}

/** The item's GTIN as 14 digits, from the first barcode that is a valid GTIN-8/12/13/14. */
export function itemGtin(item: Pick<Item, 'barcodes'>): string | undefined {
  for (const barcode of item.barcodes) {
    const gtin = normalizeGtin(barcode);
    if (gtin) return gtin;
  }
  return undefined;
}

/**
 * An item label. Code 128 / QR / Data Matrix encode the SKU (which every scan resolves).
 * EAN-13 needs a GTIN-13 among the item's barcodes. GS1 labels carry (01) GTIN — or, for an
 * item without one, (241) customer part number = SKU, which scans resolve too — plus lot and
 * expiry when given.
 */
export function itemLabel(
  item: Pick<Item, 'sku' | 'name' | 'barcodes'>,
  options: ItemLabelOptions,
): Result<LabelSpec> {
  const base = { key: `item:${item.sku}`, title: item.sku, symbology: options.symbology };
  const lines = [item.name];
  switch (options.symbology) {
    case 'code128':
    case 'qr':
    case 'datamatrix':
      return { ok: true, value: { ...base, lines, data: item.sku, hri: item.sku } };
    case 'ean13': {
      const gtin = itemGtin(item);
      if (!gtin?.startsWith('0')) {
        return failure('invalid', `${item.sku} has no EAN-13 (GTIN-13) barcode`, 'barcodes');
      }
      const ean = gtin.slice(1);
      return { ok: true, value: { ...base, lines, data: ean, hri: ean } };
    }
    default: {
      const gtin = itemGtin(item);
      let hri = gtin ? `(01)${gtin}` : '';
      if (options.expiry) {
        const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(options.expiry);
        if (!m) return failure('invalid', 'expiry must be a date YYYY-MM-DD', 'expiry');
        hri += `(17)${m[1]}${m[2]}${m[3]}`;
      }
      if (!gtin) hri += `(241)${item.sku}`;
      if (options.lot) hri += `(10)${options.lot}`;
      const check = parseGs1(hri);
      if (!check.ok) return failure('invalid', `${item.sku}: ${check.error.message}`, check.error.ai ?? '');
      const extra = [options.lot ? `Lot ${options.lot}` : '', options.expiry ? `Exp ${options.expiry}` : '']
        .filter(Boolean)
        .join('  ');
      return { ok: true, value: { ...base, lines: extra ? [...lines, extra] : lines, data: hri, hri } };
    }
  }
}

/** A bin (location) label: encodes the location's own barcode when it has one, else its code. */
export function locationLabel(
  location: Pick<Location, 'code' | 'name' | 'barcode'>,
  symbology: LabelSymbology,
): Result<LabelSpec> {
  if (symbology !== 'code128' && symbology !== 'qr' && symbology !== 'datamatrix') {
    return failure('invalid', 'location labels use Code 128, QR or Data Matrix', 'symbology');
  }
  const data = location.barcode ?? location.code;
  return {
    ok: true,
    value: {
      key: `location:${location.code}`,
      title: location.code,
      lines: location.name ? [location.name] : [],
      symbology,
      data,
      hri: data,
    },
  };
}
