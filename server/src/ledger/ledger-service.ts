import type { OpeningBalance } from '@stockroom/shared/ledger/opening';
import { periodOf } from '@stockroom/shared/ledger/period';
import type { StockLine } from '@stockroom/shared/ledger/stock';
import { ledgerRoom, parseRoom } from '@stockroom/shared/sync/rooms';
import type { Logger } from '../log.ts';
import type { UpdateStore } from '../storage/update-store.ts';
import { type Room, ServerWrite } from '../sync/room.ts';
import type { LeasePurpose, RoomRegistry } from '../sync/room-registry.ts';
import { DebouncedRefresh } from './debounced-refresh.ts';
import { type PeriodView, periodViewOf } from './period-view.ts';

export const OPENING_WRITE = new ServerWrite('opening-balance');

/**
 * Carries closing balances forward between ledger periods (rooms `ledger-YYYY-MM`).
 *
 * A period's opening = the closing stock of the latest earlier period that exists
 * (months without any room moved nothing). It is computed when a period room is loaded,
 * and recomputed — debounced — whenever an earlier period changes (a movement recorded
 * offline in March that syncs in April), cascading forward one period at a time: each
 * opening write is itself a change of that period, which schedules the next one. An
 * opening is written only when its lines differ, so the cascade stops where nothing changed.
 */
export class LedgerService {
  private readonly periods = new Set<string>();
  private readonly openings: DebouncedRefresh;
  private readonly changeListeners = new Set<(period: string) => void>();

  constructor(
    private readonly registry: RoomRegistry,
    store: UpdateStore,
    private readonly log: Logger,
    private readonly options: { debounceMs?: number; now?: () => Date } = {},
  ) {
    this.openings = new DebouncedRefresh(
      (p) => this.refresh(p),
      log,
      'opening balance',
      options.debounceMs ?? 200,
    );
    for (const name of store.rooms()) {
      const ref = parseRoom(name);
      if (ref?.kind === 'ledger') this.periods.add(ref.period);
    }
    registry.onLoad((room, purpose) => this.onLoaded(room, purpose));
  }

  currentPeriod(): string {
    return periodOf(this.options.now?.() ?? new Date());
  }

  /** Periods that have (or are about to have) a room, oldest first. */
  knownPeriods(): string[] {
    return [...this.periods].sort();
  }

  /**
   * Runs `fn` on a period's ledger with the room held and its opening balance up to date
   * (any scheduled recomputation runs first).
   */
  async withPeriod<T>(period: string, fn: (view: PeriodView, room: Room) => T | Promise<T>): Promise<T> {
    return this.registry.with(ledgerRoom(period), async (room) => {
      await this.settle(period);
      return fn(periodViewOf(room), room);
    });
  }

  /** Waits until no recomputation of this period's opening is pending or running. */
  settle(period: string): Promise<void> {
    return this.openings.settle(period);
  }

  /** Called after any stored change of a loaded ledger period (its movements or its opening). */
  onPeriodChange(listener: (period: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  close(): void {
    this.openings.close();
  }

  private onLoaded(room: Room, purpose: LeasePurpose): void {
    if (room.ref.kind !== 'ledger') return;
    const period = room.ref.period;
    this.periods.add(period);
    const view = periodViewOf(room);
    room.onUpdate(() => {
      this.afterChange(period);
      for (const l of this.changeListeners) l(period);
    });
    // Someone else (a client) touching `meta` gets its opening rewritten from the source.
    view.ledger.meta.observe((event) => {
      if (event.transaction.origin !== OPENING_WRITE) this.schedule(period);
    });
    // A room opened only to read its closing stock does not recompute its own opening,
    // or one late-month load would walk back through every period ever recorded.
    if (purpose === 'use') this.schedule(period);
  }

  private afterChange(period: string): void {
    const next = this.knownPeriods().find((p) => p > period);
    if (next) this.schedule(next);
  }

  private schedule(period: string): void {
    this.openings.schedule(period);
  }

  private async refresh(period: string): Promise<void> {
    const earlier = this.knownPeriods().filter((p) => p < period);
    const source = earlier.at(-1) ?? null;
    let lines: StockLine[] = [];
    if (source) {
      lines = await this.registry.with(
        ledgerRoom(source),
        async (room) => {
          const view = periodViewOf(room);
          // The source's own opening must exist before its closing means anything.
          if (earlier.length > 1 && !view.ledger.opening()) await this.openings.now(source);
          return view.stock().lines();
        },
        'dependency',
      );
    }
    await this.registry.with(
      ledgerRoom(period),
      (room) => {
        const view = periodViewOf(room);
        const current = view.ledger.opening();
        const unchanged = current
          ? sameLines(current.lines, lines)
          : lines.length === 0 && !view.ledger.meta.has('opening');
        if (unchanged) return;
        const opening: OpeningBalance = {
          period,
          basedOn: source,
          computedAt: (this.options.now?.() ?? new Date()).toISOString(),
          lines,
        };
        room.transact(() => view.ledger.setOpening(opening), OPENING_WRITE);
        this.log.info('opening balance written', { period, basedOn: source, lines: lines.length });
      },
      'dependency',
    );
  }
}

function sameLines(a: readonly StockLine[], b: readonly StockLine[]): boolean {
  if (a.length !== b.length) return false;
  const key = (l: StockLine) => `${l.sku}\u001f${l.location}\u001f${l.lot ?? ''}\u001f${l.quantity}`;
  const set = new Set(a.map(key));
  return b.every((l) => set.has(key(l)));
}
