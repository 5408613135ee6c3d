import type { Catalog } from '@stockroom/shared/catalog/catalog';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import { StocktakeId, scopeLocations } from '@stockroom/shared/stocktake/definition';
import { countingStartedAt } from '@stockroom/shared/stocktake/lifecycle';
import type { ExpectedSnapshots } from '@stockroom/shared/stocktake/snapshot';
import type { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import type { StocktakeSummary } from '@stockroom/shared/stocktake/summary';
import { expectedRoom, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError } from '../http/errors.ts';
import type { PeriodView } from '../ledger/period-view.ts';
import type { Room } from '../sync/room.ts';
import { expectedSnapshotsOf, stocktakeOf } from './stocktake-rooms.ts';

export interface LedgerHeld {
  view: PeriodView;
  room: Room;
}

/**
 * Everything a stocktake operation reads or writes, loaded and held: the stocktake room,
 * the catalog, the current ledger period, and (with `history`) every ledger period since
 * counting started — the movements during the count and the period its adjustments go to.
 * `fn` runs synchronously once all of it is loaded, so a check and the write it guards
 * cannot interleave with another request.
 */
export interface StocktakeWorld {
  id: string;
  st: StocktakeRoom;
  room: Room;
  /** Its expected-stock snapshots (room `expected-<id>`), written by the server. */
  expected: ExpectedSnapshots;
  expectedRoom: Room;
  catalog: Catalog;
  catalogRoom: Room;
  /** The current period: stock on hand now, for expected snapshots. */
  current: LedgerHeld;
  /** Held ledger periods by period (the current one included). */
  ledgers: Map<string, LedgerHeld>;
  /** Movements of the held periods. */
  movements(): Movement[];
  summary(): StocktakeSummary;
}

/** A valid stocktake id, or 404 (ids are room-name safe, so anything else cannot exist). */
export function stocktakeIdOf(raw: string | undefined): string {
  const parsed = StocktakeId.safeParse(raw);
  if (!parsed.success) throw new ApiError('not_found', `no stocktake ${raw ?? ''}`);
  return parsed.data;
}

export async function withStocktake<T>(
  services: Services,
  rawId: string | undefined,
  options: { history?: boolean; mustExist?: boolean },
  fn: (world: StocktakeWorld) => T,
): Promise<T> {
  const id = stocktakeIdOf(rawId);
  const { rooms, ledger } = services;
  return rooms.with(stocktakeRoom(id), (room) =>
    rooms.with(expectedRoom(id), (expectedHeld) => inWorld(room, expectedHeld)),
  );
  async function inWorld(room: Room, expectedHeld: Room): Promise<T> {
    const st = stocktakeOf(room);
    if ((options.mustExist ?? true) && !st.definition()) {
      throw new ApiError('not_found', `no stocktake ${id}`);
    }
    const current = ledger.currentPeriod();
    const periods = new Set([current]);
    const started = countingStartedAt(st.states.values());
    if (options.history && started) {
      const from = periodOf(started);
      periods.add(from);
      for (const p of ledger.knownPeriods()) if (p >= from) periods.add(p);
    }
    const ordered = [...periods].sort();
    const held = new Map<string, LedgerHeld>();
    const holdFrom = async (i: number): Promise<T> => {
      if (i < ordered.length) {
        const period = ordered[i]!;
        return ledger.withPeriod(period, (view, ledgerRoom) => {
          held.set(period, { view, room: ledgerRoom });
          return holdFrom(i + 1);
        });
      }
      return withCatalog(rooms, (catalog, catalogRoom) => {
        const movements = () => duringCount([...held.values()], st, catalog, started);
        const expected = expectedSnapshotsOf(expectedHeld);
        return fn({
          id,
          st,
          room,
          expected,
          expectedRoom: expectedHeld,
          catalog,
          catalogRoom,
          current: held.get(current)!,
          ledgers: held,
          movements,
          summary: () => st.summary({ catalog, movements: movements(), snapshots: expected.values() }),
        });
      });
    };
    return holdFrom(0);
  }
}

/** A day of slack for device clocks: a counter's snapshot may be stamped before counting "started". */
const CLOCK_SLACK_MS = 24 * 3600_000;

/**
 * The ledger movements the variance folds can use: at the stocktake's locations, from
 * (about) when counting started. The folds filter again exactly; this only keeps a busy
 * month's ledger from being scanned once per location.
 */
function duringCount(
  held: LedgerHeld[],
  st: StocktakeRoom,
  catalog: Catalog,
  started: string | null,
): Movement[] {
  const def = st.definition();
  if (!def || !started) return [];
  const from = Date.parse(started) - CLOCK_SLACK_MS;
  const inScope = scopeLocations(def, catalog.locations.values());
  const out: Movement[] = [];
  for (const l of held) {
    for (const m of l.view.ledger.movements.values()) {
      if (Date.parse(m.at) < from) continue;
      const here = inScope === null || inScope.has(m.location);
      if (here || (m.type === 'transfer' && inScope?.has(m.toLocation))) out.push(m);
    }
  }
  return out;
}
