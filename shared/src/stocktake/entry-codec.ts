import type { CountEntry, CountSource } from './count-entry.ts';

/**
 * How a count entry is stored in the room's `e` map (key: entry id). A scan is the one
 * thing written thousands of times, so it is a short positional tuple:
 *
 *   [session, location, item, round, t, quantity?, source?, lot?]
 *
 * item is the SKU, or [barcode] for an unknown barcode; t is whole seconds since
 * 2025-01-01T00:00:00Z (a small varint); quantity (default 1) and source (default scan)
 * are dropped from the end when default. A plain object with long field names took 187
 * bytes per scan with 25 counters; this takes ~55 (see entry-codec.test.ts).
 */
export type StoredCount = [string, string, string | [string], number, number, ...unknown[]];

const EPOCH_SECONDS = Date.UTC(2025, 0, 1) / 1000;
const SOURCES: readonly CountSource[] = ['scan', 'keypad', 'gs1', 'api'];

export function encodeCount(e: CountEntry): unknown[] {
  const item: string | [string] = e.sku ?? [e.barcode ?? ''];
  const t = Math.floor(Date.parse(e.at) / 1000) - EPOCH_SECONDS;
  const out: unknown[] = [e.session, e.location, item, e.round, t, e.quantity, SOURCES.indexOf(e.source)];
  if (e.lot !== undefined) out.push(e.lot);
  else {
    while (out.length > 5 && out[out.length - 1] === (out.length === 6 ? 1 : 0)) out.pop();
  }
  return out;
}

/**
 * The entry object the stored value stands for, to be checked by the CountEntry schema,
 * or a problem when it is not shaped like a stored count at all.
 */
export function decodeCount(
  id: string,
  raw: unknown,
): { value: Record<string, unknown> } | { problem: string } {
  if (!Array.isArray(raw) || raw.length < 5 || raw.length > 8) return { problem: 'not a stored count' };
  const [session, location, item, round, t, quantity = 1, source = 0, lot] = raw as unknown[];
  if (typeof t !== 'number' || !Number.isInteger(t)) return { problem: 'time: not whole seconds' };
  const at = new Date((EPOCH_SECONDS + t) * 1000);
  if (Number.isNaN(at.getTime())) return { problem: 'time: out of range' };
  if (typeof source !== 'number' || SOURCES[source] === undefined) return { problem: 'source: unknown' };
  const value: Record<string, unknown> = {
    id,
    session,
    location,
    quantity,
    round,
    at: at.toISOString(),
    source: SOURCES[source],
  };
  if (Array.isArray(item) && item.length === 1) value.barcode = item[0];
  else value.sku = item;
  if (lot !== undefined) value.lot = lot;
  return { value };
}
