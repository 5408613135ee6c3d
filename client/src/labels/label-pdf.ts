import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { LabelSpec } from './label-content.ts';
import { type LabelFormat, mmToPt } from './label-formats.ts';
import { layoutLabelContent, layoutLabels, symbolRectangles } from './layout.ts';
import { symbolModules } from './symbol-modules.ts';

/** Helvetica in PDFs only has WinAnsi characters: anything else prints as "?" instead of failing. */
export function pdfSafeText(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function fitted(
  font: PDFFont,
  text: string,
  sizePt: number,
  maxWidthPt: number,
): { text: string; size: number } {
  const safe = pdfSafeText(text);
  const width = font.widthOfTextAtSize(safe, sizePt);
  if (width <= maxWidthPt || maxWidthPt <= 0) return { text: safe, size: sizePt };
  // Shrink down to 70 %, then cut with an ellipsis.
  const shrunk = Math.max(sizePt * 0.7, (sizePt * maxWidthPt) / width);
  if (font.widthOfTextAtSize(safe, shrunk) <= maxWidthPt) return { text: safe, size: shrunk };
  let out = safe;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}...`, shrunk) > maxWidthPt) out = out.slice(0, -1);
  return { text: `${out}...`, size: shrunk };
}

/**
 * The labels as a PDF at exact physical size (1 mm = 72/25.4 pt; print at 100 %, not "fit to
 * page"). Bars and modules are vector rectangles, so they stay sharp on any printer.
 */
export async function renderLabelsPdf(
  labels: readonly LabelSpec[],
  format: LabelFormat,
  options: { skip?: number; title?: string } = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(options.title ?? 'Stockroom labels');
  pdf.setCreator('Stockroom');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const black = rgb(0, 0, 0);
  const pageHeight = mmToPt(format.page.height);

  for (const pageLayout of layoutLabels(format, labels.length, options)) {
    const page = pdf.addPage([mmToPt(format.page.width), pageHeight]);
    for (const slot of pageLayout.slots) {
      const spec = labels[slot.label]!;
      const modules = symbolModules(spec.symbology, spec.data);
      const content = layoutLabelContent(slot, spec, modules, format.dotMm);
      for (const r of symbolRectangles(modules, content.symbol)) {
        page.drawRectangle({
          x: mmToPt(slot.x + r.x),
          y: pageHeight - mmToPt(slot.y + r.y + r.height),
          width: mmToPt(r.width),
          height: mmToPt(r.height),
          color: black,
        });
      }
      for (const t of content.texts) {
        const font = t.bold ? bold : regular;
        const { text, size } = fitted(font, t.text, mmToPt(t.size), mmToPt(t.maxWidth));
        page.drawText(text, {
          x: mmToPt(slot.x + t.x),
          y: pageHeight - mmToPt(slot.y + t.y),
          size,
          font,
          color: black,
        });
      }
    }
  }
  return pdf.save();
}
