import type { LotConflict, LotRecord } from './lot-records.ts';

/**
 * First expired, first out: which lot to take, and what to warn about when someone takes
 * another. A lot's expiry date is the last day it may be used, so it is expired from the
 * day after. Days are UTC calendar days (YYYY-MM-DD), as GS1 and receipts state them.
 */

/** The UTC calendar day of an instant. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
}

export function isExpired(lot: Pick<LotRecord, 'expiry'>, today: string): boolean {
  return lot.expiry !== null && lot.expiry < today;
}

/** FEFO order: earliest expiry first, lots without one last, then first received, then lot code. */
export function fefoCompare(a: LotRecord, b: LotRecord): number {
  if (a.expiry !== b.expiry) {
    if (a.expiry === null) return 1;
    if (b.expiry === null) return -1;
    return a.expiry < b.expiry ? -1 : 1;
  }
  const ra = a.receivedAt ?? '\uffff';
  const rb = b.receivedAt ?? '\uffff';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0;
}

export function fefoOrder(lots: Iterable<LotRecord>): LotRecord[] {
  return [...lots].sort(fefoCompare);
}

/** What is on hand of a lot at a location (0 when none). */
export function quantityAt(lot: LotRecord, location: string): number {
  return lot.locations.find((l) => l.location === location)?.quantity ?? 0;
}

/** The lots of an item on hand at a location, first to expire first. */
export function lotsAt(lots: Iterable<LotRecord>, sku: string, location: string): LotRecord[] {
  return fefoOrder([...lots].filter((l) => l.sku === sku && quantityAt(l, location) > 0));
}

/** The lot to take: the first to expire among those on hand here that are neither blocked nor expired. */
export function proposeLot(
  lots: Iterable<LotRecord>,
  sku: string,
  location: string,
  today: string,
): LotRecord | undefined {
  return lotsAt(lots, sku, location).find((l) => !l.blocked && !isExpired(l, today));
}

export type LotWarning = 'blocked' | 'expired' | 'not-first';

export interface LotAdvice {
  proposed?: LotRecord;
  /** Warnings about the chosen lot, most serious first. */
  warnings: LotWarning[];
}

/** What to say about taking `lot` from `location`: blocked, expired, or not the first to expire. */
export function adviseLot(
  lots: Iterable<LotRecord>,
  sku: string,
  location: string,
  lot: string,
  today: string,
): LotAdvice {
  const all = [...lots];
  const proposed = proposeLot(all, sku, location, today);
  const chosen = all.find((l) => l.sku === sku && l.lot === lot);
  const warnings: LotWarning[] = [];
  if (chosen?.blocked) warnings.push('blocked');
  if (chosen && isExpired(chosen, today)) warnings.push('expired');
  if (chosen && proposed && proposed.lot !== chosen.lot && fefoCompare(proposed, chosen) < 0)
    warnings.push('not-first');
  return proposed ? { proposed, warnings } : { warnings };
}

/** Lots with stock that expire within `days` days of today (already expired ones included), FEFO order. */
export function expiringWithin(lots: Iterable<LotRecord>, days: number, today: string): LotRecord[] {
  const until = addDays(today, days);
  return fefoOrder([...lots].filter((l) => l.onHand > 0 && l.expiry !== null && l.expiry <= until));
}

/** Every conflict of every lot, for the manager's list. */
export function lotConflicts(lots: Iterable<LotRecord>): LotConflict[] {
  return [...lots].flatMap((l) => l.conflicts);
}
