import { periodOf, writablePeriods } from '@stockroom/shared/ledger/period';
import type { LocationEvent } from '@stockroom/shared/stocktake/location-events';
import { expectedRoom } from '@stockroom/shared/sync/rooms';
import type { LedgerService } from '../ledger/ledger-service.ts';
import type { Logger } from '../log.ts';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { expectedSnapshotsOf, stocktakeOf } from './stocktake-rooms.ts';

type StartEvent = Extract<LocationEvent, { type: 'start' }>;

/**
 * Takes the expected-stock snapshot of every location a counter starts, wherever the start
 * was written (a phone over sync, the API): the stock at that location in the ledger as it
 * stood at the start's time, written to `expected-<id>` — a room counters of a blind
 * stocktake never receive. Rooms loaded later catch up on starts that have none yet.
 */
export class ExpectedSnapshotTaker {
  private readonly queue = new Map<string, Map<string, StartEvent>>();
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly ledger: LedgerService,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    registry.onLoad((room) => this.watch(room));
  }

  /** Resolves once every start seen so far has its snapshot (for tests and the API). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
    this.queue.clear();
  }

  private watch(room: Room): void {
    if (room.ref.kind !== 'stocktake') return;
    const st = stocktakeOf(room);
    const id = room.ref.id;
    const status = st.status();
    if (status === 'counting' || status === 'review') this.enqueue(id, st.locationEvents.values());
    st.locationEvents.onChange((added) => this.enqueue(id, added));
  }

  private enqueue(stocktakeId: string, events: Iterable<LocationEvent>): void {
    if (this.closed) return;
    let starts = this.queue.get(stocktakeId);
    for (const e of events) {
      if (e.type !== 'start') continue;
      starts ??= new Map();
      starts.set(e.id, e);
    }
    if (!starts?.size) return;
    this.queue.set(stocktakeId, starts);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.size && !this.closed) {
      const [id, starts] = this.queue.entries().next().value!;
      this.queue.delete(id);
      try {
        await this.take(id, [...starts.values()]);
      } catch (error) {
        this.log.error('expected snapshot failed', { stocktake: id, error });
      }
    }
  }

  private async take(stocktakeId: string, starts: StartEvent[]): Promise<void> {
    await this.registry.with(expectedRoom(stocktakeId), async (room) => {
      const snapshots = expectedSnapshotsOf(room);
      const byPeriod = new Map<string, StartEvent[]>();
      for (const s of starts) {
        if (!snapshots.needs(s)) continue;
        const period = this.periodFor(s.at);
        byPeriod.set(period, [...(byPeriod.get(period) ?? []), s]);
      }
      for (const [period, group] of byPeriod) {
        await this.ledger.withPeriod(period, (view) => {
          room.write(() => {
            for (const s of group) {
              if (!snapshots.needs(s)) continue;
              const at = period === periodOf(s.at) ? Date.parse(s.at) : Number.POSITIVE_INFINITY;
              const asOf = Math.min(at, this.now().getTime());
              const stock = view.ledger.stockAsOf(new Date(asOf).toISOString());
              snapshots.record(s, stock.lines({ location: s.location }), this.now());
            }
          });
        });
      }
    });
  }

  /** The ledger period a start's time falls in; a time outside what movements may be dated in counts as now. */
  private periodFor(at: string): string {
    const now = this.now();
    const { from, to } = writablePeriods(now);
    const period = periodOf(at);
    return Number.isNaN(Date.parse(at)) || period < from || period > to ? periodOf(now) : period;
  }
}
