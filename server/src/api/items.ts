import { Item, ItemInput, ItemPatch } from '@stockroom/shared/catalog/item';
import { z } from 'zod';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { assertConventions } from '../procedures/conventions.ts';
import { type ApiContext, audit, keysOf, reply, route, sessionOf } from './route.ts';
import { auth } from './route-support.ts';

const TAG = 'items';
const ItemList = z.array(Item);
const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

export const createItem = route({
  method: 'POST',
  path: '/api/items',
  tag: TAG,
  summary: 'Create an item',
  access: 'catalog.write',
  body: ItemInput,
  validateBody: false,
  responses: {
    201: { description: 'Created', schema: Item },
    400: {
      description:
        'Invalid fields, or a SKU or barcode breaking a tagging convention (the message names the pattern)',
      schema: ErrorBody,
    },
    409: { description: 'The SKU already exists', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx: ApiContext) => {
    await assertConventions(ctx.services, ctx.body, 'item');
    return withCatalog(ctx.services.rooms, (catalog, room) => {
      const session = sessionOf(ctx);
      const result = room.write(() =>
        catalog.createItem(ctx.body, { user: session.username, device: session.device }),
      );
      if (!result.ok) throw ApiError.from(result);
      audit(ctx, 'item.create', `item:${result.value.sku}`, { name: result.value.name });
      return reply(201, result.value);
    });
  },
});

export const listItems = route({
  method: 'GET',
  path: '/api/items',
  tag: TAG,
  summary: 'Search items by SKU, name, barcode or category (`q`), sorted by SKU',
  access: 'catalog.read',
  query: SearchQuery,
  responses: { 200: { description: 'Matching items', schema: ItemList }, ...auth },
  handle: (ctx) =>
    withCatalog(ctx.services.rooms, (catalog) => {
      const { q, limit } = ctx.query;
      return reply(200, catalog.searchItems(q ?? '').slice(0, limit));
    }),
});

export const getItem = route({
  method: 'GET',
  path: '/api/items/{sku}',
  tag: TAG,
  summary: 'One item',
  access: 'catalog.read',
  responses: {
    200: { description: 'The item', schema: Item },
    404: { description: 'No such SKU', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx) =>
    withCatalog(ctx.services.rooms, (catalog) => {
      const item = catalog.items.get(ctx.params.sku!);
      if (!item)
        throw new ApiError('not_found', `no item with SKU ${ctx.params.sku}`, [
          { path: 'sku', message: 'not found' },
        ]);
      return reply(200, item);
    }),
});

export const patchItem = route({
  method: 'PATCH',
  path: '/api/items/{sku}',
  tag: TAG,
  summary:
    'Change some fields of an item (others are untouched, so concurrent edits of other fields survive)',
  access: 'catalog.write',
  body: ItemPatch,
  validateBody: false,
  responses: {
    200: { description: 'The updated item', schema: Item },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'No such SKU', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx: ApiContext) => {
    // Barcodes added later follow the conventions too (the SKU never changes).
    const body = ctx.body as { barcodes?: unknown } | null;
    await assertConventions(ctx.services, { barcodes: body?.barcodes }, 'item');
    return withCatalog(ctx.services.rooms, (catalog, room) => {
      const sku = ctx.params.sku!;
      const result = room.write(() => catalog.patchItem(sku, ctx.body));
      if (!result.ok) throw ApiError.from(result);
      audit(ctx, 'item.update', `item:${sku}`, { fields: keysOf(ctx.body) });
      return reply(200, result.value);
    });
  },
});
