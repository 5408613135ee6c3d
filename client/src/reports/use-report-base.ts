import type { Item } from '@stockroom/shared/catalog/item';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { type Accessor, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import { createTicker } from '../ui/ticker.ts';
import { type StatsHistoryState, useStatsHistory } from './use-stats-history.ts';

export interface ReportBase extends StatsHistoryState {
  itemsBySku: Accessor<Map<string, Item>>;
  /** Stock now: lines by item × location × lot, and totals per SKU. */
  lines: Accessor<ReturnType<ReturnType<AppContextValue['stock']>['lines']>>;
  totals: Accessor<Map<string, number>>;
}

/** What every report reads: the catalog, stock now and the period stats back to `oldest`. */
export function useReportBase(app: AppContextValue, oldest: Accessor<string>): ReportBase {
  const stats = useStatsHistory(app, oldest);
  return {
    ...stats,
    itemsBySku: createMemo(() => new Map(app.items().map((i) => [i.sku, i]))),
    lines: createMemo(() => app.stock().lines()),
    totals: createMemo(() => app.stock().totalsBySku()),
  };
}

/**
 * One ledger month's room (opening and movements) while `period` names one: what a valuation
 * at a past date folds. The current month is the workspace's own room.
 */
export function useLedgerMonth(
  app: AppContextValue,
  period: Accessor<string | null>,
): Accessor<LedgerPeriod | null> {
  const [ledger, setLedger] = createSignal<LedgerPeriod | null>(null);
  const [tick, bump] = createTicker();
  createEffect(() => {
    const p = period();
    setLedger(null);
    if (p === null || p === app.ws.ledger.period) return;
    const { connection, release } = app.ws.acquire(ledgerRoom(p));
    let disposed = false;
    let off: (() => void) | undefined;
    let model: LedgerPeriod | undefined;
    void connection.whenLocal.then(() => {
      if (disposed) return;
      model = new LedgerPeriod(connection.doc, p);
      off = model.movements.onChange(bump);
      model.meta.observe(bump);
      setLedger(() => model!);
    });
    onCleanup(() => {
      disposed = true;
      off?.();
      if (model) model.meta.unobserve(bump);
      model?.destroy();
      release();
    });
  });
  return () => {
    tick();
    app.ledgerTick();
    const p = period();
    if (p !== null && p === app.ws.ledger.period) return app.ws.ledger;
    return ledger();
  };
}
