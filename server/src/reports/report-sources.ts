import type { Item } from '@stockroom/shared/catalog/item';
import type { Movement } from '@stockroom/shared/ledger/movement';
import type { StockLine } from '@stockroom/shared/ledger/stock';
import { criticalSparesBelow, type SpareBelow } from '@stockroom/shared/maintenance/critical-spares';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import type { Suggestion } from '@stockroom/shared/replenishment/suggestions';
import type { PostedStocktake } from '@stockroom/shared/reports/count-accuracy';
import { postedAtOf } from '@stockroom/shared/reports/count-accuracy';
import type { PeriodItemStats } from '@stockroom/shared/reports/period-stats';
import { countingStartedAt, foldStatus } from '@stockroom/shared/stocktake/lifecycle';
import { expectedRoom, ledgerRoom, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { periodViewOf } from '../ledger/period-view.ts';
import {
  reservedBySku,
  withMaintenance,
  withWorkOrders,
  workOrderYears,
} from '../maintenance/maintenance-rooms.ts';
import { allOrders } from '../purchasing/order-routes.ts';
import { currentSuggestions } from '../replenishment/routes.ts';
import { expectedSnapshotsOf, stocktakeOf, withStocktakeIndex } from '../stocktake/stocktake-rooms.ts';
import {
  availableBySku,
  closingStats,
  countWindow,
  periodsToRead,
  type StatsHistory,
  type StatsMap,
} from './report-queries.ts';

/**
 * What the reports read on the server, loaded on demand and kept for one request: the
 * current stock, the catalog's items, period stats (brought up to date first), orders,
 * work orders and posted stocktakes. The figures then come from report-queries.ts, the
 * module the devices run on their own copies of the same rooms.
 */
export class ReportSources {
  private stockNow: Promise<{ lines: StockLine[]; totals: Map<string, number> }> | null = null;
  private itemsNow: Promise<Map<string, Item>> | null = null;
  private readonly stats = new Map<string, Promise<Map<string, PeriodItemStats>>>();

  constructor(
    readonly services: Services,
    readonly now: Date = new Date(),
  ) {}

  get currentPeriod(): string {
    return this.services.ledger.currentPeriod();
  }

  /** Stock on hand now (this month's room: its opening plus its movements). */
  stock(): Promise<{ lines: StockLine[]; totals: Map<string, number> }> {
    const { ledger } = this.services;
    this.stockNow ??= ledger.withPeriod(ledger.currentPeriod(), (view) => ({
      lines: view.stock().lines(),
      totals: view.stock().totalsBySku(),
    }));
    return this.stockNow;
  }

  items(): Promise<Map<string, Item>> {
    this.itemsNow ??= withCatalog(
      this.services.rooms,
      (catalog) => new Map([...catalog.items.values()].map((i) => [i.sku, i])),
    );
    return this.itemsNow;
  }

  /** Periods with a ledger room (the current one once stock has been read). */
  async knownPeriods(): Promise<string[]> {
    await this.stock();
    return this.services.ledger.knownPeriods();
  }

  /** The stats of the known periods from `from` to `to` (`YYYY-MM`) and of the latest one before. */
  async history(from: string, to: string): Promise<StatsHistory> {
    const periods = periodsToRead(await this.knownPeriods(), from, to);
    const last = periods.at(-1);
    if (last) await this.services.periodStats.upToDate(last);
    const out = new Map<string, StatsMap>();
    for (const p of periods) {
      let s = this.stats.get(p);
      if (!s) {
        s = this.services.periodStats.stats(p);
        this.stats.set(p, s);
      }
      out.set(p, await s);
    }
    return out;
  }

  /** The latest stats there are (this month's, or the closing carried from the last month with movements). */
  async latest(): Promise<StatsMap | null> {
    const current = this.currentPeriod;
    return closingStats(await this.history(current, current), current);
  }

  /** A ledger period's opening lines and movements (read as a dependency: no opening is rewritten). */
  async ledgerPeriod(
    period: string,
  ): Promise<{ opening: StockLine[]; movements: Movement[]; stock: StockLine[] }> {
    await this.services.ledger.settle(period);
    return this.services.rooms.with(
      ledgerRoom(period),
      (room) => {
        const view = periodViewOf(room);
        return {
          opening: view.ledger.opening()?.lines ?? [],
          movements: [...view.ledger.movements.values()],
          stock: view.stock().lines(),
        };
      },
      'dependency',
    );
  }

  orders(): Promise<OrderView[]> {
    return allOrders(this.services);
  }

  async workOrders(): Promise<WorkOrderView[]> {
    const out: WorkOrderView[] = [];
    for (const year of workOrderYears(this.services)) {
      out.push(
        ...(await withWorkOrders(
          this.services.rooms,
          year,
          (w) => [...w.view(this.now).values()],
          'dependency',
        )),
      );
    }
    return out;
  }

  suggestions(): Promise<Suggestion[]> {
    return currentSuggestions(this.services, this.now);
  }

  /** Critical spares (recommended spares of critical and high assets) whose on hand less reservations is short. */
  async sparesBelow(): Promise<SpareBelow[]> {
    const minimums = await withMaintenance(this.services.rooms, (m) => m.criticalMinimums(), 'dependency');
    const reserved = await reservedBySku(this.services);
    return criticalSparesBelow(minimums, availableBySku((await this.stock()).totals, reserved));
  }

  /**
   * Every posted stocktake with its lines as posting saw them: the summary over its counts,
   * its expected snapshots and the ledger movements from counting start to posting.
   */
  async postedStocktakes(): Promise<PostedStocktake[]> {
    const { rooms } = this.services;
    const known = new Set(await this.knownPeriods());
    const entries = await withStocktakeIndex(rooms, (index) => index.list());
    const out: PostedStocktake[] = [];
    await withCatalog(rooms, async (catalog) => {
      for (const entry of entries) {
        const posted = await rooms.with(
          stocktakeRoom(entry.id),
          async (room) => {
            const st = stocktakeOf(room);
            const states = [...st.states.values()];
            const postedAt = postedAtOf(states);
            if (foldStatus(states) !== 'posted' || postedAt === null) return null;
            const movements: Movement[] = [];
            for (const p of countWindow(countingStartedAt(states), postedAt)) {
              if (!known.has(p)) continue;
              movements.push(...(await this.ledgerPeriod(p)).movements);
            }
            const snapshots = await rooms.with(
              expectedRoom(entry.id),
              (r) => [...expectedSnapshotsOf(r).values()],
              'dependency',
            );
            const summary = st.summary({ catalog, snapshots, movements });
            return {
              id: entry.id,
              name: summary.definition?.name ?? entry.name,
              postedAt,
              lines: summary.lines,
            } satisfies PostedStocktake;
          },
          'dependency',
        );
        if (posted) out.push(posted);
      }
    });
    return out;
  }
}
