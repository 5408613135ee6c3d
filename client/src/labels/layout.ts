import type { LabelFormat } from './label-formats.ts';
import type { SymbolModules } from './symbol-modules.ts';

/** A rectangle in millimetres, origin at the top-left (of the page, or of the label). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelSlot extends Box {
  /** Which label of the list goes here. */
  label: number;
}

export interface PageLayout {
  slots: LabelSlot[];
}

/**
 * Where each of `count` labels goes on the sheets of `format`: left to right, top to bottom,
 * a new page when a sheet is full. `skip` leaves the first positions of the first sheet empty
 * (a sheet that is partly used already).
 */
export function layoutLabels(
  format: LabelFormat,
  count: number,
  options: { skip?: number } = {},
): PageLayout[] {
  const perPage = format.columns * format.rows;
  const skip = Math.max(0, Math.min(perPage - 1, Math.floor(options.skip ?? 0)));
  const pages: PageLayout[] = [];
  for (let label = 0; label < count; label++) {
    const position = label + skip;
    const pageIndex = Math.floor(position / perPage);
    const onPage = position % perPage;
    const column = onPage % format.columns;
    const row = Math.floor(onPage / format.columns);
    while (pages.length <= pageIndex) pages.push({ slots: [] });
    pages[pageIndex]!.slots.push({
      label,
      x: format.margin.left + column * format.pitch.x,
      y: format.margin.top + row * format.pitch.y,
      width: format.label.width,
      height: format.label.height,
    });
  }
  return pages;
}

export interface TextRun {
  text: string;
  /** Left edge and baseline, mm from the label's top-left. */
  x: number;
  y: number;
  /** Font size (em) in mm. */
  size: number;
  bold: boolean;
  /** Width the text must fit in, mm (the renderer shrinks it if needed). */
  maxWidth: number;
}

export interface LabelContentLayout {
  /** The symbol without its quiet zone, with its module size, mm. */
  symbol: Box & { module: number };
  /** The quiet zone is inside the label: reported so tests (and the preview) can check it. */
  quietZone: number;
  texts: TextRun[];
  /** The module is below what scanners read reliably (0.17 mm): use a bigger label or a shorter code. */
  tooDense: boolean;
}

const MIN_MODULE_MM = 0.17;

function snap(module: number, dotMm: number | undefined): number {
  if (!dotMm) return module;
  const dots = Math.floor(module / dotMm + 1e-9);
  return dots >= 1 ? dots * dotMm : module;
}

/**
 * Inside one label: a linear code spans the width under the title and lines, with its HRI
 * text below; a 2D code sits square on the left with the text beside it. Module sizes are
 * whole printer dots on thermal stock, and the standard quiet zone always fits.
 */
export function layoutLabelContent(
  label: { width: number; height: number },
  content: { title: string; lines: string[]; hri: string },
  modules: SymbolModules,
  dotMm?: number,
): LabelContentLayout {
  const pad = Math.max(1.2, Math.min(label.width, label.height) * 0.05);
  const innerW = label.width - 2 * pad;
  const innerH = label.height - 2 * pad;
  const titleSize = Math.min(innerH * 0.17, 5);
  const lineSize = Math.min(innerH * 0.11, 3.2);
  const texts: TextRun[] = [];

  if (modules.kind === 'linear') {
    const totalModules = modules.width + 2 * modules.quiet;
    // The quiet zones are blank, so they may run into the padding (to 0.25 mm from the edge).
    const module = snap((label.width - 0.5) / totalModules, dotMm);
    const symbolW = module * modules.width;
    let y = pad + titleSize * 0.8;
    texts.push({ text: content.title, x: pad, y, size: titleSize, bold: true, maxWidth: innerW });
    const lines = content.lines.slice(0, label.height >= 30 ? 2 : 1);
    for (const line of lines) {
      y += lineSize * 1.15;
      texts.push({ text: line, x: pad, y, size: lineSize, bold: false, maxWidth: innerW });
    }
    const hriSize = Math.min(lineSize, 2.8);
    const top = y + lineSize * 0.5;
    const bottom = label.height - pad - hriSize * 1.1;
    const height = Math.max(bottom - top, Math.min(innerH, 4));
    const x = (label.width - symbolW) / 2;
    texts.push({
      text: content.hri,
      x: pad,
      y: label.height - pad,
      size: hriSize,
      bold: false,
      maxWidth: innerW,
    });
    return {
      symbol: { x, y: top, width: symbolW, height, module },
      quietZone: module * modules.quiet,
      texts,
      tooDense: module < MIN_MODULE_MM,
    };
  }

  const side = Math.min(innerH, innerW * 0.45);
  const module = snap(side / (Math.max(modules.columns, modules.rows) + 2 * modules.quiet), dotMm);
  const width = module * modules.columns;
  const height = module * modules.rows;
  const quiet = module * modules.quiet;
  const symbol = { x: pad + quiet, y: (label.height - height) / 2, width, height, module };
  const textX = symbol.x + width + quiet + pad * 0.5;
  const textW = label.width - pad - textX;
  let y = pad + titleSize * 0.8;
  texts.push({ text: content.title, x: textX, y, size: titleSize, bold: true, maxWidth: textW });
  for (const line of content.lines.slice(0, label.height >= 30 ? 3 : 2)) {
    y += lineSize * 1.15;
    texts.push({ text: line, x: textX, y, size: lineSize, bold: false, maxWidth: textW });
  }
  if (content.hri !== content.title) {
    texts.push({
      text: content.hri,
      x: textX,
      y: label.height - pad,
      size: Math.min(lineSize, 2.6),
      bold: false,
      maxWidth: textW,
    });
  }
  return { symbol, quietZone: quiet, texts, tooDense: module < MIN_MODULE_MM };
}

/** Dark module runs as rectangles in mm (label coordinates): one per bar, one per horizontal run of cells. */
export function symbolRectangles(modules: SymbolModules, symbol: LabelContentLayout['symbol']): Box[] {
  const m = symbol.module;
  if (modules.kind === 'linear') {
    return modules.bars.map(([start, w]) => ({
      x: symbol.x + start * m,
      y: symbol.y,
      width: w * m,
      height: symbol.height,
    }));
  }
  const boxes: Box[] = [];
  for (let r = 0; r < modules.rows; r++) {
    let c = 0;
    while (c < modules.columns) {
      if (!modules.dark[r * modules.columns + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < modules.columns && modules.dark[r * modules.columns + c]) c++;
      boxes.push({ x: symbol.x + start * m, y: symbol.y + r * m, width: (c - start) * m, height: m });
    }
  }
  return boxes;
}
