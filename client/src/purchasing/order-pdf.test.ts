// @vitest-environment node
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { blank, toRgba } from '../../../tests/scanning/fixtures/gray-image.ts';
import { nodeEngines } from '../../../tests/scanning/fixtures/node-engines.ts';
import { money, orderBarcode, renderOrderPdf } from './order-pdf.ts';
import { sentOrder } from './test-fixtures.ts';

const ctx = {
  supplierName: 'Acme',
  supplierContact: 'orders@acme.test',
  itemName: (sku: string) => `Item ${sku} – ✓`,
  supplierSku: () => '',
  unit: () => 'ea',
  note: 'Deliver to gate 2\nMornings only',
  generatedAt: new Date('2026-03-05T08:00:00Z'),
};

describe('order PDF', () => {
  it('is one A4 page for a short order, titled with the number', async () => {
    const { order } = sentOrder();
    const bytes = await renderOrderPdf({ ...order(), number: 'PO-2026-0001' }, ctx);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Purchase order PO-2026-0001');
    expect(pdf.getPage(0).getSize().width).toBeCloseTo(595.28, 1);
  });

  it('continues long orders on further pages', async () => {
    const { order } = sentOrder(
      Array.from({ length: 70 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i + 1, unitCost: 1.25 })),
    );
    const pdf = await PDFDocument.load(await renderOrderPdf(order(), ctx));
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toBe('Purchase order number pending');
  });

  it('prints prices with two decimals unless they have more', () => {
    expect(money(5)).toBe('5.00');
    expect(money(0.045)).toBe('0.045');
    expect(money(1234.5)).toBe('1234.50');
  });

  it('prints a Code 128 of the order id that scans back to the id', async () => {
    const { id } = sentOrder();
    const code = orderBarcode(id);
    expect(code.width).toBeLessThan(90); // fits beside the title on A4
    // A 200 dpi print (8 px a mm), white paper around it.
    const px = 8;
    const img = blank(Math.round((code.width + 10) * px), Math.round((code.height + 10) * px));
    for (const [x, w] of code.bars) {
      const x0 = Math.round((x + 5) * px);
      const x1 = Math.round((x + w + 5) * px);
      for (let y = 5 * px; y < Math.round((code.height + 5) * px); y++)
        img.data.fill(0, y * img.width + x0, y * img.width + x1);
    }
    const found = await nodeEngines()['zxing-wasm'].decode(toRgba(img));
    expect(found.map((c) => c.text)).toContain(id);
  });
});
