import { fromUnits, toUnits } from '../quantity.ts';
import { compareText } from '../stocktake/stamp.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';
import type { PeriodItemStats } from './period-stats.ts';

export const DEFAULT_DEAD_STOCK_DAYS = 180;

export interface DeadStockRow {
  sku: string;
  quantity: number;
  value: number;
  lastIssueAt: string | null;
  /** When the idle time is counted from: the last issue, else the last receipt; null when neither is known. */
  idleSince: string | null;
  /** Whole days since `idleSince`; null when it is unknown. */
  idleDays: number | null;
}

const DAY = 86_400_000;

/**
 * Items on hand (> 0, all locations together) with no demand issue for at least `days`
 * whole days before `now`. Returns to a supplier are not demand and do not count as
 * issues. An item never issued is counted from its last receipt, so stock that has just
 * arrived is not dead; one with neither on record (stock from before the ledger's history)
 * is dead. `stats` are the latest period's (they carry the last issue and receipt forward).
 * Sorted by value (highest first), then SKU.
 */
export function deadStock(
  stock: Iterable<{ sku: string; quantity: number }>,
  stats: ReadonlyMap<string, Pick<PeriodItemStats, 'lastIssueAt' | 'lastReceiptAt'>>,
  costs: ReadonlyMap<string, number>,
  options: { now: Date; days?: number },
): DeadStockRow[] {
  const days = options.days ?? DEFAULT_DEAD_STOCK_DAYS;
  const onHand = new Map<string, number>();
  for (const s of stock) onHand.set(s.sku, (onHand.get(s.sku) ?? 0) + toUnits(s.quantity));
  const rows: (DeadStockRow & { valueUnits: number })[] = [];
  for (const [sku, units] of onHand) {
    if (units <= 0) continue;
    const s = stats.get(sku);
    const lastIssueAt = s?.lastIssueAt ?? null;
    const idleSince = lastIssueAt ?? s?.lastReceiptAt ?? null;
    const idleDays =
      idleSince === null ? null : Math.floor((options.now.getTime() - Date.parse(idleSince)) / DAY);
    if (idleDays !== null && idleDays < days) continue;
    const valueUnits = valueUnitsOf(units, toValueUnits(costs.get(sku) ?? 0));
    rows.push({
      sku,
      quantity: fromUnits(units),
      value: fromValueUnits(valueUnits),
      valueUnits,
      lastIssueAt,
      idleSince,
      idleDays,
    });
  }
  rows.sort((a, b) => b.valueUnits - a.valueUnits || compareText(a.sku, b.sku));
  return rows.map(({ valueUnits: _, ...row }) => row);
}
