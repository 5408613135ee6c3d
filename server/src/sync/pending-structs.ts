import * as Y from 'yjs';

/**
 * Drops parked ("pending") structs whose ids the document already holds.
 *
 * Yjs parks a struct whose dependency is missing before it checks whether the struct is a
 * duplicate of one it already integrated, and `encodeStateAsUpdate` then merges the parked
 * copy over the integrated one of the same id. One broken or forged update — a corrupted
 * resend, a reused clientID — would make every initial sync, and every compaction written
 * to disk, carry the unusable copy instead: that client's real changes would vanish for
 * new clients and after a reload (found by tests/integration/sync-fuzz.test.ts). Ids are
 * unique per client, so a parked struct below the document's clock for its client is never
 * needed: the integrated one is the real one.
 *
 * What remains is applied again: Yjs parks every later struct of a client behind the first
 * one it could not place, and retries only when a missing clock arrives, so structs that
 * waited behind a dropped duplicate would otherwise stay parked on the server while new
 * clients, given them in their first sync, integrate them — and replicas would disagree.
 *
 * Returns true when something was dropped.
 */
export function dropStalePendingStructs(doc: Y.Doc, origin: unknown = null): boolean {
  const pending = doc.store.pendingStructs;
  if (!pending) return false;
  let stale = false;
  for (const [client, clock] of Y.parseUpdateMetaV2(pending.update).from) {
    if (clock < Y.getState(doc.store, client)) {
      stale = true;
      break;
    }
  }
  if (!stale) return false;
  const kept = Y.diffUpdateV2(pending.update, Y.encodeStateVector(doc));
  doc.store.pendingStructs = null;
  if (Y.parseUpdateMetaV2(kept).to.size > 0) Y.applyUpdateV2(doc, kept, origin);
  return true;
}
