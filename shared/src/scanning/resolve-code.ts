import type { Gs1Data } from './gs1/gs1-data.ts';
import type { ScanResolution } from './scan-resolver.ts';

/*
 * "Scan anything": what a scanned code names, whatever screen it was scanned on. Pure: the
 * caller hands in lookups over what this device holds (the catalog's ScanResolver, the
 * purchase orders, work orders, assets and stocktakes it has open) and gets one answer.
 * Lookups that are not given (a role that cannot read purchasing, say) are simply skipped.
 */

export type CodeTarget =
  | { kind: 'item'; sku: string; packQuantity?: number }
  | { kind: 'location'; code: string }
  /** A bin label scanned by someone counting it in an open stocktake: count it there. */
  | { kind: 'stocktake-location'; stocktake: string; location: string }
  | { kind: 'purchase-order'; id: string }
  | { kind: 'work-order'; id: string }
  | { kind: 'asset'; code: string }
  | { kind: 'unknown'; raw: string; reason: string };

export interface CodeLookups {
  /** Items and locations: `ScanResolver.resolve` over the catalog. */
  catalog: (scan: { raw: string; gs1?: Gs1Data }) => ScanResolution;
  /** A purchase order's id (its barcode) or number (PO-2026-0007) → its id. */
  purchaseOrder?: (code: string) => string | null;
  /** A work order's id (its job sheet's barcode) or number (WO-2026-0007) → its id. */
  workOrder?: (code: string) => string | null;
  /** An asset's tag or code → the asset's code. */
  asset?: (code: string) => string | null;
  /** The open stocktake in which this user counts the location, if any. */
  stocktakeFor?: (location: string) => string | null;
}

/**
 * Precedence, most specific first: a document (purchase order, work order) by its own id or
 * number; an item or location by an exact code (barcode, pack, SKU, GTIN…); an asset's tag;
 * only then a case-insensitive catalog match, so a tag typed in capitals never loses to a
 * near-miss item. A location is a stocktake location when the user counts it right now.
 */
export function resolveCode(raw: string, lookups: CodeLookups, gs1?: Gs1Data): CodeTarget {
  const code = raw.trim();
  if (!code) return { kind: 'unknown', raw: code, reason: 'the scan was empty' };

  const po = lookups.purchaseOrder?.(code);
  if (po) return { kind: 'purchase-order', id: po };
  const wo = lookups.workOrder?.(code);
  if (wo) return { kind: 'work-order', id: wo };

  const found = lookups.catalog(gs1 ? { raw: code, gs1 } : { raw: code });
  const exact = found.kind !== 'unknown' && found.matchedBy !== 'case-insensitive';
  if (exact) return fromCatalog(found, lookups);
  const asset = lookups.asset?.(code);
  if (asset) return { kind: 'asset', code: asset };
  if (found.kind !== 'unknown') return fromCatalog(found, lookups);
  return { kind: 'unknown', raw: code, reason: found.reason };
}

function fromCatalog(found: Exclude<ScanResolution, { kind: 'unknown' }>, lookups: CodeLookups): CodeTarget {
  if (found.kind === 'item')
    return found.packQuantity === undefined
      ? { kind: 'item', sku: found.sku }
      : { kind: 'item', sku: found.sku, packQuantity: found.packQuantity };
  const stocktake = lookups.stocktakeFor?.(found.code);
  return stocktake
    ? { kind: 'stocktake-location', stocktake, location: found.code }
    : { kind: 'location', code: found.code };
}
