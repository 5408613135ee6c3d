import { ExpectedSnapshots } from '@stockroom/shared/stocktake/snapshot';
import { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { STOCKTAKES_ROOM } from '@stockroom/shared/sync/rooms';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

/**
 * The StocktakeRoom view of a loaded `stocktake-<id>` room, built once per load. Its
 * snapshots live in another room (`expected-<id>`, see expectedSnapshotsOf): none here.
 */
export function stocktakeOf(room: Room): StocktakeRoom {
  if (room.ref.kind !== 'stocktake') throw new Error(`${room.name} is not a stocktake room`);
  const id = room.ref.id;
  return room.attachment(
    'stocktake',
    (doc) => new StocktakeRoom(doc, id, null),
    (st) => st.destroy(),
  );
}

/** The index view of the loaded `stocktakes` room. */
export function stocktakeIndexOf(room: Room): StocktakeIndex {
  return room.attachment(
    'stocktake-index',
    (doc) => new StocktakeIndex(doc),
    (index) => index.destroy(),
  );
}

export function withStocktakeIndex<T>(
  registry: RoomRegistry,
  fn: (index: StocktakeIndex, room: Room) => T | Promise<T>,
): Promise<T> {
  return registry.with(STOCKTAKES_ROOM, (room) => fn(stocktakeIndexOf(room), room));
}

/** The snapshots of a loaded `expected-<id>` room (written by the server only). */
export function expectedSnapshotsOf(room: Room): ExpectedSnapshots {
  if (room.ref.kind !== 'expected') throw new Error(`${room.name} is not an expected room`);
  const id = room.ref.id;
  return room.attachment(
    'expected',
    (doc) => new ExpectedSnapshots(doc, id),
    (e) => e.destroy(),
  );
}
