import { Supplier, SupplierInput, SupplierPatch } from '@stockroom/shared/catalog/supplier';
import { z } from 'zod';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { type ApiContext, audit, keysOf, reply, route, sessionOf } from './route.ts';

const TAG = 'suppliers';
const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: { description: 'Your role may not do this', schema: ErrorBody },
};

export const createSupplier = route({
  method: 'POST',
  path: '/api/suppliers',
  tag: TAG,
  summary: 'Create a supplier',
  access: 'catalog.write',
  body: SupplierInput,
  validateBody: false,
  responses: {
    201: { description: 'Created', schema: Supplier },
    400: { description: 'Invalid fields', schema: ErrorBody },
    409: { description: 'The code already exists', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withCatalog(ctx.services.rooms, (catalog, room) => {
      const session = sessionOf(ctx);
      const result = room.write(() =>
        catalog.createSupplier(ctx.body, { user: session.username, device: session.device }),
      );
      if (!result.ok) throw ApiError.from(result);
      audit(ctx, 'supplier.create', `supplier:${result.value.code}`, { name: result.value.name });
      return reply(201, result.value);
    }),
});

export const listSuppliers = route({
  method: 'GET',
  path: '/api/suppliers',
  tag: TAG,
  summary: 'Every supplier, sorted by code',
  access: 'catalog.read',
  responses: { 200: { description: 'Suppliers', schema: z.array(Supplier) }, ...auth },
  handle: (ctx) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      reply(
        200,
        [...catalog.suppliers.values()].sort((a, b) => a.code.localeCompare(b.code)),
      ),
    ),
});

export const patchSupplier = route({
  method: 'PATCH',
  path: '/api/suppliers/{code}',
  tag: TAG,
  summary: 'Change some fields of a supplier',
  access: 'catalog.write',
  body: SupplierPatch,
  validateBody: false,
  responses: {
    200: { description: 'The updated supplier', schema: Supplier },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'No such supplier', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withCatalog(ctx.services.rooms, (catalog, room) => {
      const code = ctx.params.code!;
      const result = room.write(() => catalog.patchSupplier(code, ctx.body));
      if (!result.ok) throw ApiError.from(result);
      audit(ctx, 'supplier.update', `supplier:${code}`, { fields: keysOf(ctx.body) });
      return reply(200, result.value);
    }),
});
