import { effectiveAt, type Movement } from '../ledger/movement.ts';
import { isPurchaseReference, isWorkOrderReference } from '../ledger/references.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { fromValueUnits, toValueUnits, valueUnitsOf } from './money.ts';

/**
 * One item's figures for one ledger period (a UTC calendar month). Reports over a year read
 * twelve of these per item instead of a year of movements. Quantities are exact to 1/10,000
 * of a unit (quantity.ts), values and costs to 1/10,000 of a currency unit (money.ts).
 */
export interface PeriodItemStats {
  /** Receipts and positive adjustments. Transfers move stock between locations: neither in nor out. */
  qtyIn: number;
  /** Issues (returns to suppliers included) and negative adjustments. */
  qtyOut: number;
  valueIn: number;
  valueOut: number;
  /** Demand: issue movements, except returns to a supplier (reference `po:…`). */
  issued: number;
  /** What the demand issues took out, at the moving average at the time of each. */
  issuedValue: number;
  /** On hand at the end of the period, all locations and lots. */
  closingQty: number;
  /** Perpetual moving-average cost at the end of the period; null while nothing has set one. */
  avgCost: number | null;
  /** Demand issued per UTC day of the month (1–31); only days with demand. */
  dailyIssued: Record<number, number>;
  /** The latest demand issue ever (carried forward from earlier periods), ISO 8601 UTC, to the second. */
  lastIssueAt: string | null;
  /** The latest receipt ever (carried forward), ISO 8601 UTC, to the second. */
  lastReceiptAt: string | null;
}

export type PeriodStatsMap = Map<string, PeriodItemStats>;

export interface FoldPeriodOptions {
  /**
   * Where the fold starts when there is no `previous` (the first period with stats): the
   * ledger room's opening lines. Their stock is costed at the item's unit cost.
   */
  opening?: Iterable<{ sku: string; quantity: number }>;
}

/**
 * Whether an issue is demand: a return to the supplier of a purchase order is not
 * consumption. (Parts brought back from a work order — receipts referencing it — count
 * against demand: net consumption is what was issued minus what came back.)
 */
export function isDemandIssue(m: Movement): boolean {
  return m.type === 'issue' && !isPurchaseReference(m.reference);
}

/** The working state of one item, all integers: quantity units, value units, epoch ms. */
interface Acc {
  qtyIn: number;
  qtyOut: number;
  valueIn: number;
  valueOut: number;
  issued: number;
  issuedValue: number;
  closing: number;
  /** Value units per unit of the item (cost × 10,000), or null. */
  avg: number | null;
  daily: Map<number, number>;
  lastIssue: number | null;
  lastReceipt: number | null;
}

/**
 * The period's figures per SKU: the previous period's (or the opening's) closing stock and
 * average cost, then the period's movements in (effective time, id) order. Sorting first is
 * what makes the moving average — which depends on order — identical on every replica,
 * whatever order the movements arrived in. Every movement given is folded (a ledger room's
 * movements, so `closingQty` agrees with the opening carried into the next room); an issue
 * dated outside `period` (clock slack at a month end) counts on the period's nearest day.
 *
 * Cost (perpetual moving average):
 * - a receipt at cost c (its `unitCost`, else `unitCostOf(sku)`) makes the average
 *   (q₀·c₀ + q·c)/(q₀ + q), where q₀ is on hand before it, counted as 0 when ≤ 0: stock
 *   already issued beyond what was there has no cost of its own to weigh in;
 * - issues and negative adjustments leave at the current average (value = q × average);
 * - positive adjustments come in at the current average and leave it unchanged;
 * - wherever an average is needed before any exists, the item's unit cost becomes it;
 * - when on hand goes to 0 or below, the average is kept for what comes next.
 * Values and each new average are rounded to 1/10,000 at every step.
 *
 * Items of `previous` without movements this period are carried with zero flows, so the
 * latest map always holds every item's stock, cost and last issue and receipt.
 */
export function foldPeriodStats(
  previous: ReadonlyMap<string, PeriodItemStats> | null,
  movements: readonly Movement[],
  unitCostOf: (sku: string) => number,
  period: string,
  options: FoldPeriodOptions = {},
): PeriodStatsMap {
  const items = new Map<string, Acc>();
  const itemCost = (sku: string) => toValueUnits(unitCostOf(sku));
  const acc = (sku: string): Acc => {
    let a = items.get(sku);
    if (!a) {
      a = empty(0, null, null, null);
      items.set(sku, a);
    }
    return a;
  };

  if (previous) {
    for (const [sku, p] of previous) {
      items.set(
        sku,
        empty(
          toUnits(p.closingQty),
          p.avgCost === null ? null : toValueUnits(p.avgCost),
          p.lastIssueAt === null ? null : Date.parse(p.lastIssueAt),
          p.lastReceiptAt === null ? null : Date.parse(p.lastReceiptAt),
        ),
      );
    }
  } else {
    for (const line of options.opening ?? []) acc(line.sku).closing += toUnits(line.quantity);
    for (const [sku, a] of items) if (a.closing > 0) a.avg = itemCost(sku);
  }

  const { firstDay, lastDay, start } = monthBounds(period);
  const ordered = movements
    .map((m) => ({ m, at: Date.parse(effectiveAt(m)) }))
    .sort((x, y) => x.at - y.at || (x.m.id < y.m.id ? -1 : x.m.id > y.m.id ? 1 : 0));

  for (const { m, at } of ordered) {
    const a = acc(m.sku);
    const q = toUnits(m.quantity);
    const average = () => {
      if (a.avg === null) a.avg = itemCost(m.sku);
      return a.avg;
    };
    if (m.type === 'receive') {
      const cost = m.unitCost !== undefined ? toValueUnits(m.unitCost) : itemCost(m.sku);
      const before = Math.max(a.closing, 0);
      const weighed = a.avg === null ? 0 : before;
      a.avg = Math.round((weighed * (a.avg ?? 0) + q * cost) / (weighed + q));
      a.qtyIn += q;
      a.valueIn += valueUnitsOf(q, cost);
      a.closing += q;
      if (isWorkOrderReference(m.reference)) {
        // Unused parts back from a work order: they were never consumed, so demand goes down.
        a.issued -= q;
        a.issuedValue -= valueUnitsOf(q, cost);
        const day = Math.min(lastDay, Math.max(firstDay, Math.floor((at - start) / DAY) + 1));
        a.daily.set(day, (a.daily.get(day) ?? 0) - q);
      } else if (a.lastReceipt === null || at > a.lastReceipt) a.lastReceipt = wholeSeconds(at);
    } else if (m.type === 'issue' || (m.type === 'adjust' && q < 0)) {
      const out = Math.abs(q);
      const value = valueUnitsOf(out, average());
      a.qtyOut += out;
      a.valueOut += value;
      a.closing -= out;
      if (isDemandIssue(m)) {
        a.issued += out;
        a.issuedValue += value;
        const day = Math.min(lastDay, Math.max(firstDay, Math.floor((at - start) / DAY) + 1));
        a.daily.set(day, (a.daily.get(day) ?? 0) + out);
        if (a.lastIssue === null || at > a.lastIssue) a.lastIssue = wholeSeconds(at);
      }
    } else if (m.type === 'adjust') {
      a.qtyIn += q;
      a.valueIn += valueUnitsOf(q, average());
      a.closing += q;
    }
    // A transfer changes where the stock is, not how much there is or what it cost.
  }

  const out: PeriodStatsMap = new Map();
  for (const sku of [...items.keys()].sort()) out.set(sku, toStats(items.get(sku)!));
  return out;
}

/** The period's closing stock at its closing average cost (0 while no cost is known). */
export function closingValue(s: Pick<PeriodItemStats, 'closingQty' | 'avgCost'>): number {
  return fromValueUnits(valueUnitsOf(toUnits(s.closingQty), toValueUnits(s.avgCost ?? 0)));
}

const DAY = 86_400_000;

/** Last issue and receipt are kept to the second: what "days since" needs, and a small number to store. */
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

function empty(
  closing: number,
  avg: number | null,
  lastIssue: number | null,
  lastReceipt: number | null,
): Acc {
  return {
    qtyIn: 0,
    qtyOut: 0,
    valueIn: 0,
    valueOut: 0,
    issued: 0,
    issuedValue: 0,
    closing,
    avg,
    daily: new Map(),
    lastIssue,
    lastReceipt,
  };
}

function monthBounds(period: string): { start: number; firstDay: 1; lastDay: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) throw new RangeError(`period must be YYYY-MM, not ${period}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const start = Date.UTC(y, m - 1, 1);
  return { start, firstDay: 1, lastDay: new Date(Date.UTC(y, m, 0)).getUTCDate() };
}

function toStats(a: Acc): PeriodItemStats {
  const dailyIssued: Record<number, number> = {};
  for (const day of [...a.daily.keys()].sort((x, y) => x - y))
    dailyIssued[day] = fromUnits(a.daily.get(day)!);
  return {
    qtyIn: fromUnits(a.qtyIn),
    qtyOut: fromUnits(a.qtyOut),
    valueIn: fromValueUnits(a.valueIn),
    valueOut: fromValueUnits(a.valueOut),
    issued: fromUnits(a.issued),
    issuedValue: fromValueUnits(a.issuedValue),
    closingQty: fromUnits(a.closing),
    avgCost: a.avg === null ? null : fromValueUnits(a.avg),
    dailyIssued,
    lastIssueAt: a.lastIssue === null ? null : new Date(a.lastIssue).toISOString(),
    lastReceiptAt: a.lastReceipt === null ? null : new Date(a.lastReceipt).toISOString(),
  };
}
