import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { itemLabel, type LabelSpec } from './label-content.ts';
import { labelFormat, mmToPt } from './label-formats.ts';
import { pdfSafeText, renderLabelsPdf } from './label-pdf.ts';

function labels(n: number): LabelSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const r = itemLabel(
      { sku: `SKU-${i}`, name: `Part ${i} – ünïcode ✓`, barcodes: [] },
      { symbology: 'code128' },
    );
    if (!r.ok) throw new Error(r.message);
    return r.value;
  });
}

describe('renderLabelsPdf', () => {
  it('makes A4 pages at exact physical size, as many as the labels need', async () => {
    const bytes = await renderLabelsPdf(labels(25), labelFormat('a4-l7160')!);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(2);
    const { width, height } = pdf.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 2);
    expect(height).toBeCloseTo(841.89, 2);
  });

  it('makes one 50 × 25 mm page per thermal label and Letter pages for US stock', async () => {
    const thermal = await PDFDocument.load(await renderLabelsPdf(labels(2), labelFormat('thermal-50x25')!));
    expect(thermal.getPageCount()).toBe(2);
    expect(thermal.getPage(1).getSize().width).toBeCloseTo(mmToPt(50), 6);
    expect(thermal.getPage(1).getSize().height).toBeCloseTo(mmToPt(25), 6);
    const letter = await PDFDocument.load(await renderLabelsPdf(labels(1), labelFormat('letter-5160')!));
    expect(letter.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('prints text Helvetica cannot encode as "?" instead of failing', () => {
    expect(pdfSafeText('Part – ✓ ü')).toBe('Part ? ? ü');
  });
});
