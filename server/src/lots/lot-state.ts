import type { Tracking } from '@stockroom/shared/catalog/item';
import { type LotRecord, lotRecords } from '@stockroom/shared/lots/lot-records';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import type { LotEvents } from './lot-index.ts';

export interface LotState {
  events: LotEvents;
  records: Map<string, LotRecord>;
  tracking: (sku: string) => Tracking | undefined;
}

/** Every lot record of the whole ledger as of now, with the catalog's tracking per item. */
export async function lotState(services: Services): Promise<LotState> {
  const events = await services.lots.events();
  const tracking = await withCatalog(services.rooms, (catalog) => {
    const bySku = new Map<string, Tracking>();
    // Looked up while the catalog is held; the records are built after it is let go.
    for (const { sku } of [...events.movements, ...events.holds]) {
      const t = catalog.items.get(sku)?.tracking;
      if (t) bySku.set(sku, t);
    }
    return (sku: string) => bySku.get(sku);
  });
  return { events, records: lotRecords({ ...events, tracking }), tracking };
}

/** The body names a lot (so the lot rules have something to check). */
export function namesLot(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { lot?: unknown }).lot === 'string';
}
