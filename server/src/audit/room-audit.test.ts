// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openMemoryDatabase } from '../db/database.ts';
import { createLogger } from '../log.ts';
import { ServerMetrics } from '../metrics/server-metrics.ts';
import { SqliteUpdateStore } from '../storage/sqlite-update-store.ts';
import type { RoomPeer } from '../sync/room.ts';
import { RoomRegistry } from '../sync/room-registry.ts';
import { AuditLog } from './audit-log.ts';
import type { Writer } from './audit-rules.ts';
import { RoomAudit } from './room-audit.ts';

const log = createLogger('silent');

function peer(): RoomPeer {
  return { awarenessClients: new Set(), send: () => {}, close: () => {} };
}

/** A server with rooms and the room audit, plus client replicas writing through fake connections. */
function setUp(options: { now?: () => Date } = {}) {
  const db = openMemoryDatabase();
  const audit = new AuditLog(db);
  const metrics = new ServerMetrics();
  const registry = new RoomRegistry({ store: new SqliteUpdateStore(db), log, idleMs: 60_000 });
  const writers = new Map<unknown, Writer>();
  const roomAudit = new RoomAudit(audit, {
    log,
    metrics,
    writerOf: (o) => writers.get(o) ?? null,
    ...options,
  });
  roomAudit.watch(registry);
  const connection = (user: string, device: string, session = `${user}-session`) => {
    const p = peer();
    writers.set(p, { user, device, session });
    return p;
  };
  /** A replica of the room: `write` changes it and sends the difference as that connection's update. */
  const replica = async (name: string) => {
    const room = await registry.lease(name).room;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
    return {
      doc,
      room,
      write(from: RoomPeer, fn: () => void) {
        const before = Y.encodeStateVector(room.doc);
        fn();
        room.applyClientUpdate(Y.encodeStateAsUpdate(doc, before), from);
      },
    };
  };
  const settle = () => new Promise<void>((r) => setImmediate(r));
  return { db, audit, metrics, registry, roomAudit, connection, replica, settle };
}

function movement(over: Partial<Movement> = {}): Movement {
  return {
    type: 'receive',
    id: 'm1',
    sku: 'BOLT',
    location: 'A-1',
    quantity: 5,
    user: 'clerk',
    device: 'phone',
    at: '2026-03-10T08:00:00.000Z',
    ...over,
  } as Movement;
}

describe('RoomAudit', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c();
  });

  it('writes one row per movement a connection adds, attributed to the connection, findable by item and location', async () => {
    const t = setUp();
    closers.push(() => t.registry.closeAll(1001, 'test'));
    const clerk = t.connection('clerk', 'phone');
    const r = await t.replica('ledger-2026-03');
    const ledger = new LedgerPeriod(r.doc, '2026-03');
    r.write(clerk, () => {
      ledger.movements.append(movement({ id: 'm1', lot: 'L7', reference: 'PO-1' }));
      ledger.movements.append(
        movement({
          id: 'm2',
          type: 'transfer',
          toLocation: 'B-1',
          quantity: 2,
          user: 'boss',
        } as Partial<Movement>),
      );
    });
    await t.settle();
    const rows = t.audit.list({ subject: 'item:BOLT' });
    expect(rows.map((e) => [e.action, e.user, e.device])).toEqual([
      ['movement.transfer', 'clerk', 'phone'],
      ['movement.receive', 'clerk', 'phone'],
    ]);
    expect(rows[1]?.details).toMatchObject({
      id: 'm1',
      quantity: 5,
      lot: 'L7',
      reference: 'PO-1',
      location: 'A-1',
      room: 'ledger-2026-03',
      session: 'clerk-session',
      via: 'sync',
    });
    expect(rows[1]?.details).not.toHaveProperty('userMismatch');
    // The transfer claims another author: kept as a flag, not as the row's user.
    expect(rows[0]?.details).toMatchObject({ userMismatch: true, claimedUser: 'boss', toLocation: 'B-1' });
    expect(t.audit.list({ subject: 'location:A-1' }).map((e) => e.details)).toHaveLength(2);
    expect(t.audit.list({ subject: 'location:B-1' }).map((e) => e.action)).toEqual(['movement.transfer']);
    expect(t.audit.list({ user: 'clerk' })).toHaveLength(2);
    // The same movement delivered again adds nothing.
    r.write(clerk, () => ledger.movements.append(movement({ id: 'm1' })));
    await t.settle();
    expect(t.audit.list()).toHaveLength(2);
  });

  it('skips the server’s own writes (the API audits those itself)', async () => {
    const t = setUp();
    closers.push(() => t.registry.closeAll(1001, 'test'));
    const room = await t.registry.lease('ledger-2026-03').room;
    room.write(() => new LedgerPeriod(room.doc, '2026-03').movements.append(movement()));
    await t.settle();
    expect(t.audit.list()).toEqual([]);
  });

  it('records catalog creations and field edits with their new values', async () => {
    const t = setUp();
    closers.push(() => t.registry.closeAll(1001, 'test'));
    const manager = t.connection('maria', 'laptop');
    const r = await t.replica('catalog');
    const catalog = new Catalog(r.doc);
    r.write(manager, () => {
      expect(catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, { user: 'maria', device: 'laptop' }).ok).toBe(
        true,
      );
      expect(
        catalog.createLocation({ code: 'A-1', kind: 'site' }, { user: 'maria', device: 'laptop' }).ok,
      ).toBe(true);
    });
    r.write(manager, () =>
      expect(catalog.patchItem('BOLT', { name: 'Hex bolt', reorderPoint: 10 }).ok).toBe(true),
    );
    await t.settle();
    const rows = t.audit.list({ subject: 'item:BOLT' });
    expect(rows.map((e) => [e.action, e.user, e.device])).toEqual([
      ['item.update', 'maria', 'laptop'],
      ['item.create', 'maria', 'laptop'],
    ]);
    expect(rows[0]?.details).toMatchObject({
      fields: ['name', 'reorderPoint'],
      values: { name: 'Hex bolt', reorderPoint: 10 },
    });
    expect(rows[1]?.details).toMatchObject({ name: 'Bolt' });
    expect(t.audit.list({ subject: 'location:A-1' }).map((e) => e.action)).toEqual(['location.create']);
  });

  it('sums scans per connection, location and minute; state changes and requests are rows', async () => {
    let now = new Date('2026-03-10T08:00:05.000Z');
    const t = setUp({ now: () => now });
    closers.push(() => t.registry.closeAll(1001, 'test'));
    const manager = t.connection('maria', 'laptop');
    const counter = t.connection('alice', 'scanner-1');
    const r = await t.replica('stocktake-st1');
    const st = new StocktakeRoom(r.doc, 'st1');
    const maria = { actor: { user: 'maria', device: 'laptop' } };
    const alice = { actor: { user: 'alice', device: 'scanner-1' } };
    r.write(manager, () => {
      expect(
        st.define({ id: 'st1', name: 'March', locations: ['A-1', 'A-2'], counters: ['alice'] }, maria).ok,
      ).toBe(true);
    });
    r.write(manager, () => expect(st.start(maria).ok).toBe(true));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      r.write(counter, () => {
        const c = st.count({ location: 'A-1', sku: 'BOLT', quantity: 2 }, { ...alice, expected: [] });
        if (c.ok) ids.push(c.value.entry.id);
      });
    }
    r.write(counter, () => expect(st.voidEntry(ids[0]!, alice).ok).toBe(true));
    r.write(counter, () =>
      expect(st.count({ location: 'A-2', sku: 'NUT' }, { ...alice, expected: [] }).ok).toBe(true),
    );
    await t.settle();
    // Scans are not written while their minute runs.
    expect(t.audit.list({ subject: 'stocktake:st1' }).map((e) => e.action)).not.toContain('stocktake.count');
    now = new Date('2026-03-10T08:01:00.000Z');
    r.write(counter, () => expect(st.count({ location: 'A-1', sku: 'BOLT' }, alice).ok).toBe(true));
    r.write(manager, () => expect(st.requestRecount('A-2', { ...maria, assignee: 'alice' }).ok).toBe(true));
    t.roomAudit.flushTallies(false);
    await t.settle();
    const counts = t.audit.list({ subject: 'location:A-1' }).filter((e) => e.action === 'stocktake.count');
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ user: 'alice', device: 'scanner-1', subject: 'stocktake:st1' });
    expect(counts[0]?.details).toMatchObject({ location: 'A-1', entries: 5, voids: 1, quantity: 10 });
    t.roomAudit.close();
    const all = t.audit.list({ subject: 'stocktake:st1' });
    expect(all.filter((e) => e.action === 'stocktake.count')).toHaveLength(3);
    expect(all.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'stocktake.create',
        'stocktake.start',
        'stocktake.location.start',
        'stocktake.location.recount',
      ]),
    );
    expect(all.find((e) => e.action === 'stocktake.start')?.user).toBe('maria');
    expect(t.audit.list({ subject: 'location:A-2' }).map((e) => e.action)).toContain(
      'stocktake.location.recount',
    );
  });

  it('never throws into the sync path: a failing audit is logged and counted', async () => {
    const t = setUp();
    closers.push(() => t.registry.closeAll(1001, 'test'));
    const clerk = t.connection('clerk', 'phone');
    const r = await t.replica('ledger-2026-03');
    t.db.exec(
      "CREATE TRIGGER audit_broken BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
    );
    r.write(clerk, () => new LedgerPeriod(r.doc, '2026-03').movements.append(movement()));
    await t.settle();
    expect(new LedgerPeriod(r.room.doc, '2026-03').movements.get('m1')).toBeDefined();
    expect(t.metrics.errors.get({ kind: 'audit' })).toBe(1);
  });
});
