import { Location, LocationInput, LocationPatch } from '@stockroom/shared/catalog/location';
import { z } from 'zod';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { type ApiContext, audit, keysOf, reply, route, sessionOf } from './route.ts';

const TAG = 'locations';
const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: { description: 'Your role may not do this', schema: ErrorBody },
};

export const createLocation = route({
  method: 'POST',
  path: '/api/locations',
  tag: TAG,
  summary: 'Create a location (site → zone → aisle → bin: a non-site needs a parent of a higher rank)',
  access: 'catalog.write',
  body: LocationInput,
  validateBody: false,
  responses: {
    201: { description: 'Created', schema: Location },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'The parent location does not exist', schema: ErrorBody },
    409: { description: 'The code already exists', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withCatalog(ctx.services.rooms, (catalog, room) => {
      const session = sessionOf(ctx);
      const result = room.write(() =>
        catalog.createLocation(ctx.body, { user: session.username, device: session.device }),
      );
      if (!result.ok) throw ApiError.from(result);
      audit(ctx, 'location.create', `location:${result.value.code}`, { kind: result.value.kind });
      return reply(201, result.value);
    }),
});

export const listLocations = route({
  method: 'GET',
  path: '/api/locations',
  tag: TAG,
  summary: 'Every location, sorted by code (build the tree from `parent`)',
  access: 'catalog.read',
  responses: { 200: { description: 'Locations', schema: z.array(Location) }, ...auth },
  handle: (ctx) =>
    withCatalog(ctx.services.rooms, (catalog) =>
      reply(
        200,
        [...catalog.locations.values()].sort((a, b) => a.code.localeCompare(b.code)),
      ),
    ),
});

export const getLocation = route({
  method: 'GET',
  path: '/api/locations/{code}',
  tag: TAG,
  summary: 'One location',
  access: 'catalog.read',
  responses: {
    200: { description: 'The location', schema: Location },
    404: { description: 'No such location', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx) =>
    withCatalog(ctx.services.rooms, (catalog) => {
      const location = catalog.locations.get(ctx.params.code!);
      if (!location) {
        throw new ApiError('not_found', `no location ${ctx.params.code}`, [
          { path: 'code', message: 'not found' },
        ]);
      }
      return reply(200, location);
    }),
});

export const patchLocation = route({
  method: 'PATCH',
  path: '/api/locations/{code}',
  tag: TAG,
  summary: 'Change some fields of a location',
  access: 'catalog.write',
  body: LocationPatch,
  validateBody: false,
  responses: {
    200: { description: 'The updated location', schema: Location },
    400: { description: 'Invalid fields', schema: ErrorBody },
    404: { description: 'No such location', schema: ErrorBody },
    ...auth,
  },
  handle: (ctx: ApiContext) =>
    withCatalog(ctx.services.rooms, (catalog, room) => {
      const code = ctx.params.code!;
      const result = room.write(() => catalog.patchLocation(code, ctx.body));
      if (!result.ok) throw ApiError.from(result);
      audit(ctx, 'location.update', `location:${code}`, { fields: keysOf(ctx.body) });
      return reply(200, result.value);
    }),
});
