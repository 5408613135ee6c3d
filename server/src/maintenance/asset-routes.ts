import { AssetInput, AssetPatch, assetDescendants } from '@stockroom/shared/maintenance/asset';
import { Day } from '@stockroom/shared/maintenance/days';
import { partsCostByAsset } from '@stockroom/shared/maintenance/work-order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { z } from 'zod';
import { type ApiContext, audit, keysOf, reply, route } from '../api/route.ts';
import { auth, check } from '../api/route-support.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { allWorkOrders, withCatalogReferences, withMaintenance } from './maintenance-rooms.ts';
import { AssetOut, assetOut, compareWorkOrders, WorkOrderOut, workOrderOut } from './maintenance-views.ts';
import { TAG } from './route-support.ts';

const notFound = { 404: { description: 'No such asset', schema: ErrorBody } };

const AssetDetailOut = AssetOut.extend({
  /** Parts issued to this asset's work orders minus parts returned, at their recorded costs. */
  partsCost: z.number(),
  /** The same for the asset and every asset below it (a machine and its components). */
  partsCostWithComponents: z.number(),
  /** Codes of the assets directly below it. */
  children: z.array(z.string()),
  workOrders: z.array(WorkOrderOut),
});

export const createAsset = route({
  method: 'POST',
  path: '/api/assets',
  tag: TAG,
  summary:
    'Create an asset (a line, a machine, a component): its parent in the asset tree, where it stands, how critical it is, the code on its asset tag, and its recommended spares — for critical and high assets they raise the parts’ minimum stock',
  access: 'maintenance.plan',
  body: AssetInput,
  validateBody: false,
  responses: {
    201: { description: 'Created', schema: AssetOut },
    400: {
      description: 'Invalid fields (a parent below the asset, a spare listed twice…)',
      schema: ErrorBody,
    },
    404: { description: 'Unknown parent asset, location or spare part SKU', schema: ErrorBody },
    409: { description: 'The code exists, or the tag barcode belongs to another asset', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      withMaintenance(ctx.services.rooms, (m, room) => {
        const s = ctx.session!;
        const asset = check(
          withCatalogReferences(m, catalog, () =>
            room.write(() => m.createAsset(ctx.body, { user: s.username, device: s.device })),
          ),
        );
        audit(ctx, 'asset.create', `asset:${asset.code}`, {
          name: asset.name,
          parent: asset.parent,
          criticality: asset.criticality,
          spares: asset.spares,
        });
        return reply(201, assetOut(asset));
      }),
    ),
});

export const listAssets = route({
  method: 'GET',
  path: '/api/assets',
  tag: TAG,
  summary:
    'Assets sorted by code (the tree is in `parent`); `barcode` finds the asset a scanned tag belongs to, `parent` lists the assets directly below one',
  access: 'maintenance.read',
  query: z.object({
    barcode: z.string().max(200).optional(),
    parent: z.string().max(64).optional(),
    active: z.enum(['true', 'false']).optional(),
  }),
  responses: { 200: { description: 'Assets', schema: z.array(AssetOut) }, ...auth },
  handle: (ctx) =>
    withMaintenance(
      ctx.services.rooms,
      (m) => {
        const { barcode, parent, active } = ctx.query;
        const byTag = barcode !== undefined ? m.assetForBarcode(barcode) : undefined;
        const list = [...m.assets.values()]
          .filter(
            (a) =>
              (barcode === undefined || a === byTag) &&
              (parent === undefined || a.parent === parent) &&
              (active === undefined || String(a.active) === active),
          )
          .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
        return reply(200, list.map(assetOut));
      },
      'dependency',
    ),
});

export const getAsset = route({
  method: 'GET',
  path: '/api/assets/{code}',
  tag: TAG,
  summary:
    'One asset with its parts cost (issued minus returned at recorded unit costs; `from`/`until` UTC days limit it to a period) and its work orders, due first',
  access: 'maintenance.read',
  query: z.object({ from: Day.optional(), until: Day.optional() }),
  responses: { 200: { description: 'The asset', schema: AssetDetailOut }, ...notFound, ...auth },
  handle: async (ctx) => {
    const code = ctx.params.code!;
    const found = await withMaintenance(
      ctx.services.rooms,
      (m) => {
        const asset = m.assets.get(code);
        if (!asset) return null;
        const all = [...m.assets.values()];
        return {
          asset,
          below: assetDescendants(all, code),
          children: all
            .filter((a) => a.parent === code)
            .map((a) => a.code)
            .sort(),
        };
      },
      'dependency',
    );
    if (!found) throw new ApiError('not_found', `no asset ${code}`, [{ path: 'code', message: 'not found' }]);
    const orders = await allWorkOrders(ctx.services);
    const costs = partsCostByAsset(orders, ctx.query.from ?? '0000-01-01', ctx.query.until ?? '9999-12-31');
    let withComponents = 0;
    for (const c of found.below) withComponents += toUnits(costs.get(c) ?? 0);
    return reply(200, {
      ...assetOut(found.asset),
      partsCost: costs.get(code) ?? 0,
      partsCostWithComponents: fromUnits(withComponents),
      children: found.children,
      workOrders: orders
        .filter((o) => o.asset === code)
        .sort(compareWorkOrders)
        .map(workOrderOut),
    });
  },
});

export const patchAsset = route({
  method: 'PATCH',
  path: '/api/assets/{code}',
  tag: TAG,
  summary:
    'Change some fields of an asset (name, parent, location, criticality, tag barcode, spares, active); other fields are untouched, so concurrent edits of other fields survive',
  access: 'maintenance.plan',
  body: AssetPatch,
  validateBody: false,
  responses: {
    200: { description: 'The asset now', schema: AssetOut },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'The tag barcode belongs to another asset', schema: ErrorBody },
    ...notFound,
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      withMaintenance(ctx.services.rooms, (m, room) => {
        const code = ctx.params.code!;
        const asset = check(
          withCatalogReferences(m, catalog, () => room.write(() => m.patchAsset(code, ctx.body))),
        );
        audit(ctx, 'asset.update', `asset:${code}`, { fields: keysOf(ctx.body) });
        return reply(200, assetOut(asset));
      }),
    ),
});
