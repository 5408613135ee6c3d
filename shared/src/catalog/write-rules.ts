import { can } from '../access/permissions.ts';
import type { MapRule, RoomRules } from '../sync/write-rules.ts';

/**
 * The catalog room: records and their field edits. Only catalog writers (managers, admins)
 * get a writable connection; inside, a record's creation and each field are values that are
 * set and edited (record-collection.ts), never removed — archiving is a field.
 */
const record: MapRule = {
  mode: 'fields',
  add: (_value, _key, writer) =>
    can(writer.role, 'catalog.write') ? null : 'only catalog editors write here',
};

export const catalogRules: RoomRules = {
  maps: Object.fromEntries(
    ['items', 'locations', 'suppliers'].flatMap((kind) => [
      [kind, record],
      [`${kind}.fields`, record],
    ]),
  ),
};
