import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import { createTicker } from '../ui/ticker.ts';

/**
 * The movements of several ledger months while the calling screen lives: the workspace's
 * current month, and the others opened here (each its own room, loaded from the device and
 * synced) and released when the periods change or the screen goes.
 */
export function useLedgerPeriods(app: AppContextValue, periods: Accessor<string[]>): Accessor<Movement[]> {
  const [tick, bump] = createTicker();
  const [opened, setOpened] = createSignal<LedgerPeriod[]>([]);
  createEffect(
    on(
      () => periods().join(','),
      () => {
        const others = periods().filter((p) => p !== app.ws.ledger.period);
        if (others.length === 0) return;
        const slots: { ledger?: LedgerPeriod; off?: () => void; release: () => void }[] = [];
        let disposed = false;
        for (const period of others) {
          const { connection, release } = app.ws.acquire(ledgerRoom(period));
          const slot: (typeof slots)[number] = { release };
          slots.push(slot);
          void connection.whenLocal.then(() => {
            if (disposed) return;
            slot.ledger = new LedgerPeriod(connection.doc, period);
            slot.off = slot.ledger.movements.onChange(bump);
            setOpened(slots.flatMap((s) => (s.ledger ? [s.ledger] : [])));
          });
        }
        onCleanup(() => {
          disposed = true;
          for (const s of slots) {
            s.off?.();
            s.ledger?.destroy();
            s.release();
          }
          setOpened([]);
        });
      },
    ),
  );
  return () => {
    tick();
    app.ledgerTick();
    const wanted = new Set(periods());
    const out: Movement[] = [];
    for (const l of opened()) out.push(...l.movements.values());
    if (wanted.has(app.ws.ledger.period)) out.push(...app.ws.ledger.movements.values());
    return out;
  };
}
