import { type Accessor, onCleanup } from 'solid-js';
import type { Workspace } from '../sync/workspace.ts';
import { createTicker } from '../ui/ticker.ts';

export interface Live {
  /** Changes whenever the catalog changes (at most once per frame). */
  catalogTick: Accessor<number>;
  /** Changes whenever the current ledger room changes, or the ledger switches to a new month. */
  ledgerTick: Accessor<number>;
  /** Changes whenever a room's connection, pending count or acknowledgements change. */
  syncTick: Accessor<number>;
}

/**
 * Bridges Yjs observers to Solid signals. Bursts of remote updates are coalesced to one
 * tick per animation frame, so a large sync does not recompute the screens thousands of times.
 */
export function createLive(ws: Workspace): Live {
  const [catalogTick, bumpCatalog] = createTicker();
  const [ledgerTick, bumpLedger] = createTicker();
  const [syncTick, bumpSync] = createTicker();

  const offCatalog = [
    ws.catalog.items.onChange(bumpCatalog),
    ws.catalog.locations.onChange(bumpCatalog),
    ws.catalog.suppliers.onChange(bumpCatalog),
  ];

  let ledger = ws.ledger;
  let offLedger = watchLedger();
  function watchLedger(): () => void {
    const off = ledger.movements.onChange(bumpLedger);
    ledger.meta.observe(bumpLedger);
    const meta = ledger.meta;
    return () => {
      off();
      meta.unobserve(bumpLedger);
    };
  }

  const offWorkspace = ws.onChange(() => {
    if (ws.ledger !== ledger) {
      offLedger();
      ledger = ws.ledger;
      offLedger = watchLedger();
      bumpLedger();
    }
    bumpSync();
  });

  onCleanup(() => {
    for (const off of offCatalog) off();
    offLedger();
    offWorkspace();
  });
  return { catalogTick, ledgerTick, syncTick };
}
