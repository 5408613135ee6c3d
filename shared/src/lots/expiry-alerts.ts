import { fromUnits, toUnits } from '../quantity.ts';
import { type Cell, toCsv } from '../stocktake/csv.ts';
import type { LotConflict, LotLocation } from './lot-records.ts';

/**
 * The expiry alert list (lots expiring within N days, expired stock with its value) as the
 * API's CSV and the lots screen's CSV button both write it, and what a manager can do about
 * a conflict. Takes the fields GET /api/lots answers, so the browser runs it on what it shows.
 */

export interface AlertLot {
  sku: string;
  lot: string;
  expiry: string | null;
  onHand: number;
  blocked: boolean;
  locations: readonly LotLocation[];
}

export interface ExpiryAlertRow extends AlertLot {
  category: string;
  expired: boolean;
  /** Days from today to the expiry (0: last day today; negative: expired that many days ago). */
  daysLeft: number | null;
  unitCost: number;
  value: number;
}

export interface ExpiryAlerts {
  rows: ExpiryAlertRow[];
  expiredValue: number;
  /** Value of what is listed and not yet expired. */
  expiringValue: number;
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Value in the ledger's 1/10,000 precision: on hand × unit cost, summed without float drift. */
export function lotValue(onHand: number, unitCost: number): number {
  return fromUnits(Math.round(toUnits(onHand) * unitCost));
}

/** Rows with their value and days left, in the order given (GET /api/lots: first to expire first). */
export function expiryAlerts(
  lots: readonly AlertLot[],
  ctx: { today: string; costOf: (sku: string) => number; categoryOf: (sku: string) => string },
): ExpiryAlerts {
  let expired = 0;
  let expiring = 0;
  const rows = lots.map((l): ExpiryAlertRow => {
    const unitCost = ctx.costOf(l.sku);
    const value = lotValue(l.onHand, unitCost);
    const daysLeft = l.expiry === null ? null : daysBetween(ctx.today, l.expiry);
    const isExpired = daysLeft !== null && daysLeft < 0;
    if (isExpired) expired += toUnits(value);
    else expiring += toUnits(value);
    return {
      sku: l.sku,
      lot: l.lot,
      category: ctx.categoryOf(l.sku),
      expiry: l.expiry,
      expired: isExpired,
      daysLeft,
      onHand: l.onHand,
      blocked: l.blocked,
      locations: l.locations,
      unitCost,
      value,
    };
  });
  return { rows, expiredValue: fromUnits(expired), expiringValue: fromUnits(expiring) };
}

/** RFC 4180, one row per lot, then the two totals. Locations as `A: 3; B: 2`. */
export function expiryCsv(alerts: ExpiryAlerts): string {
  return toCsv([
    [
      'sku',
      'lot',
      'category',
      'expiry',
      'days_left',
      'expired',
      'blocked',
      'on_hand',
      'unit_cost',
      'value',
      'locations',
    ],
    ...alerts.rows.map((r): Cell[] => [
      r.sku,
      r.lot,
      r.category,
      r.expiry,
      r.daysLeft,
      r.expired,
      r.blocked,
      r.onHand,
      r.unitCost,
      r.value,
      r.locations.map((x) => `${x.location}: ${x.quantity}`).join('; '),
    ]),
    ['(expired value)', null, null, null, null, null, null, null, null, alerts.expiredValue, null],
    ['(not yet expired value)', null, null, null, null, null, null, null, null, alerts.expiringValue, null],
  ]);
}

/** The expiries a manager chooses between for an expiry conflict: the kept one and every other stated, sorted. */
export function expiryChoices(c: Extract<LotConflict, { kind: 'expiry' }>): string[] {
  return [...new Set([c.kept.expiry, ...c.others.map((o) => o.expiry)])].sort();
}

/** An adjustment that corrects a serial conflict, once someone has looked where the serial really is. */
export interface SerialCorrection {
  location: string;
  /** Signed: −1 takes a copy that is not there away, +1 puts back one issued twice. */
  quantity: number;
  /** What the person confirms by recording it. */
  meaning: string;
}

/**
 * A serial conflict is a fact about the physical world the ledger cannot settle: someone
 * looks, then records an adjustment (through the normal form, so reason codes and approval
 * thresholds apply). One suggestion per place the records disagree about.
 */
export function serialCorrections(c: LotConflict): SerialCorrection[] {
  if (c.kind === 'serial-duplicate') {
    if (c.locations.length === 1) {
      const only = c.locations[0]!;
      return [
        {
          location: only.location,
          quantity: -(only.quantity - 1),
          meaning: `there is one at ${only.location}`,
        },
      ];
    }
    return c.locations.map((l) => ({
      location: l.location,
      quantity: -l.quantity,
      meaning: `it is not at ${l.location}`,
    }));
  }
  if (c.kind === 'serial-missing')
    return c.locations.map((l) => ({
      location: l.location,
      quantity: -l.quantity,
      meaning: `it was taken from ${l.location} once, not twice`,
    }));
  return [];
}
