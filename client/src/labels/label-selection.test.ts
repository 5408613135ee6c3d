import { describe, expect, it } from 'vitest';
import { labelFormat } from './label-formats.ts';
import { buildLabelBatch } from './label-selection.ts';

const items = [
  { sku: 'SKU-1', name: 'Bolt', barcodes: ['4006381333931'] },
  { sku: 'SKU-2', name: 'Nut', barcodes: [] },
];

describe('buildLabelBatch', () => {
  it('repeats each label for the copies asked, and lists what cannot be made', () => {
    const batch = buildLabelBatch({ items }, { symbology: 'ean13', copies: 3 }, labelFormat('a4-l7160')!);
    expect(batch.labels.map((l) => l.title)).toEqual(['SKU-1', 'SKU-1', 'SKU-1']);
    expect(batch.problems).toEqual([{ key: 'item:SKU-2', message: 'SKU-2 has no EAN-13 (GTIN-13) barcode' }]);
  });

  it('refuses codes too dense for the label size', () => {
    const batch = buildLabelBatch(
      { items },
      { symbology: 'gs1-128', copies: 1, lot: 'LOT-12345', expiry: '2027-12-31' },
      labelFormat('thermal-50x25')!,
    );
    expect(batch.labels).toEqual([]);
    expect(batch.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/too long for this label size/),
      expect.stringMatching(/too long for this label size/),
    ]);
  });

  it('makes bin labels', () => {
    const batch = buildLabelBatch(
      { locations: [{ code: 'A-01', name: '', barcode: null }] },
      { symbology: 'qr', copies: 1 },
      labelFormat('letter-5160')!,
    );
    expect(batch.labels.map((l) => l.data)).toEqual(['A-01']);
  });
});
