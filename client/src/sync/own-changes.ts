import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * What this device sends the server when it (re)connects: its own changes that the server
 * lacks, not everything the server lacks. The server refuses structs under clientIDs that
 * belong to other devices (write-guard.ts), so a device that holds other devices' changes the
 * server lost (a restore from a backup) must leave them to their own devices — else its own
 * changes would be refused with them. Structs: only those of `own` clientIDs. Deletions:
 * only of `own` clientIDs' structs (deletions of others' values that own edits replace are
 * done by the server itself when it applies the edit).
 */
export function ownChangesSince(
  doc: Y.Doc,
  serverState: Map<number, number>,
  own: ReadonlySet<number>,
): Uint8Array {
  // A state vector claiming the server holds all of everybody else: Yjs then encodes own structs only.
  const claimed = new Map(serverState);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if (!own.has(client)) claimed.set(client, clock);
  }
  const full = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(claimed));
  const { ds } = Y.decodeUpdate(full);
  const fullDs = encodeDeleteSet(ds.clients, () => true);
  if (!endsWith(full, fullDs)) return full; // not the layout we know: send it as Yjs made it
  const structs = full.subarray(0, full.length - fullDs.length);
  const ownDs = encodeDeleteSet(ds.clients, (client) => own.has(client));
  const out = new Uint8Array(structs.length + ownDs.length);
  out.set(structs, 0);
  out.set(ownDs, structs.length);
  return out;
}

/** A delete set in the update format v1 (what Yjs writes after the structs), clients in the given order. */
function encodeDeleteSet(
  clients: Map<number, { clock: number; len: number }[]>,
  keep: (client: number) => boolean,
): Uint8Array {
  const e = encoding.createEncoder();
  const kept = [...clients].filter(([client, items]) => keep(client) && items.length > 0);
  encoding.writeVarUint(e, kept.length);
  for (const [client, items] of kept) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, items.length);
    for (const item of items) {
      encoding.writeVarUint(e, item.clock);
      encoding.writeVarUint(e, item.len);
    }
  }
  return encoding.toUint8Array(e);
}

function endsWith(bytes: Uint8Array, tail: Uint8Array): boolean {
  if (tail.length > bytes.length) return false;
  const offset = bytes.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (bytes[offset + i] !== tail[i]) return false;
  return true;
}

/** Reads a SyncStep1 body (the server's state vector). */
export function readStateVector(decoder: decoding.Decoder): Map<number, number> {
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}
