import { Catalog } from '@stockroom/shared/catalog/catalog';
import { createScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ScanState, scanAction } from './count-scan.ts';

const actor = { user: 'maria', device: 'desk' };

function setup() {
  const catalog = new Catalog(new Y.Doc());
  const must = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => {
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  must(
    catalog.createItem(
      {
        sku: 'BOLT',
        name: 'Bolt',
        barcodes: ['4006381333931'],
        packs: [
          { barcode: 'BOX-50', quantity: 50, name: 'box' },
          { barcode: '14006381333938', quantity: 500 },
        ],
      },
      actor,
    ),
  );
  must(catalog.createItem({ sku: 'WASHER', name: 'Washer', barcodes: ['09501101530003'] }, actor));
  must(catalog.createLocation({ code: 'S', kind: 'site' }, actor));
  must(catalog.createLocation({ code: 'B1', kind: 'bin', parent: 'S', barcode: 'LOC-B1' }, actor));
  must(catalog.createLocation({ code: 'B2', kind: 'bin', parent: 'S' }, actor));
  const resolver = new ScanResolver(catalog);
  const act = (raw: string, state: Partial<ScanState> = {}) => {
    const scan = createScanEvent({ raw, source: 'wedge', at: new Date('2026-03-15T00:00:00Z') });
    return scanAction(scan, resolver.resolve(scan), {
      location: 'B1',
      inScope: (code) => code === 'B1',
      keypad: null,
      ...state,
    });
  };
  return { act };
}

describe('scanAction', () => {
  it('moves to a scanned location in scope and refuses one outside it', () => {
    const { act } = setup();
    expect(act('LOC-B1', { location: null })).toEqual({ kind: 'location', location: 'B1' });
    expect(act('B2')).toEqual({ kind: 'error', message: 'B2 is not part of this stocktake' });
  });

  it('asks for a location before counting items', () => {
    const { act } = setup();
    expect(act('4006381333931', { location: null })).toEqual({
      kind: 'error',
      message: 'Scan or pick a location first',
    });
  });

  it('counts 1 per item scan, or the keypad quantity', () => {
    const { act } = setup();
    expect(act('4006381333931')).toEqual({ kind: 'count', sku: 'BOLT', quantity: 1, source: 'scan' });
    expect(act('BOLT', { keypad: 24 })).toEqual({
      kind: 'count',
      sku: 'BOLT',
      quantity: 24,
      source: 'keypad',
    });
  });

  it('counts the quantity a GS1 label states (AI 30 and 37) with its lot', () => {
    const { act } = setup();
    expect(act('(01)09501101530003(30)12')).toEqual({
      kind: 'count',
      sku: 'WASHER',
      quantity: 12,
      source: 'gs1',
    });
    expect(act('(02)09501101530003(37)40(10)L7')).toMatchObject({
      kind: 'count',
      quantity: 40,
      source: 'gs1',
      lot: 'L7',
    });
    // A quantity typed on the keypad wins over the label's.
    expect(act('(01)09501101530003(30)12', { keypad: 2 })).toMatchObject({ quantity: 2, source: 'keypad' });
  });

  it('counts a pack barcode as its pack quantity, and keypad packs times that', () => {
    const { act } = setup();
    expect(act('BOX-50')).toEqual({ kind: 'count', sku: 'BOLT', quantity: 50, source: 'scan', pack: 50 });
    expect(act('BOX-50', { keypad: 3 })).toEqual({
      kind: 'count',
      sku: 'BOLT',
      quantity: 150,
      source: 'keypad',
      pack: 50,
    });
    expect(act('BOX-50', { keypad: 0.5 })).toMatchObject({ quantity: 25 });
    // The case's GTIN inside a GS1 label: the case quantity, and its lot.
    expect(act('(01)14006381333938(10)L1')).toEqual({
      kind: 'count',
      sku: 'BOLT',
      quantity: 500,
      source: 'scan',
      lot: 'L1',
      pack: 500,
    });
    // A GS1 count (AI 30) states the units inside: taken as it is.
    expect(act('(01)14006381333938(30)480')).toEqual({
      kind: 'count',
      sku: 'BOLT',
      quantity: 480,
      source: 'gs1',
    });
    // The unit barcode still counts one.
    expect(act('4006381333931')).toEqual({ kind: 'count', sku: 'BOLT', quantity: 1, source: 'scan' });
  });

  it('records unknown codes instead of rejecting them, by GTIN for GS1 labels', () => {
    const { act } = setup();
    expect(act('NO-SUCH-THING')).toEqual({
      kind: 'count',
      barcode: 'NO-SUCH-THING',
      quantity: 1,
      source: 'scan',
    });
    expect(act('(01)00012345600012(30)5')).toEqual({
      kind: 'count',
      barcode: '00012345600012',
      quantity: 5,
      source: 'gs1',
    });
  });

  it('refuses a label stating a quantity of 0', () => {
    const { act } = setup();
    expect(act('(01)09501101530003(30)0')).toEqual({
      kind: 'error',
      message: 'The label states a quantity of 0',
    });
  });
});
