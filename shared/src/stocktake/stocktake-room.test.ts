// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { LedgerPeriod } from '../ledger/ledger-period.ts';
import { StockFold } from '../ledger/stock.ts';
import type { Result } from '../result.ts';
import { CountLog } from './count-log.ts';
import { postingId } from './posting.ts';
import { StocktakeRoom } from './stocktake-room.ts';

const manager = { user: 'maria', device: 'desk' };
const alice = { user: 'alice', device: 'phone-a' };
const bob = { user: 'bob', device: 'phone-b' };
const t = (minutes: number) => new Date(Date.parse('2026-03-10T08:00:00.000Z') + minutes * 60_000);

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.kind}: ${r.message}`);
  return r.value;
}
function failed<T>(r: Result<T>) {
  if (r.ok) throw new Error('expected a failure');
  return r;
}
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

function world() {
  const catalog = new Catalog(new Y.Doc());
  for (const l of [
    { code: 'S', kind: 'site' },
    { code: 'Z1', kind: 'zone', parent: 'S' },
    { code: 'Z1-A', kind: 'aisle', parent: 'Z1' },
    { code: 'B1', kind: 'bin', parent: 'Z1-A' },
    { code: 'B2', kind: 'bin', parent: 'Z1-A' },
    { code: 'Z2', kind: 'zone', parent: 'S' },
    { code: 'C1', kind: 'bin', parent: 'Z2' },
  ]) {
    value(catalog.createLocation(l, manager, t(-100)));
  }
  value(
    catalog.createItem({ sku: 'BOLT', name: 'Bolt', barcodes: ['4000000000001'], unitCost: 0.5 }, manager),
  );
  value(catalog.createItem({ sku: 'NUT', name: 'Nut', unitCost: 0.1 }, manager));
  value(catalog.createItem({ sku: 'RESIN', name: 'Resin', tracking: 'lot', unitCost: 20 }, manager));
  const ledger = new LedgerPeriod(new Y.Doc(), '2026-03');
  const seed = [
    { sku: 'BOLT', location: 'B1', quantity: 100 },
    { sku: 'NUT', location: 'B1', quantity: 40 },
    { sku: 'RESIN', location: 'B2', lot: 'R1', quantity: 5 },
    { sku: 'NUT', location: 'C1', quantity: 3 },
  ];
  for (const [i, s] of seed.entries()) {
    ledger.movements.append({ type: 'receive', id: `seed${i}`, ...s, ...manager, at: t(-90).toISOString() });
  }
  const room = new StocktakeRoom(new Y.Doc(), 'st1');
  const snapshot = (location: string) => ledger.stock().lines({ location });
  const ctx = (actor = manager, minutes = 0) => ({ actor, now: t(minutes), catalog });
  return { catalog, ledger, room, snapshot, ctx };
}

function counting() {
  const w = world();
  value(w.room.define({ name: 'Zone 1', locations: ['Z1'], counters: ['alice', 'bob'] }, w.ctx()));
  value(w.room.start(w.ctx()));
  return w;
}

describe('defining and starting a stocktake', () => {
  it('defines once, assigns counters, and starts as a draft', () => {
    const { room, ctx } = world();
    const def = value(room.define({ name: 'Zone 1', locations: ['Z1'], counters: ['bob', 'alice'] }, ctx()));
    expect(def).toMatchObject({ id: 'st1', name: 'Zone 1', blind: true, createdBy: 'maria' });
    expect(room.status()).toBe('draft');
    expect(room.counters()).toEqual(['alice', 'bob']);
    expect(failed(room.define({ name: 'Again', locations: ['Z1'] }, ctx())).kind).toBe('conflict');
    expect(
      failed(new StocktakeRoom(new Y.Doc(), 'x').define({ name: 'X', locations: ['NOPE'] }, ctx())).kind,
    ).toBe('not_found');
  });

  it('derives a cycle count’s locations from stock when none are given', () => {
    const { room, ctx, ledger } = world();
    const def = value(
      room.define({ name: 'Nuts', skus: ['NUT'] }, { ...ctx(), stock: ledger.stock().lines() }),
    );
    expect(def.scope).toEqual({ kind: 'items', skus: ['NUT'], locations: ['B1', 'C1'] });
  });

  it('refuses counts before counting starts, and scope changes after', () => {
    const { room, ctx, snapshot } = world();
    value(room.define({ name: 'Zone 1', locations: ['Z1'] }, ctx()));
    expect(
      failed(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(alice), expected: snapshot('B1') })).kind,
    ).toBe('conflict');
    value(room.edit({ blind: false }, ctx()));
    value(room.start(ctx()));
    expect(room.definition()!.blind).toBe(false);
    expect(failed(room.edit({ scope: { kind: 'locations', locations: ['Z2'] } }, ctx())).kind).toBe(
      'conflict',
    );
    expect(value(room.edit({ name: 'Zone 1 (Mar)' }, ctx())).name).toBe('Zone 1 (Mar)');
    expect(value(room.start(ctx()))).toBe('counting'); // starting again changes nothing
  });
});

describe('counting', () => {
  it('starts the location with the first scan, takes the snapshot once, counts scans, keypad and GS1 quantities', () => {
    const { room, ctx, snapshot } = counting();
    value(room.count({ location: 'B1', sku: 'BOLT' }, ctx(alice)));
    expect(room.location('B1')!.current!.snapshot).toBeNull(); // a device never takes it
    expect([...room.locationEvents.values()].map((e) => [e.type, e.user])).toEqual([['start', 'alice']]);
    value(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(alice), expected: snapshot('B1') }));
    value(room.count({ location: 'B1', barcode: '4000000000001' }, ctx(alice)));
    value(room.count({ location: 'B1', sku: 'BOLT', quantity: 50, source: 'keypad' }, ctx(alice)));
    value(
      room.count(
        { location: 'B1', sku: 'NUT', quantity: 40, source: 'gs1' },
        { ...ctx(bob, 1), expected: snapshot('B1') },
      ),
    );
    const fold = room.location('B1')!;
    expect(fold.current!.totals.map((x) => [x.item.sku, x.units / 10_000])).toEqual([
      ['BOLT', 53],
      ['NUT', 40],
    ]);
    const aliceStart = [...room.locationEvents.values()].find(
      (e) => e.type === 'start' && e.user === 'alice',
    )!;
    expect(fold.current!.snapshot!.at).toBe(aliceStart.at);
    expect(fold.current!.snapshot!.expected).toEqual([
      { sku: 'BOLT', quantity: 100 },
      { sku: 'NUT', quantity: 40 },
    ]);
    expect(fold.current!.contributors).toEqual(['alice', 'bob']);
  });

  it('counts a retried entry id once', () => {
    const { room, ctx, snapshot } = counting();
    const first = value(
      room.count(
        { location: 'B1', sku: 'BOLT', entryId: 'gate-7-000123' },
        { ...ctx(alice), expected: snapshot('B1') },
      ),
    );
    const retry = value(room.count({ location: 'B1', sku: 'BOLT', entryId: 'gate-7-000123' }, ctx(alice)));
    expect(first.created).toBe(true);
    expect(retry).toEqual({ entry: first.entry, created: false });
    expect(room.entries.size).toBe(1);
  });

  it('counts a pack barcode sent by barcode (API, gates) as packs of its quantity', () => {
    const { room, ctx, snapshot, catalog } = counting();
    value(catalog.patchItem('NUT', { packs: [{ barcode: 'NUT-BOX', quantity: 25 }] }));
    const one = value(
      room.count({ location: 'B1', barcode: 'NUT-BOX' }, { ...ctx(alice), expected: snapshot('B1') }),
    );
    expect(one.entry).toMatchObject({ sku: 'NUT', quantity: 25 });
    expect(one.entry.barcode).toBeUndefined();
    const two = value(room.count({ location: 'B1', barcode: 'NUT-BOX', quantity: 2 }, ctx(alice)));
    expect(two.entry).toMatchObject({ sku: 'NUT', quantity: 50 });
    // A unit barcode counts units, as before.
    expect(value(room.count({ location: 'B1', barcode: '4000000000001' }, ctx(alice))).entry.quantity).toBe(
      1,
    );
  });

  it('keeps unknown barcodes for later and counts them as the item they are resolved to', () => {
    const { room, ctx, snapshot } = counting();
    value(
      room.count(
        { location: 'B1', barcode: '777', quantity: 3 },
        { ...ctx(alice), expected: snapshot('B1') },
      ),
    );
    expect(room.summary().unknownBarcodes).toEqual([
      { barcode: '777', location: 'B1', round: 1, quantity: 3, counters: ['alice'] },
    ]);
    expect(failed(room.resolveBarcode('777', 'NOPE', ctx())).kind).toBe('not_found');
    value(room.resolveBarcode('777', 'NUT', ctx()));
    const summary = room.summary();
    expect(summary.unknownBarcodes).toEqual([]);
    expect(summary.lines.find((l) => l.sku === 'NUT')!.counted).toBe(3);
  });

  it('checks items, lots and scope against the catalog (zones expand to their bins)', () => {
    const { room, ctx, snapshot } = counting();
    const start = { ...ctx(alice), expected: snapshot('B2') };
    expect(failed(room.count({ location: 'B2', sku: 'GHOST' }, start)).kind).toBe('not_found');
    expect(failed(room.count({ location: 'B2', sku: 'RESIN' }, start)).fields[0]!.path).toBe('lot');
    value(room.count({ location: 'B2', sku: 'RESIN', lot: 'R1', quantity: 4 }, start));
    expect(
      failed(room.count({ location: 'C1', sku: 'NUT' }, { ...ctx(alice), expected: [] })).message,
    ).toMatch(/not part of this stocktake/);
    expect(failed(room.count({ location: 'B1', sku: 'NUT', quantity: -1 }, start)).fields[0]!.path).toBe(
      'quantity',
    );
  });

  it('undoes a scan with a void; voiding twice is one void', () => {
    const { room, ctx, snapshot } = counting();
    const { entry } = value(
      room.count({ location: 'B1', sku: 'BOLT', quantity: 5 }, { ...ctx(alice), expected: snapshot('B1') }),
    );
    value(room.count({ location: 'B1', sku: 'BOLT' }, ctx(alice)));
    expect(value(room.voidEntry(entry.id, ctx(alice))).created).toBe(true);
    expect(value(room.voidEntry(entry.id, ctx(bob))).created).toBe(false);
    expect(room.voids.size).toBe(1);
    expect(room.location('B1')!.current!.totals[0]!.units).toBe(10_000);
    expect(failed(room.voidEntry('nope', ctx(alice))).kind).toBe('not_found');
  });

  it('tracks progress per location and per zone', () => {
    const { room, ctx, snapshot, catalog } = counting();
    value(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(alice), expected: snapshot('B1') }));
    value(room.confirmEmpty('B2', { ...ctx(bob), expected: snapshot('B2') }));
    const s = room.summary({ locations: catalog.locations.values() });
    expect(s.locations.map((l) => [l.location, l.status])).toEqual([
      ['B1', 'counting'],
      ['B2', 'done'],
    ]);
    expect(s.progress).toEqual({ total: 2, notStarted: 0, counting: 1, done: 1, recount: 0 });
    expect(s.areas.map((a) => [a.code, a.total, a.done])).toEqual([
      ['S', 2, 1],
      ['Z1', 2, 1],
      ['Z1-A', 2, 1],
    ]);
    // B2 held 5 of RESIN lot R1: confirmed empty means all 5 are missing.
    expect(s.lines.find((l) => l.location === 'B2')).toMatchObject({
      expected: 5,
      counted: 0,
      missing: true,
      final: true,
    });
  });

  it('runs a recount in a new round, assigned and blind, and uses it once complete', () => {
    const { room, ctx, snapshot } = counting();
    value(
      room.count({ location: 'B1', sku: 'BOLT', quantity: 90 }, { ...ctx(alice), expected: snapshot('B1') }),
    );
    value(room.done('B1', ctx(alice)));
    const recount = value(room.requestRecount('B1', { ...ctx(), assignee: 'bob' }));
    expect(recount).toMatchObject({ type: 'recount', round: 2, assignee: 'bob', blind: true });
    const b1 = () => room.summary(ctx()).locations.find((l) => l.location === 'B1');
    expect(b1()).toMatchObject({
      status: 'recount',
      activeRound: 2,
      assignees: ['bob'],
    });
    value(
      room.count({ location: 'B1', sku: 'BOLT', quantity: 99 }, { ...ctx(bob), expected: snapshot('B1') }),
    );
    value(room.done('B1', ctx(bob)));
    const s = room.summary(ctx());
    expect(b1()).toMatchObject({ status: 'done', countedRound: 2 });
    expect(s.lines.find((l) => l.sku === 'BOLT')).toMatchObject({ round: 2, counted: 99, variance: -1 });
  });

  it('counts in the round a remote recount opened, and refuses rounds nobody opened', () => {
    const { room, ctx, snapshot } = counting();
    const phone = new StocktakeRoom(new Y.Doc(), 'st1');
    value(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(alice), expected: snapshot('B1') }));
    value(room.done('B1', ctx(alice)));
    sync(room.doc, phone.doc);
    expect(phone.activeRound('B1')).toBe(1);
    value(room.requestRecount('B1', { ...ctx(), assignee: 'bob' }));
    sync(room.doc, phone.doc);
    expect(phone.activeRound('B1')).toBe(2);
    const { entry } = value(
      phone.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(bob), expected: snapshot('B1') }),
    );
    expect(entry.round).toBe(2);
    const early = failed(phone.count({ location: 'B1', sku: 'BOLT', round: 3 }, ctx(bob)));
    expect(early.fields[0]!.path).toBe('round');
  });

  it('compares a verification by value with the items’ unit costs', () => {
    const { room, ctx, snapshot } = world();
    value(room.define({ name: 'Value', locations: ['B2'], tolerance: { value: 10 } }, ctx()));
    value(room.start(ctx()));
    const resin = { location: 'B2', sku: 'RESIN', lot: 'R1' };
    value(room.count({ ...resin, quantity: 5 }, { ...ctx(alice), expected: snapshot('B2') }));
    value(room.done('B2', ctx(alice)));
    value(room.requestVerification('B2', ctx()));
    value(room.count({ ...resin, quantity: 4 }, { ...ctx(bob), expected: snapshot('B2') }));
    value(room.done('B2', ctx(bob)));
    expect(room.location('B2')!.verification).toBe('agrees'); // without costs a unit is worth nothing
    expect(room.location('B2', ctx())!.verification).toBe('disagrees'); // 1 × 20 is over 10
    expect(value(room.requestRecountsAfterVerification(ctx()))).toHaveLength(1);
  });

  it('asks a verification of someone who did not count the round', () => {
    const { room, ctx, snapshot } = counting();
    expect(failed(room.requestVerification('B1', ctx())).kind).toBe('conflict'); // nothing counted yet
    value(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(alice), expected: snapshot('B1') }));
    value(room.done('B1', ctx(alice)));
    const refused = failed(room.requestVerification('B1', { ...ctx(), assignee: 'alice' }));
    expect(refused.fields[0]).toEqual({
      path: 'assignee',
      message: 'alice counted round 1 of B1: a verification needs another counter',
    });
    expect(value(room.requestVerification('B1', { ...ctx(), assignee: 'bob' }))).toMatchObject({
      type: 'verify',
      round: 2,
      of: 1,
      assignee: 'bob',
    });
  });

  it('turns a disagreeing verification into one recount, even when two replicas ask for it', () => {
    const { room, ctx, snapshot } = counting();
    value(
      room.count({ location: 'B1', sku: 'BOLT', quantity: 100 }, { ...ctx(alice), expected: snapshot('B1') }),
    );
    value(room.done('B1', ctx(alice)));
    expect(value(room.requestVerification('B1', { ...ctx(), assignee: 'bob' }))).toMatchObject({
      round: 2,
      of: 1,
    });
    value(
      room.count(
        { location: 'B1', sku: 'BOLT', quantity: 97, round: 2 },
        { ...ctx(bob), expected: snapshot('B1') },
      ),
    );
    value(room.done('B1', ctx(bob)));
    expect(room.location('B1')!.verification).toBe('disagrees');

    const other = new StocktakeRoom(new Y.Doc(), 'st1');
    sync(room.doc, other.doc);
    expect(value(room.requestRecountsAfterVerification(ctx()))).toHaveLength(1);
    expect(value(other.requestRecountsAfterVerification(ctx(manager, 1)))).toHaveLength(1);
    sync(room.doc, other.doc);
    const recounts = [...room.locationEvents.values()].filter((e) => e.type === 'recount');
    expect(recounts).toHaveLength(1);
    expect(recounts[0]).toMatchObject({ round: 3, blind: true });
    expect(room.location('B1')!.status).toBe('recount');
    expect(value(room.requestRecountsAfterVerification(ctx()))).toEqual([]);
  });
});

describe('approving', () => {
  it('posts one adjustment per item × location × lot, once, and leaves stock as counted', () => {
    const { room, ctx, snapshot, ledger, catalog } = counting();
    value(
      room.count({ location: 'B1', sku: 'BOLT', quantity: 97 }, { ...ctx(alice), expected: snapshot('B1') }),
    );
    value(room.count({ location: 'B1', sku: 'NUT', quantity: 40 }, ctx(alice)));
    value(room.done('B1', ctx(alice)));
    value(
      room.count(
        { location: 'B2', sku: 'RESIN', lot: 'R1', quantity: 6 },
        { ...ctx(bob), expected: snapshot('B2') },
      ),
    );
    value(room.done('B2', ctx(bob)));
    value(room.close(ctx()));
    // A pick during review, after the count: it must survive the adjustment.
    ledger.movements.append({
      type: 'issue',
      id: 'pick1',
      sku: 'BOLT',
      location: 'B1',
      quantity: 7,
      ...manager,
      at: t(60).toISOString(),
    });

    const unitCost = (sku: string) => catalog.items.get(sku)?.unitCost ?? 0;
    const approval = value(
      room.approve(() => ledger.movements, {
        ...ctx(manager, 90),
        movements: ledger.movements.values(),
        unitCost,
      }),
    );
    expect(approval.appended).toBe(2);
    expect(approval.posting.period).toBe('2026-03');
    expect(approval.posting.movements.map((m) => [m.sku, m.location, m.lot, m.quantity, m.id])).toEqual([
      ['BOLT', 'B1', undefined, -3, postingId('st1', 'BOLT', 'B1')],
      ['RESIN', 'B2', 'R1', 1, postingId('st1', 'RESIN', 'B2', 'R1')],
    ]);
    expect(approval.posting.movements[0]).toMatchObject({
      type: 'adjust',
      reason: 'Stocktake Zone 1',
      reference: 'stocktake:st1',
      at: t(0).toISOString(),
    });
    expect(room.status()).toBe('posted');
    const stock = new StockFold().applyAll(ledger.movements.values());
    expect(stock.quantity('BOLT', 'B1')).toBe(90); // counted 97, then 7 picked
    expect(stock.quantity('RESIN', 'B2', 'R1')).toBe(6);
    expect(stock.quantity('NUT', 'B1')).toBe(40);

    const again = value(room.approve(() => ledger.movements, ctx(manager, 95)));
    expect(again).toMatchObject({ appended: 0, alreadyPosted: true });
    expect(ledger.movements.size).toBe(4 + 1 + 2);
    // Read-only once posted; the report still shows the posted count.
    expect(failed(room.count({ location: 'B1', sku: 'BOLT' }, ctx(alice))).kind).toBe('conflict');
    expect(failed(room.cancel(ctx())).kind).toBe('conflict');
    const after = room.summary({ movements: ledger.movements.values(), unitCost });
    expect(after.lines.find((l) => l.sku === 'BOLT')).toMatchObject({
      expected: 100,
      counted: 97,
      variance: -3,
    });
  });

  it('refuses while counts at a location are not done, posts anyway with a reason kept on the posted event', () => {
    const { room, ctx, snapshot, ledger } = counting();
    value(
      room.count({ location: 'B1', sku: 'BOLT', quantity: 97 }, { ...ctx(alice), expected: snapshot('B1') }),
    );
    value(room.done('B1', ctx(alice)));
    value(room.count({ location: 'B2', sku: 'RESIN', lot: 'R1', quantity: 6 }, ctx(bob)));
    const refused = failed(room.approve(() => ledger.movements, ctx(manager, 90)));
    expect(refused).toMatchObject({ kind: 'conflict', fields: [{ path: 'locations' }] });
    expect(refused.message).toContain('B2');
    expect(refused.message).not.toContain('B1');
    expect(room.status()).toBe('counting');
    expect(ledger.movements.size).toBe(4);

    const posted = value(
      room.approve(() => ledger.movements, { ...ctx(manager, 91), postAnyway: 'bob went home ill' }),
    );
    expect(posted.posting.incomplete).toEqual(['B2']);
    // Only B1's complete count is posted; B2's running count is left as it is.
    expect(posted.posting.movements.length).toBeGreaterThan(0);
    expect(posted.posting.movements.every((m) => m.location === 'B1')).toBe(true);
    expect([...room.states.values()].find((e) => e.to === 'posted')?.reason).toBe('bob went home ill');
  });

  it('refuses to approve a draft or cancelled stocktake', () => {
    const { room, ctx, ledger } = world();
    value(room.define({ name: 'Zone 1', locations: ['Z1'] }, ctx()));
    expect(failed(room.approve(() => ledger.movements, ctx())).kind).toBe('conflict');
    value(room.cancel({ ...ctx(), reason: 'wrong zone' }));
    expect(room.status()).toBe('cancelled');
    expect(failed(room.approve(() => ledger.movements, ctx())).kind).toBe('conflict');
    expect(ledger.movements.size).toBe(4);
  });
});

describe('reading a room', () => {
  it('skips and reports entries that fail validation, and never crashes the summary', () => {
    const { room, ctx, snapshot } = counting();
    value(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(alice), expected: snapshot('B1') }));
    room.doc.getMap(CountLog.MAP).set('junk', { quantity: 1e9 });
    room.doc.getMap(CountLog.MAP).set('neg', ['xxxxxxxx', 'B1', 'BOLT', 1, 0, -5]);
    room.doc.getMap('voids').set('v', { entry: 42 });
    room.doc.getMap('states').set('s', { to: 'posted' });
    const problems = room
      .invalidEntries()
      .map((p) => p.key)
      .sort();
    expect(problems).toEqual(['junk', 'neg', 's', 'v']);
    expect(room.status()).toBe('counting');
    expect(room.summary().lines.find((l) => l.sku === 'BOLT')!.counted).toBe(1);
  });

  it('attributes entries through their session and tells listeners about remote changes', () => {
    const { room, ctx, snapshot } = counting();
    const remote = new StocktakeRoom(new Y.Doc(), 'st1');
    sync(room.doc, remote.doc);
    let changes = 0;
    remote.onChange(() => changes++);
    value(room.count({ location: 'B1', sku: 'BOLT' }, { ...ctx(bob), expected: snapshot('B1') }));
    sync(room.doc, remote.doc);
    expect(changes).toBeGreaterThan(0);
    expect(remote.attributedEntries().map((e) => [e.user, e.device])).toEqual([['bob', 'phone-b']]);
  });
});
