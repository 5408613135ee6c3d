// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Role } from '../access/role.ts';
import { Catalog } from '../catalog/catalog.ts';
import { Movement } from '../ledger/movement.ts';
import { prepareMovement } from '../ledger/record-movement.ts';
import { StockFold } from '../ledger/stock.ts';
import { ledgerRules } from '../ledger/write-rules.ts';
import { checkChanges, type EntryChange } from '../sync/write-rules.ts';
import { LOT_HOLDS_MAP, lotHoldsOf, newLotHold } from './lot-hold.ts';
import { lotRecords } from './lot-records.ts';
import { lotMovementProblem } from './lot-rules.ts';

const now = new Date('2026-11-02T09:00:00.000Z');
const view = { get: () => undefined, values: () => [] };
const writer = (role: Role) => ({ user: 'mia', device: 'd1', role });
const hold = newLotHold(
  { action: 'block', sku: 'RESIN', lot: 'L1', reason: 'supplier recall R-7' },
  { user: 'mia', device: 'd1' },
  now,
  'h1',
);
const adding = (value: unknown, key = 'h1'): EntryChange => ({
  map: LOT_HOLDS_MAP,
  key,
  before: undefined,
  after: value,
  added: [value],
  overwrites: false,
  replaced: false,
});

describe('lot holds in a ledger room', () => {
  it('managers and admins append blocks in their own name; clerks and technicians may not', () => {
    expect(checkChanges(ledgerRules, [adding(hold)], writer('manager'), view)).toBeNull();
    expect(checkChanges(ledgerRules, [adding(hold)], writer('admin'), view)).toBeNull();
    expect(checkChanges(ledgerRules, [adding(hold)], writer('clerk'), view)).toBe(
      'lotHolds/h1: only managers block and release lots',
    );
    expect(checkChanges(ledgerRules, [adding(hold)], writer('technician'), view)).toContain('only managers');
  });

  it('refuses holds in another name, under another key, without a reason, and any edit or removal', () => {
    const m = writer('manager');
    expect(checkChanges(ledgerRules, [adding({ ...hold, user: 'ann' })], m, view)).toContain('another user');
    expect(checkChanges(ledgerRules, [adding(hold, 'h2')], m, view)).toContain('its id is not its key');
    expect(checkChanges(ledgerRules, [adding({ ...hold, reason: '' })], m, view)).toContain(
      'not a valid lot hold',
    );
    const removal = { ...adding(hold), before: hold, after: undefined, added: [] };
    expect(checkChanges(ledgerRules, [removal], m, view)).toContain('never removed');
    const edit = { ...adding({ ...hold, reason: 'changed' }), before: hold, overwrites: true };
    expect(checkChanges(ledgerRules, [edit], m, view)).toContain('never changed');
  });

  it('are read back from the room document, validated', () => {
    const doc = new Y.Doc();
    const holds = lotHoldsOf(doc, 'ledger-2026-11');
    holds.append(hold);
    doc.getMap(LOT_HOLDS_MAP).set('junk', { id: 'junk', action: 'melt' });
    expect([...lotHoldsOf(doc, 'ledger-2026-11').values()]).toEqual([hold]);
    expect(lotHoldsOf(doc, 'ledger-2026-11').invalidEntries()).toHaveLength(1);
  });
});

describe('receipts with an expiry; serials', () => {
  const ann = { user: 'ann', device: 'd1' };
  const catalog = new Catalog(new Y.Doc());
  catalog.createLocation({ code: 'S', kind: 'site' }, ann, now);
  catalog.createLocation({ code: 'A', kind: 'bin', parent: 'S' }, ann, now);
  catalog.createLocation({ code: 'B', kind: 'bin', parent: 'S' }, ann, now);
  catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, ann, now);
  catalog.createItem({ sku: 'RESIN', name: 'Resin', tracking: 'lot' }, ann, now);
  catalog.createItem({ sku: 'DRILL', name: 'Drill', tracking: 'serial' }, ann, now);
  const ctx = (stock = new StockFold()) => ({ catalog, stock, actor: ann, now });

  it('keeps the expiry of a lot receipt, and older receipts without one still parse', () => {
    const r = prepareMovement(
      { type: 'receive', sku: 'RESIN', location: 'A', lot: 'L1', quantity: 2, expiry: '2027-03-31' },
      ctx(),
    );
    expect(r.ok && r.value.type === 'receive' && r.value.expiry).toBe('2027-03-31');
    const old = {
      id: 'x',
      type: 'receive',
      sku: 'RESIN',
      location: 'A',
      lot: 'L1',
      quantity: 1,
      user: 'u',
      device: 'd',
      at: now.toISOString(),
    };
    expect(Movement.safeParse(old).success).toBe(true);
  });

  it('refuses an impossible date, and an expiry on an item without lots', () => {
    const bad = prepareMovement(
      { type: 'receive', sku: 'RESIN', location: 'A', lot: 'L1', quantity: 2, expiry: '2027-02-30' },
      ctx(),
    );
    expect(bad).toMatchObject({
      ok: false,
      kind: 'invalid',
      fields: [{ path: 'expiry', message: 'must be a date (YYYY-MM-DD)' }],
    });
    const untracked = prepareMovement(
      { type: 'receive', sku: 'BOLT', location: 'A', quantity: 2, expiry: '2027-01-31' },
      ctx(),
    );
    expect(untracked).toMatchObject({
      ok: false,
      kind: 'invalid',
      message: 'item BOLT is not tracked by lot or serial: it has no expiry',
    });
  });

  it('refuses to issue or move a serial that is not on hand there, saying where it is', () => {
    const stock = new StockFold();
    const none = prepareMovement(
      { type: 'issue', sku: 'DRILL', location: 'A', lot: 'SN-1', quantity: 1 },
      ctx(stock),
    );
    expect(none).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'serial SN-1 of DRILL is not on hand at A',
    });
    const received = prepareMovement(
      { type: 'receive', sku: 'DRILL', location: 'B', lot: 'SN-1', quantity: 1 },
      ctx(stock),
    );
    if (!received.ok) throw new Error(received.message);
    stock.apply(received.value);
    const elsewhere = prepareMovement(
      { type: 'transfer', sku: 'DRILL', location: 'A', toLocation: 'B', lot: 'SN-1', quantity: 1 },
      ctx(stock),
    );
    expect(elsewhere).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'serial SN-1 of DRILL is not on hand at A (it is at B)',
    });
    expect(
      prepareMovement({ type: 'issue', sku: 'DRILL', location: 'B', lot: 'SN-1', quantity: 1 }, ctx(stock))
        .ok,
    ).toBe(true);
  });
});

describe('lot rules for a movement about to be recorded', () => {
  const at = '2026-11-02T08:00:00.000Z';
  const m = (fields: Record<string, unknown>) =>
    Movement.parse({
      id: 'x',
      user: 'u',
      device: 'd',
      at,
      sku: 'RESIN',
      location: 'A',
      quantity: 1,
      ...fields,
    });
  const received = m({ id: 'r', type: 'receive', lot: 'L1', quantity: 5, expiry: '2026-10-31' });
  const blockedHold = newLotHold(
    { action: 'block', sku: 'RESIN', lot: 'L1', reason: 'recall R-7' },
    { user: 'mia', device: 'd1' },
    now,
    'h',
  );
  const today = '2026-11-02';

  it('refuses issuing a blocked lot, with the reason', () => {
    const lots = lotRecords({ movements: [received], holds: [blockedHold] });
    expect(lotMovementProblem(lots, m({ type: 'issue', lot: 'L1', reason: 'needed' }), today)).toMatchObject({
      kind: 'conflict',
      message: 'lot L1 of RESIN is blocked (recall R-7): release it before issuing',
    });
    // Moving it to quarantine or writing it off stays possible.
    expect(lotMovementProblem(lots, m({ type: 'transfer', lot: 'L1', toLocation: 'Q' }), today)).toBeNull();
  });

  it('issues an expired lot only with a reason', () => {
    const lots = lotRecords({ movements: [received] });
    expect(lotMovementProblem(lots, m({ type: 'issue', lot: 'L1' }), today)).toMatchObject({
      kind: 'invalid',
      fields: [
        { path: 'reason', message: 'lot L1 of RESIN expired on 2026-10-31: give a reason to issue it' },
      ],
    });
    expect(
      lotMovementProblem(lots, m({ type: 'issue', lot: 'L1', reason: 'test rig only' }), today),
    ).toBeNull();
  });

  it('refuses a receipt restating the expiry differently; the same one or none is fine', () => {
    const lots = lotRecords({ movements: [received] });
    expect(
      lotMovementProblem(lots, m({ type: 'receive', lot: 'L1', expiry: '2027-01-01' }), today)?.kind,
    ).toBe('conflict');
    expect(
      lotMovementProblem(lots, m({ type: 'receive', lot: 'L1', expiry: '2026-10-31' }), today),
    ).toBeNull();
    expect(lotMovementProblem(lots, m({ type: 'receive', lot: 'L1' }), today)).toBeNull();
    expect(
      lotMovementProblem(lots, m({ type: 'receive', lot: 'NEW', expiry: '2027-01-01' }), today),
    ).toBeNull();
  });
});
