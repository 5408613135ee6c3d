// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { itemLabel, type LabelSpec, locationLabel } from '../../client/src/labels/label-content.ts';
import { LABEL_FORMATS } from '../../client/src/labels/label-formats.ts';
import { layoutLabelContent } from '../../client/src/labels/layout.ts';
import { type LabelSymbology, symbolModules } from '../../client/src/labels/symbol-modules.ts';
import { parseScannedGs1 } from '../../shared/src/scanning/gs1/gs1.ts';
import { gs1Hri } from '../../shared/src/scanning/gs1/gs1-data.ts';
import { toRgba } from './fixtures/gray-image.ts';
import { rasterizeLabel } from './fixtures/label-raster.ts';
import { nodeEngines } from './fixtures/node-engines.ts';

const decoder = nodeEngines()['zxing-wasm'];
const PX_PER_MM = 12; // ~300 dpi, a common label printer / laser resolution

const item = { sku: 'SKU-1001', name: 'Hex bolt M6', barcodes: ['4006381333931'] };
const cases: [LabelSymbology, LabelSpec][] = (
  ['code128', 'qr', 'datamatrix', 'ean13', 'gs1-128', 'gs1-datamatrix'] as const
).map((symbology) => {
  const r = itemLabel(item, { symbology, lot: 'L42', expiry: '2027-12-31' });
  if (!r.ok) throw new Error(r.message);
  return [symbology, r.value];
});
const bin = locationLabel({ code: 'A-01-03', name: 'Aisle A', barcode: null }, 'code128');

describe('printed labels scan back to what they encode', () => {
  for (const format of LABEL_FORMATS) {
    it(`${format.name}`, async () => {
      const misread: string[] = [];
      const dense: string[] = [];
      for (const [symbology, spec] of [...cases, ['code128', bin.ok ? bin.value : cases[0]![1]] as const]) {
        const modules = symbolModules(spec.symbology, spec.data);
        if (layoutLabelContent(format.label, spec, modules, format.dotMm).tooDense) {
          dense.push(symbology); // flagged to the user, who picks a bigger label or a 2D code
          continue;
        }
        const codes = await decoder.decode(
          toRgba(rasterizeLabel(spec, format.label, PX_PER_MM, format.dotMm)),
        );
        const ok = codes.some((c) => {
          if (!spec.data.startsWith('(')) return c.text === spec.data;
          const gs1 = parseScannedGs1(c.text, c.aimId ? { aimId: c.aimId } : {}).data;
          return gs1 !== undefined && gs1Hri(gs1) === spec.data;
        });
        if (!ok) misread.push(`${symbology} ${spec.data} → ${JSON.stringify(codes)}`);
      }
      expect(misread).toEqual([]);
      // Only the long GS1-128 (GTIN + expiry + lot, 233 modules) may be too dense, on small labels.
      expect(dense.filter((d) => d !== 'gs1-128')).toEqual([]);
      if (format.label.width >= 60) expect(dense).toEqual([]);
    });
  }

  it('on a 50 × 25 mm thermal label the GS1 item label fits as DataMatrix, and GS1-128 is flagged too dense', () => {
    const thermal = LABEL_FORMATS.find((f) => f.id === 'thermal-50x25')!;
    const dense = (symbology: LabelSymbology) => {
      const spec = cases.find(([s]) => s === symbology)![1];
      return layoutLabelContent(thermal.label, spec, symbolModules(symbology, spec.data), thermal.dotMm)
        .tooDense;
    };
    expect(dense('gs1-datamatrix')).toBe(false);
    expect(dense('gs1-128')).toBe(true); // 233 modules need ≥ 0.17 mm each: wider than 50 mm at 203 dpi
  });
});
