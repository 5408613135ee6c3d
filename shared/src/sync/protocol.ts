import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (the stock client's), plus our own. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Sent by the server after updates are durably stored: a partial state vector (clientID →
 * clock) saying "everything up to here from these clients is on disk". Only sent to
 * connections that ask for it with `?ack=1`, so stock y-websocket clients never see it.
 */
export const MESSAGE_SAVED = 100;

/** WebSocket close codes. 4400–4499 are permanent refusals: the y-websocket 3 client stops retrying. */
export const CLOSE = {
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  rateLimited: 4429,
  /** Not permanent: the server is shutting down or unloading; clients reconnect. */
  goingAway: 1001,
} as const;

export type StateVector = Map<number, number>;

export function encodeSaved(sv: StateVector): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, sv.size);
  for (const [client, clock] of sv) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a MESSAGE_SAVED (after the type). Throws on malformed input. */
export function readSaved(decoder: decoding.Decoder): StateVector {
  const sv: StateVector = new Map();
  const n = decoding.readVarUint(decoder);
  if (n > 1_000_000) throw new Error('saved message too long');
  for (let i = 0; i < n; i++) sv.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
  return sv;
}
