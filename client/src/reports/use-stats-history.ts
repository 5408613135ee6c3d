import { periodOf } from '@stockroom/shared/ledger/period';
import type { PeriodItemStats } from '@stockroom/shared/reports/period-stats';
import { foldPeriodStats } from '@stockroom/shared/reports/period-stats';
import { PeriodStatsRoom } from '@stockroom/shared/reports/period-stats-room';
import {
  closingStats,
  type StatsHistory,
  type StatsMap,
  unitCostOf,
} from '@stockroom/shared/reports/report-periods';
import { statsRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import { createTicker } from '../ui/ticker.ts';

/** How long to wait for the server to hand over a stats room before going on without it. */
const SYNC_WAIT_MS = 8000;

export interface StatsHistoryState {
  /** Every period read, and the current one folded on this device from its own ledger. */
  history: Accessor<StatsHistory>;
  /** The current month's stats (this device's fold, never older than its own movements). */
  current: Accessor<StatsMap>;
  /** True until the chain of earlier periods has been followed back far enough. */
  loading: Accessor<boolean>;
  /** An earlier period the chain needed is not on this device (never synced here, or not computed yet). */
  incomplete: Accessor<boolean>;
}

interface Slot {
  period: string;
  model: PeriodStatsRoom;
}

/** Resolves once the room has its figures, the server has answered, or the server is out of reach. */
function settled(connection: RoomConnection, model: PeriodStatsRoom): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      const s = connection.statusSnapshot;
      return (
        model.info() !== null ||
        s.synced ||
        s.forbidden === true ||
        s.rejected ||
        s.workOffline ||
        s.failedAttempts > 0 ||
        !navigator.onLine
      );
    };
    if (done()) return resolve();
    const timer = setTimeout(finish, SYNC_WAIT_MS);
    const off = connection.onChange(() => done() && finish());
    const offModel = model.onChange(() => done() && finish());
    function finish() {
      clearTimeout(timer);
      off();
      offModel();
      resolve();
    }
  });
}

/**
 * The period stats (`stats-YYYY-MM`, written by the server) a report needs, read from this
 * device's copies: periods are found by following each period's `basedOn` back from the
 * current ledger's opening, so only rooms that exist are opened (a period nobody moved stock
 * in has none, and asking for it would be a 404). The chain stops at the first period before
 * `oldest` (`YYYY-MM`): its closing is what the range starts from.
 *
 * The current month is folded here from the ledger this device holds, with the same shared
 * fold the server runs — so a report includes what was recorded offline a minute ago.
 */
export function useStatsHistory(app: AppContextValue, oldest: Accessor<string>): StatsHistoryState {
  const [slots, setSlots] = createSignal<Slot[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [incomplete, setIncomplete] = createSignal(false);
  const [tick, bump] = createTicker();

  // A memo: the chain is followed again only when the opening's basedOn changes, not on every movement.
  const start = createMemo(() => {
    app.ledgerTick();
    return app.ws.ledger.opening()?.basedOn ?? null;
  });

  createEffect(
    on([start, oldest], ([first, until]) => {
      let disposed = false;
      const held: { release: () => void; off?: () => void; model?: PeriodStatsRoom }[] = [];
      setLoading(true);
      setIncomplete(false);
      void (async () => {
        const found: Slot[] = [];
        let next: string | null = first;
        const seen = new Set<string>();
        while (next !== null && !disposed && !seen.has(next)) {
          seen.add(next);
          const period: string = next;
          const { connection, release } = app.ws.acquire(statsRoom(period));
          const entry: (typeof held)[number] = { release };
          held.push(entry);
          await connection.whenLocal;
          if (disposed) return;
          const model = new PeriodStatsRoom(connection.doc, period);
          entry.model = model;
          entry.off = model.onChange(bump);
          await settled(connection, model);
          if (disposed) return;
          const info = model.info();
          if (info === null) {
            setIncomplete(true);
            break;
          }
          found.push({ period, model });
          setSlots([...found]);
          if (period < until) break;
          next = info.basedOn;
        }
        if (!disposed) setLoading(false);
      })();
      onCleanup(() => {
        disposed = true;
        for (const h of held) {
          h.off?.();
          h.model?.destroy();
          h.release();
        }
        setSlots([]);
      });
    }),
  );

  const earlier = createMemo(() => {
    tick();
    const out = new Map<string, Map<string, PeriodItemStats>>();
    for (const s of slots()) out.set(s.period, s.model.all());
    return out;
  });

  const current = createMemo(() => {
    app.ledgerTick();
    const ledger = app.ws.ledger;
    const items = new Map(app.items().map((i) => [i.sku, i]));
    const basedOn = ledger.opening()?.basedOn ?? null;
    const previous = basedOn ? closingStats(earlier(), basedOn) : null;
    return foldPeriodStats(previous, [...ledger.movements.values()], unitCostOf(items), ledger.period, {
      opening: ledger.opening()?.lines ?? [],
    });
  });

  const history = createMemo(() => {
    const out = new Map<string, StatsMap>(earlier());
    out.set(app.ws.ledger.period ?? periodOf(new Date()), current());
    return out;
  });

  return { history, current, loading, incomplete };
}
