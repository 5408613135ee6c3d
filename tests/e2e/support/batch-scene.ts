import { itemLabel, type LabelSpec, locationLabel } from '../../../client/src/labels/label-content.ts';
import { backdrop, type GrayImage, paste, scale } from '../../scanning/fixtures/gray-image.ts';
import { rasterizeLabel } from '../../scanning/fixtures/label-raster.ts';

/**
 * Issue 15, batch mode: one 1280×720 camera frame holding twelve labels from the project's
 * own label renderer (Code 128 bin labels, EAN-13, QR and Data Matrix item labels) in a 3 × 4
 * grid on a grey desk, as a shelf of boxes looks from a step back. Shared by the batch e2e and
 * `pnpm bench scanning`.
 */

export const BATCH_W = 1280;
export const BATCH_H = 720;
const LABEL = { width: 99.1, height: 38.1 };
/** Label pixels per mm in the frame, as labelScene holds a single label: 99 mm labels 416 px wide, three to a row. */
const PX_PER_MM = 4.2;

function unwrap(r: { ok: true; value: LabelSpec } | { ok: false; message: string }): LabelSpec {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const bin = (code: string, symbology: 'code128' | 'qr' | 'datamatrix') =>
  unwrap(locationLabel({ code, name: 'Bin', barcode: null }, symbology));
const item = (sku: string, symbology: 'ean13' | 'qr' | 'datamatrix' | 'code128', gtin?: string) =>
  unwrap(itemLabel({ sku, name: 'Part', barcodes: gtin ? [gtin] : [] }, { symbology }));

/** The twelve labels, each with a distinct code. */
export const BATCH_LABELS: readonly LabelSpec[] = [
  item('BOLT-M6', 'code128'),
  item('NUT-M6', 'code128'),
  item('WASHER-6', 'code128'),
  item('GEAR-12', 'code128'),
  item('BEARING-6204', 'ean13', '5901234123457'),
  item('SEAL-40', 'ean13', '4006381333931'),
  item('PUMP-1', 'qr'),
  item('VALVE-2', 'qr'),
  item('HOSE-3', 'datamatrix'),
  item('FILTER-4', 'datamatrix'),
  bin('A-01-01', 'code128'),
  bin('A-01-02', 'qr'),
];

/** Where each label's top-left corner goes, and the frame. */
export function batchScene(labels: readonly LabelSpec[] = BATCH_LABELS, seed = 5): GrayImage {
  const frame = backdrop(BATCH_W, BATCH_H, seed);
  const cols = 3;
  const rows = Math.ceil(labels.length / cols);
  const cellW = BATCH_W / cols;
  const cellH = BATCH_H / rows;
  labels.forEach((spec, i) => {
    // Rasterised at 4× and shrunk by area-averaging, as a lens does.
    const label = scale(rasterizeLabel(spec, LABEL, PX_PER_MM * 4), 1 / 4);
    const x = (i % cols) * cellW + (cellW - label.width) / 2;
    const y = Math.floor(i / cols) * cellH + (cellH - label.height) / 2;
    paste(frame, label, Math.round(x), Math.round(y));
  });
  return frame;
}
