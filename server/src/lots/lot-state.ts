import type { Tracking } from '@stockroom/shared/catalog/item';
import { type LotRecord, lotRecords } from '@stockroom/shared/lots/lot-records';
import { text } from '@stockroom/shared/text';
import type { ApiContext } from '../api/route.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError } from '../http/errors.ts';
import type { LotEvents } from './lot-index.ts';

/** What the lot routes need of an item: how it is tracked, what it costs, its category. */
export interface LotItemInfo {
  tracking: Tracking;
  unitCost: number;
  category: string;
}

export interface LotState {
  events: LotEvents;
  records: Map<string, LotRecord>;
  tracking: (sku: string) => Tracking | undefined;
  item: (sku: string) => LotItemInfo | undefined;
}

/** Every lot record of the whole ledger as of now, with the catalog's tracking, cost and category per item. */
export async function lotState(services: Services): Promise<LotState> {
  const events = await services.lots.events();
  const item = await withCatalog(services.rooms, (catalog) => {
    const bySku = new Map<string, LotItemInfo>();
    // Looked up while the catalog is held; the records are built after it is let go.
    for (const { sku } of [...events.movements, ...events.holds, ...events.expiryDecisions]) {
      if (bySku.has(sku)) continue;
      const i = catalog.items.get(sku);
      if (i) bySku.set(sku, { tracking: i.tracking, unitCost: i.unitCost, category: i.category });
    }
    return (sku: string) => bySku.get(sku);
  });
  const tracking = (sku: string) => item(sku)?.tracking;
  return { events, records: lotRecords({ ...events, tracking }), tracking, item };
}

/** The body names a lot (so the lot rules have something to check). */
export function namesLot(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { lot?: unknown }).lot === 'string';
}

const LotCode = text({ max: 64, required: 'must not be empty' });

/** `{sku}` and `{lot}` of a `/api/lots/{sku}/{lot}/…` path: the item's SKU (a barcode finds it too) and the lot code. */
export async function lotOfParams(ctx: ApiContext<unknown, unknown>): Promise<{ sku: string; lot: string }> {
  const lotParam = LotCode.safeParse(ctx.params.lot);
  if (!lotParam.success) throw ApiError.fromZod(lotParam.error, 'lot');
  const sku = await withCatalog(ctx.services.rooms, (c) => c.skuOf(ctx.params.sku!));
  if (!sku)
    throw new ApiError('not_found', `no item with SKU ${ctx.params.sku}`, [
      { path: 'sku', message: 'not found' },
    ]);
  return { sku, lot: lotParam.data };
}
