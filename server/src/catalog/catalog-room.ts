import { Catalog } from '@stockroom/shared/catalog/catalog';
import { CATALOG_ROOM } from '@stockroom/shared/sync/rooms';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

/** The catalog view of a loaded catalog room, built once per load (parsing 50k items is not free). */
export function catalogOf(room: Room): Catalog {
  return room.attachment(
    'catalog',
    (doc) => new Catalog(doc),
    (c) => c.destroy(),
  );
}

/** Runs `fn` against the catalog room, loading and holding it for the duration. */
export function withCatalog<T>(
  registry: RoomRegistry,
  fn: (catalog: Catalog, room: Room) => T | Promise<T>,
): Promise<T> {
  return registry.with(CATALOG_ROOM, (room) => fn(catalogOf(room), room));
}
