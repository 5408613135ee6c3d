import type { Item } from '@stockroom/shared/catalog/item';
import type { Location } from '@stockroom/shared/catalog/location';
import { itemLabel, type LabelSpec, locationLabel } from './label-content.ts';
import type { LabelFormat } from './label-formats.ts';
import { layoutLabelContent } from './layout.ts';
import { type LabelSymbology, symbolModules } from './symbol-modules.ts';

export interface LabelRequest {
  symbology: LabelSymbology;
  copies: number;
  lot?: string;
  expiry?: string;
}

export interface LabelBatch {
  labels: LabelSpec[];
  /** Labels that could not be made, with the reason, for the person to fix or drop. */
  problems: { key: string; message: string }[];
}

/** The labels for the chosen items or locations, each repeated `copies` times. */
export function buildLabelBatch(
  chosen: {
    items?: readonly Pick<Item, 'sku' | 'name' | 'barcodes'>[];
    locations?: readonly Pick<Location, 'code' | 'name' | 'barcode'>[];
  },
  request: LabelRequest,
  format: LabelFormat,
): LabelBatch {
  const labels: LabelSpec[] = [];
  const problems: LabelBatch['problems'] = [];
  const copies = Math.max(1, Math.min(500, Math.floor(request.copies)));
  const add = (key: string, result: ReturnType<typeof itemLabel>) => {
    if (!result.ok) {
      problems.push({ key, message: result.message });
      return;
    }
    try {
      const modules = symbolModules(result.value.symbology, result.value.data);
      if (layoutLabelContent(format.label, result.value, modules, format.dotMm).tooDense) {
        problems.push({
          key,
          message: `${result.value.title}: the code is too long for this label size (choose a bigger label or a 2D code)`,
        });
        return;
      }
    } catch (error) {
      problems.push({
        key,
        message: `${result.value.title}: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    for (let i = 0; i < copies; i++) labels.push(result.value);
  };
  const itemOptions = {
    symbology: request.symbology,
    ...(request.lot ? { lot: request.lot } : {}),
    ...(request.expiry ? { expiry: request.expiry } : {}),
  };
  for (const item of chosen.items ?? []) add(`item:${item.sku}`, itemLabel(item, itemOptions));
  for (const location of chosen.locations ?? []) {
    add(`location:${location.code}`, locationLabel(location, request.symbology));
  }
  return { labels, problems };
}
