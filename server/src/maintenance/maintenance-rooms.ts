import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { type MaintenanceReferences, MaintenanceRoom } from '@stockroom/shared/maintenance/maintenance-room';
import {
  type AvailabilityLine,
  availability,
  type WorkOrderView,
} from '@stockroom/shared/maintenance/work-order-fold';
import { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { MAINTENANCE_ROOM, parseRoom, workOrdersRoom } from '@stockroom/shared/sync/rooms';
import type { LedgerService } from '../ledger/ledger-service.ts';
import type { Room } from '../sync/room.ts';
import type { LeasePurpose, RoomRegistry } from '../sync/room-registry.ts';

/** What reading the maintenance rooms needs of the server (a narrow slice of api/services' Services). */
interface MaintenanceDeps {
  rooms: RoomRegistry;
  ledger: LedgerService;
  storedRooms(): string[];
}

/**
 * The catalog the maintenance room checks its references against (a location an asset stands
 * at, the parts of its spares and schedules). Set around one synchronous write by
 * `withCatalogReferences`; without a catalog nothing is checked (sync writes are checked by
 * the write rules, and folds tolerate dangling references).
 */
class CatalogReferences implements MaintenanceReferences {
  catalog: Catalog | null = null;
  locationExists = (code: string) => !this.catalog || this.catalog.locations.get(code) !== undefined;
  itemExists = (sku: string) => !this.catalog || this.catalog.items.get(sku) !== undefined;
}

const REFERENCES = new WeakMap<MaintenanceRoom, CatalogReferences>();

/** The MaintenanceRoom view (assets, schedules) of the loaded `maintenance` room. */
export function maintenanceOf(room: Room): MaintenanceRoom {
  return room.attachment(
    'maintenance',
    (doc) => {
      const references = new CatalogReferences();
      const m = new MaintenanceRoom(doc, references);
      REFERENCES.set(m, references);
      return m;
    },
    (m) => m.destroy(),
  );
}

/** Runs a synchronous write of the maintenance room with its references checked against `catalog`. */
export function withCatalogReferences<T>(m: MaintenanceRoom, catalog: Catalog, fn: () => T): T {
  const references = REFERENCES.get(m);
  if (!references) return fn();
  references.catalog = catalog;
  try {
    return fn();
  } finally {
    references.catalog = null;
  }
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
export function workOrderYears(services: Pick<MaintenanceDeps, 'storedRooms'>, now = new Date()): number[] {
  const years = new Set<number>([now.getUTCFullYear()]);
  for (const name of services.storedRooms()) {
    const ref = parseRoom(name);
    if (ref?.kind === 'work-orders') years.add(ref.year);
  }
  return [...years].sort();
}

/** What open work orders hold reserved, per SKU, over every year (summed in integer units). */
export async function reservedBySku(
  services: Pick<MaintenanceDeps, 'rooms' | 'storedRooms'>,
): Promise<Map<string, number>> {
  const units = new Map<string, number>();
  for (const year of workOrderYears(services)) {
    const r = await withWorkOrders(services.rooms, year, (w) => w.reservedBySku(), 'dependency');
    for (const [sku, q] of r) units.set(sku, (units.get(sku) ?? 0) + toUnits(q));
  }
  return new Map(
    [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([s, u]) => [s, fromUnits(u)]),
  );
}

/** Every work order of every year, folded (today decides "overdue"). */
export async function allWorkOrders(
  services: Pick<MaintenanceDeps, 'rooms' | 'storedRooms'>,
  now = new Date(),
): Promise<WorkOrderView[]> {
  const out: WorkOrderView[] = [];
  for (const year of workOrderYears(services, now))
    out.push(...(await withWorkOrders(services.rooms, year, (w) => [...w.view(now).values()], 'dependency')));
  return out;
}

/** On hand now (current ledger period) against what every work order holds reserved. */
export async function currentAvailability(
  services: Pick<MaintenanceDeps, 'rooms' | 'storedRooms' | 'ledger'>,
): Promise<AvailabilityLine[]> {
  const { ledger } = services;
  const onHand = await ledger.withPeriod(ledger.currentPeriod(), (view) => view.stock().totalsBySku());
  return availability(onHand, await reservedBySku(services));
}

const WO_NUMBER = /^WO-(\d{4})-\d{4,}$/;

/**
 * The year room holding a work order, by its id or its number (WO-2026-0001: what its
 * barcode and its paper say). Null when no room has it.
 */
export async function findWorkOrderYear(
  services: Pick<MaintenanceDeps, 'rooms' | 'storedRooms'>,
  idOrNumber: string,
): Promise<{ year: number; id: string } | null> {
  const numbered = WO_NUMBER.exec(idOrNumber);
  const years = workOrderYears(services);
  const candidates = numbered ? years.filter((y) => y === Number(numbered[1])) : years;
  for (const year of [...candidates].reverse()) {
    const id = await withWorkOrders(
      services.rooms,
      year,
      (w) => {
        if (!numbered) return w.orders.has(idOrNumber) ? idOrNumber : null;
        for (const raw of w.numbers.values()) {
          const n = raw as { wo?: unknown; number?: unknown };
          if (n?.number === idOrNumber && typeof n.wo === 'string' && w.orders.has(n.wo)) return n.wo;
        }
        return null;
      },
      'dependency',
    );
    if (id) return { year, id };
  }
  return null;
}
