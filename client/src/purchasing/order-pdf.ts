import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { mmToPt } from '../labels/label-formats.ts';
import { pdfSafeText } from '../labels/label-pdf.ts';
import { symbolModules } from '../labels/symbol-modules.ts';
import { lineTotal, type OrderDocumentContext } from './order-csv.ts';
import { ORDER_STATUS_LABEL, orderNumber } from './status.ts';

const A4 = { width: mmToPt(210), height: mmToPt(297) };
const MARGIN = mmToPt(15);
/** Code 128 at 0.25 mm a module (10 mil, the usual print density): what handheld and phone scanners read. */
const MODULE_MM = 0.25;
const BAR_HEIGHT_MM = 14;
const ROW = 15;
const black = rgb(0, 0, 0);
const grey = rgb(0.4, 0.4, 0.4);

export interface OrderPdfContext extends OrderDocumentContext {
  supplierContact?: string;
  note?: string;
  generatedAt?: Date;
}

/** Plain figures for a printed order: 2 decimals for money unless the price has more (0.045). */
export function money(n: number): string {
  return Math.abs(n * 100 - Math.round(n * 100)) < 1e-6 ? n.toFixed(2) : String(Number(n.toFixed(4)));
}

export interface OrderBarcode {
  /** Whole symbol with its quiet zones, in mm. */
  width: number;
  height: number;
  /** Bars as [x, width] in mm from the symbol's left edge (quiet zone included). */
  bars: [number, number][];
}

/** The Code 128 of an order id as the PDF prints it (scanning it on the purchase orders list opens the order). */
export function orderBarcode(id: string): OrderBarcode {
  const modules = symbolModules('code128', id);
  if (modules.kind !== 'linear') throw new Error('Code 128 is a linear symbol');
  return {
    width: (modules.width + 2 * modules.quiet) * MODULE_MM,
    height: BAR_HEIGHT_MM,
    bars: modules.bars.map(([start, w]) => [(modules.quiet + start) * MODULE_MM, w * MODULE_MM]),
  };
}

function fit(font: PDFFont, text: string, size: number, maxWidth: number): string {
  let out = pdfSafeText(text);
  if (font.widthOfTextAtSize(out, size) <= maxWidth) return out;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}...`, size) > maxWidth) out = out.slice(0, -1);
  return `${out}...`;
}

interface Column {
  title: string;
  width: number;
  align?: 'right';
  cell: (l: OrderView['lines'][number]) => string;
}

/**
 * The purchase order as an A4 PDF, made in the browser (works offline): header with the
 * number, supplier and dates; a Code 128 barcode of the order id (scanning it on the
 * purchase orders list opens the order for receiving); the lines; the total.
 */
export async function renderOrderPdf(order: OrderView, ctx: OrderPdfContext): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Purchase order ${orderNumber(order)}`);
  pdf.setCreator('Stockroom');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const text = (page: PDFPage, s: string, x: number, y: number, size = 10, font = regular, color = black) =>
    page.drawText(pdfSafeText(s), { x, y, size, font, color });
  const right = (page: PDFPage, s: string, xRight: number, y: number, size = 10, font = regular) => {
    const safe = pdfSafeText(s);
    page.drawText(safe, { x: xRight - font.widthOfTextAtSize(safe, size), y, size, font, color: black });
  };

  let page = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;

  // Header: title and number on the left, the order id's barcode on the right.
  text(page, 'Purchase order', MARGIN, y - 20, 20, bold);
  text(page, orderNumber(order), MARGIN, y - 42, 14, bold);
  text(page, `Order id ${order.id}`, MARGIN, y - 58, 9, regular, grey);
  const barcode = orderBarcode(order.id);
  const x0 = A4.width - MARGIN - mmToPt(barcode.width);
  const barTop = y;
  for (const [x, width] of barcode.bars)
    page.drawRectangle({
      x: x0 + mmToPt(x),
      y: barTop - mmToPt(barcode.height),
      width: mmToPt(width),
      height: mmToPt(barcode.height),
      color: black,
    });
  const idWidth = regular.widthOfTextAtSize(order.id, 8);
  text(page, order.id, x0 + (mmToPt(barcode.width) - idWidth) / 2, barTop - mmToPt(barcode.height) - 10, 8);
  y -= 80;

  // Supplier and order facts.
  const facts: [string, string][] = [
    ['Supplier', `${order.supplier}${ctx.supplierName ? ` - ${ctx.supplierName}` : ''}`],
    ...(ctx.supplierContact ? ([['Contact', ctx.supplierContact]] as [string, string][]) : []),
    ['Status', ORDER_STATUS_LABEL[order.status]],
    ['Created', `${order.createdAt.slice(0, 10)} by ${order.createdBy}`],
    ['Sent', order.sentAt ? order.sentAt.slice(0, 10) : 'not yet'],
    ['Expected', order.expectedAt ?? 'see lines'],
  ];
  for (const [k, v] of facts) {
    text(page, k, MARGIN, y, 10, bold);
    text(page, fit(regular, v, 10, A4.width - 2 * MARGIN - 70), MARGIN + 70, y);
    y -= 14;
  }
  y -= 10;

  const columns: Column[] = [
    { title: '#', width: 22, cell: (l) => l.line },
    { title: 'SKU', width: 80, cell: (l) => l.sku },
    { title: 'Supplier SKU', width: 70, cell: (l) => ctx.supplierSku(l.sku) },
    { title: 'Item', width: 100, cell: (l) => ctx.itemName(l.sku) },
    { title: 'Qty', width: 45, align: 'right', cell: (l) => String(l.quantity) },
    { title: 'Unit', width: 30, cell: (l) => ctx.unit(l.sku) },
    { title: 'Unit cost', width: 50, align: 'right', cell: (l) => money(l.unitCost) },
    { title: 'Total', width: 55, align: 'right', cell: (l) => money(lineTotal(l)) },
  ];
  const used = columns.reduce((n, c) => n + c.width, 0);
  columns.push({ title: 'Expected', width: A4.width - 2 * MARGIN - used, cell: (l) => l.expectedAt ?? '' });

  const drawRow = (cells: string[], font: PDFFont) => {
    let x = MARGIN;
    columns.forEach((c, i) => {
      const s = fit(font, cells[i] ?? '', 9, c.width - 6);
      if (c.align === 'right') right(page, s, x + c.width - 4, y, 9, font);
      else text(page, s, x, y, 9, font);
      x += c.width;
    });
    y -= ROW;
  };
  const rule = () =>
    page.drawLine({
      start: { x: MARGIN, y: y + ROW - 4 },
      end: { x: A4.width - MARGIN, y: y + ROW - 4 },
      thickness: 0.5,
      color: grey,
    });
  const header = () => {
    drawRow(
      columns.map((c) => c.title),
      bold,
    );
    rule();
  };
  header();
  for (const l of order.lines) {
    if (y < MARGIN + 3 * ROW) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN - 10;
      text(page, `Purchase order ${orderNumber(order)} (continued)`, MARGIN, y, 10, bold);
      y -= 2 * ROW;
      header();
    }
    drawRow(
      columns.map((c) => c.cell(l)),
      regular,
    );
  }
  rule();
  right(page, `Total ${money(order.total)}`, A4.width - MARGIN, y - 4, 11, bold);
  y -= 2 * ROW;
  if (ctx.note) {
    text(page, 'Note', MARGIN, y, 10, bold);
    y -= 14;
    for (const line of ctx.note.split(/\r?\n/).slice(0, 20)) {
      if (y < MARGIN) break;
      text(page, fit(regular, line, 9, A4.width - 2 * MARGIN), MARGIN, y, 9);
      y -= 12;
    }
  }
  const pages = pdf.getPages();
  const generated = (ctx.generatedAt ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  pages.forEach((p, i) => {
    p.drawText(pdfSafeText(`Stockroom - ${generated} UTC - page ${i + 1} of ${pages.length}`), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 7,
      font: regular,
      color: grey,
    });
  });
  return pdf.save();
}
