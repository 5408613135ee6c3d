import {
  criticalSparesBelow,
  effectiveMinimums,
  SPARES_CRITICALITY,
} from '@stockroom/shared/maintenance/critical-spares';
import { availableBySku } from '@stockroom/shared/maintenance/work-order-fold';
import { z } from 'zod';
import { reply, route } from '../api/route.ts';
import { auth } from '../api/route-support.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { currentAvailability, withMaintenance } from './maintenance-rooms.ts';
import { TAG } from './route-support.ts';

const SpareOut = z.object({
  sku: z.string(),
  /** The larger of the item's own minimum and the recommended spares of the critical and high assets using it. */
  minimum: z.number(),
  available: z.number(),
  shortfall: z.number(),
  /** The active critical and high assets that keep it as a spare. */
  assets: z.array(z.string()),
});

export const criticalSparesRoute = route({
  method: 'GET',
  path: '/api/critical-spares',
  tag: TAG,
  summary:
    'Spare parts of active critical and high assets whose available stock (on hand − reserved) is below their effective minimum (the larger of the item’s minimum and the sum of those assets’ recommended spares), the largest shortfall first',
  access: 'maintenance.read',
  responses: { 200: { description: 'Parts below their minimum', schema: z.array(SpareOut) }, ...auth },
  handle: async (ctx) => {
    const assets = await withMaintenance(ctx.services.rooms, (m) => [...m.assets.values()], 'dependency');
    const spares = effectiveMinimums(assets);
    const users = new Map<string, string[]>();
    for (const a of assets)
      if (a.active && SPARES_CRITICALITY.has(a.criticality))
        for (const s of a.spares) users.set(s.sku, [...(users.get(s.sku) ?? []), a.code]);
    const itemMinimums = await withCatalog(ctx.services.rooms, (catalog) => {
      const out = new Map<string, number | null>();
      for (const sku of spares.keys()) out.set(sku, catalog.items.get(sku)?.minQty ?? null);
      return out;
    });
    const minimums = effectiveMinimums(assets, itemMinimums);
    const available = availableBySku(await currentAvailability(ctx.services));
    return reply(
      200,
      criticalSparesBelow(minimums, available).map((s) => ({
        ...s,
        assets: (users.get(s.sku) ?? []).sort(),
      })),
    );
  },
});
