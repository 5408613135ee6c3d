import { MaintenanceRoom } from '@stockroom/shared/maintenance/maintenance-room';
import { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { MAINTENANCE_ROOM, parseRoom, workOrdersRoom } from '@stockroom/shared/sync/rooms';
import type { Services } from '../api/services.ts';
import type { Room } from '../sync/room.ts';
import type { LeasePurpose, RoomRegistry } from '../sync/room-registry.ts';

/** The MaintenanceRoom view (assets, schedules) of the loaded `maintenance` room. */
export function maintenanceOf(room: Room): MaintenanceRoom {
  return room.attachment(
    'maintenance',
    (doc) => new MaintenanceRoom(doc),
    (m) => m.destroy(),
  );
}

/** The WorkOrdersRoom view of a loaded `work-orders-YYYY` room. */
export function workOrdersOf(room: Room): WorkOrdersRoom {
  if (room.ref.kind !== 'work-orders') throw new Error(`${room.name} is not a work orders room`);
  const year = room.ref.year;
  return room.attachment(
    'work-orders',
    (doc) => new WorkOrdersRoom(doc, year),
    (w) => w.destroy(),
  );
}

export function withMaintenance<T>(
  registry: RoomRegistry,
  fn: (m: MaintenanceRoom, room: Room) => T | Promise<T>,
  purpose: LeasePurpose = 'use',
): Promise<T> {
  return registry.with(MAINTENANCE_ROOM, (room) => fn(maintenanceOf(room), room), purpose);
}

export function withWorkOrders<T>(
  registry: RoomRegistry,
  year: number,
  fn: (w: WorkOrdersRoom, room: Room) => T | Promise<T>,
  purpose: LeasePurpose = 'use',
): Promise<T> {
  return registry.with(workOrdersRoom(year), (room) => fn(workOrdersOf(room), room), purpose);
}

/** Years with a work orders room (and this year). */
export function workOrderYears(services: Pick<Services, 'storedRooms'>): number[] {
  const years = new Set<number>([new Date().getUTCFullYear()]);
  for (const name of services.storedRooms()) {
    const ref = parseRoom(name);
    if (ref?.kind === 'work-orders') years.add(ref.year);
  }
  return [...years].sort();
}

/** What open work orders hold reserved, per SKU, over every year. */
export async function reservedBySku(
  services: Pick<Services, 'rooms' | 'storedRooms'>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const year of workOrderYears(services)) {
    const r = await withWorkOrders(services.rooms, year, (w) => w.reservedBySku(), 'dependency');
    for (const [sku, q] of r) out.set(sku, (out.get(sku) ?? 0) + q);
  }
  return out;
}
