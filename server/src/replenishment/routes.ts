import { Code } from '@stockroom/shared/catalog/codes';
import { onOrderBySku } from '@stockroom/shared/purchasing/order-fold';
import {
  longestWindow,
  type Suggestion,
  suggestions,
  windowPeriods,
} from '@stockroom/shared/replenishment/suggestions';
import { z } from 'zod';
import { type ApiContext, audit, reply, route } from '../api/route.ts';
import { actorOf, auth, check } from '../api/route-support.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ErrorBody } from '../http/errors.ts';
import { reservedBySku, withMaintenance } from '../maintenance/maintenance-rooms.ts';
import { allOrders } from '../purchasing/order-routes.ts';
import { OrderOut, orderOut } from '../purchasing/order-views.ts';
import { withPurchasing } from '../purchasing/purchasing-rooms.ts';

const TAG = 'replenishment';

const SuggestionOut = z.object({
  sku: z.string(),
  supplier: z.string().nullable(),
  method: z.enum(['manual', 'computed']),
  intermittent: z.boolean(),
  onHand: z.number(),
  onOrder: z.number(),
  reserved: z.number(),
  position: z.number(),
  averageDailyDemand: z.number(),
  demandStdDev: z.number(),
  leadTimeDays: z.number(),
  leadTimeStdDev: z.number(),
  leadTimeSource: z.string(),
  safetyStock: z.number().nullable(),
  reorderPoint: z.number().nullable(),
  suggestedQuantity: z.number(),
  serviceLevel: z.number(),
  windowDays: z.number(),
  reviewDays: z.number(),
});

/** Every active item's replenishment figures now, from the same shared code the devices run. */
export async function currentSuggestions(services: Services, today = new Date()): Promise<Suggestion[]> {
  const { ledger, periodStats } = services;
  const orders = await allOrders(services);
  const reserved = await reservedBySku(services);
  const minimums = await withMaintenance(services.rooms, (m) => m.criticalMinimums(), 'dependency');
  const onHand = await ledger.withPeriod(ledger.currentPeriod(), (view) => view.stock().totalsBySku());
  return withCatalog(services.rooms, async (catalog) => {
    const items = [...catalog.items.values()];
    const longest = longestWindow(items);
    const stats = new Map();
    for (const period of windowPeriods(today, longest)) stats.set(period, await periodStats.stats(period));
    return suggestions({
      items,
      stats,
      onHand,
      onOrder: onOrderBySku(orders),
      reserved,
      orders,
      suppliers: new Map([...catalog.suppliers.values()].map((s) => [s.code, s])),
      minimums,
      today,
    });
  });
}

export const listSuggestions = route({
  method: 'GET',
  path: '/api/replenishment',
  tag: TAG,
  summary:
    'Reorder figures of every active item: daily demand over its window (issues, issues to work orders, net of parts returned; zero days included), lead time (observed on ≥ 3 received lines from the preferred supplier, else entered), safety stock z·√(L̄·σd² + d̄²·σL²), reorder point d̄·L̄ + SS (SBA rate for intermittent demand), position = on hand + on order (drafts included) − reserved, and the suggested quantity (up to max, else ROP + d̄ × review days; whole packs; at least the MOQ)',
  access: 'purchasing.read',
  query: z.object({
    sku: z.string().max(64).optional(),
    supplier: z.string().max(64).optional(),
    below: z.enum(['true', 'false']).optional(),
  }),
  responses: {
    200: { description: 'One line per item', schema: z.array(SuggestionOut) },
    400: { description: 'Bad filter', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx) => {
    const { sku, supplier, below } = ctx.query;
    const lines = (await currentSuggestions(ctx.services)).filter(
      (l) =>
        (sku === undefined || l.sku === sku) &&
        (supplier === undefined || l.supplier === supplier) &&
        (below !== 'true' || (l.reorderPoint !== null && l.position <= l.reorderPoint)),
    );
    return reply(
      200,
      lines.map(({ z: _z, target: _t, unitCost: _c, ...l }) => l),
    );
  },
});

export const draftFromSuggestions = route({
  method: 'POST',
  path: '/api/purchase-orders/from-suggestions',
  tag: TAG,
  summary:
    'Draft one purchase order per preferred supplier from the current suggestions (optionally for one supplier). Drafts count as on order, so calling it again drafts nothing new',
  access: 'purchasing.manage',
  body: z.object({ supplier: Code.optional() }).optional(),
  responses: { 201: { description: 'The drafts made (possibly none)', schema: z.array(OrderOut) }, ...auth },
  handle: async (ctx: ApiContext<{ supplier?: string } | undefined>) => {
    const wanted = (await currentSuggestions(ctx.services)).filter(
      (l) =>
        l.suggestedQuantity > 0 &&
        l.supplier !== null &&
        (!ctx.body?.supplier || l.supplier === ctx.body.supplier),
    );
    const bySupplier = new Map<string, Suggestion[]>();
    for (const l of wanted) bySupplier.set(l.supplier!, [...(bySupplier.get(l.supplier!) ?? []), l]);
    const drafted = await withPurchasing(ctx.services.rooms, new Date().getUTCFullYear(), (p, room) => {
      const out = [];
      for (const [supplier, lines] of [...bySupplier].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const order = check(
          room.write(() =>
            p.draft(
              {
                supplier,
                source: 'suggestions',
                lines: lines.map((l) => ({
                  sku: l.sku,
                  quantity: l.suggestedQuantity,
                  unitCost: l.unitCost,
                })),
              },
              { actor: actorOf(ctx) },
            ),
          ),
        );
        out.push(order.id);
      }
      ctx.services.orderNumbers.number(room);
      return out.map((id) => p.order(id)!);
    });
    for (const o of drafted)
      audit(ctx, 'purchase_order.draft', `po:${o.id}`, {
        number: o.number,
        supplier: o.supplier,
        source: 'suggestions',
        lines: o.lines.length,
      });
    return reply(201, drafted.map(orderOut));
  },
});

export const REPLENISHMENT_ROUTES = [listSuggestions, draftFromSuggestions];
