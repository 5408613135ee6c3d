// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { DEFAULT_REPLENISHMENT } from '../catalog/item.ts';
import { createScanEvent } from './scan-event.ts';
import { ScanResolver } from './scan-resolver.ts';

const actor = { user: 'u1', device: 'd1' };
let catalogs: Catalog[] = [];

function setup() {
  const catalog = new Catalog(new Y.Doc());
  catalogs.push(catalog);
  const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => {
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  ok(catalog.createItem({ sku: 'SKU-1001', name: 'Hex bolt M6', barcodes: ['4006381333931'] }, actor));
  ok(catalog.createItem({ sku: 'SKU-1002', name: 'Washer', barcodes: ['09501101530003', 'WSH-OLD'] }, actor));
  ok(catalog.createItem({ sku: 'SKU-1003', name: 'Glue', barcodes: ['(01)00036000291452'] }, actor));
  ok(catalog.createLocation({ code: 'MAIN', kind: 'site' }, actor));
  ok(catalog.createLocation({ code: 'A-01', kind: 'bin', parent: 'MAIN', barcode: 'LOC:A-01' }, actor));
  ok(
    catalog.createLocation(
      { code: 'A-02', kind: 'bin', parent: 'MAIN', barcode: '(414)0614141000012' },
      actor,
    ),
  );
  return { catalog, resolver: new ScanResolver(catalog), ok };
}

afterEach(() => {
  for (const c of catalogs) c.destroy();
  catalogs = [];
});

const scan = (raw: string) =>
  createScanEvent({ raw, source: 'camera', at: new Date('2026-03-15T00:00:00Z') });

describe('ScanResolver', () => {
  it('matches an item by any of its barcodes and by its SKU', () => {
    const { resolver } = setup();
    expect(resolver.resolve(scan('4006381333931'))).toEqual({
      kind: 'item',
      sku: 'SKU-1001',
      matchedBy: 'barcode',
    });
    expect(resolver.resolve(scan('WSH-OLD'))).toMatchObject({ kind: 'item', sku: 'SKU-1002' });
    expect(resolver.resolve(scan('SKU-1001'))).toEqual({ kind: 'item', sku: 'SKU-1001', matchedBy: 'sku' });
  });

  it('finds the GTIN inside a GS1 code and hands on lot and expiry', () => {
    const { resolver } = setup();
    const r = resolver.resolve(scan(']C10104006381333931\x1d10LOT-9\x1d17270100'));
    expect(r).toMatchObject({ kind: 'item', sku: 'SKU-1001', matchedBy: 'gtin' });
    expect(r.kind === 'item' && r.gs1).toMatchObject({ lot: 'LOT-9', expiry: '2027-01-31' });
  });

  it('matches GTIN-13 against GTIN-14 and back, and GTIN-12 against a stored GS1 barcode', () => {
    const { resolver } = setup();
    expect(resolver.resolve(scan('9501101530003'))).toMatchObject({ sku: 'SKU-1002', matchedBy: 'gtin' });
    expect(resolver.resolve(scan('04006381333931'))).toMatchObject({ sku: 'SKU-1001', matchedBy: 'gtin' });
    expect(resolver.resolve(scan('036000291452'))).toMatchObject({ sku: 'SKU-1003', matchedBy: 'gtin' });
    expect(resolver.resolve(scan('https://id.gs1.org/01/09501101530003/10/L1'))).toMatchObject({
      sku: 'SKU-1002',
      matchedBy: 'gtin',
    });
  });

  it('matches bin labels by barcode, code and GLN', () => {
    const { resolver } = setup();
    expect(resolver.resolve(scan('LOC:A-01'))).toEqual({
      kind: 'location',
      code: 'A-01',
      matchedBy: 'barcode',
    });
    expect(resolver.resolve(scan('A-01'))).toEqual({ kind: 'location', code: 'A-01', matchedBy: 'code' });
    expect(resolver.resolve(scan(']C14140614141000012'))).toMatchObject({ kind: 'location', code: 'A-02' });
    expect(resolver.resolve(scan('a-01'))).toEqual({
      kind: 'location',
      code: 'A-01',
      matchedBy: 'case-insensitive',
    });
  });

  it('reports unknown codes with a reason', () => {
    const { resolver } = setup();
    expect(resolver.resolve(scan('NOPE-1'))).toMatchObject({
      kind: 'unknown',
      reason: /no item or location/,
    });
    expect(resolver.resolve(scan('0105901234123457'))).toMatchObject({
      kind: 'unknown',
      reason: 'no item has GTIN 05901234123457',
    });
  });

  it('follows catalog edits without a rebuild: new, changed and removed barcodes', () => {
    const { catalog, resolver, ok } = setup();
    expect(resolver.resolve(scan('NEW-CODE')).kind).toBe('unknown');
    ok(catalog.patchItem('SKU-1001', { barcodes: ['NEW-CODE'] }));
    expect(resolver.resolve(scan('NEW-CODE'))).toMatchObject({ kind: 'item', sku: 'SKU-1001' });
    expect(resolver.resolve(scan('4006381333931')).kind).toBe('unknown');
    ok(catalog.createItem({ sku: 'SKU-2000', name: 'New', barcodes: ['5901234123457'] }, actor));
    expect(resolver.resolve(scan('05901234123457'))).toMatchObject({ sku: 'SKU-2000' });
    ok(catalog.patchLocation('A-01', { barcode: 'LOC:A-01-B' }));
    expect(resolver.resolve(scan('LOC:A-01-B'))).toMatchObject({ kind: 'location', code: 'A-01' });
    expect(resolver.resolve(scan('LOC:A-01')).kind).toBe('unknown');
  });

  it('reports a barcode shared by two items instead of hiding one', () => {
    const { catalog, resolver, ok } = setup();
    ok(catalog.createItem({ sku: 'SKU-0999', name: 'Copy', barcodes: ['WSH-OLD'] }, actor));
    expect(resolver.resolve(scan('WSH-OLD'))).toEqual({
      kind: 'item',
      sku: 'SKU-0999',
      matchedBy: 'barcode',
      alsoMatches: ['SKU-1002'],
    });
  });

  it('resolves a pack barcode to its item with the pack quantity', () => {
    const { catalog, resolver, ok } = setup();
    ok(
      catalog.patchItem('SKU-1001', {
        packs: [
          { barcode: 'BOX-M6', quantity: 50, name: 'box' },
          { barcode: '14006381333938', quantity: 500 },
        ],
      }),
    );
    expect(resolver.resolve(scan('BOX-M6'))).toEqual({
      kind: 'item',
      sku: 'SKU-1001',
      matchedBy: 'pack',
      packQuantity: 50,
    });
    // The unit barcode still counts one; the SKU too.
    expect(resolver.resolve(scan('4006381333931'))).toEqual({
      kind: 'item',
      sku: 'SKU-1001',
      matchedBy: 'barcode',
    });
    // A case GTIN-14 is found inside GS1 codes and Digital Links, with the case's quantity.
    expect(resolver.resolve(scan(']C10114006381333938\x1d10LOT-1'))).toMatchObject({
      sku: 'SKU-1001',
      matchedBy: 'gtin',
      packQuantity: 500,
      gs1: { lot: 'LOT-1' },
    });
    expect(resolver.resolve(scan('https://id.gs1.org/01/14006381333938'))).toMatchObject({
      packQuantity: 500,
    });
    expect(resolver.resolve(scan('box-m6'))).toMatchObject({
      matchedBy: 'case-insensitive',
      packQuantity: 50,
    });
  });

  it('follows pack edits: a changed quantity, a removed pack', () => {
    const { catalog, resolver, ok } = setup();
    ok(catalog.patchItem('SKU-1002', { packs: [{ barcode: 'BAG', quantity: 10 }] }));
    expect(resolver.resolve(scan('BAG'))).toMatchObject({ sku: 'SKU-1002', packQuantity: 10 });
    ok(catalog.patchItem('SKU-1002', { packs: [{ barcode: 'BAG', quantity: 25 }] }));
    expect(resolver.resolve(scan('BAG'))).toMatchObject({ sku: 'SKU-1002', packQuantity: 25 });
    ok(catalog.patchItem('SKU-1002', { packs: [] }));
    expect(resolver.resolve(scan('BAG')).kind).toBe('unknown');
  });

  it('resolves every item of a 50,000-item catalog from its index', () => {
    const catalog = new Catalog(new Y.Doc());
    catalogs.push(catalog);
    catalog.doc.transact(() => {
      for (let i = 0; i < 50_000; i++) {
        catalog.items.create(`P-${i}`, {
          sku: `P-${i}`,
          name: `Part ${i}`,
          description: '',
          kind: 'component',
          unit: 'ea',
          barcodes: [`B${i}`],
          packs: [],
          category: '',
          suppliers: [],
          unitCost: 0,
          reorderPoint: null,
          minQty: null,
          maxQty: null,
          leadTimeDays: null,
          tracking: 'none',
          replenishment: DEFAULT_REPLENISHMENT,
          active: true,
          createdAt: '2026-01-01T00:00:00.000Z',
          createdBy: 'u1',
        });
      }
    });
    const resolver = new ScanResolver(catalog);
    for (const i of [0, 1, 12_345, 49_999]) {
      expect(resolver.resolve({ raw: `B${i}` })).toEqual({
        kind: 'item',
        sku: `P-${i}`,
        matchedBy: 'barcode',
      });
    }
    expect(resolver.resolve({ raw: 'B50000' }).kind).toBe('unknown');
  });
});
