import { Location, LocationInput, LocationPatch } from '@stockroom/shared/catalog/location';
import { ErrorBody } from '../http/errors.ts';
import {
  createRecordRoute,
  getRecordRoute,
  listRecordsRoute,
  patchRecordRoute,
  type RecordKind,
} from './record-routes.ts';

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

export const createLocation = createRecordRoute(LOCATIONS, {
  summary: 'Create a location (site → zone → aisle → bin: a non-site needs a parent of a higher rank)',
  responses: { 404: { description: 'The parent location does not exist', schema: ErrorBody } },
  auditDetails: (location) => ({ kind: location.kind }),
});

export const listLocations = listRecordsRoute(
  LOCATIONS,
  'Every location, sorted by code (build the tree from `parent`)',
);

export const getLocation = getRecordRoute(LOCATIONS);

export const patchLocation = patchRecordRoute(LOCATIONS);
