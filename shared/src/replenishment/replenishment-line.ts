import { CROSTON_ALPHA, sbaRate } from '../forecasting/croston.ts';
import { isIntermittent } from '../forecasting/intermittency.ts';
import { mean, sampleStdDev } from '../forecasting/statistics.ts';
import { type DailyQuantities, dailyDemandSeries } from './daily-demand.ts';
import { inventoryPosition } from './inventory-position.ts';
import { type LeadTimeInputs, type LeadTimeSource, leadTime } from './lead-time.ts';
import { serviceLevelZ } from './normal-quantile.ts';
import type { ReplenishmentPolicy } from './policy.ts';
import { computedReorderPoint, safetyStock } from './reorder-point.ts';
import { orderTarget, suggestedQuantity } from './suggested-quantity.ts';

export interface ReplenishmentLineInput {
  /** The item's policy, parsed (Item.replenishment is). */
  policy: ReplenishmentPolicy;
  /** The day of the run (UTC); the demand window ends the day before. */
  today: string | Date;
  /** Issued quantity per UTC day, 'YYYY-MM-DD' → quantity. */
  issuedByDay: DailyQuantities;
  leadTime: LeadTimeInputs;
  onHand: number;
  /** Open purchase-order lines not yet received, drafts included. */
  onOrder: number;
  reserved: number;
  /** The item's entered levels (Item fields of the same names). */
  item: { reorderPoint?: number | null; minQty?: number | null; maxQty?: number | null };
  /** The preferred supplier reference (SupplierRef fields of the same names). */
  supplierRef?: { packSize?: number | null; minOrderQty?: number | null } | null;
  /** A floor for the reorder point from elsewhere (critical spares: recommended spare quantity per asset). */
  effectiveMinimum?: number | null;
}

export interface ReplenishmentLine {
  method: ReplenishmentPolicy['method'];
  /** ADI of the daily series > 1.32: d̄ is the SBA rate. */
  intermittent: boolean;
  onHand: number;
  onOrder: number;
  reserved: number;
  /** On hand + on order − reserved. */
  position: number;
  /** d̄ per day: mean of the window, or the SBA rate (α 0.1) when intermittent. */
  averageDailyDemand: number;
  /** σ_d: sample standard deviation of the daily series, intermittent or not. */
  demandStdDev: number;
  leadTimeDays: number;
  leadTimeStdDev: number;
  leadTimeSource: LeadTimeSource;
  /** z·√(L̄·σ_d² + d̄²·σ_L²); null for the manual method, which does not compute one. */
  safetyStock: number | null;
  /** The reorder point used, after the effective minimum; null when a manual item has none. */
  reorderPoint: number | null;
  /** The position an order brings the item up to; null when there is no reorder point. */
  target: number | null;
  suggestedQuantity: number;
  /** z of the service level; null for the manual method. */
  z: number | null;
  serviceLevel: number;
  windowDays: number;
  reviewDays: number;
}

/**
 * Reorder point and suggestion for one item (issue 9). Numbers are returned raw: rounding for
 * display belongs to the screen; only the suggested quantity is rounded, because rounding up
 * to packs is part of the rule.
 *
 * - computed: ROP = d̄·L̄ + z·√(L̄·σ_d² + d̄²·σ_L²). For intermittent demand d̄ is the SBA rate,
 *   while σ_d stays the sample standard deviation of the daily series (zero days included):
 *   that is the day-to-day spread the safety stock must absorb, and Croston gives no variance
 *   of its own.
 * - manual: ROP = the item's reorder point, else its minimum (a minimum is the level to reorder
 *   at when no separate reorder point is entered); demand and lead time are still measured and
 *   shown, and feed the target when there is no maximum.
 * - Either way the effective minimum raises the ROP to at least itself (and gives a manual
 *   item without levels one); the target is the maximum when set, else ROP + d̄ × review days.
 */
export function replenishmentLine(input: ReplenishmentLineInput): ReplenishmentLine {
  const { policy, item } = input;
  const series = dailyDemandSeries(input.issuedByDay, input.today, policy.windowDays);
  const intermittent = isIntermittent(series);
  const averageDailyDemand = intermittent ? sbaRate(series, CROSTON_ALPHA) : mean(series);
  const demandStdDev = sampleStdDev(series);
  const lead = leadTime(input.leadTime);
  const position = inventoryPosition(input);

  let z: number | null = null;
  let ss: number | null = null;
  let rop: number | null;
  if (policy.method === 'computed') {
    z = serviceLevelZ(policy.serviceLevel);
    const figures = {
      z,
      meanDemand: averageDailyDemand,
      demandStdDev,
      leadTime: lead.mean,
      leadTimeStdDev: lead.stdDev,
    };
    ss = safetyStock(figures);
    rop = computedReorderPoint(figures);
  } else {
    rop = item.reorderPoint ?? item.minQty ?? null;
  }
  const floor = input.effectiveMinimum;
  if (typeof floor === 'number') rop = rop === null ? floor : Math.max(rop, floor);

  const target = rop === null ? null : orderTarget(rop, averageDailyDemand, policy.reviewDays, item.maxQty);
  return {
    method: policy.method,
    intermittent,
    onHand: input.onHand,
    onOrder: input.onOrder,
    reserved: input.reserved,
    position,
    averageDailyDemand,
    demandStdDev,
    leadTimeDays: lead.mean,
    leadTimeStdDev: lead.stdDev,
    leadTimeSource: lead.source,
    safetyStock: ss,
    reorderPoint: rop,
    target,
    suggestedQuantity: suggestedQuantity({
      position,
      reorderPoint: rop,
      target,
      packSize: input.supplierRef?.packSize,
      minOrderQty: input.supplierRef?.minOrderQty,
    }),
    z,
    serviceLevel: policy.serviceLevel,
    windowDays: policy.windowDays,
    reviewDays: policy.reviewDays,
  };
}
