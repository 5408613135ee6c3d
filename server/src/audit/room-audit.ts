import { fromUnits } from '@stockroom/shared/quantity';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { Connection } from '../sync/connection.ts';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditLog, AuditRecord } from './audit-log.ts';
import type { AuditRules, CountTally, MapChange, Writer } from './audit-rules.ts';
import { catalogAudit } from './catalog-audit.ts';
import { ledgerAudit } from './ledger-audit.ts';
import { stocktakeAudit } from './stocktake-audit.ts';

/** Scans are summed per connection's session, room, location and this long. */
const TALLY_MS = 60_000;

/** The user, device and session of the connection an update came from; null for the server's own writes. */
export function connectionWriter(origin: unknown): Writer | null {
  // Only the server creates Connection objects and passes them as transaction origins, so
  // this identity is the one checked on the upgrade request, whatever the update contains.
  if (!(origin instanceof Connection)) return null;
  const s = origin.session;
  return { user: s.username, device: s.device, session: s.id };
}

export function auditRulesFor(ref: RoomRef): AuditRules | null {
  switch (ref.kind) {
    case 'ledger':
      return ledgerAudit;
    case 'catalog':
      return catalogAudit;
    case 'stocktake':
      return stocktakeAudit;
    default:
      return null;
  }
}

export interface RoomAuditOptions {
  log: Logger;
  metrics?: ServerMetrics;
  /** Who wrote a transaction (default: its origin when that is a sync connection). */
  writerOf?: (origin: unknown) => Writer | null;
  rulesFor?: (ref: RoomRef) => AuditRules | null;
  now?: () => Date;
  /** How often finished tallies are written (ms). */
  tallyCheckMs?: number;
}

interface OpenTally extends CountTally {
  writer: Writer;
  room: string;
  subject: string | null;
  minute: number;
  last: Date;
}

/**
 * Audits what sync connections change in rooms: the app writes through sync, so without
 * this most changes made on a device would never reach the audit trail.
 *
 * The maps' YMapEvents of a transaction are collected while Yjs calls observers (old values
 * still readable), and turned into audit rows only from the room's update listener, i.e.
 * once the update is stored — a change that was not stored is not audited. Rows are
 * attributed to the connection's authenticated user, device and session; what an event
 * says about its author is kept only as a flag when it differs. Writes by the server itself
 * (API requests, which audit themselves; opening balances) are not origins of this kind
 * and are skipped. Rows are written in one SQLite transaction per turn of the event loop.
 * Nothing here ever throws into the sync path: failures are logged and counted.
 */
export class RoomAudit {
  private readonly collected = new WeakMap<Y.Transaction, MapChange[]>();
  private readonly tallies = new Map<string, OpenTally>();
  private queue: AuditRecord[] = [];
  private flushQueued = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly writerOf: (origin: unknown) => Writer | null;
  private readonly now: () => Date;

  constructor(
    private readonly audit: AuditLog,
    private readonly options: RoomAuditOptions,
  ) {
    this.writerOf = options.writerOf ?? connectionWriter;
    this.now = options.now ?? (() => new Date());
    this.timer = setInterval(() => this.flushTallies(false), options.tallyCheckMs ?? 10_000);
    this.timer.unref();
  }

  /** Audits every room the registry loads from now on. */
  watch(registry: RoomRegistry): void {
    registry.onLoad((room) => this.attach(room));
  }

  attach(room: Room): void {
    const rules = (this.options.rulesFor ?? auditRulesFor)(room.ref);
    if (!rules) return;
    for (const name of rules.maps) {
      let map: Y.Map<unknown>;
      try {
        // Also turns a name only a client has used so far into a Y.Map, so it emits events.
        map = room.doc.getMap(name);
      } catch (error) {
        this.fail('an audited map of the room is not a map', { room: room.name, map: name, error });
        continue;
      }
      map.observe((event) => this.collect(name, event));
    }
    room.onUpdate((_update, origin, stored, transaction) =>
      this.afterStored(stored, rules, origin, transaction),
    );
  }

  /** Writes every open tally and queued row (shutdown: before the database closes). */
  close(): void {
    if (this.closed) return;
    clearInterval(this.timer);
    this.flushTallies(true);
    this.flushQueue();
    this.closed = true;
  }

  /** Writes the tallies of minutes that are over (all of them with `all`). */
  flushTallies(all: boolean): void {
    const minute = Math.floor(this.now().getTime() / TALLY_MS);
    for (const [key, t] of this.tallies) {
      if (!all && t.minute >= minute) continue;
      this.tallies.delete(key);
      this.enqueue({
        user: t.writer.user,
        device: t.writer.device,
        action: 'stocktake.count',
        subject: t.subject,
        related: t.location ? [`location:${t.location}`] : [],
        details: {
          location: t.location || null,
          entries: t.entries,
          ...(t.voids ? { voids: t.voids } : {}),
          ...(t.removed ? { removed: t.removed } : {}),
          ...(t.invalid ? { invalid: t.invalid } : {}),
          quantity: fromUnits(t.quantity),
          from: new Date(t.minute * TALLY_MS).toISOString(),
          to: new Date((t.minute + 1) * TALLY_MS).toISOString(),
          ...(t.claimedUsers.length ? { userMismatch: true, claimedUsers: t.claimedUsers } : {}),
          ...this.context(t.room, t.writer),
        },
        at: t.last,
      });
    }
  }

  /** Writes the queued rows now (normally done once per turn of the event loop). */
  flushQueue(): void {
    this.flushQueued = false;
    if (!this.queue.length) return;
    const rows = this.queue;
    this.queue = [];
    try {
      this.audit.recordAll(rows);
    } catch (error) {
      this.fail('could not write audit entries', { entries: rows.length, error });
    }
  }

  private collect(map: string, event: Y.YMapEvent<unknown>): void {
    try {
      const transaction = event.transaction;
      if (!this.writerOf(transaction.origin)) return;
      let list = this.collected.get(transaction);
      if (!list) {
        list = [];
        this.collected.set(transaction, list);
      }
      for (const [key, { action, oldValue }] of event.keys) {
        list.push({
          map,
          key,
          action,
          value: action === 'delete' ? undefined : event.target.get(key),
          oldValue,
        });
      }
    } catch (error) {
      // An exception in an observer would break the transaction that applies a client's update.
      this.fail('collecting room changes for the audit failed', { map, error });
    }
  }

  private afterStored(room: Room, rules: AuditRules, origin: unknown, transaction: Y.Transaction): void {
    const changes = this.collected.get(transaction);
    if (!changes) return;
    this.collected.delete(transaction);
    try {
      const writer = this.writerOf(origin);
      if (!writer || !changes.length) return;
      const { rows, tallies } = rules.describe(changes, { room, writer });
      const at = this.now();
      for (const row of rows) {
        this.enqueue({
          user: writer.user,
          device: writer.device,
          action: row.action,
          subject: row.subject,
          related: row.related,
          details: { ...row.details, ...this.context(room.name, writer) },
          at,
        });
      }
      for (const t of tallies) this.addTally(room, writer, t, at);
    } catch (error) {
      this.fail('room audit failed', { room: room.name, error });
    }
  }

  private addTally(room: Room, writer: Writer, t: CountTally, at: Date): void {
    const minute = Math.floor(at.getTime() / TALLY_MS);
    const key = `${writer.session}\u0000${room.name}\u0000${t.location}\u0000${minute}`;
    const open = this.tallies.get(key);
    if (!open) {
      const subject = room.ref.kind === 'stocktake' ? `stocktake:${room.ref.id}` : null;
      this.tallies.set(key, {
        ...t,
        claimedUsers: [...t.claimedUsers],
        writer,
        room: room.name,
        subject,
        minute,
        last: at,
      });
      return;
    }
    open.entries += t.entries;
    open.voids += t.voids;
    open.removed += t.removed;
    open.invalid += t.invalid;
    open.quantity += t.quantity;
    for (const u of t.claimedUsers) if (!open.claimedUsers.includes(u)) open.claimedUsers.push(u);
    open.last = at;
  }

  private context(room: string, writer: Writer): Record<string, unknown> {
    return { room, session: writer.session, via: 'sync' };
  }

  private enqueue(row: AuditRecord): void {
    if (this.closed) {
      this.fail('audit entry after shutdown dropped', { action: row.action });
      return;
    }
    this.queue.push(row);
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => this.flushQueue());
  }

  private fail(msg: string, fields: Record<string, unknown>): void {
    this.options.metrics?.error('audit');
    this.options.log.error(msg, fields);
  }
}
