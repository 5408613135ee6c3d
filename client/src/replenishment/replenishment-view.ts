import type { Item } from '@stockroom/shared/catalog/item';
import type { Supplier } from '@stockroom/shared/catalog/supplier';
import { type OrderView, onOrderBySku } from '@stockroom/shared/purchasing/order-fold';
import { dailyDemandSeries } from '@stockroom/shared/replenishment/daily-demand';
import {
  issuedByDay,
  longestWindow,
  type Suggestion,
  suggestions,
  windowPeriods,
} from '@stockroom/shared/replenishment/suggestions';
import { periodStatsOf, type StatsHistory } from '@stockroom/shared/reports/report-periods';

export interface ReplenishmentInputs {
  items: readonly Item[];
  history: StatsHistory;
  onHand: ReadonlyMap<string, number>;
  orders: readonly OrderView[];
  reserved: ReadonlyMap<string, number>;
  minimums: ReadonlyMap<string, number>;
  suppliers: ReadonlyMap<string, Pick<Supplier, 'leadTimeDays'>>;
  today: Date;
}

/**
 * Every active item's figures, as GET /api/replenishment computes them (the same shared
 * code over the same rooms): a period of the window without its own stats reads as the
 * closing carried from before, with no issues.
 */
export function suggestionsFrom(input: ReplenishmentInputs): Suggestion[] {
  const stats = windowStats(input.history, input.today, longestWindow(input.items));
  return suggestions({
    items: input.items,
    stats,
    onHand: input.onHand,
    onOrder: onOrderBySku(input.orders),
    reserved: input.reserved,
    orders: input.orders,
    suppliers: input.suppliers,
    minimums: input.minimums,
    today: input.today,
  });
}

export type SuggestionFilter = 'below' | 'all';

/** What the screen lists: items to order (a suggested quantity) or everything, narrowed to one supplier. */
export function visibleSuggestions(
  lines: readonly Suggestion[],
  filter: SuggestionFilter,
  supplier: string,
): Suggestion[] {
  return lines.filter(
    (l) => (filter === 'all' || l.suggestedQuantity > 0) && (supplier === '' || l.supplier === supplier),
  );
}

/** Why an item is suggested, in one sentence a buyer can check by hand. */
export function why(l: Suggestion): string {
  const r = (n: number) => Math.round(n * 100) / 100;
  if (l.reorderPoint === null) return 'No reorder point: set one, or let Stockroom compute it.';
  const demand = `${r(l.averageDailyDemand)}/day${l.intermittent ? ' (intermittent, SBA)' : ''}`;
  const lead = `lead time ${r(l.leadTimeDays)} d`;
  const basis =
    l.method === 'computed'
      ? `ROP ${r(l.reorderPoint)} = ${demand} × ${lead} + safety ${r(l.safetyStock ?? 0)}`
      : `ROP ${r(l.reorderPoint)} (set by hand; demand ${demand}, ${lead})`;
  const position = `position ${r(l.position)} = on hand ${r(l.onHand)} + on order ${r(l.onOrder)} − reserved ${r(l.reserved)}`;
  return l.position <= l.reorderPoint ? `${position} ≤ ${basis}` : `${position} > ${basis}: nothing to order`;
}

/** The suppliers a selection would draft orders for (one draft per supplier). */
export function draftSuppliers(lines: readonly Suggestion[], selected: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const l of lines)
    if (selected.has(l.sku) && l.supplier !== null && l.suggestedQuantity > 0) out.add(l.supplier);
  return [...out].sort();
}

/** The stats of the periods a window of `days` days ending yesterday touches. */
export function windowStats(history: StatsHistory, today: Date, days: number) {
  const stats = new Map<string, ReturnType<typeof periodStatsOf>>();
  for (const p of windowPeriods(today, days)) if (history.has(p)) stats.set(p, periodStatsOf(history, p));
  return stats;
}

/**
 * The item's issued quantity per week over its demand window, oldest first (the days the
 * suggestion is computed from, in sums of 7, the oldest week holding the remainder): what the
 * sparkline beside each suggestion draws.
 */
export function weeklyDemand(
  stats: ReturnType<typeof windowStats>,
  sku: string,
  today: Date,
  days: number,
): number[] {
  const daily = dailyDemandSeries(issuedByDay(sku, stats), today, days);
  const weeks: number[] = [];
  for (let end = daily.length; end > 0; end -= 7) {
    let sum = 0;
    for (let i = Math.max(0, end - 7); i < end; i++) sum += daily[i]!;
    weeks.unshift(sum);
  }
  return weeks;
}
