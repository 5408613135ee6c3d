// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyItemForm, formToInput } from './item-form.ts';
import { itemFormFromBarcode } from './item-prefill.ts';

const GS = '\u001d';

describe('new item from an unknown barcode', () => {
  it('takes a plain code as the item’s barcode, and nothing else', () => {
    expect(itemFormFromBarcode(' MYSTERY-1 ')).toEqual({ values: { barcodes: 'MYSTERY-1' }, notes: [] });
  });

  it('keeps an EAN/UPC as printed and says it is a GTIN', () => {
    expect(itemFormFromBarcode('4006381333931')).toEqual({
      values: { barcodes: '4006381333931' },
      notes: ['GTIN 04006381333931 (check digit valid)'],
    });
    // A wrong check digit is no GTIN: kept as a plain code.
    expect(itemFormFromBarcode('4006381333932').notes).toEqual([]);
  });

  it('stores only the GTIN of a GS1 label, tracked by the lot or serial the label carries, in its measure’s unit', () => {
    const lot = itemFormFromBarcode(`]C10109501101530003${GS}10LOT-7${GS}17270131`);
    expect(lot.values).toEqual({ barcodes: '09501101530003', tracking: 'lot' });
    expect(lot.notes).toContain('Counted with lot LOT-7: tracked by lot');
    expect(itemFormFromBarcode('(01)09501101530003(21)SN-1').values).toMatchObject({ tracking: 'serial' });
    const weighed = itemFormFromBarcode('(01)09501101530003(3103)001250');
    expect(weighed.values).toEqual({ barcodes: '09501101530003', unit: 'kg' });
    expect(weighed.notes).toContain('Labelled with NET WEIGHT (kg): unit kg');
  });

  it('uses the lot the counters recorded with the code', () => {
    expect(itemFormFromBarcode('00012345600012', { lot: 'L1' }).values).toEqual({
      barcodes: '00012345600012',
      tracking: 'lot',
    });
  });

  it('points out a case GTIN (indicator 1–8) that may be another item’s pack, and in-store numbers', () => {
    expect(itemFormFromBarcode('14006381333938').notes[1]).toMatch(/^Indicator digit 1: .* pack barcode/);
    expect(itemFormFromBarcode('2012345000018').notes).toContain(
      'A restricted-circulation number (in-store code), not a worldwide GTIN',
    );
  });

  it('fills a form the catalog accepts once the person names the item', () => {
    const catalog = new Catalog(new Y.Doc());
    const { values } = itemFormFromBarcode('(01)09501101530003(10)B1');
    const created = catalog.createItem(
      formToInput({ ...emptyItemForm(), ...values, sku: 'GLUE', name: 'Glue' }).input,
      { user: 'maria', device: 'desk' },
    );
    expect(created.ok && created.value).toMatchObject({
      sku: 'GLUE',
      barcodes: ['09501101530003'],
      tracking: 'lot',
    });
    expect(catalog.skuForCode('09501101530003')).toBe('GLUE');
  });
});
