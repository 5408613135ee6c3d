import { toUnits } from '@stockroom/shared/quantity';
import { BarcodeResolution } from '@stockroom/shared/stocktake/barcode-resolution';
import { CountEntry } from '@stockroom/shared/stocktake/count-entry';
import { CountLog } from '@stockroom/shared/stocktake/count-log';
import { CountVoid } from '@stockroom/shared/stocktake/count-void';
import { CounterAssignment } from '@stockroom/shared/stocktake/counters';
import { DefinitionEvent } from '@stockroom/shared/stocktake/definition';
import { decodeCount } from '@stockroom/shared/stocktake/entry-codec';
import { StateEvent } from '@stockroom/shared/stocktake/lifecycle';
import { LocationEvent } from '@stockroom/shared/stocktake/location-events';
import { Session } from '@stockroom/shared/stocktake/session';
import type * as Y from 'yjs';
import {
  type AuditRules,
  type CountTally,
  claimed,
  compact,
  type MapChange,
  type RoomAuditRow,
  type Writer,
} from './audit-rules.ts';

/** The same names as the API's audit entries for these transitions. */
const STATE_ACTION: Record<StateEvent['to'], string> = {
  counting: 'stocktake.start',
  review: 'stocktake.close',
  cancelled: 'stocktake.cancel',
  posted: 'stocktake.approve',
};

const ENTRIES = CountLog.MAP;
const VOIDS = 'voids';

/**
 * A stocktake room: one entry per state change (start, close, cancel, approve), definition
 * change, counter (un)assignment, location event (start, done, empty, recount and
 * verification requests) and barcode resolution. Scans and their undos are not written one
 * by one: they become tallies that RoomAudit sums per connection, location and minute.
 */
export const stocktakeAudit: AuditRules = {
  maps: ['definition', 'states', 'counters', 'locations', 'resolutions', ENTRIES, VOIDS],
  describe(changes, { room, writer }) {
    const subject = room.ref.kind === 'stocktake' ? `stocktake:${room.ref.id}` : null;
    const rows: RoomAuditRow[] = [];
    const tallies = new Map<string, CountTally>();
    const tally = (location: string) => {
      let t = tallies.get(location);
      if (!t) {
        t = { location, entries: 0, voids: 0, removed: 0, invalid: 0, quantity: 0, claimedUsers: [] };
        tallies.set(location, t);
      }
      return t;
    };
    for (const c of changes) {
      if (c.map === ENTRIES) countChange(c, room.doc, writer, tally);
      else if (c.map === VOIDS) {
        if (c.action !== 'add') continue;
        const v = CountVoid.safeParse(c.value);
        const entry = v.success ? entryOf(room.doc.getMap(ENTRIES).get(v.data.entry), v.data.entry) : null;
        tally(entry?.location ?? '').voids++;
      } else if (c.action === 'delete') {
        rows.push({ action: 'stocktake.delete', subject, details: { map: c.map, key: c.key } });
      } else if (c.action === 'add') {
        const row = eventRow(c, writer, subject);
        if (row) rows.push(row);
      }
    }
    return { rows, tallies: [...tallies.values()] };
  },
};

function eventRow(c: MapChange, writer: Writer, subject: string | null): RoomAuditRow | null {
  const invalid = (problem: string): RoomAuditRow => ({
    action: 'stocktake.invalid',
    subject,
    details: { map: c.map, key: c.key, problem },
  });
  switch (c.map) {
    case 'definition': {
      const p = DefinitionEvent.safeParse(c.value);
      if (!p.success) return invalid('not a definition event');
      const e = p.data;
      return e.type === 'created'
        ? {
            action: 'stocktake.create',
            subject,
            details: { name: e.name, scope: e.scope, blind: e.blind, ...claimed(writer, e.user) },
          }
        : { action: 'stocktake.edit', subject, details: { patch: e.patch, ...claimed(writer, e.user) } };
    }
    case 'states': {
      const p = StateEvent.safeParse(c.value);
      if (!p.success) return invalid('not a state event');
      const e = p.data;
      return {
        action: STATE_ACTION[e.to],
        subject,
        details: compact({
          to: e.to,
          reason: e.reason,
          period: e.to === 'posted' ? e.period : undefined,
          adjustments: e.to === 'posted' ? e.adjustments.length : undefined,
          ...claimed(writer, e.user),
        }),
      };
    }
    case 'counters': {
      const p = CounterAssignment.safeParse(c.value);
      if (!p.success) return invalid('not a counter assignment');
      const e = p.data;
      return {
        action: `stocktake.${e.type}`,
        subject,
        related: [`user:${e.counter}`],
        details: { counter: e.counter, ...claimed(writer, e.user) },
      };
    }
    case 'locations': {
      const p = LocationEvent.safeParse(c.value);
      if (!p.success) return invalid('not a location event');
      const e = p.data;
      return {
        action: `stocktake.location.${e.type}`,
        subject,
        related: [`location:${e.location}`],
        details: compact({
          location: e.location,
          round: e.round,
          of: e.type === 'verify' ? e.of : undefined,
          assignee: e.type === 'recount' || e.type === 'verify' ? e.assignee : undefined,
          blind: e.type === 'recount' ? e.blind : undefined,
          reason: e.type === 'recount' ? e.reason : undefined,
          forAll: e.type === 'done' ? e.forAll : undefined,
          expectedLines: e.type === 'start' ? e.expected?.length : undefined,
          ...claimed(writer, e.user),
        }),
      };
    }
    case 'resolutions': {
      const p = BarcodeResolution.safeParse(c.value);
      if (!p.success) return invalid('not a barcode resolution');
      const e = p.data;
      return {
        action: 'stocktake.resolve-barcode',
        subject,
        related: [`item:${e.sku}`],
        details: { barcode: e.barcode, sku: e.sku, ...claimed(writer, e.user) },
      };
    }
    default:
      return null;
  }
}

function countChange(
  c: MapChange,
  doc: Y.Doc,
  writer: Writer,
  tally: (location: string) => CountTally,
): void {
  if (c.action === 'delete') {
    tally(entryOf(c.oldValue, c.key)?.location ?? '').removed++;
    return;
  }
  // A replaced id is the same scan delivered twice (safe retries): not a new count.
  if (c.action !== 'add') return;
  const entry = entryOf(c.value, c.key);
  if (!entry) {
    tally('').invalid++;
    return;
  }
  const t = tally(entry.location);
  t.entries++;
  t.quantity += toUnits(entry.quantity);
  const session = Session.safeParse(doc.getMap('sessions').get(entry.session));
  const user = session.success ? session.data.user : undefined;
  if (user !== undefined && user !== writer.user && !t.claimedUsers.includes(user)) t.claimedUsers.push(user);
}

function entryOf(raw: unknown, key: string): CountEntry | null {
  const decoded = decodeCount(key, raw);
  if ('problem' in decoded) return null;
  const parsed = CountEntry.safeParse(decoded.value);
  return parsed.success ? parsed.data : null;
}
