import { PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import { purchasingRoom } from '@stockroom/shared/sync/rooms';
import type { Room } from '../sync/room.ts';
import type { LeasePurpose, RoomRegistry } from '../sync/room-registry.ts';

/** The PurchasingRoom view of a loaded `purchasing-YYYY` room, built once per load. */
export function purchasingOf(room: Room): PurchasingRoom {
  if (room.ref.kind !== 'purchasing') throw new Error(`${room.name} is not a purchasing room`);
  const year = room.ref.year;
  return room.attachment(
    'purchasing',
    (doc) => new PurchasingRoom(doc, year),
    (p) => p.destroy(),
  );
}

export function withPurchasing<T>(
  registry: RoomRegistry,
  year: number,
  fn: (purchasing: PurchasingRoom, room: Room) => T | Promise<T>,
  purpose: LeasePurpose = 'use',
): Promise<T> {
  return registry.with(purchasingRoom(year), (room) => fn(purchasingOf(room), room), purpose);
}
