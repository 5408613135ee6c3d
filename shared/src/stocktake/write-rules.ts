import { can } from '../access/permissions.ts';
import {
  allOf,
  keyedById,
  type MapRule,
  parsed,
  type Refusal,
  type RoomRules,
  type RuleView,
  sameUser,
  stampedBy,
  type Writer,
} from '../sync/write-rules.ts';
import { BarcodeResolution } from './barcode-resolution.ts';
import { CountEntry } from './count-entry.ts';
import { CountLog } from './count-log.ts';
import { CountVoid, voidId } from './count-void.ts';
import { CounterAssignment } from './counters.ts';
import { DefinitionEvent } from './definition.ts';
import { decodeCount } from './entry-codec.ts';
import { StateEvent } from './lifecycle.ts';
import { autoRecountId, doneId, emptyId, LocationEvent, startId } from './location-events.ts';
import { Session, sessionId } from './session.ts';
import { StocktakeIndexEntry } from './stocktake-index.ts';

const manages = (w: Writer) => can(w.role, 'stocktakes.manage');
const ONLY_MANAGERS = 'only managers write this';

/** Definition, state changes, assignments, barcode resolutions: a manager's, stamped by them. */
function managersOnly(schema: Parameters<typeof parsed>[0], what: string): MapRule {
  return {
    mode: 'append',
    add(value, key, writer) {
      if (!manages(writer)) return ONLY_MANAGERS;
      const p = parsed(schema, value, what);
      return 'refusal' in p ? p.refusal : allOf(keyedById(value, key), stampedBy(value, writer));
    },
    // Their ids come from their cause (two managers closing at once write one id).
    replace: (_held, _incoming, writer) => (manages(writer) ? null : ONLY_MANAGERS),
  };
}

/** The counting session of a count entry stored in the room, or undefined. */
function sessionOfEntry(key: string, raw: unknown): string | undefined {
  const decoded = decodeCount(key, raw);
  if ('problem' in decoded) return undefined;
  const entry = CountEntry.safeParse(decoded.value);
  return entry.success ? entry.data.session : undefined;
}

/** A writer's counting session id (a hash: kept, since every scan is checked against it). */
const sessions = new Map<string, string>();
function ownSession(w: Writer): string {
  const key = `${w.user}\u0000${w.device}`;
  let id = sessions.get(key);
  if (id === undefined) {
    if (sessions.size > 10_000) sessions.clear();
    id = sessionId(w.user, w.device);
    sessions.set(key, id);
  }
  return id;
}
/** decodeCount needs an id to build the entry; only the session is read here. */
const ANY_ENTRY_ID = 'entry';

/**
 * The write rules of `stocktake-<id>`. Counters (only assigned ones get a writable
 * connection) add their own scans, voids of their own scans and their own location events;
 * everything that decides what the stocktake is — definition, state, assignments, recounts,
 * verifications, closing a round for everyone, barcode resolutions — is a manager's. Nobody
 * writes expected quantities here: the server keeps them in `expected-<id>`.
 */
export function stocktakeRules(stocktakeId: string): RoomRules {
  return {
    maps: {
      definition: managersOnly(DefinitionEvent, 'stocktake definition'),
      states: managersOnly(StateEvent, 'state change'),
      counters: managersOnly(CounterAssignment, 'counter assignment'),
      resolutions: managersOnly(BarcodeResolution, 'barcode resolution'),
      sessions: {
        mode: 'append',
        add(value, key, writer) {
          const p = parsed(Session, value, 'counting session');
          if ('refusal' in p) return p.refusal;
          return allOf(keyedById(value, key), stampedBy(value, writer));
        },
      },
      [CountLog.MAP]: {
        mode: 'append',
        add(value, key, writer) {
          const session = sessionOfEntry(key, value);
          if (session === undefined) return 'not a valid count';
          return session === ownSession(writer) ? null : "counted in another counter's session";
        },
        replace: (held, _incoming, writer) =>
          sessionOfEntry(ANY_ENTRY_ID, held) === ownSession(writer) ? null : 'another counter counted this',
      },
      voids: {
        mode: 'append',
        add(value, key, writer, view) {
          const p = parsed(CountVoid, value, 'void');
          if ('refusal' in p) return p.refusal;
          const v = p.value;
          const base = allOf(
            keyedById(value, key),
            stampedBy(value, writer),
            key === voidId(stocktakeId, v.entry) ? null : 'its id does not match the entry it voids',
          );
          if (base || manages(writer)) return base;
          const entry = view.get(CountLog.MAP, v.entry);
          return entry !== undefined && sessionOfEntry(v.entry, entry) === ownSession(writer)
            ? null
            : 'a counter voids only their own counts';
        },
      },
      locations: {
        mode: 'append',
        add(value, key, writer, view) {
          const p = parsed(LocationEvent, value, 'location event');
          if ('refusal' in p) return p.refusal;
          return allOf(
            keyedById(value, key),
            stampedBy(value, writer),
            locationEvent(stocktakeId, p.value, writer, view),
          );
        },
        replace(held, incoming, writer, view) {
          const p = LocationEvent.safeParse(incoming);
          if (p.success && sharedCause(p.data)) return locationEvent(stocktakeId, p.data, writer, view);
          return sameUser(held, incoming);
        },
      },
    },
  };
}

function locationEvent(stocktakeId: string, e: LocationEvent, writer: Writer, view: RuleView): Refusal {
  switch (e.type) {
    case 'start':
      if (e.expected?.length) return 'expected quantities come from the server, not from a device';
      return e.id === startId(stocktakeId, e.location, e.round, e.user, e.device) ? null : 'not a start id';
    case 'done':
      if (e.forAll && !manages(writer)) return 'only managers close a round for everyone';
      return e.id === doneId(stocktakeId, e.location, e.round, e.forAll ? null : e.user)
        ? null
        : 'not a done id';
    case 'empty':
      return e.id === emptyId(stocktakeId, e.location, e.round, e.user) ? null : 'not an empty id';
    case 'verify':
      return manages(writer) ? null : 'only managers ask for a verification';
    case 'recount':
      if (manages(writer)) return null;
      // A verifier's device asks for the recount its disagreeing verification calls for.
      return e.assignee === null && autoRecountOf(stocktakeId, e, view)
        ? null
        : 'only managers ask for a recount';
  }
}

/** An automatic recount names a verification round at its location that it follows. */
function autoRecountOf(stocktakeId: string, e: LocationEvent & { type: 'recount' }, view: RuleView): boolean {
  for (const raw of view.values('locations')) {
    const v = LocationEvent.safeParse(raw);
    if (!v.success || v.data.type !== 'verify' || v.data.location !== e.location) continue;
    if (v.data.round < e.round && e.id === autoRecountId(stocktakeId, e.location, v.data.round)) return true;
  }
  return false;
}

/** Events whose id every writer derives alike (not tied to one user): any copy may stay. */
function sharedCause(e: LocationEvent): boolean {
  if (e.type === 'done') return e.forAll;
  return e.type === 'recount';
}

/** The `stocktakes` index: one entry per stocktake, added by the manager who defines it. */
export const stocktakeIndexRules: RoomRules = {
  maps: {
    stocktakes: {
      mode: 'append',
      add(value, key, writer) {
        if (!manages(writer)) return ONLY_MANAGERS;
        const p = parsed(StocktakeIndexEntry, value, 'stocktake index entry');
        if ('refusal' in p) return p.refusal;
        return allOf(
          keyedById(value, key),
          p.value.createdBy === writer.user ? null : 'listed in the name of another user',
        );
      },
    },
  },
};

/** `expected-<id>`: written by the server only. */
export const expectedRules: RoomRules = { maps: { snapshots: { mode: 'server' } } };
