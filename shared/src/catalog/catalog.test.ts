// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Result } from '../result.ts';
import { Catalog } from './catalog.ts';

const ann = { user: 'ann', device: 'laptop' };
const now = new Date('2024-05-01T10:00:00.000Z');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.kind}: ${result.message}`);
  return result.value;
}

function failed<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

function catalogWithTree() {
  const catalog = new Catalog(new Y.Doc());
  value(catalog.createLocation({ code: 'S', kind: 'site', name: 'Main site' }, ann, now));
  value(catalog.createLocation({ code: 'Z', kind: 'zone', parent: 'S' }, ann, now));
  value(catalog.createLocation({ code: 'A', kind: 'aisle', parent: 'Z' }, ann, now));
  value(catalog.createLocation({ code: 'B1', kind: 'bin', parent: 'A', barcode: 'LOC-B1' }, ann, now));
  return catalog;
}

describe('Catalog items', () => {
  it('creates an item stamped with who and when', () => {
    const catalog = new Catalog(new Y.Doc());
    const item = value(catalog.createItem({ sku: 'BOLT', name: 'Bolt', tracking: 'lot' }, ann, now));
    expect(item).toMatchObject({ sku: 'BOLT', name: 'Bolt', tracking: 'lot', createdBy: 'ann' });
    expect(item.createdAt).toBe('2024-05-01T10:00:00.000Z');
    expect(catalog.items.get('BOLT')).toEqual(item);
  });

  it('refuses a duplicate SKU as a conflict on the sku field', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    const dup = failed(catalog.createItem({ sku: 'BOLT', name: 'Other bolt' }, ann, now));
    expect(dup.kind).toBe('conflict');
    expect(dup.fields).toEqual([{ path: 'sku', message: 'SKU BOLT already exists' }]);
    expect(catalog.items.get('BOLT')?.name).toBe('Bolt');
  });

  it('refuses invalid input with per-field messages and writes nothing', () => {
    const catalog = new Catalog(new Y.Doc());
    const bad = failed(catalog.createItem({ sku: 'X', name: '', minQty: 3, maxQty: 1 }, ann, now));
    expect(bad.kind).toBe('invalid');
    expect(bad.fields).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'maxQty', message: 'must not be less than the minimum (3)' },
    ]);
    expect(catalog.items.size).toBe(0);
    expect(catalog.items.exists('X')).toBe(false);
    const crossed = failed(catalog.createItem({ sku: 'X', name: 'x', minQty: 3, maxQty: 1 }, ann, now));
    expect(crossed.fields).toEqual([{ path: 'maxQty', message: 'must not be less than the minimum (3)' }]);
  });

  it('patches only the given fields and leaves the others as they were', () => {
    const catalog = new Catalog(new Y.Doc());
    value(
      catalog.createItem(
        {
          sku: 'BOLT',
          name: 'Bolt',
          kind: 'finished_good',
          tracking: 'serial',
          barcodes: ['123'],
          minQty: 1,
        },
        ann,
        now,
      ),
    );
    const patched = value(catalog.patchItem('BOLT', { name: 'Hex bolt' }));
    expect(patched).toMatchObject({
      name: 'Hex bolt',
      kind: 'finished_good',
      tracking: 'serial',
      barcodes: ['123'],
      minQty: 1,
    });
    expect(catalog.items.get('BOLT')).toEqual(patched);
    // only the changed field was written, so nothing else can win a merge by accident
    expect([...catalog.items.fields.keys()]).toEqual(['BOLT\u001fname']);
  });

  it('writes nothing for a patch that changes nothing', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    value(catalog.patchItem('BOLT', { name: 'Bolt' }));
    expect(catalog.items.fields.size).toBe(0);
  });

  it('refuses patches to unknown items, unknown or forbidden fields, and min above max', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt', minQty: 5 }, ann, now));
    expect(failed(catalog.patchItem('NOPE', { name: 'x' })).kind).toBe('not_found');
    const sku = failed(catalog.patchItem('BOLT', { sku: 'BOLT2' }));
    expect(sku.kind).toBe('invalid');
    expect(sku.message).toContain('sku');
    const unknown = failed(catalog.patchItem('BOLT', { colour: 'red' }));
    expect(unknown.kind).toBe('invalid');
    expect(unknown.message).toContain('colour');
    expect(failed(catalog.patchItem('BOLT', { createdBy: 'mallory' })).kind).toBe('invalid');
    expect(failed(catalog.patchItem('BOLT', {})).fields).toEqual([
      { path: '', message: 'nothing to change' },
    ]);
    const crossed = failed(catalog.patchItem('BOLT', { maxQty: 2 }));
    expect(crossed.kind).toBe('invalid');
    expect(crossed.fields).toEqual([{ path: 'maxQty', message: 'must not be less than the minimum (5)' }]);
    expect(catalog.items.get('BOLT')?.maxQty).toBeNull();
    expect(catalog.items.fields.size).toBe(0);
  });

  it('reports the problems of a patch and those across fields at once', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt', minQty: 5 }, ann, now));
    const both = failed(catalog.patchItem('BOLT', { name: '', maxQty: 2, barcodes: ['9', '9'] }));
    expect(both.fields).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'maxQty', message: 'must not be less than the minimum (5)' },
      { path: 'barcodes.1', message: '9 is listed twice' },
    ]);
    expect(both.message).toBe(
      'name: is required; maxQty: must not be less than the minimum (5); barcodes.1: 9 is listed twice',
    );
    expect(catalog.items.fields.size).toBe(0);
  });

  it('checks barcode rules only for the codes a patch sets', () => {
    const doc = new Y.Doc();
    const catalog = new Catalog(doc);
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    // written before the rule, or by another client: stays readable and can still be renamed
    doc.getMap('items.fields').set('BOLT\u001fbarcodes', ['1 2', '1 2']);
    expect(catalog.items.get('BOLT')?.barcodes).toEqual(['1 2', '1 2']);
    expect(value(catalog.patchItem('BOLT', { name: 'Hex bolt' })).name).toBe('Hex bolt');
    expect(failed(catalog.patchItem('BOLT', { barcodes: ['1 2'] })).fields).toEqual([
      { path: 'barcodes.0', message: '1 2: must not contain spaces (put each barcode on its own line)' },
    ]);
    expect(value(catalog.patchItem('BOLT', { barcodes: ['12'] })).barcodes).toEqual(['12']);
  });

  it('archives an item by patching active', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    expect(value(catalog.patchItem('BOLT', { active: false })).active).toBe(false);
  });

  it('finds the SKU for a scanned code: the SKU itself or any barcode, kept current after edits', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'BOLT', name: 'Bolt', barcodes: ['4006381333931', 'B-ALT'] }, ann, now));
    value(catalog.createItem({ sku: 'NUT', name: 'Nut' }, ann, now));
    expect(catalog.skuForCode('BOLT')).toBe('BOLT');
    expect(catalog.skuForCode('4006381333931')).toBe('BOLT');
    expect(catalog.skuForCode('B-ALT')).toBe('BOLT');
    expect(catalog.skuForCode('unknown')).toBeUndefined();
    value(catalog.patchItem('NUT', { barcodes: ['999'] }));
    value(catalog.patchItem('BOLT', { barcodes: ['4006381333931'] }));
    expect(catalog.skuForCode('999')).toBe('NUT');
    expect(catalog.skuForCode('B-ALT')).toBeUndefined();
    value(catalog.createItem({ sku: 'WASHER', name: 'Washer', barcodes: ['777'] }, ann, now));
    expect(catalog.skuForCode('777')).toBe('WASHER');
  });

  it('resolves a pack barcode to its item with the pack quantity; unit barcodes count one', () => {
    const catalog = new Catalog(new Y.Doc());
    value(
      catalog.createItem(
        {
          sku: 'BOLT',
          name: 'Bolt',
          barcodes: ['4006381333931'],
          packs: [{ barcode: 'BOX-50', quantity: 50 }],
        },
        ann,
        now,
      ),
    );
    expect(catalog.codeMatch('BOX-50')).toEqual({ sku: 'BOLT', packQuantity: 50 });
    expect(catalog.skuForCode('BOX-50')).toBe('BOLT');
    expect(catalog.codeMatch('4006381333931')).toEqual({ sku: 'BOLT' });
    expect(catalog.codeMatch('BOLT')).toEqual({ sku: 'BOLT' });
    value(catalog.patchItem('BOLT', { packs: [{ barcode: 'BOX-100', quantity: 100 }] }));
    expect(catalog.codeMatch('BOX-50')).toBeUndefined();
    expect(catalog.codeMatch('BOX-100')).toEqual({ sku: 'BOLT', packQuantity: 100 });
    expect(catalog.searchItems('box-1').map((i) => i.sku)).toEqual(['BOLT']);
  });

  it('stores packs under their own short name and leaves them out when there are none', () => {
    const catalog = new Catalog(new Y.Doc());
    value(
      catalog.createItem({ sku: 'BOLT', name: 'Bolt', packs: [{ barcode: 'BOX', quantity: 5 }] }, ann, now),
    );
    value(catalog.createItem({ sku: 'NUT', name: 'Nut' }, ann, now));
    expect(catalog.items.base.get('BOLT')).toMatchObject({ pk: [{ barcode: 'BOX', quantity: 5 }] });
    expect(Object.keys(catalog.items.base.get('NUT') as object)).not.toContain('pk');
    const copy = new Catalog(new Y.Doc());
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(catalog.doc));
    expect(copy.items.get('BOLT')!.packs).toEqual([{ barcode: 'BOX', quantity: 5 }]);
  });

  it('refuses a pack barcode another item already answers to, and a unit barcode that is another item’s pack', () => {
    const catalog = new Catalog(new Y.Doc());
    value(
      catalog.createItem(
        { sku: 'BOLT', name: 'Bolt', barcodes: ['111'], packs: [{ barcode: 'BOX', quantity: 50 }] },
        ann,
        now,
      ),
    );
    const onBarcode = failed(
      catalog.createItem(
        {
          sku: 'NUT',
          name: 'Nut',
          packs: [
            { barcode: 'X', quantity: 2 },
            { barcode: '111', quantity: 10 },
          ],
        },
        ann,
        now,
      ),
    );
    expect(onBarcode.kind).toBe('conflict');
    expect(onBarcode.fields).toEqual([
      { path: 'packs.1.barcode', message: '111 is already a code of item BOLT' },
    ]);
    expect(
      failed(
        catalog.createItem({ sku: 'NUT', name: 'Nut', packs: [{ barcode: 'BOX', quantity: 10 }] }, ann, now),
      ).fields[0]!.path,
    ).toBe('packs.0.barcode');
    expect(
      failed(
        catalog.createItem({ sku: 'NUT', name: 'Nut', packs: [{ barcode: 'BOLT', quantity: 10 }] }, ann, now),
      ).message,
    ).toBe('BOLT is already a code of item BOLT');
    expect(
      failed(catalog.createItem({ sku: 'NUT', name: 'Nut', barcodes: ['BOX'] }, ann, now)).fields,
    ).toEqual([{ path: 'barcodes.0', message: 'BOX is a pack barcode of item BOLT' }]);
    expect(failed(catalog.createItem({ sku: 'BOX', name: 'Box?' }, ann, now)).fields[0]!.path).toBe('sku');
    expect(catalog.items.get('NUT')).toBeUndefined();

    value(catalog.createItem({ sku: 'NUT', name: 'Nut' }, ann, now));
    expect(failed(catalog.patchItem('NUT', { packs: [{ barcode: 'BOX', quantity: 10 }] })).kind).toBe(
      'conflict',
    );
    expect(failed(catalog.patchItem('NUT', { barcodes: ['BOX'] })).kind).toBe('conflict');
    // Its own codes are no clash: the item keeps its pack while other fields change.
    value(catalog.patchItem('BOLT', { name: 'Hex bolt', packs: [{ barcode: 'BOX', quantity: 60 }] }));
    expect(catalog.codeMatch('BOX')).toEqual({ sku: 'BOLT', packQuantity: 60 });
  });

  it('searches SKU, name, category and barcodes, case-insensitively, sorted by SKU', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createItem({ sku: 'Z-9', name: 'Zip tie', category: 'Fasteners' }, ann, now));
    value(catalog.createItem({ sku: 'B-1', name: 'Bolt', category: 'fasteners' }, ann, now));
    value(catalog.createItem({ sku: 'G-1', name: 'Glue', barcodes: ['55501'] }, ann, now));
    const skus = (items: { sku: string }[]) => items.map((i) => i.sku);
    expect(skus(catalog.searchItems('FASTEN'))).toEqual(['B-1', 'Z-9']);
    expect(skus(catalog.searchItems('glue'))).toEqual(['G-1']);
    expect(skus(catalog.searchItems('555'))).toEqual(['G-1']);
    expect(skus(catalog.searchItems('z-'))).toEqual(['Z-9']);
    expect(skus(catalog.searchItems('  '))).toEqual(['B-1', 'G-1', 'Z-9']);
    expect(catalog.searchItems('nothing matches')).toEqual([]);
  });

  it('with a limit, returns the first matches by SKU whatever order items were created in', () => {
    const catalog = new Catalog(new Y.Doc());
    for (const sku of ['C', 'A', 'D', 'B']) value(catalog.createItem({ sku, name: `item ${sku}` }, ann, now));
    expect(catalog.searchItems('item', 2).map((i) => i.sku)).toEqual(['A', 'B']);
  });
});

describe('Catalog locations', () => {
  it('builds a site → zone → aisle → bin tree', () => {
    const catalog = catalogWithTree();
    expect(catalog.locations.get('B1')).toMatchObject({ kind: 'bin', parent: 'A', barcode: 'LOC-B1' });
    expect(catalog.locations.size).toBe(4);
  });

  it('refuses duplicates, missing parents and parents of the wrong kind', () => {
    const catalog = catalogWithTree();
    const dup = failed(catalog.createLocation({ code: 'Z', kind: 'zone', parent: 'S' }, ann, now));
    expect(dup.kind).toBe('conflict');
    expect(dup.fields).toEqual([{ path: 'code', message: 'location Z already exists' }]);
    const orphan = failed(catalog.createLocation({ code: 'B2', kind: 'bin' }, ann, now));
    expect(orphan).toMatchObject({
      kind: 'invalid',
      fields: [{ path: 'parent', message: 'a bin needs a parent location' }],
    });
    const missing = failed(catalog.createLocation({ code: 'B2', parent: 'NOPE' }, ann, now));
    expect(missing).toMatchObject({
      kind: 'not_found',
      fields: [{ path: 'parent', message: 'parent NOPE does not exist' }],
    });
    const upside = failed(catalog.createLocation({ code: 'Z2', kind: 'zone', parent: 'B1' }, ann, now));
    expect(upside).toMatchObject({ kind: 'invalid', message: 'a zone cannot sit inside a bin' });
    expect(catalog.locations.size).toBe(4);
  });

  it('patches a location name without touching its kind or parent', () => {
    const catalog = catalogWithTree();
    const z = value(catalog.patchLocation('Z', { name: 'Cold store' }));
    expect(z).toMatchObject({ code: 'Z', kind: 'zone', parent: 'S', name: 'Cold store' });
  });

  it('moves a location under another parent of a higher kind', () => {
    const catalog = catalogWithTree();
    value(catalog.createLocation({ code: 'Z2', kind: 'zone', parent: 'S' }, ann, now));
    expect(value(catalog.patchLocation('A', { parent: 'Z2' })).parent).toBe('Z2');
  });

  it('refuses moves that break the tree: wrong kind, missing parent, itself, a cycle', () => {
    const catalog = catalogWithTree();
    expect(failed(catalog.patchLocation('NOPE', { name: 'x' })).kind).toBe('not_found');
    expect(failed(catalog.patchLocation('Z', { parent: 'A' }))).toMatchObject({
      kind: 'invalid',
      message: 'a zone cannot sit inside an aisle',
    });
    expect(failed(catalog.patchLocation('Z', { parent: 'Z' })).kind).toBe('invalid');
    expect(failed(catalog.patchLocation('A', { parent: 'GONE' }))).toMatchObject({
      kind: 'not_found',
      message: 'parent GONE does not exist',
    });
    // kind and parent changed together to put a zone under its own aisle
    expect(failed(catalog.patchLocation('Z', { kind: 'bin', parent: 'A' }))).toMatchObject({
      kind: 'invalid',
      message: 'a location cannot sit inside itself',
    });
    expect(failed(catalog.patchLocation('S', { kind: 'bin' })).kind).toBe('invalid');
    expect(catalog.locations.get('Z')).toMatchObject({ kind: 'zone', parent: 'S' });
    expect(catalog.locations.fields.size).toBe(0);
  });

  it('refuses changing a kind so that its children would sit inside something lower', () => {
    const catalog = catalogWithTree();
    expect(failed(catalog.patchLocation('A', { kind: 'bin' }))).toMatchObject({
      kind: 'invalid',
      fields: [{ path: 'kind', message: 'a bin cannot hold a bin (B1)' }],
    });
    expect(catalog.locations.get('A')?.kind).toBe('aisle');
    // a bin holding nothing may become an aisle where an aisle may stand
    value(catalog.createLocation({ code: 'B2', kind: 'bin', parent: 'Z' }, ann, now));
    expect(value(catalog.patchLocation('B2', { kind: 'aisle' })).kind).toBe('aisle');
    // and a zone may become a site once it holds only lower kinds and has no parent
    expect(value(catalog.patchLocation('Z', { kind: 'site', parent: null })).kind).toBe('site');
  });
});

describe('Catalog suppliers', () => {
  it('creates, refuses duplicates and patches one field', () => {
    const catalog = new Catalog(new Y.Doc());
    value(catalog.createSupplier({ code: 'ACME', name: 'Acme', leadTimeDays: 5 }, ann, now));
    expect(failed(catalog.createSupplier({ code: 'ACME', name: 'Again' }, ann, now)).kind).toBe('conflict');
    expect(failed(catalog.patchSupplier('NOPE', { name: 'x' })).kind).toBe('not_found');
    expect(failed(catalog.patchSupplier('ACME', { code: 'X' })).kind).toBe('invalid');
    const acme = value(catalog.patchSupplier('ACME', { email: 'buy@acme.test' }));
    expect(acme).toMatchObject({ name: 'Acme', email: 'buy@acme.test', leadTimeDays: 5 });
  });
});

describe('Catalog read validation', () => {
  it('skips garbage written into any of its maps, reports it, and keeps working', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('items').set('BAD', { n: 42 });
      doc.getMap('items').set('WORSE', 'not a record');
      doc.getMap('locations').set('L', { k: 'cellar' });
      doc.getMap('suppliers').set('S', null);
    });
    const catalog = new Catalog(doc);
    expect(catalog.items.size).toBe(0);
    expect(
      catalog
        .invalidEntries()
        .map((e) => e.key)
        .sort(),
    ).toEqual(['BAD', 'L', 'S', 'WORSE']);
    expect(catalog.skuForCode('BAD')).toBeUndefined();
    expect(catalog.searchItems('')).toEqual([]);
    // the taken key is still refused rather than silently overwritten
    expect(failed(catalog.createItem({ sku: 'BAD', name: 'x' }, ann, now)).kind).toBe('conflict');
    expect(failed(catalog.patchItem('BAD', { name: 'x' })).kind).toBe('not_found');
  });

  it('reads an existing document on open, edits included', () => {
    const doc = new Y.Doc();
    const first = new Catalog(doc);
    value(first.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    value(first.patchItem('BOLT', { reorderPoint: 12.5 }));
    first.destroy();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(new Catalog(copy).items.get('BOLT')).toMatchObject({ name: 'Bolt', reorderPoint: 12.5 });
  });
});
