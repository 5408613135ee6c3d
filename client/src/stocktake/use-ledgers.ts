import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { nextPeriod, periodOf } from '@stockroom/shared/ledger/period';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import { createTicker } from '../ui/ticker.ts';

/** A stocktake older than this many months is not worth reading movements for. */
const MAX_EARLIER = 3;

/** The ledger periods from `from` up to (not including) `current`, at most MAX_EARLIER of the latest. */
export function periodsBetween(from: string, current: string): string[] {
  const out: string[] = [];
  for (let p = from; p < current && out.length < 240; p = nextPeriod(p)) out.push(p);
  return out.slice(-MAX_EARLIER);
}

/**
 * The ledger movements a stocktake's variance needs: those since counting started. The
 * current month is the workspace's ledger; earlier months (a count that crossed a month
 * end) are opened here while the screen lives.
 */
export function useMovementsSince(app: AppContextValue, startedAt: Accessor<string | null>) {
  const [tick, bump] = createTicker();
  const [earlier, setEarlier] = createSignal<LedgerPeriod[]>([]);
  createEffect(() => {
    const at = startedAt();
    const periods = at ? periodsBetween(periodOf(at), app.ws.ledger.period) : [];
    if (periods.length === 0) return;
    const opened: { ledger?: LedgerPeriod; off?: () => void; release: () => void }[] = [];
    let disposed = false;
    for (const period of periods) {
      const { connection, release } = app.ws.acquire(ledgerRoom(period));
      const slot: (typeof opened)[number] = { release };
      opened.push(slot);
      void connection.whenLocal.then(() => {
        if (disposed) return;
        slot.ledger = new LedgerPeriod(connection.doc, period);
        slot.off = slot.ledger.movements.onChange(bump);
        setEarlier(opened.flatMap((s) => (s.ledger ? [s.ledger] : [])));
      });
    }
    onCleanup(() => {
      disposed = true;
      for (const s of opened) {
        s.off?.();
        s.ledger?.destroy();
        s.release();
      }
      setEarlier([]);
    });
  });
  return (): Movement[] => {
    tick();
    app.ledgerTick();
    const out: Movement[] = [];
    for (const l of earlier()) out.push(...l.movements.values());
    out.push(...app.ws.ledger.movements.values());
    return out;
  };
}
