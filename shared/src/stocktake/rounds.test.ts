// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { foldLocations } from './rounds.ts';
import { count, data, done, empty, recount, start, verify } from './test-fixtures.ts';

const fold = (d: Parameters<typeof foldLocations>[0], tolerance = {}) =>
  foldLocations(d, { tolerance, unitCost: () => 10 });
const units = (n: number) => n * 10_000;

describe('combining counts at a location', () => {
  it('sums the entries of several counters in one round (a team count)', () => {
    const f = fold(
      data({
        entries: [
          count({ user: 'alice', quantity: 3 }),
          count({ user: 'bob', quantity: 2 }),
          count({ user: 'bob' }),
          count({ user: 'alice', sku: 'SKU-2' }),
        ],
      }),
    ).get('A-1')!;
    expect(f.current!.totals).toEqual([
      {
        item: { sku: 'SKU-1' },
        units: units(6),
        byCounter: [
          { user: 'alice', units: units(3) },
          { user: 'bob', units: units(3) },
        ],
      },
      { item: { sku: 'SKU-2' }, units: units(1), byCounter: [{ user: 'alice', units: units(1) }] },
    ]);
  });

  it('keeps lots apart and leaves voided entries out, even when the void arrives first', () => {
    const a = count({ quantity: 5, lot: 'L1' });
    const b = count({ quantity: 2, lot: 'L2' });
    const c = count({ quantity: 4, lot: 'L1' });
    const v = { id: 'v1', entry: c.id, user: 'alice', device: 'p', at: a.at };
    const f = fold(data({ voids: [v, v], entries: [c, a, b] })).get('A-1')!;
    expect(f.current!.totals.map((t) => [t.item.lot, t.units])).toEqual([
      ['L1', units(5)],
      ['L2', units(2)],
    ]);
    expect(f.current!.voided).toBe(1);
    expect(f.current!.entries.map((e) => e.id)).not.toContain(c.id);
  });

  it('sums exactly whatever the arrival order (integer units, no float drift)', () => {
    const entries = [0.1, 0.2, 0.3, 0.7, 1.0001].map((quantity) => count({ quantity }));
    const forward = fold(data({ entries })).get('A-1')!.current!.totals[0]!.units;
    const backward = fold(data({ entries: [...entries].reverse() })).get('A-1')!.current!.totals[0]!.units;
    expect(forward).toBe(23_001);
    expect(backward).toBe(forward);
  });

  it('counts a still unknown barcode apart, and as its SKU once resolved (latest resolution wins)', () => {
    const e = count({ sku: undefined, barcode: '999', quantity: 2 });
    const unresolved = fold(data({ entries: [e] })).get('A-1')!;
    expect(unresolved.current!.totals[0]!.item).toEqual({ barcode: '999' });
    const resolutions = [
      { id: 'r2', barcode: '999', sku: 'SKU-9', user: 'm', device: 'd', at: '2026-03-10T09:00:00.000Z' },
      { id: 'r1', barcode: '999', sku: 'SKU-8', user: 'm', device: 'd', at: '2026-03-10T08:30:00.000Z' },
    ];
    const resolved = fold(data({ entries: [e], resolutions })).get('A-1')!;
    expect(resolved.current!.totals[0]!.item).toEqual({ sku: 'SKU-9' });
  });
});

describe('round completion and status', () => {
  it('is not started without activity, counting while anyone who took part is not done', () => {
    expect(fold(data()).get('A-1')).toBeUndefined();
    const d = data({
      entries: [count({ user: 'alice' }), count({ user: 'bob' })],
      locationEvents: [done({ user: 'alice' })],
    });
    const f = fold(d).get('A-1')!;
    expect(f.status).toBe('counting');
    expect(f.counted).toBeNull();
    expect(f.current!.contributors).toEqual(['alice', 'bob']);
    expect(f.current!.doneBy).toEqual(['alice']);
  });

  it('completes when every contributor is done, including one who only started', () => {
    const entries = [count({ user: 'alice' })];
    const startedOnly = start([], { user: 'carol' });
    const partial = fold(data({ entries, locationEvents: [startedOnly, done({ user: 'alice' })] }));
    expect(partial.get('A-1')!.status).toBe('counting');
    const all = fold(
      data({
        entries,
        locationEvents: [
          startedOnly,
          done({ user: 'alice' }),
          done({ user: 'carol', at: '2026-03-10T08:30:00.000Z' }),
        ],
      }),
    ).get('A-1')!;
    expect(all.status).toBe('done');
    expect(all.counted!.round).toBe(1);
    expect(all.counted!.completedAt).toBe('2026-03-10T08:30:00.000Z');
  });

  it('completes when a manager closes the round for everyone', () => {
    const d = data({
      entries: [count({ user: 'alice' }), count({ user: 'bob' })],
      locationEvents: [done({ user: 'manager', forAll: true })],
    });
    expect(fold(d).get('A-1')!.status).toBe('done');
  });

  it('treats a confirmed-empty location as done with nothing counted, and flags items counted alongside', () => {
    const f = fold(data({ locationEvents: [empty()] })).get('A-1')!;
    expect(f.status).toBe('done');
    expect(f.counted!.totals).toEqual([]);
    expect(f.emptyConflict).toBe(false);
    const conflict = fold(
      data({ entries: [count({ user: 'bob' })], locationEvents: [empty(), done({ user: 'bob' })] }),
    ).get('A-1')!;
    expect(conflict.emptyConflict).toBe(true);
    expect(conflict.counted!.totals[0]!.units).toBe(units(1)); // a scan is evidence: it still counts
  });

  it('uses the latest complete count round and keeps the earlier ones as evidence', () => {
    const entries = [count({ quantity: 10 }), count({ quantity: 7, round: 2, user: 'bob' })];
    const events = [done(), recount({ assignee: 'bob' })];
    const open = fold(data({ entries, locationEvents: events })).get('A-1')!;
    expect(open.status).toBe('recount');
    expect(open.counted!.round).toBe(1);
    expect(open.current!.round).toBe(2);
    expect(open.current!.assignees).toEqual(['bob']);
    expect(open.current!.blind).toBe(true);

    const closed = fold(
      data({
        entries,
        locationEvents: [...events, done({ user: 'bob', round: 2, at: '2026-03-10T09:00:00.000Z' })],
      }),
    ).get('A-1')!;
    expect(closed.status).toBe('done');
    expect(closed.counted!.round).toBe(2);
    expect(closed.counted!.totals[0]!.units).toBe(units(7));
    expect(closed.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(closed.rounds[0]!.totals[0]!.units).toBe(units(10));
  });

  it('a verification that agrees leaves the location done; one that disagrees asks for a recount', () => {
    const first = [count({ quantity: 10 })];
    const events = [done(), verify(1, { assignee: 'bob' })];
    const pending = fold(data({ entries: first, locationEvents: events }), { units: 1 }).get('A-1')!;
    expect(pending.verification).toBe('pending');
    expect(pending.status).toBe('counting');
    expect(pending.counted!.round).toBe(1);
    expect(pending.rounds[1]!.kind).toBe('verify');
    expect(pending.rounds[1]!.blind).toBe(true);

    const closeCheck = done({ user: 'bob', round: 2, at: '2026-03-10T09:00:00.000Z' });
    const agree = fold(
      data({
        entries: [...first, count({ user: 'bob', round: 2, quantity: 9 })],
        locationEvents: [...events, closeCheck],
      }),
      { units: 1 },
    ).get('A-1')!;
    expect(agree.verification).toBe('agrees');
    expect(agree.status).toBe('done');

    const disagree = fold(
      data({
        entries: [...first, count({ user: 'bob', round: 2, quantity: 8 })],
        locationEvents: [...events, closeCheck],
      }),
      { units: 1 },
    ).get('A-1')!;
    expect(disagree.verification).toBe('disagrees');
    expect(disagree.status).toBe('recount');
    expect(disagree.counted!.round).toBe(1); // a verification never becomes the count
  });

  it('a recount request wins over a verification request for the same round number', () => {
    const f = fold(
      data({ entries: [count()], locationEvents: [done(), verify(1), recount({ blind: false })] }),
    ).get('A-1')!;
    expect(f.rounds[1]!.kind).toBe('count');
    expect(f.rounds[1]!.blind).toBe(false);
    expect(f.status).toBe('recount');
  });

  it('gives the first round the definition’s blind flag', () => {
    const open = data({ entries: [count()] });
    expect(fold(open).get('A-1')!.rounds[0]!.blind).toBe(true);
    expect(
      fold({ ...open, definition: { ...open.definition!, blind: false } }).get('A-1')!.rounds[0]!.blind,
    ).toBe(false);
  });

  it('takes the earliest start of a round as its snapshot, whatever order they arrive in (starts of old devices)', () => {
    const late = start([{ sku: 'SKU-1', quantity: 4 }], { user: 'bob', at: '2026-03-10T08:05:00.000Z' });
    const early = start([{ sku: 'SKU-1', quantity: 5 }], { user: 'alice', at: '2026-03-10T08:01:00.000Z' });
    for (const events of [
      [late, early],
      [early, late],
    ]) {
      expect(fold(data({ locationEvents: events })).get('A-1')!.rounds[0]!.snapshot).toEqual({
        at: early.at,
        expected: [{ sku: 'SKU-1', quantity: 5 }],
      });
    }
  });

  it("takes the server's earliest snapshot of a round, before any start's own", () => {
    const legacy = start([{ sku: 'SKU-1', quantity: 9 }], { user: 'bob', at: '2026-03-10T08:00:00.000Z' });
    const snap = (at: string, quantity: number, id: string) => ({
      id,
      location: 'A-1',
      round: 1,
      start: legacy.id,
      at,
      expected: [{ sku: 'SKU-1', quantity }],
      computedAt: at,
    });
    const snapshots = [snap('2026-03-10T08:07:00.000Z', 4, 's2'), snap('2026-03-10T08:02:00.000Z', 5, 's1')];
    for (const order of [snapshots, [...snapshots].reverse()]) {
      const d = { ...data({ locationEvents: [legacy] }), snapshots: order };
      expect(fold(d).get('A-1')!.rounds[0]!.snapshot).toEqual({
        at: '2026-03-10T08:02:00.000Z',
        expected: [{ sku: 'SKU-1', quantity: 5 }],
      });
    }
  });
});
