import { CLOSE } from '@stockroom/shared/sync/protocol';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import { checkChanges, type RoomRules, type RuleView } from '@stockroom/shared/sync/write-rules';
import type * as Y from 'yjs';
import type { Session } from '../auth/sessions.ts';
import { type ClientOwner, type ClientOwners, mayWriteAs } from './client-owners.ts';
import type { Room } from './room.ts';
import { type Inspection, inspectUpdate } from './update-inspection.ts';

export interface WriteLimits {
  /** New structs (and deletions) in one update; more → 4413. */
  maxStructsPerUpdate: number;
  /** Bytes one connection may add to one room per hour; more → 4429. */
  maxBytesPerHour: number;
  /** Stored bytes of one room; an update that would grow it further → 4413. */
  maxRoomBytes: number;
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  // An offline import of 50,000 items syncs as one update of ~100k structs.
  maxStructsPerUpdate: 120_000,
  maxBytesPerHour: 64 * 1024 * 1024,
  maxRoomBytes: 256 * 1024 * 1024,
};

/** Why an update is refused, and the close code that tells the client (44xx: do not retry). */
export interface Refused {
  code: number;
  reason: string;
}

/** What the guard needs to know of the connection an update comes from. */
export interface WriterConnection {
  readonly session: Session;
  /** Bytes this connection wrote to its room, for the hourly quota (kept by the connection). */
  readonly written: { bytes: number; since: number };
}

/**
 * Checks every client update before the room applies it: the update must be judgeable
 * (top-level maps of plain values only), within the size limits, under clientIDs that
 * belong to the writer, and allowed by the room's write rules (declared in shared/). An
 * update that fails any of these is refused whole: not stored, not broadcast, not
 * acknowledged; the connection is closed with the code returned.
 */
export class WriteGuard {
  constructor(
    private readonly rulesFor: (ref: RoomRef) => RoomRules,
    private readonly owners: ClientOwners,
    private readonly limits: WriteLimits = DEFAULT_WRITE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  check(room: Room, update: Uint8Array, from: WriterConnection): Refused | null {
    const session = from.session;
    const written = from.written;
    const now = this.now();
    if (now - written.since > 3_600_000) {
      written.since = now;
      written.bytes = 0;
    }
    if (written.bytes + update.byteLength > this.limits.maxBytesPerHour) {
      return {
        code: CLOSE.rateLimited,
        reason: `over ${mib(this.limits.maxBytesPerHour)} written in an hour`,
      };
    }
    if (room.storedBytes + update.byteLength > this.limits.maxRoomBytes) {
      return { code: CLOSE.tooLarge, reason: `the room is full (${mib(this.limits.maxRoomBytes)})` };
    }
    const inspection = inspectUpdate(room.doc, update);
    if (inspection.problem) return { code: CLOSE.forbidden, reason: inspection.problem };
    if (inspection.newStructs > this.limits.maxStructsPerUpdate) {
      return {
        code: CLOSE.tooLarge,
        reason: `${inspection.newStructs} changes in one update (at most ${this.limits.maxStructsPerUpdate})`,
      };
    }
    const by = ownerOf(session);
    for (const client of inspection.newClients) {
      if (!mayWriteAs(this.owners.owner(room.name, client), by))
        return { code: CLOSE.forbidden, reason: `clientID ${client} belongs to another device` };
    }
    for (const client of inspection.futureDeletes) {
      if (!mayWriteAs(this.owners.owner(room.name, client), by))
        return { code: CLOSE.forbidden, reason: `deletes changes of another device (clientID ${client})` };
    }
    const writer = { user: session.username, device: session.device, role: session.role };
    const refusal = checkChanges(
      this.rulesFor(room.ref),
      inspection.changes,
      writer,
      ruleView(room.doc, inspection),
    );
    if (refusal) return { code: CLOSE.forbidden, reason: refusal };
    if (inspection.newClients.size) this.owners.claim(room.name, inspection.newClients, by);
    written.bytes += update.byteLength;
    return null;
  }
}

function ownerOf(session: Session): ClientOwner {
  return { session: session.id, username: session.username, device: session.device };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/** Lookups for rules: the room's visible values, overlaid with what this update writes. */
function ruleView(doc: Y.Doc, inspection: Inspection): RuleView {
  const incoming = new Map<string, Map<string, unknown>>();
  for (const c of inspection.changes) {
    if (c.after === undefined) continue;
    let m = incoming.get(c.map);
    if (!m) {
      m = new Map();
      incoming.set(c.map, m);
    }
    m.set(c.key, c.after);
  }
  const held = (map: string) => doc.share.get(map) as Y.Map<unknown> | undefined;
  return {
    get(map, key) {
      const m = incoming.get(map);
      if (m?.has(key)) return m.get(key);
      const item = held(map)?._map.get(key);
      return item && !item.deleted ? item.content.getContent().at(-1) : undefined;
    },
    *values(map) {
      const m = incoming.get(map);
      const type = held(map);
      if (type) {
        for (const [key, item] of type._map) {
          if (!item.deleted && !m?.has(key)) yield item.content.getContent().at(-1);
        }
      }
      if (m) yield* m.values();
    },
  };
}
