import { describe, expect, it } from 'vitest';
import { LABEL_FORMATS, labelFormat, MM_TO_PT, mmToPt } from './label-formats.ts';
import { layoutLabelContent, layoutLabels, symbolRectangles } from './layout.ts';
import { symbolModules } from './symbol-modules.ts';

const L7160 = labelFormat('a4-l7160')!;
const THERMAL = labelFormat('thermal-50x25')!;

describe('layoutLabels', () => {
  it('fills an A4 21-up sheet left to right, top to bottom, at the template positions', () => {
    const [page, ...rest] = layoutLabels(L7160, 21);
    expect(rest).toEqual([]);
    expect(page!.slots).toHaveLength(21);
    expect(page!.slots[0]).toEqual({ label: 0, x: 7.21, y: 15.15, width: 63.5, height: 38.1 });
    expect(page!.slots[1]).toMatchObject({ x: 7.21 + 66.04, y: 15.15 });
    expect(page!.slots[3]).toMatchObject({ x: 7.21, y: 15.15 + 38.1 });
    const last = page!.slots[20]!;
    expect(last.x).toBeCloseTo(7.21 + 2 * 66.04);
    expect(last.y).toBeCloseTo(15.15 + 6 * 38.1);
  });

  it('starts a new sheet when one is full', () => {
    const pages = layoutLabels(L7160, 23);
    expect(pages.map((p) => p.slots.length)).toEqual([21, 2]);
    expect(pages[1]!.slots[0]).toMatchObject({ label: 21, x: 7.21, y: 15.15 });
  });

  it('skips the used positions of a partly used first sheet', () => {
    const pages = layoutLabels(L7160, 3, { skip: 20 });
    expect(pages.map((p) => p.slots.map((s) => s.label))).toEqual([[0], [1, 2]]);
    expect(pages[0]!.slots[0]).toMatchObject({
      y: expect.closeTo(15.15 + 6 * 38.1),
      x: expect.closeTo(7.21 + 2 * 66.04),
    });
  });

  it('puts one thermal label per page, the page being the label', () => {
    const pages = layoutLabels(THERMAL, 3);
    expect(pages).toHaveLength(3);
    for (const p of pages)
      expect(p.slots).toEqual([expect.objectContaining({ x: 0, y: 0, width: 50, height: 25 })]);
  });

  it('every sheet format keeps every label on its page', () => {
    for (const f of LABEL_FORMATS) {
      for (const s of layoutLabels(f, f.columns * f.rows)[0]!.slots) {
        expect(s.x).toBeGreaterThanOrEqual(0);
        expect(s.y).toBeGreaterThanOrEqual(0);
        expect(s.x + s.width).toBeLessThanOrEqual(f.page.width + 1e-9);
        expect(s.y + s.height).toBeLessThanOrEqual(f.page.height + 1e-9);
      }
    }
  });

  it('converts millimetres to points exactly', () => {
    expect(MM_TO_PT).toBeCloseTo(2.834645669, 9);
    expect(mmToPt(210)).toBeCloseTo(595.2756, 3);
    expect(mmToPt(50)).toBeCloseTo(141.7323, 3);
    expect(mmToPt(25.4)).toBe(72);
  });
});

describe('layoutLabelContent', () => {
  const content = { title: 'SKU-1001', lines: ['Hex bolt M6'], hri: 'SKU-1001' };

  it('fits a Code 128 with its quiet zones inside a 50 × 25 mm thermal label, in whole printer dots', () => {
    const modules = symbolModules('code128', 'SKU-1001');
    const layout = layoutLabelContent({ width: 50, height: 25 }, content, modules, THERMAL.dotMm);
    const dots = layout.symbol.module / THERMAL.dotMm!;
    expect(Math.abs(dots - Math.round(dots))).toBeLessThan(1e-9);
    expect(layout.symbol.x - layout.quietZone).toBeGreaterThanOrEqual(0);
    expect(layout.symbol.x + layout.symbol.width + layout.quietZone).toBeLessThanOrEqual(50);
    expect(layout.quietZone).toBeCloseTo(10 * layout.symbol.module);
    expect(layout.symbol.y + layout.symbol.height).toBeLessThanOrEqual(25);
    expect(layout.symbol.height).toBeGreaterThan(5);
    expect(layout.tooDense).toBe(false);
    expect(layout.texts.map((t) => t.text)).toEqual(['SKU-1001', 'Hex bolt M6', 'SKU-1001']);
  });

  it('puts a square 2D code on the left with the text beside it', () => {
    const modules = symbolModules('datamatrix', 'BIN-A-01');
    const layout = layoutLabelContent(
      { width: 63.5, height: 38.1 },
      { ...content, title: 'BIN-A-01' },
      modules,
    );
    expect(layout.symbol.width).toBeCloseTo(layout.symbol.height);
    expect(layout.symbol.y + layout.symbol.height).toBeLessThanOrEqual(38.1);
    for (const t of layout.texts) expect(t.x).toBeGreaterThan(layout.symbol.x + layout.symbol.width);
  });

  it('flags a code too dense for the label', () => {
    const modules = symbolModules(
      'gs1-128',
      '(01)09501101530003(17)271231(10)ABCDEFGHIJKLMNOPQRST(21)12345678901234567890',
    );
    expect(layoutLabelContent({ width: 38.1, height: 21.2 }, content, modules).tooDense).toBe(true);
  });

  it('draws one rectangle per bar, and runs of matrix cells as one rectangle', () => {
    const linear = symbolModules('code128', 'A1');
    const layout = layoutLabelContent({ width: 50, height: 25 }, content, linear);
    const bars = symbolRectangles(linear, layout.symbol);
    expect(bars).toHaveLength(linear.kind === 'linear' ? linear.bars.length : -1);
    expect(bars[0]!.x).toBeCloseTo(layout.symbol.x);
    const matrix = symbolModules('qr', 'A1');
    const cells = matrix.kind === 'matrix' ? [...matrix.dark].filter(Boolean).length : 0;
    const rects = symbolRectangles(
      matrix,
      layoutLabelContent({ width: 50, height: 25 }, content, matrix).symbol,
    );
    expect(rects.length).toBeLessThan(cells);
  });
});
