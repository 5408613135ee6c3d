import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Fields the server sets in a presence state, whatever the client claimed (user, device, role). */
export type PresenceRewrite = () => Record<string, unknown>;

/** One device's presence is a few hundred bytes; this leaves room and stops a 20 MiB relay. */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;

export interface AwarenessRules {
  /** The awareness clientIDs this connection already speaks for (empty before its first update). */
  own: ReadonlySet<number>;
  /** ClientIDs other connections of the room speak for. */
  taken: ReadonlySet<number>;
  fill: PresenceRewrite;
}

/**
 * Checks a client's awareness update (y-protocols encoding: count, then clientID, clock and
 * JSON state per entry) and rewrites it: exactly one entry, for the connection's own
 * clientID, not one another connection uses, a state of at most 8 KiB whose `presence`
 * names the connection's own user and device. The room applies the rewritten update.
 */
export function rewriteAwareness(
  update: Uint8Array,
  rules: AwarenessRules,
): { update: Uint8Array } | { problem: string } {
  const decoder = decoding.createDecoder(update);
  const n = decoding.readVarUint(decoder);
  if (n !== 1) return { problem: `${n} presence entries (a device sends its own only)` };
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  const json = decoding.readVarString(decoder);
  if (json.length > MAX_AWARENESS_STATE_BYTES) return { problem: `presence of ${json.length} bytes` };
  if (rules.taken.has(client)) return { problem: `presence ${client} is another connection's` };
  if (rules.own.size > 0 && !rules.own.has(client))
    return { problem: `presence ${client} is not this connection's` };
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return { problem: 'presence is not JSON' };
  }
  if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
    return { problem: 'presence is not an object' };
  if (state) {
    const s = state as Record<string, unknown>;
    const p = s.presence;
    if (p && typeof p === 'object' && !Array.isArray(p)) s.presence = { ...p, ...rules.fill() };
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return { update: encoding.toUint8Array(encoder) };
}
