import { mean, sampleStdDev } from '../forecasting/statistics.ts';

/** Received lines needed before their lead times are trusted over the entered ones. */
export const MIN_LEAD_TIME_OBSERVATIONS = 3;

export type LeadTimeSource = 'history' | 'supplier-item' | 'supplier' | 'item' | 'none';

export interface LeadTimeInputs {
  /**
   * Actual lead times in days (sent → first receipt of each received line, fractional) of
   * purchase-order lines from the preferred supplier: purchasing's `leadTimes(orders, supplier, sku)`.
   */
  observedDays: readonly number[];
  /** The item's supplier reference's leadTimeDays. */
  supplierItemDays?: number | null;
  /** The supplier's leadTimeDays. */
  supplierDays?: number | null;
  /** The item's own leadTimeDays. */
  itemDays?: number | null;
}

export interface LeadTime {
  /** L̄ in days. */
  mean: number;
  /** σ_L in days: measured only from history; an entered lead time has none. */
  stdDev: number;
  source: LeadTimeSource;
}

/**
 * L̄ and σ_L: from history once at least 3 lines were received (mean and sample standard
 * deviation), else the first lead time entered of supplier reference, supplier, item, with
 * σ_L = 0. Fewer than 3 observations are not used even when nothing is entered (too few to
 * trust, the rule): then the lead time is 0 with source 'none', which the screen shows
 * as "no lead time" so someone enters one. Observations that are not finite numbers (a
 * timestamp that did not parse) are left out.
 */
export function leadTime(inputs: LeadTimeInputs): LeadTime {
  const observed = inputs.observedDays.filter(Number.isFinite);
  if (observed.length >= MIN_LEAD_TIME_OBSERVATIONS)
    return { mean: mean(observed), stdDev: sampleStdDev(observed), source: 'history' };
  const entered: [LeadTimeSource, number | null | undefined][] = [
    ['supplier-item', inputs.supplierItemDays],
    ['supplier', inputs.supplierDays],
    ['item', inputs.itemDays],
  ];
  for (const [source, days] of entered) {
    if (typeof days === 'number' && Number.isFinite(days)) return { mean: days, stdDev: 0, source };
  }
  return { mean: 0, stdDev: 0, source: 'none' };
}
