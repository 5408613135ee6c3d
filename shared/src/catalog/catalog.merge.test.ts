// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Result } from '../result.ts';
import { Catalog } from './catalog.ts';
import { locationTree } from './location.ts';

const now = new Date('2024-05-01T10:00:00.000Z');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.kind}: ${result.message}`);
  return result.value;
}

/** Sends each side everything the other has that it lacks, as a network would. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function twoDevices() {
  const a = new Catalog(new Y.Doc());
  const b = new Catalog(new Y.Doc());
  return { a, b, ann: { user: 'ann', device: 'a' }, bob: { user: 'bob', device: 'b' } };
}

describe('concurrent catalog edits', () => {
  it('keeps both edits when two devices change different fields of one item', () => {
    const { a, b, ann } = twoDevices();
    value(a.createItem({ sku: 'BOLT', name: 'Bolt', reorderPoint: 5 }, ann, now));
    exchange(a.doc, b.doc);
    value(a.patchItem('BOLT', { name: 'Hex bolt M6' }));
    value(b.patchItem('BOLT', { reorderPoint: 40, barcodes: ['123'] }));
    exchange(a.doc, b.doc);
    for (const catalog of [a, b]) {
      expect(catalog.items.get('BOLT')).toMatchObject({
        name: 'Hex bolt M6',
        reorderPoint: 40,
        barcodes: ['123'],
      });
    }
    expect(a.items.get('BOLT')).toEqual(b.items.get('BOLT'));
  });

  it('converges on one value when two devices change the same field', () => {
    const { a, b, ann } = twoDevices();
    value(a.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    exchange(a.doc, b.doc);
    value(a.patchItem('BOLT', { name: 'from a' }));
    value(b.patchItem('BOLT', { name: 'from b' }));
    exchange(a.doc, b.doc);
    expect(a.items.get('BOLT')?.name).toBe(b.items.get('BOLT')?.name);
    expect(['from a', 'from b']).toContain(a.items.get('BOLT')?.name);
  });

  it('converges to one item when two offline devices create the same SKU', () => {
    const { a, b, ann, bob } = twoDevices();
    value(a.createItem({ sku: 'BOLT', name: 'Bolt from a', unit: 'ea' }, ann, now));
    value(b.createItem({ sku: 'BOLT', name: 'Bolt from b', unit: 'box' }, bob, now));
    exchange(a.doc, b.doc);
    expect(a.items.size).toBe(1);
    expect(b.items.size).toBe(1);
    expect(a.items.get('BOLT')).toEqual(b.items.get('BOLT'));
    // one creation wins whole: never a mix of both
    const winner = a.items.get('BOLT')!;
    expect([
      ['Bolt from a', 'ea', 'ann'],
      ['Bolt from b', 'box', 'bob'],
    ]).toContainEqual([winner.name, winner.unit, winner.createdBy]);
    expect(a.invalidEntries()).toEqual([]);
  });

  it('keeps an edit made on one device while the other created the same SKU offline', () => {
    const { a, b, ann, bob } = twoDevices();
    value(a.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now));
    value(a.patchItem('BOLT', { category: 'fasteners' }));
    value(b.createItem({ sku: 'BOLT', name: 'Bolt' }, bob, now));
    exchange(a.doc, b.doc);
    expect(a.items.get('BOLT')?.category).toBe('fasteners');
    expect(b.items.get('BOLT')).toEqual(a.items.get('BOLT'));
  });

  it('keeps an item visible when concurrent edits cross its minimum and maximum', () => {
    const { a, b, ann } = twoDevices();
    value(a.createItem({ sku: 'BOLT', name: 'Bolt', minQty: 2, maxQty: 8 }, ann, now));
    exchange(a.doc, b.doc);
    value(a.patchItem('BOLT', { minQty: 6 }));
    value(b.patchItem('BOLT', { maxQty: 4 }));
    exchange(a.doc, b.doc);
    for (const catalog of [a, b]) {
      expect(catalog.items.get('BOLT')).toMatchObject({ minQty: 6, maxQty: 4 });
      expect(catalog.skuForCode('BOLT')).toBe('BOLT');
    }
    // a later edit must put them back in order before anything else changes min or max
    expect(a.patchItem('BOLT', { maxQty: 5 }).ok).toBe(false);
    expect(value(a.patchItem('BOLT', { maxQty: 10 })).maxQty).toBe(10);
  });

  it('never hides a location when concurrent moves merge into a parent cycle', () => {
    // which concurrent write of Y.parent wins depends on the client ids: try both ways
    for (const [idA, idB] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const docA = new Y.Doc();
      docA.clientID = idA;
      const docB = new Y.Doc();
      docB.clientID = idB;
      const a = new Catalog(docA);
      const b = new Catalog(docB);
      const ann = { user: 'ann', device: 'a' };
      value(a.createLocation({ code: 'S', kind: 'site' }, ann, now));
      value(a.createLocation({ code: 'X', kind: 'zone', parent: 'S' }, ann, now));
      value(a.createLocation({ code: 'Y', kind: 'aisle', parent: 'X' }, ann, now));
      value(a.createLocation({ code: 'X2', kind: 'zone', parent: 'S' }, ann, now));
      exchange(a.doc, b.doc);
      // a: Y becomes a zone under S, then X becomes an aisle under Y
      value(a.patchLocation('Y', { kind: 'zone', parent: 'S' }));
      value(a.patchLocation('X', { kind: 'aisle', parent: 'Y' }));
      // b, meanwhile: moves Y to X2 and back under X
      value(b.patchLocation('Y', { parent: 'X2' }));
      value(b.patchLocation('Y', { parent: 'X' }));
      exchange(a.doc, b.doc);
      for (const catalog of [a, b]) {
        const shown: string[] = [];
        const walk = (nodes: ReturnType<typeof locationTree>) => {
          for (const n of nodes) {
            shown.push(n.location.code);
            walk(n.children);
          }
        };
        walk(locationTree(catalog.locations.values()));
        expect(shown.sort()).toEqual(['S', 'X', 'X2', 'Y']);
      }
      expect(locationTree(a.locations.values())).toEqual(locationTree(b.locations.values()));
    }
  });
});
