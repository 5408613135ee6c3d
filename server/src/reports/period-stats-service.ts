import type { PeriodItemStats } from '@stockroom/shared/reports/period-stats';
import { foldPeriodStats } from '@stockroom/shared/reports/period-stats';
import { encodePeriodItemStats } from '@stockroom/shared/reports/period-stats-codec';
import { PeriodStatsRoom } from '@stockroom/shared/reports/period-stats-room';
import { statsRoom } from '@stockroom/shared/sync/rooms';
import { withCatalog } from '../catalog/catalog-room.ts';
import { DebouncedRefresh } from '../ledger/debounced-refresh.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import type { Logger } from '../log.ts';
import { type Room, ServerWrite } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

const STATS_WRITE = new ServerWrite('period-stats');

/** The PeriodStatsRoom view of a loaded `stats-YYYY-MM` room. */
export function periodStatsOf(room: Room): PeriodStatsRoom {
  if (room.ref.kind !== 'stats') throw new Error(`${room.name} is not a stats room`);
  const period = room.ref.period;
  return room.attachment('stats', (doc) => new PeriodStatsRoom(doc, period));
}

/**
 * Keeps each ledger period's per-item aggregates (`stats-YYYY-MM`) in step with its
 * movements: recomputed (debounced) after any change of the period, starting from the
 * previous period's closing stats, and cascading forward when a period's closing changes —
 * as opening balances do. The fold is deterministic, so only entries whose value changed
 * are rewritten and every replica reads identical figures. Reports and replenishment then
 * read a few small rooms instead of a year of movements.
 */
export class PeriodStatsService {
  private readonly jobs: DebouncedRefresh;
  /**
   * Periods whose stats room is known to hold computed stats. Only the server writes those
   * rooms and never remove their `computed` stamp, so once stored it stays true: `upToDate`
   * (run by every stats read, for each period up to it) need not lease every stats room again.
   */
  private readonly computed = new Set<string>();

  constructor(
    private readonly registry: RoomRegistry,
    private readonly ledger: LedgerService,
    private readonly log: Logger,
    options: { debounceMs?: number } = {},
  ) {
    this.jobs = new DebouncedRefresh((p) => this.refresh(p), log, 'period stats', options.debounceMs ?? 1000);
    ledger.onPeriodChange((period) => this.jobs.schedule(period));
  }

  /** The period's stats, brought up to date first (every earlier period's too). */
  async stats(period: string): Promise<Map<string, PeriodItemStats>> {
    if (!this.ledger.knownPeriods().includes(period)) return new Map();
    await this.upToDate(period);
    return this.registry.with(statsRoom(period), (room) => periodStatsOf(room).all(), 'dependency');
  }

  /** Recomputes now what is pending or missing for `period` and the periods before it. */
  async upToDate(period: string): Promise<void> {
    for (const p of this.ledger.knownPeriods().filter((x) => x <= period)) {
      const missing = !(await this.hasStats(p));
      if (missing) await this.jobs.now(p);
      else await this.jobs.settle(p);
    }
  }

  close(): void {
    this.jobs.close();
  }

  private async hasStats(period: string): Promise<boolean> {
    if (this.computed.has(period)) return true;
    return this.registry.with(
      statsRoom(period),
      (room) => {
        const has = periodStatsOf(room).info() !== null;
        // Remembered once it is on disk (never, if storing it fails and the room reloads).
        if (has) room.afterCommit(() => this.computed.add(period));
        return has;
      },
      'dependency',
    );
  }

  private async refresh(period: string): Promise<void> {
    await this.ledger.settle(period);
    const known = this.ledger.knownPeriods();
    const earlier = known.filter((p) => p < period).at(-1) ?? null;
    const previous = earlier
      ? await this.registry.with(
          statsRoom(earlier),
          (room) => {
            const s = periodStatsOf(room);
            return s.info() ? s.all() : null;
          },
          'dependency',
        )
      : null;
    if (earlier && !previous) {
      // The earlier period has never been computed: it comes first, then this one again.
      await this.jobs.now(earlier);
      this.jobs.schedule(period);
      return;
    }
    const { movements, opening } = await this.ledger.withPeriod(period, (view) => ({
      movements: [...view.ledger.movements.values()],
      opening: view.ledger.opening()?.lines ?? [],
    }));
    const costs = await withCatalog(
      this.registry,
      (catalog) => (sku: string) => catalog.items.get(sku)?.unitCost ?? 0,
    );
    const next = foldPeriodStats(previous, movements, costs, period, { opening });
    const changed = await this.registry.with(statsRoom(period), (room) =>
      this.write(room, period, next, earlier, movements.length),
    );
    if (changed) {
      const later = known.find((p) => p > period);
      if (later) this.jobs.schedule(later);
    }
  }

  /** Writes the entries whose value changed; true when the period's closing figures changed. */
  private write(
    room: Room,
    period: string,
    next: Map<string, PeriodItemStats>,
    basedOn: string | null,
    movements: number,
  ): boolean {
    const view = periodStatsOf(room);
    const updates: [string, unknown][] = [];
    for (const [sku, stats] of next) {
      const encoded = encodePeriodItemStats(stats);
      if (JSON.stringify(view.items.get(sku)) !== JSON.stringify(encoded)) updates.push([sku, encoded]);
    }
    const info = view.info();
    if (updates.length === 0 && info && info.movements === movements && info.basedOn === basedOn)
      return false;
    room.transact(() => {
      for (const [sku, value] of updates) view.items.set(sku, value);
      view.meta.set('computed', { period, basedOn, computedAt: new Date().toISOString(), movements });
    }, STATS_WRITE);
    this.log.debug('period stats written', { period, items: next.size, changed: updates.length });
    return updates.length > 0;
  }
}
