// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventCollection } from '../event-collection.ts';
import { Movement } from '../ledger/movement.ts';
import { StockFold } from '../ledger/stock.ts';
import type { Result } from '../result.ts';
import { type DeliveryMode, SimulatedNetwork } from '../sync/simulated-network.ts';
import { availability, reservedBySku } from './work-order-fold.ts';
import { WorkOrdersRoom } from './work-orders-room.ts';

/**
 * Reservations, releases, issues and returns made on several replicas (each a work-orders
 * Y.Doc and a ledger Y.Doc), delivered in random order with duplicates and drops, then
 * settled: every replica folds to the same work orders, and reserved / issued / returned /
 * available equal a reference computed here from the writes that were accepted — plain
 * sums, without the code under test.
 */

const SKUS = ['SEAL', 'OIL'] as const;
const OPENING = [
  { sku: 'SEAL', location: 'A-1', quantity: 20 },
  { sku: 'OIL', location: 'A-1', quantity: 20 },
];
const planner = { user: 'mia', device: 'desk' };
const NOW = new Date('2026-03-10T12:00:00.000Z');

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.value;
}

type Op =
  | { op: 'reserve'; r: number; wo: number; sku: number; qty: number; shortage: boolean; located: boolean }
  | { op: 'release'; r: number; wo: number; sku: number; qty: number }
  | { op: 'issue' | 'return'; r: number; wo: number; sku: number; qty: number; req: number }
  | { op: 'status'; r: number; wo: number; to: 'in_progress' | 'on_hold' }
  | { op: 'finish'; r: number; wo: number; to: 'complete' | 'cancelled' }
  | { op: 'deliver'; link: number; msg: number; mode: DeliveryMode };

const replica = fc.nat(2);
const wo = fc.nat(1);
const sku = fc.nat(1);
const qty = fc.integer({ min: 1, max: 6 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('reserve' as const),
      r: replica,
      wo,
      sku,
      qty,
      shortage: fc.boolean(),
      located: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ op: fc.constant('release' as const), r: replica, wo, sku, qty }), weight: 2 },
  {
    arbitrary: fc.record({ op: fc.constant('issue' as const), r: replica, wo, sku, qty, req: fc.nat(4) }),
    weight: 4,
  },
  {
    // Small returns, so that most find enough issued to take back.
    arbitrary: fc.record({
      op: fc.constant('return' as const),
      r: replica,
      wo,
      sku,
      qty: fc.integer({ min: 1, max: 2 }),
      req: fc.nat(4),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('status' as const),
      r: replica,
      wo,
      to: fc.constantFrom('in_progress' as const, 'on_hold' as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('finish' as const),
      r: replica,
      wo,
      to: fc.constantFrom('complete' as const, 'cancelled' as const),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('deliver' as const),
      link: fc.nat(),
      msg: fc.nat(),
      mode: fc.constantFrom<DeliveryMode>('once', 'duplicate', 'duplicate', 'drop'),
    }),
    weight: 5,
  },
);

describe('work orders across replicas', () => {
  it('reserved, issued and available agree on every replica and with an independent reference', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60, size: 'medium' }), fc.nat(), (ops, seed) => {
        // Two work orders on the origin: one in progress (it may complete), one open (it may only be cancelled).
        const origin = new Y.Doc();
        const base = new WorkOrdersRoom(origin, 2026);
        const ids = [
          value(base.create({ asset: 'PUMP-1', title: 'a' }, { actor: planner, now: NOW })).id,
          value(base.create({ asset: 'PUMP-2', title: 'b' }, { actor: planner, now: NOW })).id,
        ];
        value(base.setStatus(ids[0]!, 'in_progress', { actor: planner, now: NOW }));
        const replicas = [0, 1, 2].map((i) => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
          const ledgerDoc = new Y.Doc();
          return {
            doc,
            room: new WorkOrdersRoom(doc, 2026),
            ledgerDoc,
            ledger: new EventCollection(ledgerDoc, 'movements', Movement, 'ledger-2026-03'),
            actor: { user: 'tom', device: `phone-${i}` },
          };
        });
        const rooms = new SimulatedNetwork(replicas.map((x) => x.doc));
        const ledgers = new SimulatedNetwork(replicas.map((x) => x.ledgerDoc));

        // What was accepted, as plain facts.
        const reservations: { wo: string; sku: string; units: number }[] = [];
        const parts = new Map<string, { wo: string; sku: string; kind: string; units: number }>();
        const terminal = new Map<string, 'complete' | 'cancelled'>();
        // The status events written, in time order (the clock below only moves forward).
        const moves = new Map<string, string>(ids.map((id, i) => [id, i === 0 ? 'in_progress' : 'open']));
        // A request's content is decided by its first use (what the device sent first).
        const requests = new Map<string, { sku: string; qty: number }>();

        let clock = NOW.getTime();
        for (const o of ops) {
          if (o.op === 'deliver') {
            rooms.deliver(o.link, o.msg, o.mode);
            ledgers.deliver(o.link, o.msg, o.mode);
            continue;
          }
          const x = replicas[o.r]!;
          const id = ids[o.wo]!;
          clock += 1000;
          const now = new Date(clock);
          if (o.op === 'finish' || o.op === 'status') {
            const before = x.room.order(id, NOW)!.history.length;
            const r = x.room.setStatus(id, o.to, { actor: planner, now });
            if (!r.ok || r.value.history.length === before) continue;
            if (o.op === 'finish') {
              // Complete outranks cancelled, whichever came first.
              if (terminal.get(id) !== 'complete') terminal.set(id, o.to);
            } else moves.set(id, o.to);
            continue;
          }
          const s = SKUS[o.sku]!;
          if (o.op === 'reserve') {
            const onHand = new StockFold(OPENING).applyAll(x.ledger.values()).totalsBySku();
            const available =
              availability(onHand, x.room.reservedBySku()).find((l) => l.sku === s)?.available ?? 0;
            const r = x.room.reserve(
              id,
              { sku: s, quantity: o.qty, ...(o.located ? { location: 'A-1' } : {}) },
              available,
              { actor: planner, now, allowShortage: o.shortage },
            );
            if (r.ok) reservations.push({ wo: id, sku: s, units: o.qty });
          } else if (o.op === 'release') {
            const r = x.room.release(id, { sku: s, quantity: o.qty }, { actor: planner, now });
            if (r.ok) reservations.push({ wo: id, sku: s, units: -o.qty });
          } else {
            const key = `${id}/${o.op}-${o.req}`;
            const req = requests.get(key) ?? { sku: s, qty: o.qty };
            requests.set(key, req);
            const input = { request: `${o.op}-${o.req}`, sku: req.sku, quantity: req.qty, location: 'A-1' };
            const r =
              o.op === 'issue'
                ? x.room.issue(id, { ...input, unitCost: 2 }, x.ledger, { actor: x.actor, now })
                : x.room.returnPart(id, { ...input, unitCost: 2 }, x.ledger, { actor: x.actor, now });
            if (r.ok && !r.value.alreadyPosted)
              parts.set(`${id}/${input.request}`, { wo: id, sku: req.sku, kind: o.op, units: req.qty });
          }
        }
        expect(rooms.settle(seed)).toBe(true);
        expect(ledgers.settle(seed + 1)).toBe(true);

        // The reference: plain sums over what was accepted.
        type Fact = { wo: string; sku: string; units: number };
        const total = (list: Fact[], f: (x: Fact) => boolean) =>
          list.filter(f).reduce((n, x) => n + x.units, 0);
        const issues = [...parts.values()].filter((p) => p.kind === 'issue');
        const returns = [...parts.values()].filter((p) => p.kind === 'return');
        const refReserved = new Map<string, number>();
        const refLines = new Map<string, [number, number, number]>();
        for (const w of ids)
          for (const k of SKUS) {
            const mine = (x: Fact) => x.wo === w && x.sku === k;
            const issued = total(issues, mine);
            const returned = total(returns, mine);
            const held = terminal.has(w) ? 0 : Math.max(0, total(reservations, mine) - (issued - returned));
            refLines.set(`${w}/${k}`, [issued, returned, held]);
            if (held > 0) refReserved.set(k, (refReserved.get(k) ?? 0) + held);
          }
        const refAvailable = [...SKUS].sort().map((k) => {
          const bySku = (x: Fact) => x.sku === k;
          const onHand = 20 - total(issues, bySku) + total(returns, bySku);
          const reserved = refReserved.get(k) ?? 0;
          return { sku: k, onHand, reserved, available: onHand - reserved };
        });

        const first = replicas[0]!.room.view(NOW);
        for (const x of replicas) {
          const view = x.room.view(NOW);
          expect([...view]).toEqual([...first]);
          expect(reservedBySku(view.values())).toEqual(
            new Map([...refReserved].sort(([a], [b]) => (a < b ? -1 : 1))),
          );
          for (const o of view.values()) {
            expect(o.status).toBe(terminal.get(o.id) ?? moves.get(o.id));
            for (const k of SKUS) {
              const line = o.parts.find((p) => p.sku === k);
              expect([line?.issued ?? 0, line?.returned ?? 0, line?.reserved ?? 0]).toEqual(
                refLines.get(`${o.id}/${k}`),
              );
            }
          }
          const onHand = new StockFold(OPENING).applyAll(x.ledger.values()).totalsBySku();
          expect(availability(onHand, reservedBySku(view.values()))).toEqual(refAvailable);
          // Every part record's movement is in the ledger, once.
          const movements = new Set([...x.ledger.values()].map((m) => m.id));
          expect(movements.size).toBe(parts.size);
          for (const o of view.values())
            for (const p of o.records) expect(movements.has(p.movement)).toBe(true);
        }
      }),
      { numRuns: 200, seed: 10 },
    );
  });
});
