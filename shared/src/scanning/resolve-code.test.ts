// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { type CodeLookups, resolveCode } from './resolve-code.ts';
import { ScanResolver } from './scan-resolver.ts';

const actor = { user: 'u1', device: 'd1' };
let catalogs: Catalog[] = [];

afterEach(() => {
  for (const c of catalogs) c.destroy();
  catalogs = [];
});

function catalogLookup(): CodeLookups['catalog'] {
  const catalog = new Catalog(new Y.Doc());
  catalogs.push(catalog);
  const ok = (r: { ok: boolean; message?: string }) => {
    if (!r.ok) throw new Error(r.message);
  };
  ok(
    catalog.createItem(
      {
        sku: 'BOLT',
        name: 'Bolt',
        barcodes: ['4006381333931'],
        packs: [{ barcode: 'BOLT-BOX', quantity: 50 }],
      },
      actor,
    ),
  );
  ok(catalog.createItem({ sku: 'PUMPSEAL', name: 'Seal', barcodes: [] }, actor));
  ok(catalog.createLocation({ code: 'MAIN', kind: 'site' }, actor));
  ok(catalog.createLocation({ code: 'A-01', kind: 'bin', parent: 'MAIN', barcode: 'LOC:A-01' }, actor));
  const resolver = new ScanResolver(catalog);
  return (scan) => resolver.resolve(scan);
}

const table =
  (entries: Record<string, string>) =>
  (code: string): string | null =>
    entries[code] ?? entries[code.toUpperCase()] ?? null;

describe('resolveCode', () => {
  it('names an item by barcode or SKU, with the quantity of a pack', () => {
    const catalog = catalogLookup();
    expect(resolveCode('4006381333931', { catalog })).toEqual({ kind: 'item', sku: 'BOLT' });
    expect(resolveCode(' BOLT \n', { catalog })).toEqual({ kind: 'item', sku: 'BOLT' });
    expect(resolveCode('BOLT-BOX', { catalog })).toEqual({ kind: 'item', sku: 'BOLT', packQuantity: 50 });
  });

  it('names a bin by its label or code, and the stocktake count when the user counts it now', () => {
    const catalog = catalogLookup();
    expect(resolveCode('LOC:A-01', { catalog })).toEqual({ kind: 'location', code: 'A-01' });
    expect(resolveCode('A-01', { catalog, stocktakeFor: () => null })).toEqual({
      kind: 'location',
      code: 'A-01',
    });
    expect(resolveCode('LOC:A-01', { catalog, stocktakeFor: (l) => (l === 'A-01' ? 'st-1' : null) })).toEqual(
      {
        kind: 'stocktake-location',
        stocktake: 'st-1',
        location: 'A-01',
      },
    );
  });

  it('names purchase orders and work orders by id or number before anything in the catalog', () => {
    const catalog = catalogLookup();
    const lookups: CodeLookups = {
      catalog,
      purchaseOrder: table({ 'PO-2026-0007': 'po-id-7', 'po-id-7': 'po-id-7', BOLT: 'po-weird' }),
      workOrder: table({ 'WO-2026-0003': 'wo-id-3' }),
    };
    expect(resolveCode('PO-2026-0007', lookups)).toEqual({ kind: 'purchase-order', id: 'po-id-7' });
    expect(resolveCode('po-2026-0007', lookups)).toEqual({ kind: 'purchase-order', id: 'po-id-7' });
    expect(resolveCode('WO-2026-0003', lookups)).toEqual({ kind: 'work-order', id: 'wo-id-3' });
    // A document's own id is more specific than anything the catalog matches.
    expect(resolveCode('BOLT', lookups)).toEqual({ kind: 'purchase-order', id: 'po-weird' });
  });

  it('names an asset by its tag, but an exact item barcode first and a case-insensitive item match after', () => {
    const catalog = catalogLookup();
    const asset = table({ 'TAG-9': 'PUMP-1', '4006381333931': 'PUMP-2', PUMPSEAL: 'PUMP-3' });
    expect(resolveCode('TAG-9', { catalog, asset })).toEqual({ kind: 'asset', code: 'PUMP-1' });
    expect(resolveCode('4006381333931', { catalog, asset })).toEqual({ kind: 'item', sku: 'BOLT' });
    // "pumpseal" matches the item only ignoring case, and the asset table exactly (upper-cased).
    expect(resolveCode('pumpseal', { catalog, asset })).toEqual({ kind: 'asset', code: 'PUMP-3' });
    expect(resolveCode('pumpseal', { catalog })).toEqual({ kind: 'item', sku: 'PUMPSEAL' });
  });

  it('says why a code is unknown, and skips lookups a role does not have', () => {
    const catalog = catalogLookup();
    const unknown = resolveCode('PO-2026-0007', { catalog });
    expect(unknown).toMatchObject({ kind: 'unknown', raw: 'PO-2026-0007' });
    expect(unknown.kind === 'unknown' && unknown.reason).toContain('PO-2026-0007');
    expect(resolveCode('   ', { catalog })).toEqual({
      kind: 'unknown',
      raw: '',
      reason: 'the scan was empty',
    });
  });
});
