import { decodeCount, encodeCount } from '@stockroom/shared/stocktake/entry-codec';
import { sessionId } from '@stockroom/shared/stocktake/session';
import type * as Y from 'yjs';

/**
 * The smallest honest writes a room's rules accept, for tests of the sync core (durability,
 * acknowledgements, faults): count entries in a stocktake room, stamped with the session of
 * the user and device the test logged in as. Any other write — a map the room does not
 * have, a value in somebody else's name — is refused by the server (write-rules.ts).
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
