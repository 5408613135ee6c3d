// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Result } from '../result.ts';
import { assetDescendants, assetTree } from './asset.ts';
import { criticalSparesBelow, effectiveMinimums } from './critical-spares.ts';
import { MaintenanceRoom } from './maintenance-room.ts';

const mia = { user: 'mia', device: 'desk' };

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.value;
}

function setup(refs = {}) {
  const doc = new Y.Doc();
  return { doc, room: new MaintenanceRoom(doc, refs) };
}

describe('assets', () => {
  it('form a tree: the parent must exist, and nothing sits below itself', () => {
    const { room } = setup();
    value(room.createAsset({ code: 'LINE-1', name: 'Bottling line 1' }, mia));
    value(
      room.createAsset({ code: 'FILLER', name: 'Filler', parent: 'LINE-1', criticality: 'critical' }, mia),
    );
    value(room.createAsset({ code: 'FILLER-PUMP', name: 'Filler pump', parent: 'FILLER' }, mia));
    expect(room.createAsset({ code: 'X', name: 'x', parent: 'NOPE' }, mia)).toMatchObject({
      ok: false,
      kind: 'not_found',
      message: 'parent asset NOPE does not exist',
    });
    expect(room.createAsset({ code: 'SELF', name: 'x', parent: 'SELF' }, mia)).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
    expect(room.createAsset({ code: 'FILLER', name: 'again' }, mia)).toMatchObject({ kind: 'conflict' });
    expect(room.patchAsset('LINE-1', { parent: 'FILLER-PUMP' })).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'FILLER-PUMP is part of LINE-1: an asset cannot sit below itself',
    });
    expect(room.patchAsset('FILLER', { parent: 'FILLER' })).toMatchObject({ ok: false });
    expect(room.patchAsset('FILLER-PUMP', { parent: null }).ok).toBe(true);
    expect(room.patchAsset('LINE-1', { parent: 'FILLER-PUMP' }).ok).toBe(true); // no longer below it
    const tree = assetTree(room.assets.values());
    expect(tree.map((n) => n.asset.code)).toEqual(['FILLER-PUMP']);
    expect([...assetDescendants(room.assets.values(), 'FILLER-PUMP')].sort()).toEqual([
      'FILLER',
      'FILLER-PUMP',
      'LINE-1',
    ]);
  });

  it('a cycle merged from two offline planners still shows every asset', () => {
    const a = setup();
    value(a.room.createAsset({ code: 'A', name: 'a' }, mia));
    value(a.room.createAsset({ code: 'B', name: 'b' }, mia));
    const b = setup();
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    value(a.room.patchAsset('A', { parent: 'B' }));
    value(b.room.patchAsset('B', { parent: 'A' }));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const tree = assetTree(a.room.assets.values());
    expect(tree.map((n) => [n.asset.code, n.children.map((c) => c.asset.code)])).toEqual([['A', ['B']]]);
  });

  it('barcodes are unique among assets and carry no spaces; spares list each SKU once', () => {
    const { room } = setup();
    value(room.createAsset({ code: 'P1', name: 'Pump 1', barcode: 'TAG-0001' }, mia));
    expect(room.createAsset({ code: 'P2', name: 'Pump 2', barcode: 'TAG-0001' }, mia)).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'barcode TAG-0001 is already the tag of asset P1',
    });
    value(room.createAsset({ code: 'P2', name: 'Pump 2', barcode: 'TAG-0002' }, mia));
    expect(room.patchAsset('P2', { barcode: 'TAG-0001' })).toMatchObject({ kind: 'conflict' });
    expect(room.patchAsset('P2', { barcode: 'TAG 3' })).toMatchObject({ kind: 'invalid' });
    expect(room.assetForBarcode('TAG-0002')?.code).toBe('P2');
    expect(
      room.createAsset(
        {
          code: 'P3',
          name: 'x',
          spares: [
            { sku: 'SEAL', quantity: 1 },
            { sku: 'SEAL', quantity: 2 },
          ],
        },
        mia,
      ),
    ).toMatchObject({ kind: 'invalid', message: 'spares.1.sku: SEAL is listed twice' });
    expect(room.createAsset({ code: 'P3', name: '', criticality: 'extreme' }, mia)).toMatchObject({
      kind: 'invalid',
      message: 'name: is required; criticality: must be one of low, medium, high, critical',
    });
  });

  it('checks locations and items against the catalog when given it', () => {
    const { room } = setup({
      locationExists: (c: string) => c === 'HALL-1',
      itemExists: (s: string) => s === 'SEAL',
    });
    expect(room.createAsset({ code: 'P1', name: 'x', location: 'HALL-9' }, mia)).toMatchObject({
      kind: 'not_found',
    });
    expect(
      room.createAsset(
        { code: 'P1', name: 'x', location: 'HALL-1', spares: [{ sku: 'GASKET', quantity: 1 }] },
        mia,
      ),
    ).toMatchObject({ kind: 'not_found', message: 'no item with SKU GASKET' });
    value(
      room.createAsset(
        { code: 'P1', name: 'x', location: 'HALL-1', spares: [{ sku: 'SEAL', quantity: 1 }] },
        mia,
      ),
    );
  });

  it('field-level merges: two planners edit different fields of one asset, both survive', () => {
    const a = setup();
    value(a.room.createAsset({ code: 'P1', name: 'Pump' }, mia));
    const b = setup();
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    value(a.room.patchAsset('P1', { criticality: 'high' }));
    value(b.room.patchAsset('P1', { name: 'Cooling pump' }));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.room.assets.get('P1')).toMatchObject({ name: 'Cooling pump', criticality: 'high' });
    expect(b.room.assets.get('P1')).toEqual(a.room.assets.get('P1'));
  });
});

describe('schedules', () => {
  it('need an existing asset; their due work orders skip assets out of service', () => {
    const { room } = setup();
    expect(
      room.createSchedule(
        { asset: 'P1', title: 'Grease', recurrence: { unit: 'days', every: 7 }, start: '2026-03-02' },
        mia,
      ),
    ).toMatchObject({ kind: 'not_found', message: 'no asset P1' });
    value(room.createAsset({ code: 'P1', name: 'Pump' }, mia));
    const s = value(
      room.createSchedule(
        {
          asset: 'P1',
          title: 'Grease',
          recurrence: { unit: 'weeks', every: 1, weekday: 1 },
          start: '2026-03-01',
        },
        mia,
        new Date('2026-02-20T10:00:00.000Z'),
      ),
    );
    expect(room.dueWorkOrders('2026-03-01').map((d) => d.due)).toEqual(['2026-03-02']);
    value(room.patchSchedule(s.id, { reserveDaysAhead: 8 }));
    expect(room.dueWorkOrders('2026-03-01').map((d) => d.due)).toEqual(['2026-03-02', '2026-03-09']);
    expect(room.patchSchedule(s.id, { recurrence: { unit: 'weeks', every: 1, weekday: 0 } })).toMatchObject({
      kind: 'invalid',
    });
    value(room.patchAsset('P1', { active: false }));
    expect(room.dueWorkOrders('2026-03-01')).toEqual([]);
  });
});

describe('critical spares', () => {
  const asset = (
    criticality: 'low' | 'medium' | 'high' | 'critical',
    spares: [string, number][],
    active = true,
  ) => ({
    criticality,
    active,
    spares: spares.map(([sku, quantity]) => ({ sku, quantity })),
  });

  it('an item’s effective minimum is at least the spares of the active critical and high assets using it', () => {
    const assets = [
      asset('critical', [
        ['SEAL', 2],
        ['BEARING', 1],
      ]),
      asset('high', [['SEAL', 1.5]]),
      asset('medium', [['SEAL', 10]]), // not critical: not counted
      asset('low', [['FILTER', 4]]),
      asset('critical', [['SEAL', 7]], false), // out of service
    ];
    expect(effectiveMinimums(assets)).toEqual(
      new Map([
        ['BEARING', 1],
        ['SEAL', 3.5],
      ]),
    );
    // With the items' own minimums: the larger of the two.
    const withItems = effectiveMinimums(
      assets,
      new Map([
        ['SEAL', 2],
        ['BEARING', 5],
        ['FILTER', null],
        ['OIL', 3],
      ]),
    );
    expect(withItems).toEqual(
      new Map([
        ['BEARING', 5],
        ['OIL', 3],
        ['SEAL', 3.5],
      ]),
    );
    expect(
      criticalSparesBelow(
        withItems,
        new Map([
          ['SEAL', 1],
          ['BEARING', 5],
          ['OIL', -1],
        ]),
      ),
    ).toEqual([
      { sku: 'OIL', minimum: 3, available: -1, shortfall: 4 },
      { sku: 'SEAL', minimum: 3.5, available: 1, shortfall: 2.5 },
    ]);
  });

  it('the room sums its assets', () => {
    const { room } = setup();
    value(
      room.createAsset(
        { code: 'P1', name: 'x', criticality: 'critical', spares: [{ sku: 'SEAL', quantity: 0.1 }] },
        mia,
      ),
    );
    value(
      room.createAsset(
        { code: 'P2', name: 'x', criticality: 'high', spares: [{ sku: 'SEAL', quantity: 0.2 }] },
        mia,
      ),
    );
    expect(room.criticalMinimums()).toEqual(new Map([['SEAL', 0.3]])); // summed exactly, not 0.30000000000000004
  });
});
