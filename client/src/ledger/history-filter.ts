import { effectiveAt, type Movement } from '@stockroom/shared/ledger/movement';
import { nextPeriod, previousPeriod } from '@stockroom/shared/ledger/period';
import { toCsv } from '@stockroom/shared/stocktake/csv';
import type { HistoryFilter } from '../routing/route.ts';
import { localDay } from '../ui/format.ts';

/** Movements matching the filter, newest first (ties broken by id so every device shows one order). */
export function filterMovements(movements: Iterable<Movement>, filter: HistoryFilter): Movement[] {
  const sku = filter.sku.trim().toLowerCase();
  const location = filter.location.trim().toLowerCase();
  const out: Movement[] = [];
  for (const m of movements) {
    if (filter.type && m.type !== filter.type) continue;
    if (sku && !m.sku.toLowerCase().includes(sku)) continue;
    if (
      location &&
      !m.location.toLowerCase().includes(location) &&
      !(m.type === 'transfer' && m.toLocation.toLowerCase().includes(location))
    )
      continue;
    const day = filter.from || filter.to ? localDay(effectiveAt(m)) : '';
    if (filter.from && day < filter.from) continue;
    if (filter.to && day > filter.to) continue;
    out.push(m);
  }
  return out.sort((a, b) => {
    const x = effectiveAt(a);
    const y = effectiveAt(b);
    return x < y ? 1 : x > y ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

/** At most this many months are opened at once (each is one ledger room on the device). */
export const MAX_HISTORY_MONTHS = 24;

/**
 * The ledger periods a filter needs: the months from `from` to `to` (a day a little outside
 * a month may fall in the neighbour by time zone, so one month either side is included);
 * with neither, this month; the latest MAX_HISTORY_MONTHS when the range is longer.
 */
export function historyPeriods(filter: Pick<HistoryFilter, 'from' | 'to'>, current: string): string[] {
  if (!filter.from && !filter.to) return [current];
  let first = filter.from ? previousPeriod(filter.from.slice(0, 7)) : previousPeriod(current);
  const last = filter.to ? nextPeriod(filter.to.slice(0, 7)) : current;
  const end = last > current ? current : last;
  if (first > end) first = end;
  const out: string[] = [];
  for (let p = first; p <= end && out.length < 1200; p = nextPeriod(p)) out.push(p);
  return out.slice(-MAX_HISTORY_MONTHS);
}

/** The signed change a movement makes to stock on hand; a transfer changes no total, so it stays positive. */
export function signedQuantity(m: Movement): number {
  return m.type === 'issue' ? -m.quantity : m.quantity;
}

/** What the history shows, as CSV (RFC 4180, formula-looking text defused: shared csv). */
export function movementsCsv(movements: readonly Movement[], unitOf: (sku: string) => string): string {
  const header = [
    'occurred',
    'recorded',
    'type',
    'sku',
    'quantity',
    'unit',
    'location',
    'to location',
    'lot',
    'unit cost',
    'reason',
    'reference',
    'user',
    'device',
    'id',
  ];
  return toCsv([
    header,
    ...movements.map((m) => [
      effectiveAt(m),
      m.at,
      m.type,
      m.sku,
      signedQuantity(m),
      unitOf(m.sku),
      m.location,
      m.type === 'transfer' ? m.toLocation : '',
      m.lot ?? '',
      m.type === 'receive' ? (m.unitCost ?? '') : '',
      m.reason ?? '',
      m.reference ?? '',
      m.user,
      m.device,
      m.id,
    ]),
  ]);
}
