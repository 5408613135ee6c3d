import { effectiveAt, type Movement } from '../ledger/movement.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { compareText } from '../stocktake/stamp.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';

export type AgeBucket = '0-30' | '31-90' | '91-180' | '181-365' | '>365';
export const AGE_BUCKETS: readonly AgeBucket[] = ['0-30', '31-90', '91-180', '181-365', '>365'];

/** A receipt into stock: the ledger's `receive` movements (see receiptsOf). */
export interface ReceiptRecord {
  sku: string;
  lot?: string;
  /** When it was received (the movement's effective time). */
  receivedAt: string;
  quantity: number;
}

export interface AgeingRow {
  sku: string;
  lot?: string;
  quantity: number;
  value: number;
  /** Quantity per bucket (every bucket present). */
  buckets: Record<AgeBucket, number>;
  /** On hand not explained by the receipts given (older than them, or found stock): in '>365'. */
  unmatched: number;
}

export interface StockAgeing {
  rows: AgeingRow[];
  totals: { bucket: AgeBucket; quantity: number; value: number }[];
}

/** The receipts among ledger movements, dated by when they happened. */
export function receiptsOf(movements: Iterable<Movement>): ReceiptRecord[] {
  const out: ReceiptRecord[] = [];
  for (const m of movements) {
    if (m.type !== 'receive') continue;
    out.push({
      sku: m.sku,
      ...(m.lot !== undefined ? { lot: m.lot } : {}),
      receivedAt: effectiveAt(m),
      quantity: m.quantity,
    });
  }
  return out;
}

const DAY = 86_400_000;

/** Whole days from receipt to now: 0–30 is the first bucket, 31–90 the second, and so on. */
export function ageBucket(ageDays: number): AgeBucket {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 90) return '31-90';
  if (ageDays <= 180) return '91-180';
  if (ageDays <= 365) return '181-365';
  return '>365';
}

/**
 * How old the stock on hand is, by receipt date, per item × lot (all locations together:
 * a transfer does not make stock younger). The ledger does not say which units left, so
 * FIFO is assumed: the oldest units were issued first, and what is on hand is the most
 * recent receipts of that item and lot, newest first until the quantity is covered; a
 * receipt only partly needed counts partly. On hand beyond all the receipts given is older
 * than them (or came in by adjustment) and is put in '>365' and shown as `unmatched`: pass
 * at least the last 365 days of receipts. Meant for lot-tracked stock (each lot's receipts
 * age it); lines without a lot age against the item's receipts without a lot the same way.
 * Valued at the item's cost; rows sorted by value (highest first), then SKU and lot.
 */
export function stockAgeing(
  stock: Iterable<{ sku: string; lot?: string; quantity: number }>,
  receipts: Iterable<ReceiptRecord>,
  costs: ReadonlyMap<string, number>,
  now: Date,
): StockAgeing {
  const key = (sku: string, lot: string | undefined) => `${sku}\u001f${lot ?? ''}`;
  const onHand = new Map<string, { sku: string; lot: string | undefined; units: number }>();
  for (const s of stock) {
    const k = key(s.sku, s.lot);
    const line = onHand.get(k) ?? { sku: s.sku, lot: s.lot || undefined, units: 0 };
    line.units += toUnits(s.quantity);
    onHand.set(k, line);
  }
  const byKey = new Map<string, { at: number; units: number }[]>();
  for (const r of receipts) {
    const k = key(r.sku, r.lot || undefined);
    if (!onHand.has(k)) continue;
    const list = byKey.get(k) ?? [];
    list.push({ at: Date.parse(r.receivedAt), units: toUnits(r.quantity) });
    byKey.set(k, list);
  }

  const totals = new Map(AGE_BUCKETS.map((b) => [b, { units: 0, value: 0 }]));
  const rows: (AgeingRow & { valueUnits: number })[] = [];
  for (const line of onHand.values()) {
    if (line.units <= 0) continue;
    const cost = toValueUnits(costs.get(line.sku) ?? 0);
    const units = new Map(AGE_BUCKETS.map((b) => [b, 0]));
    // Newest first; equal times in a fixed order (larger first) so the split never depends on input order.
    const list = (byKey.get(key(line.sku, line.lot)) ?? []).sort((a, b) => b.at - a.at || b.units - a.units);
    let left = line.units;
    for (const r of list) {
      if (left <= 0) break;
      const take = Math.min(left, r.units);
      const bucket = ageBucket(Math.floor((now.getTime() - r.at) / DAY));
      units.set(bucket, units.get(bucket)! + take);
      left -= take;
    }
    if (left > 0) units.set('>365', units.get('>365')! + left);
    const buckets = {} as Record<AgeBucket, number>;
    let rowValue = 0;
    for (const b of AGE_BUCKETS) {
      const u = units.get(b)!;
      const v = valueUnitsOf(u, cost);
      buckets[b] = fromUnits(u);
      rowValue += v;
      totals.get(b)!.units += u;
      totals.get(b)!.value += v;
    }
    rows.push({
      sku: line.sku,
      ...(line.lot !== undefined ? { lot: line.lot } : {}),
      quantity: fromUnits(line.units),
      value: fromValueUnits(rowValue),
      valueUnits: rowValue,
      buckets,
      unmatched: fromUnits(Math.max(0, left)),
    });
  }
  rows.sort(
    (a, b) =>
      b.valueUnits - a.valueUnits || compareText(a.sku, b.sku) || compareText(a.lot ?? '', b.lot ?? ''),
  );
  return {
    rows: rows.map(({ valueUnits: _, ...row }) => row),
    totals: AGE_BUCKETS.map((bucket) => ({
      bucket,
      quantity: fromUnits(totals.get(bucket)!.units),
      value: fromValueUnits(totals.get(bucket)!.value),
    })),
  };
}
