import type { AccuracyPoint } from './count-accuracy.ts';
import type { DeadStockRow } from './dead-stock.ts';
import type { ExcessRow } from './excess.ts';
import type { Turnover } from './turnover.ts';
import type { Valuation } from './valuation.ts';

/** A count from another module: the number itself, or the list it counts. */
export type CountOf = number | readonly unknown[];

export interface DashboardInput {
  valuation: Pick<Valuation, 'total' | 'rows'>;
  deadStock: readonly Pick<DeadStockRow, 'value'>[];
  excess: readonly Pick<ExcessRow, 'value'>[];
  turnover: Pick<Turnover, 'turns'> | null;
  /** Accuracy over time (accuracyOverTime): the latest point is shown. */
  accuracy: readonly AccuracyPoint[];
  /** From replenishment: items whose stock is below their reorder point. */
  belowReorderPoint: CountOf;
  /** From maintenance: critical spares below their minimum (recommended spare quantity). */
  criticalSparesBelowMin: CountOf;
  /** From purchasing: open orders, and those of them past their expected date. */
  openPurchaseOrders: CountOf;
  overduePurchaseOrders: CountOf;
  /** From maintenance: work orders open, in progress or on hold. */
  openWorkOrders: CountOf;
}

export interface DashboardFigures {
  stockValue: number;
  /** Rows of the valuation given (items on hand when it is grouped by item). */
  valuedLines: number;
  deadStock: { items: number; value: number };
  excess: { items: number; value: number };
  turns: number | null;
  lastCount: { id: string; postedAt: string; accuracy: number | null } | null;
  belowReorderPoint: number;
  criticalSparesBelowMin: number;
  openPurchaseOrders: number;
  overduePurchaseOrders: number;
  openWorkOrders: number;
}

const count = (c: CountOf) => (typeof c === 'number' ? c : c.length);
/** Sums values to 1/10,000 without float drift over many rows. */
const sum = (rows: readonly { value: number }[]) =>
  rows.reduce((s, r) => s + Math.round(r.value * 10_000), 0) / 10_000;

/** The dashboard's figures, assembled from the reports and the counts other modules pass in. */
export function dashboardFigures(input: DashboardInput): DashboardFigures {
  const last = input.accuracy.at(-1);
  return {
    stockValue: input.valuation.total,
    valuedLines: input.valuation.rows.length,
    deadStock: { items: input.deadStock.length, value: sum(input.deadStock) },
    excess: { items: input.excess.length, value: sum(input.excess) },
    turns: input.turnover?.turns ?? null,
    lastCount: last ? { id: last.id, postedAt: last.postedAt, accuracy: last.accuracy } : null,
    belowReorderPoint: count(input.belowReorderPoint),
    criticalSparesBelowMin: count(input.criticalSparesBelowMin),
    openPurchaseOrders: count(input.openPurchaseOrders),
    overduePurchaseOrders: count(input.overduePurchaseOrders),
    openWorkOrders: count(input.openWorkOrders),
  };
}
