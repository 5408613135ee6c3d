/**
 * The scanner settings page and a label sheet preview on their own, for end-to-end tests of
 * keyboard-wedge scanning (real KeyboardEvents) and label rendering. Not part of the app build.
 */
import { render } from 'solid-js/web';
import { LabelSheetPreview } from '../../labels/LabelSheetPreview.tsx';
import { itemLabel, type LabelSpec, locationLabel } from '../../labels/label-content.ts';
import { labelFormat } from '../../labels/label-formats.ts';
import { ScannerSettingsPage } from '../ScannerSettings.tsx';

const labels: LabelSpec[] = [];
const bolt = { sku: 'SKU-1001', name: 'Hex bolt M6', barcodes: ['4006381333931'] };
for (const symbology of ['code128', 'ean13', 'qr', 'datamatrix', 'gs1-128', 'gs1-datamatrix'] as const) {
  const r = itemLabel(bolt, { symbology, lot: 'L1', expiry: '2027-12-31' });
  if (r.ok) labels.push(r.value);
}
const bin = locationLabel({ code: 'A-01-03', name: 'Aisle A', barcode: null }, 'code128');
if (bin.ok) labels.push(bin.value);

render(
  () => (
    <main>
      <ScannerSettingsPage />
      <LabelSheetPreview labels={labels} format={labelFormat('a4-l7160')!} />
    </main>
  ),
  document.getElementById('app')!,
);
