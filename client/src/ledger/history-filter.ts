import type { Movement } from '@stockroom/shared/ledger/movement';
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
    if (filter.date && localDay(m.at) !== filter.date) continue;
    out.push(m);
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The signed change a movement makes to stock on hand; a transfer changes no total, so it stays positive. */
export function signedQuantity(m: Movement): number {
  return m.type === 'issue' ? -m.quantity : m.quantity;
}
