// @vitest-environment node
//
// Random counting on 2–5 replicas of one stocktake room: scans, keypad quantities, retried
// entry ids, undos (voids), "done", "confirmed empty", recount rounds and approvals, with
// updates delivered partially, out of order and duplicated, across changing partitions.
// After healing every replica must compute the same summary; each location's count must
// equal the sum of the unique, non-voided entries of its counting round (computed here
// from what was written, not from the room); and approvals from two replicas must leave
// one adjustment set in the merged ledgers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../actor.ts';
import { LedgerPeriod } from '../ledger/ledger-period.ts';
import type { Movement } from '../ledger/movement.ts';
import type { Result } from '../result.ts';
import { StocktakeRoom } from './stocktake-room.ts';
import type { StocktakeSummary } from './summary.ts';

const LOCATIONS = ['A-1', 'A-2', 'B-1'] as const;
const SKUS = ['S1', 'S2', 'S3'] as const;
const STOCK: Record<string, { sku: string; lot?: string; quantity: number }[]> = {
  'A-1': [
    { sku: 'S1', quantity: 10 },
    { sku: 'S2', quantity: 5 },
  ],
  'A-2': [{ sku: 'S3', lot: 'L1', quantity: 2 }],
  'B-1': [],
};
const lotOf = (sku: string) => (sku === 'S3' ? 'L1' : undefined);
const T0 = Date.parse('2026-03-10T08:00:00.000Z');
const PERIOD = '2026-03';
const manager: Actor = { user: 'manager', device: 'desk' };

type Op =
  | { kind: 'scan'; r: number; loc: number; sku: number; qty: number; keypad: boolean; entryId: boolean }
  | { kind: 'retry'; r: number; pick: number }
  | { kind: 'void'; r: number; pick: number }
  | { kind: 'done'; r: number; loc: number; forAll: boolean }
  | { kind: 'empty'; r: number; loc: number }
  | { kind: 'recount'; r: number; loc: number }
  | { kind: 'sync'; from: number; to: number; picks: number[] }
  | { kind: 'partition'; groups: number[] }
  | { kind: 'post'; r: number };

const replica = fc.nat({ max: 4 });
const loc = fc.nat({ max: LOCATIONS.length - 1 });
const opArb = (withPosting: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('scan' as const),
        r: replica,
        loc,
        sku: fc.nat({ max: SKUS.length - 1 }),
        qty: fc.integer({ min: 1, max: 4 }),
        keypad: fc.boolean(),
        entryId: fc.boolean(),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), r: replica, pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('void' as const), r: replica, pick: fc.nat() }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('done' as const), r: replica, loc, forAll: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), r: replica, loc }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('recount' as const), r: replica, loc }) },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('sync' as const),
        from: replica,
        to: replica,
        picks: fc.array(fc.nat(), { maxLength: 40 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('partition' as const),
        groups: fc.array(fc.nat({ max: 2 }), { minLength: 5, maxLength: 5 }),
      }),
    },
    { weight: withPosting ? 3 : 0, arbitrary: fc.record({ kind: fc.constant('post' as const), r: replica }) },
  );

/** What was really written, kept by the test itself: the oracle. */
interface Truth {
  entries: Map<
    string,
    {
      location: string;
      sku: string;
      lot?: string;
      quantity: number;
      round: number;
      user: string;
      device: string;
    }
  >;
  voids: Set<string>;
  closes: { location: string; round: number; user: string; forAll: boolean; empty: boolean }[];
  recounts: { location: string; round: number }[];
}

function ok<T>(r: Result<T>): T | undefined {
  return r.ok ? r.value : undefined;
}

function normalised(s: StocktakeSummary) {
  return JSON.stringify({ ...s, folds: [...s.folds.entries()] });
}

function run(replicaCount: number, ops: Op[]) {
  let clock = 0;
  const now = () => new Date(T0 + ++clock * 1000);
  const docs = Array.from({ length: replicaCount }, () => new Y.Doc());
  const logs: Uint8Array[][] = docs.map(() => []);
  docs.forEach((d, i) => {
    d.on('update', (u: Uint8Array) => logs[i]!.push(u));
  });
  const rooms = docs.map((d) => new StocktakeRoom(d, 'st1'));
  const ledgers = docs.map(() => new LedgerPeriod(new Y.Doc(), PERIOD));
  // Two replicas may be one user on two devices: a team count spans users and devices.
  const actors: Actor[] = docs.map((_, i) => ({ user: `c${i % 3}`, device: `d${i}` }));
  const truth: Truth = { entries: new Map(), voids: new Set(), closes: [], recounts: [] };
  let groups = [0, 0, 0, 0, 0];
  let entrySeq = 0;

  const first = rooms[0]!;
  ok(
    first.define(
      { name: 'Random', locations: [...LOCATIONS], counters: ['c0', 'c1', 'c2'] },
      { actor: manager, now: new Date(T0) },
    ),
  );
  ok(first.start({ actor: manager, now: new Date(T0) }));
  for (const d of docs.slice(1)) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0]!));

  for (const op of ops) {
    switch (op.kind) {
      case 'scan': {
        const r = op.r % replicaCount;
        const location = LOCATIONS[op.loc]!;
        const sku = SKUS[op.sku]!;
        const lot = lotOf(sku);
        const input = {
          location,
          sku,
          quantity: op.keypad ? op.qty : 1,
          source: op.keypad ? 'keypad' : 'scan',
          ...(lot ? { lot } : {}),
          ...(op.entryId ? { entryId: `api-${++entrySeq}` } : {}),
        };
        const res = ok(rooms[r]!.count(input, { actor: actors[r]!, now: now(), expected: STOCK[location]! }));
        if (res?.created) {
          const e = res.entry;
          const { quantity, round, user, device } = e;
          truth.entries.set(e.id, { location, sku, ...(lot ? { lot } : {}), quantity, round, user, device });
        }
        break;
      }
      case 'retry': {
        // The same entry id sent again, possibly to a replica that has not seen it yet.
        const ids = [...truth.entries.keys()];
        if (!ids.length) break;
        const id = ids[op.pick % ids.length]!;
        const e = truth.entries.get(id)!;
        const r = op.r % replicaCount;
        const res = ok(
          rooms[r]!.count(
            {
              location: e.location,
              sku: e.sku,
              quantity: e.quantity,
              round: e.round,
              entryId: id,
              ...(e.lot ? { lot: e.lot } : {}),
            },
            { actor: { user: e.user, device: e.device }, now: now(), expected: STOCK[e.location]! },
          ),
        );
        expect(res === undefined || res.entry.quantity === e.quantity).toBe(true);
        break;
      }
      case 'void': {
        const r = op.r % replicaCount;
        const known = [...rooms[r]!.entries.values()].map((e) => e.id).sort();
        if (!known.length) break;
        const id = known[op.pick % known.length]!;
        if (ok(rooms[r]!.voidEntry(id, { actor: actors[r]!, now: now() }))) truth.voids.add(id);
        break;
      }
      case 'done': {
        const r = op.r % replicaCount;
        const actor = op.forAll ? manager : actors[r]!;
        const e = ok(rooms[r]!.done(LOCATIONS[op.loc]!, { actor, now: now(), forAll: op.forAll }));
        if (e)
          truth.closes.push({
            location: e.location,
            round: e.round,
            user: e.user,
            forAll: op.forAll,
            empty: false,
          });
        break;
      }
      case 'empty': {
        const r = op.r % replicaCount;
        const location = LOCATIONS[op.loc]!;
        const e = ok(
          rooms[r]!.confirmEmpty(location, { actor: actors[r]!, now: now(), expected: STOCK[location]! }),
        );
        if (e) truth.closes.push({ location, round: e.round, user: e.user, forAll: false, empty: true });
        break;
      }
      case 'recount': {
        const r = op.r % replicaCount;
        const e = ok(rooms[r]!.requestRecount(LOCATIONS[op.loc]!, { actor: manager, now: now() }));
        if (e) truth.recounts.push({ location: e.location, round: e.round });
        break;
      }
      case 'sync': {
        const from = op.from % replicaCount;
        const to = op.to % replicaCount;
        if (from === to || groups[from] !== groups[to]) break;
        const log = logs[from]!;
        if (!log.length) break;
        // Partial, reordered, duplicated delivery: Yjs must hold back what lacks its dependencies.
        for (const p of op.picks) Y.applyUpdate(docs[to]!, log[p % log.length]!);
        break;
      }
      case 'partition':
        groups = op.groups;
        break;
      case 'post': {
        const r = op.r % replicaCount;
        // Posting anyway: the guard on incomplete locations is tested on its own (stocktake-room.test.ts).
        ok(
          rooms[r]!.approve(() => ledgers[r]!.movements, { actor: manager, now: now(), postAnyway: 'test' }),
        );
        break;
      }
    }
  }

  // Heal: everyone exchanges everything.
  for (let round = 0; round < 2; round++) {
    for (const a of docs)
      for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  }
  return { rooms, docs, ledgers, truth };
}

/** The oracle: each location's counting round and totals, from what was written. */
function expectedCounts(truth: Truth) {
  const out = new Map<
    string,
    { round: number; final: boolean; status: string; totals: Map<string, number> }
  >();
  for (const location of LOCATIONS) {
    const rounds = new Set<number>();
    const entries = [...truth.entries.entries()].filter(([, e]) => e.location === location);
    const closes = truth.closes.filter((c) => c.location === location);
    for (const [, e] of entries) rounds.add(e.round);
    for (const c of closes) rounds.add(c.round);
    for (const r of truth.recounts) if (r.location === location) rounds.add(r.round);
    if (!rounds.size) {
      out.set(location, { round: 0, final: false, status: 'not_started', totals: new Map() });
      continue;
    }
    const complete = (round: number) => {
      const contributors = new Set([
        ...entries.filter(([, e]) => e.round === round).map(([, e]) => e.user),
        ...closes.filter((c) => c.round === round && c.empty).map((c) => c.user),
      ]);
      const doneBy = new Set(closes.filter((c) => c.round === round && !c.forAll).map((c) => c.user));
      if (closes.some((c) => c.round === round && c.forAll)) return true;
      return doneBy.size > 0 && [...contributors].every((u) => doneBy.has(u));
    };
    const sorted = [...rounds].sort((a, b) => a - b);
    const current = sorted.at(-1)!;
    const counted = sorted.filter(complete).at(-1);
    const round = counted ?? current;
    const totals = new Map<string, number>();
    for (const [id, e] of entries) {
      if (e.round !== round || truth.voids.has(id)) continue;
      const key = `${e.sku}/${e.lot ?? ''}`;
      totals.set(key, (totals.get(key) ?? 0) + e.quantity * 10_000);
    }
    const status = complete(current) ? 'done' : current === 1 ? 'counting' : 'recount';
    out.set(location, { round, final: counted !== undefined, status, totals });
  }
  return out;
}

function checkAgainstOracle(summary: StocktakeSummary, truth: Truth) {
  const oracle = expectedCounts(truth);
  for (const location of LOCATIONS) {
    const want = oracle.get(location)!;
    expect(summary.locations.find((l) => l.location === location)!.status).toBe(want.status);
    const lines = summary.lines.filter((l) => l.location === location);
    const got = new Map(
      lines
        .filter((l) => l.counted !== 0)
        .map((l) => [`${l.sku}/${l.lot ?? ''}`, Math.round(l.counted * 10_000)]),
    );
    expect(got).toEqual(new Map([...want.totals].filter(([, q]) => q !== 0)));
    for (const l of lines) {
      expect(l.round).toBe(want.round);
      expect(l.final).toBe(want.final);
    }
  }
}

function mergedMovements(ledgers: LedgerPeriod[]): Movement[] {
  const merged = new LedgerPeriod(new Y.Doc(), PERIOD);
  for (const l of ledgers) Y.applyUpdate(merged.doc, Y.encodeStateAsUpdate(l.doc));
  return [...merged.movements.values()];
}

describe('stocktake replicas (property)', () => {
  it('converge, count every unique non-voided entry once, and post one adjustment set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.nat(),
        fc.array(opArb(false), { minLength: 20, maxLength: 80 }),
        fc.array(opArb(true), { minLength: 5, maxLength: 30 }),
        (n, postDuringPartition, pairSeed, ops, tail) => {
          const { rooms, docs, ledgers, truth } = run(n, postDuringPartition ? [...ops, ...tail] : ops);

          // 1. Every replica computes the same thing.
          const summaries = rooms.map((r) => r.summary());
          for (const s of summaries.slice(1)) expect(normalised(s)).toBe(normalised(summaries[0]!));
          expect(rooms.every((r) => r.invalidEntries().length === 0)).toBe(true);

          // 2. Counts equal the oracle's fold of unique, non-voided entries of each counting round.
          expect(rooms[0]!.entries.size).toBe(truth.entries.size);
          checkAgainstOracle(summaries[0]!, truth);

          // 3. Approvals made during partitions (different views) adjust each line at most once.
          const early = mergedMovements(ledgers);
          const keys = early.map((m) => `${m.sku}|${m.location}|${m.lot ?? ''}`);
          expect(new Set(keys).size).toBe(keys.length);
          if (summaries[0]!.status === 'posted') {
            expect(rooms.every((r) => r.status() === 'posted')).toBe(true);
            return;
          }

          // 4. Two replicas approving the converged stocktake at once, offline: one adjustment set.
          const p = pairSeed % n;
          const q = (p + 1 + (pairSeed % (n - 1))) % n;
          const la = new LedgerPeriod(new Y.Doc(), PERIOD);
          const lb = new LedgerPeriod(new Y.Doc(), PERIOD);
          const a = rooms[p]!.approve(() => la.movements, {
            actor: manager,
            now: new Date(T0 + 10_000_000),
            postAnyway: 'test',
          });
          const b = rooms[q]!.approve(() => lb.movements, {
            actor: { user: 'other-manager', device: 'tablet' },
            now: new Date(T0 + 10_000_001),
            postAnyway: 'test',
          });
          expect(a.ok && b.ok).toBe(true);
          const expected = summaries[0]!.lines.filter((l) => l.final && l.snapshot && l.variance !== 0);
          const merged = mergedMovements([la, lb]);
          expect(merged).toHaveLength(expected.length);
          for (const line of expected) {
            const m = merged.find(
              (x) => x.sku === line.sku && x.location === line.location && x.lot === line.lot,
            );
            expect(m?.quantity).toBe(line.variance);
          }
          Y.applyUpdate(docs[q]!, Y.encodeStateAsUpdate(docs[p]!));
          Y.applyUpdate(docs[p]!, Y.encodeStateAsUpdate(docs[q]!));
          expect(rooms[p]!.status()).toBe('posted');
          expect([...rooms[q]!.states.values()].filter((e) => e.to === 'posted')).toHaveLength(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});
