import type { Catalog } from '../catalog/catalog.ts';
import type { Item } from '../catalog/item.ts';
import type { Location } from '../catalog/location.ts';
import { normalizeGtin } from './gs1/check-digit.ts';
import { parseScannedGs1 } from './gs1/gs1.ts';
import type { Gs1Data } from './gs1/gs1-data.ts';

export type ItemMatch = 'barcode' | 'pack' | 'sku' | 'gtin' | 'part-number' | 'case-insensitive';
export type LocationMatch = 'barcode' | 'code' | 'gln' | 'case-insensitive';

export type ScanResolution =
  | {
      kind: 'item';
      sku: string;
      matchedBy: ItemMatch;
      /** The code is printed on a pack of the item: one scan is this many units. */
      packQuantity?: number;
      gs1?: Gs1Data;
      /** Other items answering to the same code (a data problem worth showing). */
      alsoMatches?: string[];
    }
  | { kind: 'location'; code: string; matchedBy: LocationMatch; alsoMatches?: string[] }
  | { kind: 'unknown'; raw: string; gs1?: Gs1Data; reason: string };

/** Multi-valued map: a barcode printed on two items is a data problem, not a reason to forget one. */
class MultiIndex {
  private readonly map = new Map<string, Set<string>>();
  add(key: string, value: string): void {
    const set = this.map.get(key);
    if (set) set.add(value);
    else this.map.set(key, new Set([value]));
  }
  remove(key: string, value: string): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(value);
    if (!set.size) this.map.delete(key);
  }
  get(key: string): string[] | undefined {
    const set = this.map.get(key);
    return set ? [...set].sort() : undefined;
  }
  clear(): void {
    this.map.clear();
  }
}

interface Keys {
  barcodes: string[];
  gtins: string[];
  folded: string[];
}

/** An item's keys: its own (one unit) and its packs' (many units), indexed apart. */
interface ItemKeys {
  unit: Keys;
  pack: Keys;
}

/**
 * Turns a scan into an item, a location or "unknown", in constant time: indexes over the
 * catalog are built once and then patched with the keys that changed (Catalog's onChange),
 * never rebuilt per scan. Order of precedence, most specific first:
 * exact barcode → exact pack barcode → exact SKU / location code → GTIN in GS1 data (also
 * GTIN-13 ↔ GTIN-14; an item's own before a pack's) → GS1 part numbers (AI 240/241) and
 * location GLN (AI 414) → numeric GTIN of a plain EAN/UPC → case-insensitive code (a scanner
 * or person with Caps Lock). A pack match carries the pack's quantity.
 */
export class ScanResolver {
  private readonly itemBarcodes = new MultiIndex();
  private readonly itemGtins = new MultiIndex();
  private readonly itemFolded = new MultiIndex();
  private readonly packBarcodes = new MultiIndex();
  private readonly packGtins = new MultiIndex();
  private readonly packFolded = new MultiIndex();
  private readonly locationBarcodes = new MultiIndex();
  private readonly locationGlns = new MultiIndex();
  private readonly locationFolded = new MultiIndex();
  private readonly itemKeys = new Map<string, ItemKeys>();
  private readonly locationKeys = new Map<string, Keys>();
  private built = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly catalog: Catalog) {
    this.unsubscribe.push(
      catalog.items.onChange((skus) => {
        if (this.built) for (const sku of skus) this.reindexItem(sku);
      }),
      catalog.locations.onChange((codes) => {
        if (this.built) for (const code of codes) this.reindexLocation(code);
      }),
    );
  }

  /** Resolve a scan event (or any {raw, gs1}); GS1 is parsed here when the caller did not. */
  resolve(scan: { raw: string; gs1?: Gs1Data | undefined }): ScanResolution {
    this.build();
    const raw = scan.raw.trim();
    const gs1 = scan.gs1 ?? parseScannedGs1(raw).data;
    const withGs1 = <T extends object>(r: T): T => (gs1 ? { ...r, gs1 } : r);

    const item = (skus: string[] | undefined, matchedBy: ItemMatch): ScanResolution | undefined =>
      skus?.length ? withGs1(itemResult(skus, matchedBy)) : undefined;
    /** A pack match: `key` is how the pack was found, to read its quantity off the item. */
    const pack = (
      skus: string[] | undefined,
      matchedBy: ItemMatch,
      key: (code: string) => string | undefined,
      wanted: string | undefined,
    ): ScanResolution | undefined => {
      if (!skus?.length || wanted === undefined) return undefined;
      const result = itemResult(skus, matchedBy);
      const found = this.catalog.items.get(result.sku)?.packs.find((p) => key(p.barcode) === wanted);
      return withGs1(found ? { ...result, packQuantity: found.quantity } : result);
    };
    const gtinOf = (code: string) => normalizeGtin(code) ?? parseScannedGs1(code).data?.gtin;
    const plainGtin = normalizeGtin(raw);
    const location = (codes: string[] | undefined, matchedBy: LocationMatch): ScanResolution | undefined =>
      codes?.length ? locationResult(codes, matchedBy) : undefined;

    const found =
      item(this.itemBarcodes.get(raw), 'barcode') ??
      pack(this.packBarcodes.get(raw), 'pack', (c) => c, raw) ??
      location(this.locationBarcodes.get(raw), 'barcode') ??
      item(this.catalog.items.get(raw) ? [raw] : undefined, 'sku') ??
      location(this.catalog.locations.get(raw) ? [raw] : undefined, 'code') ??
      item(gs1?.gtin ? this.itemGtins.get(gs1.gtin) : undefined, 'gtin') ??
      pack(gs1?.gtin ? this.packGtins.get(gs1.gtin) : undefined, 'gtin', gtinOf, gs1?.gtin) ??
      item(gs1?.content ? this.itemGtins.get(gs1.content) : undefined, 'gtin') ??
      item(this.partNumber(gs1), 'part-number') ??
      location(gs1?.locationGln ? this.locationGlns.get(gs1.locationGln) : undefined, 'gln') ??
      item(this.itemGtins.get(plainGtin ?? ''), 'gtin') ??
      pack(plainGtin ? this.packGtins.get(plainGtin) : undefined, 'gtin', gtinOf, plainGtin) ??
      item(this.itemFolded.get(fold(raw)), 'case-insensitive') ??
      pack(this.packFolded.get(fold(raw)), 'case-insensitive', fold, fold(raw)) ??
      location(this.locationFolded.get(fold(raw)), 'case-insensitive');
    if (found) return found;

    const reason = gs1?.gtin
      ? `no item has GTIN ${gs1.gtin}`
      : gs1?.sscc
        ? `SSCC ${gs1.sscc} is a shipping unit, not an item or location`
        : `no item or location answers to "${printable(raw)}"`;
    return gs1 ? { kind: 'unknown', raw, gs1, reason } : { kind: 'unknown', raw, reason };
  }

  destroy(): void {
    for (const u of this.unsubscribe) u();
  }

  private partNumber(gs1: Gs1Data | undefined): string[] | undefined {
    for (const code of [gs1?.customerPartNumber, gs1?.additionalId]) {
      if (!code) continue;
      if (this.catalog.items.get(code)) return [code];
      const byBarcode = this.itemBarcodes.get(code);
      if (byBarcode) return byBarcode;
    }
    return undefined;
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    for (const item of this.catalog.items.values()) this.indexItem(item);
    for (const location of this.catalog.locations.values()) this.indexLocation(location);
  }

  private reindexItem(sku: string): void {
    const old = this.itemKeys.get(sku);
    if (old) {
      for (const k of old.unit.barcodes) this.itemBarcodes.remove(k, sku);
      for (const k of old.unit.gtins) this.itemGtins.remove(k, sku);
      for (const k of old.unit.folded) this.itemFolded.remove(k, sku);
      for (const k of old.pack.barcodes) this.packBarcodes.remove(k, sku);
      for (const k of old.pack.gtins) this.packGtins.remove(k, sku);
      for (const k of old.pack.folded) this.packFolded.remove(k, sku);
      this.itemKeys.delete(sku);
    }
    const item = this.catalog.items.get(sku);
    if (item) this.indexItem(item);
  }

  private indexItem(item: Item): void {
    const unit = codeKeys(item.barcodes, [item.sku]);
    const pack = codeKeys(
      item.packs.map((p) => p.barcode),
      [],
    );
    for (const k of unit.barcodes) this.itemBarcodes.add(k, item.sku);
    for (const k of unit.gtins) this.itemGtins.add(k, item.sku);
    for (const k of unit.folded) this.itemFolded.add(k, item.sku);
    for (const k of pack.barcodes) this.packBarcodes.add(k, item.sku);
    for (const k of pack.gtins) this.packGtins.add(k, item.sku);
    for (const k of pack.folded) this.packFolded.add(k, item.sku);
    this.itemKeys.set(item.sku, { unit, pack });
  }

  private reindexLocation(code: string): void {
    const old = this.locationKeys.get(code);
    if (old) {
      for (const k of old.barcodes) this.locationBarcodes.remove(k, code);
      for (const k of old.gtins) this.locationGlns.remove(k, code);
      for (const k of old.folded) this.locationFolded.remove(k, code);
      this.locationKeys.delete(code);
    }
    const location = this.catalog.locations.get(code);
    if (location) this.indexLocation(location);
  }

  private indexLocation(location: Location): void {
    const barcodes = location.barcode ? [location.barcode] : [];
    const gln = location.barcode ? parseScannedGs1(location.barcode).data?.locationGln : undefined;
    const keys: Keys = {
      barcodes,
      gtins: gln ? [gln] : [],
      folded: [...new Set([location.code, ...barcodes].map(fold))],
    };
    for (const k of keys.barcodes) this.locationBarcodes.add(k, location.code);
    for (const k of keys.gtins) this.locationGlns.add(k, location.code);
    for (const k of keys.folded) this.locationFolded.add(k, location.code);
    this.locationKeys.set(location.code, keys);
  }
}

/** The index keys of some barcodes (plus codes such as the SKU that are matched as GTIN and folded only). */
function codeKeys(barcodes: readonly string[], others: readonly string[]): Keys {
  const unique = [...new Set(barcodes)];
  const gtins = new Set<string>();
  for (const code of [...unique, ...others]) {
    const gtin = others.includes(code)
      ? normalizeGtin(code)
      : (normalizeGtin(code) ?? parseScannedGs1(code).data?.gtin);
    if (gtin) gtins.add(gtin);
  }
  return { barcodes: unique, gtins: [...gtins], folded: [...new Set([...others, ...unique].map(fold))] };
}

function itemResult(skus: string[], matchedBy: ItemMatch): Extract<ScanResolution, { kind: 'item' }> {
  const [sku, ...rest] = skus as [string, ...string[]];
  return rest.length ? { kind: 'item', sku, matchedBy, alsoMatches: rest } : { kind: 'item', sku, matchedBy };
}

function locationResult(codes: string[], matchedBy: LocationMatch): ScanResolution {
  const [code, ...rest] = codes as [string, ...string[]];
  return rest.length
    ? { kind: 'location', code, matchedBy, alsoMatches: rest }
    : { kind: 'location', code, matchedBy };
}

function fold(code: string): string {
  return code.toUpperCase();
}

function printable(text: string): string {
  return text.replaceAll('\x1d', '<GS>');
}
