import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '@stockroom/shared/sync/protocol';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Encoders for the y-websocket wire messages the server sends. */

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, encodedStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, encodedStateVector);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * Fully decodes an update without touching any document: throws on truncated or garbage
 * bytes, so a bad update is refused before `applyUpdate` could half-apply it.
 */
export function assertDecodableUpdate(update: Uint8Array): void {
  Y.decodeUpdate(update);
}

/**
 * The clientIDs an update carries structs for. (Not `encodeStateVectorFromUpdate`: it only
 * lists clients whose structs in the update start at clock 0, i.e. a client's first update.)
 */
export function clientsOfUpdate(update: Uint8Array): number[] {
  return [...Y.parseUpdateMeta(update).to.keys()];
}

/** The server's clock for each of the given clients: everything below it is stored. */
export function storedStateFor(doc: Y.Doc, clients: Iterable<number>): Map<number, number> {
  const sv = new Map<number, number>();
  for (const client of clients) sv.set(client, Y.getState(doc.store, client));
  return sv;
}
