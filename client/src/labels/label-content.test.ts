import { describe, expect, it } from 'vitest';
import { itemGtin, itemLabel, locationLabel } from './label-content.ts';

const bolt = { sku: 'SKU-1001', name: 'Hex bolt M6', barcodes: ['OLD-1', '4006381333931'] };
const noGtin = { sku: 'SKU-2', name: 'Washer', barcodes: [] };

describe('item labels', () => {
  it('encode the SKU in Code 128, QR and Data Matrix', () => {
    for (const symbology of ['code128', 'qr', 'datamatrix'] as const) {
      const r = itemLabel(bolt, { symbology });
      expect(r.ok && r.value).toMatchObject({ data: 'SKU-1001', title: 'SKU-1001', lines: ['Hex bolt M6'] });
    }
  });

  it('use the item GTIN for EAN-13, and refuse items without one', () => {
    expect(itemGtin(bolt)).toBe('04006381333931');
    const r = itemLabel(bolt, { symbology: 'ean13' });
    expect(r.ok && r.value.data).toBe('4006381333931');
    const none = itemLabel(noGtin, { symbology: 'ean13' });
    expect(none.ok).toBe(false);
    expect(!none.ok && none.message).toMatch(/no EAN-13/);
  });

  it('build GS1-128 with GTIN, expiry and lot, or the SKU as part number without a GTIN', () => {
    const r = itemLabel(bolt, { symbology: 'gs1-128', lot: 'L42', expiry: '2027-12-31' });
    expect(r.ok && r.value).toMatchObject({
      data: '(01)04006381333931(17)271231(10)L42',
      lines: ['Hex bolt M6', 'Lot L42  Exp 2027-12-31'],
    });
    const p = itemLabel(noGtin, { symbology: 'gs1-datamatrix', lot: 'A' });
    expect(p.ok && p.value.data).toBe('(241)SKU-2(10)A');
  });

  it('refuse a lot GS1 cannot carry and a malformed expiry', () => {
    expect(itemLabel(bolt, { symbology: 'gs1-128', lot: 'L#1' }).ok).toBe(false);
    expect(itemLabel(bolt, { symbology: 'gs1-128', lot: 'X'.repeat(21) }).ok).toBe(false);
    expect(itemLabel(bolt, { symbology: 'gs1-128', expiry: '31/12/2027' }).ok).toBe(false);
  });
});

describe('location labels', () => {
  it('encode the bin barcode when set, else its code', () => {
    const a = locationLabel({ code: 'A-01', name: 'Aisle A bin 1', barcode: 'LOC:A-01' }, 'code128');
    expect(a.ok && a.value).toMatchObject({ data: 'LOC:A-01', title: 'A-01', lines: ['Aisle A bin 1'] });
    const b = locationLabel({ code: 'A-02', name: '', barcode: null }, 'qr');
    expect(b.ok && b.value).toMatchObject({ data: 'A-02', lines: [] });
    expect(locationLabel({ code: 'A-02', name: '', barcode: null }, 'ean13').ok).toBe(false);
  });
});
