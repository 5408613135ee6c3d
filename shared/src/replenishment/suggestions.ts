import type { Item, SupplierRef } from '../catalog/item.ts';
import type { Supplier } from '../catalog/supplier.ts';
import type { OrderView } from '../purchasing/order-fold.ts';
import type { PeriodItemStats } from '../reports/period-stats.ts';
import { type ReplenishmentLine, replenishmentLine } from './replenishment-line.ts';

/** One item's replenishment figures as the API and the screens show them. */
export interface Suggestion extends ReplenishmentLine {
  sku: string;
  /** The preferred supplier (the reference marked preferred, else the first one), or null. */
  supplier: string | null;
  /** The unit cost a draft would use: the supplier reference's, else the item's. */
  unitCost: number;
}

export interface SuggestionInputs {
  items: Iterable<Item>;
  /** Stats of the periods the demand windows cover, by period (`YYYY-MM`). */
  stats: ReadonlyMap<string, ReadonlyMap<string, PeriodItemStats>>;
  onHand: ReadonlyMap<string, number>;
  onOrder: ReadonlyMap<string, number>;
  reserved: ReadonlyMap<string, number>;
  /** Every purchase order (lead times actually observed). */
  orders: readonly OrderView[];
  suppliers: ReadonlyMap<string, Pick<Supplier, 'leadTimeDays'>>;
  /** Critical spares: recommended quantities of critical and high assets, by SKU. */
  minimums?: ReadonlyMap<string, number>;
  today: Date;
}

export function preferredSupplier(item: Pick<Item, 'suppliers'>): SupplierRef | null {
  return item.suppliers.find((s) => s.preferred) ?? item.suppliers[0] ?? null;
}

/** The issued quantity per UTC day of one item, from the period stats ('YYYY-MM-DD' → quantity). */
export function issuedByDay(sku: string, stats: SuggestionInputs['stats']): Map<string, number> {
  const out = new Map<string, number>();
  for (const [period, items] of stats) {
    const s = items.get(sku);
    if (!s) continue;
    for (const [day, qty] of Object.entries(s.dailyIssued)) out.set(`${period}-${day.padStart(2, '0')}`, qty);
  }
  return out;
}

/**
 * The replenishment figures of every active item, in SKU order: demand from the period
 * stats (never from a year of movements), lead time from the preferred supplier's received
 * orders, position from stock, open orders (drafts included: a suggestion an open order
 * covers is never made again) and reservations.
 */
export function suggestions(inputs: SuggestionInputs): Suggestion[] {
  const out: Suggestion[] = [];
  const observed = leadTimesBySupplierItem(inputs.orders);
  for (const item of [...inputs.items].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))) {
    if (!item.active) continue;
    const ref = preferredSupplier(item);
    const line = replenishmentLine({
      policy: item.replenishment,
      today: inputs.today,
      issuedByDay: issuedByDay(item.sku, inputs.stats),
      leadTime: {
        observedDays: (ref && observed.get(supplierItemKey(ref.supplier, item.sku))) || [],
        supplierItemDays: ref?.leadTimeDays ?? null,
        supplierDays: ref ? (inputs.suppliers.get(ref.supplier)?.leadTimeDays ?? null) : null,
        itemDays: item.leadTimeDays,
      },
      onHand: inputs.onHand.get(item.sku) ?? 0,
      onOrder: inputs.onOrder.get(item.sku) ?? 0,
      reserved: inputs.reserved.get(item.sku) ?? 0,
      item,
      supplierRef: ref,
      effectiveMinimum: inputs.minimums?.get(item.sku) ?? null,
    });
    out.push({
      sku: item.sku,
      supplier: ref?.supplier ?? null,
      unitCost: ref?.unitCost ?? item.unitCost,
      ...line,
    });
  }
  return out;
}

const supplierItemKey = (supplier: string, sku: string) => `${supplier}\u001f${sku}`;

/**
 * Observed lead times per supplier × SKU in one pass over the orders: the figures of
 * order-fold's leadTimes(orders, supplier, sku), which scans every order once per item.
 */
function leadTimesBySupplierItem(orders: readonly OrderView[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const o of orders) {
    if (!o.sentAt) continue;
    for (const l of o.lines) {
      if (!l.firstReceiptAt) continue;
      const key = supplierItemKey(o.supplier, l.sku);
      const days = (Date.parse(l.firstReceiptAt) - Date.parse(o.sentAt)) / 86_400_000;
      const list = out.get(key);
      if (list) list.push(days);
      else out.set(key, [days]);
    }
  }
  return out;
}

/**
 * The longest demand window any item uses (at least the default 90 days): how far back the
 * stats of a computation over every item must reach.
 */
export function longestWindow(items: Iterable<Pick<Item, 'replenishment'>>): number {
  let days = 90;
  for (const i of items) days = Math.max(days, i.replenishment.windowDays);
  return days;
}

/** The periods a demand window of `days` days ending yesterday touches. */
export function windowPeriods(today: Date, days: number): string[] {
  const out = new Set<string>();
  for (let d = 1; d <= days; d++)
    out.add(new Date(today.getTime() - d * 86_400_000).toISOString().slice(0, 7));
  return [...out].sort();
}
