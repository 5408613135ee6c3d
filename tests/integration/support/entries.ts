import { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf, previousPeriod } from '@stockroom/shared/ledger/period';
import { decodeCount, encodeCount } from '@stockroom/shared/stocktake/entry-codec';
import { sessionId } from '@stockroom/shared/stocktake/session';
import type * as Y from 'yjs';

/**
 * The smallest honest writes a room's rules accept, for tests of the sync core (durability,
 * acknowledgements, faults): count entries in a stocktake room, stamped with the session of
 * the user and device the test logged in as, and movements in a ledger room stamped with
 * that user and device. Any other write — a map the room does not have, a value in
 * somebody else's name — is refused by the server (write-rules.ts).
 */
export interface Writer {
  user: string;
  device: string;
}

/** The device every `login()` of the integration support uses. */
export const TEST_DEVICE = 'integration-test';

export const writer = (user: string, device = TEST_DEVICE): Writer => ({ user, device });

const ENTRIES = 'e';

/** Appends count entry `key` (1–64 letters, digits, _ or -) of `quantity` at `location`. */
export function putCount(doc: Y.Doc, by: Writer, key: string, quantity = 1, location = 'A-1'): void {
  doc.getMap(ENTRIES).set(
    key,
    encodeCount({
      id: key,
      session: sessionId(by.user, by.device),
      location,
      sku: 'ITEM',
      quantity,
      round: 1,
      at: new Date().toISOString(),
      source: 'scan',
    }),
  );
}

/** The quantity of count entry `key`, or undefined when the doc does not hold it. */
export function countOf(doc: Y.Doc, key: string): number | undefined {
  const raw = doc.getMap(ENTRIES).get(key);
  if (raw === undefined) return undefined;
  const decoded = decodeCount(key, raw);
  return 'value' in decoded ? (decoded.value.quantity as number) : undefined;
}

/** Every count entry key the doc holds, sorted. */
export function countKeys(doc: Y.Doc): string[] {
  return [...doc.getMap(ENTRIES).keys()].sort();
}

/** Every entry with its quantity: what two replicas compare to be equal. */
export function counts(doc: Y.Doc): Record<string, number | undefined> {
  return Object.fromEntries(countKeys(doc).map((k) => [k, countOf(doc, k)]));
}

// ── ledger rooms ──────────────────────────────────────────────────────────────────────────

const MOVEMENTS = 'movements';

export interface MovementOptions {
  /** receive (default) or issue: the two every movement writer may make (a technician only against a work order). */
  type?: 'receive' | 'issue';
  /** What caused it (`wo:<order>` for parts issued to a work order). */
  reference?: string;
  sku?: string;
  location?: string;
  /** When it happened (default now); a movement recorded for an earlier period is dated in it. */
  at?: string;
}

/**
 * Appends movement `key` (its id) to a ledger room: a receipt (by default) of `quantity` of
 * `sku` into `location`, stamped with the writer's user and device, as a clerk's device records one.
 */
export function putMovement(
  doc: Y.Doc,
  by: Writer,
  key: string,
  quantity = 1,
  options: MovementOptions = {},
) {
  const movement = Movement.parse({
    id: key,
    type: options.type ?? 'receive',
    sku: options.sku ?? 'ITEM',
    location: options.location ?? 'A-1',
    quantity,
    user: by.user,
    device: by.device,
    at: options.at ?? new Date().toISOString(),
    ...(options.reference === undefined ? {} : { reference: options.reference }),
  });
  doc.getMap(MOVEMENTS).set(key, movement);
}

/** The quantity of movement `key`, or undefined when the doc does not hold it. */
export function movementOf(doc: Y.Doc, key: string): number | undefined {
  const parsed = Movement.safeParse(doc.getMap(MOVEMENTS).get(key));
  return parsed.success ? parsed.data.quantity : undefined;
}

/** Every movement id the doc holds, sorted. */
export function movementKeys(doc: Y.Doc): string[] {
  return [...doc.getMap(MOVEMENTS).keys()].sort();
}

/** Every movement with its quantity: what two replicas compare to be equal. */
export function movements(doc: Y.Doc): Record<string, number | undefined> {
  return Object.fromEntries(movementKeys(doc).map((k) => [k, movementOf(doc, k)]));
}

/**
 * The ledger period `months` before the current one. Rooms exist once written, and a writer
 * may open periods from 400 days back to next month only: tests pick periods relative to now.
 */
export function periodMonthsAgo(months: number, now = new Date()): string {
  let period = periodOf(now);
  for (let i = 0; i < months; i++) period = previousPeriod(period);
  return period;
}

/** A time inside `period` that is never in the future: its first second. */
export function startOf(period: string): string {
  return `${period}-01T00:00:00.000Z`;
}
