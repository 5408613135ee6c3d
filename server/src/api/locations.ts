import { Location, LocationInput, LocationPatch } from '@stockroom/shared/catalog/location';
import { ErrorBody } from '../http/errors.ts';
import { assertConventions } from '../procedures/conventions.ts';
import {
  createRecordRoute,
  getRecordRoute,
  listRecordsRoute,
  patchRecordRoute,
  type RecordKind,
} from './record-routes.ts';
import type { ApiContext, ApiRoute } from './route.ts';

const LOCATIONS: RecordKind<Location> = {
  tag: 'locations',
  noun: 'location',
  schema: Location,
  input: LocationInput,
  patch: LocationPatch,
  records: (catalog) => catalog.locations,
  create: (catalog, body, actor) => catalog.createLocation(body, actor),
  update: (catalog, code, body) => catalog.patchLocation(code, body),
};

const createRecord = createRecordRoute(LOCATIONS, {
  summary:
    'Create a location (site → zone → aisle → bin: a non-site needs a parent of a higher rank); a code breaking the location tagging convention is 400, naming the pattern',
  responses: { 404: { description: 'The parent location does not exist', schema: ErrorBody } },
  auditDetails: (location) => ({ kind: location.kind }),
});

/** The generic create, with the location code checked against the tagging conventions first. */
export const createLocation: ApiRoute = {
  ...createRecord,
  handle: async (ctx: ApiContext) => {
    await assertConventions(ctx.services, ctx.body, 'location');
    return createRecord.handle(ctx);
  },
};

export const listLocations = listRecordsRoute(
  LOCATIONS,
  'Every location, sorted by code (build the tree from `parent`)',
);

export const getLocation = getRecordRoute(LOCATIONS);

export const patchLocation = patchRecordRoute(LOCATIONS);
