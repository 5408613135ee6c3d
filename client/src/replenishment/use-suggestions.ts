import type { Supplier } from '@stockroom/shared/catalog/supplier';
import type { Suggestion } from '@stockroom/shared/replenishment/suggestions';
import { type Accessor, createMemo } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import type { Operations } from '../reports/use-operations.ts';
import type { ReportBase } from '../reports/use-report-base.ts';
import { suggestionsFrom } from './replenishment-view.ts';

/** The catalog's suppliers by code. */
export function useSuppliersByCode(app: AppContextValue): Accessor<Map<string, Supplier>> {
  return createMemo(() => new Map([...app.ws.catalog.suppliers.values()].map((s) => [s.code, s])));
}

/**
 * Every active item's reorder figures from this device's rooms, as of `now`: what the
 * replenishment screen lists and the dashboard counts.
 */
export function useSuggestions(
  app: AppContextValue,
  base: ReportBase,
  ops: Operations,
  now: Date,
  suppliers: Accessor<Map<string, Supplier>> = useSuppliersByCode(app),
): Accessor<Suggestion[]> {
  return createMemo(() =>
    suggestionsFrom({
      items: app.items(),
      history: base.history(),
      onHand: base.totals(),
      orders: ops.orders(),
      reserved: ops.reserved(),
      minimums: ops.minimums(),
      suppliers: suppliers(),
      today: now,
    }),
  );
}
