// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LedgerPeriod } from '../ledger/ledger-period.ts';
import { Movement } from '../ledger/movement.ts';
import type { Result } from '../result.ts';
import { StateEvent } from './lifecycle.ts';
import { postedEvent, postingDrift, postingId, postingMovements } from './posting.ts';
import { summarize } from './summary.ts';
import { at, count, data, done, start, state } from './test-fixtures.ts';

const maria = { user: 'maria', device: 'desk' };
const mo = { user: 'mo', device: 'laptop' };

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.value;
}

const counted = () =>
  data({
    locationEvents: [
      start([
        { sku: 'SKU-1', quantity: 10 },
        { sku: 'SKU-2', lot: 'L1', quantity: 4 },
        { sku: 'SKU-3', quantity: 2 },
      ]),
      done({ at: at(30) }),
      start([{ sku: 'SKU-1', quantity: 1 }], { location: 'A-2' }), // still counting: not posted
      start([{ sku: 'SKU-1', quantity: 3 }], { location: 'B-1' }),
      done({ location: 'B-1', at: at(30) }),
    ],
    entries: [
      count({ quantity: 12 }),
      count({ sku: 'SKU-2', lot: 'L1', quantity: 4 }),
      count({ sku: 'SKU-3', quantity: 1 }),
      count({ location: 'A-2', quantity: 5 }),
      count({ location: 'B-1', sku: undefined, barcode: 'UNKNOWN-1', quantity: 2 }),
    ],
  });

describe('posting', () => {
  it('makes one adjust movement per item × location × lot with a variance, from complete rounds only', () => {
    const posting = value(postingMovements(summarize(counted()), maria));
    expect(posting.movements.map((m) => [m.location, m.sku, m.lot, m.quantity])).toEqual([
      ['A-1', 'SKU-1', undefined, 2],
      ['A-1', 'SKU-3', undefined, -1],
      ['B-1', 'SKU-1', undefined, -3],
    ]);
    for (const m of posting.movements) {
      expect(Movement.parse(m)).toEqual(m);
      expect(m).toMatchObject({
        type: 'adjust',
        reason: 'Stocktake March count',
        reference: 'stocktake:st1',
      });
      expect(m.id).toBe(postingId('st1', m.sku, m.location, m.lot));
      expect(m.at).toBe(at(-30)); // effective when counting started
    }
    expect(posting.period).toBe('2026-03');
    expect(posting.lines).toHaveLength(3);
    expect(posting.warnings.join('\n')).toMatch(/not counted, left as they are: A-2/);
    expect(posting.warnings.join('\n')).toMatch(/1 unknown barcode/);
  });

  it('gives a lot its own id, distinct from the same item without a lot', () => {
    expect(postingId('st1', 'SKU-1', 'A-1', 'L1')).not.toBe(postingId('st1', 'SKU-1', 'A-1'));
    expect(postingId('st1', 'SKU-1', 'A-1')).toBe(postingId('st1', 'SKU-1', 'A-1', undefined));
    expect(postingId('st1', 'SKU-1', 'A-1')).not.toBe(postingId('st2', 'SKU-1', 'A-1'));
  });

  it('refuses a draft, a cancelled or an undefined stocktake', () => {
    expect(postingMovements(summarize(counted()), maria).ok).toBe(true);
    expect(postingMovements(summarize({ ...counted(), states: [] }), maria).ok).toBe(false);
    expect(
      postingMovements(
        summarize({ ...counted(), states: [state('counting', 0), state('cancelled', 1)] }),
        maria,
      ).ok,
    ).toBe(false);
    expect(postingMovements(summarize({ ...counted(), definition: null }), maria).ok).toBe(false);
  });

  it('two managers approving offline at once produce one adjustment set once their ledgers merge', () => {
    const a = new LedgerPeriod(new Y.Doc(), '2026-03');
    const b = new LedgerPeriod(new Y.Doc(), '2026-03');
    const fromA = value(postingMovements(summarize(counted()), maria));
    const fromB = value(postingMovements(summarize(counted()), mo));
    for (const m of fromA.movements) a.movements.append(m);
    for (const m of fromB.movements) b.movements.append(m);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    expect(a.movements.size).toBe(3);
    expect(b.movements.size).toBe(3);
    expect(a.stock().lines()).toEqual(b.stock().lines());
    expect(a.stock().quantity('SKU-1', 'B-1')).toBe(-3);

    const rooms = [new Y.Doc(), new Y.Doc()];
    rooms[0]!.getMap('states').set(postedEvent(fromA, maria).id, postedEvent(fromA, maria));
    rooms[1]!.getMap('states').set(postedEvent(fromB, mo).id, postedEvent(fromB, mo));
    Y.applyUpdate(rooms[1]!, Y.encodeStateAsUpdate(rooms[0]!));
    expect(rooms[1]!.getMap('states').size).toBe(1);
    expect(StateEvent.parse([...rooms[1]!.getMap('states').values()][0])).toMatchObject({ to: 'posted' });
  });

  it('posts each line at most once even from different views, and shows the drift from the final count', () => {
    const full = counted();
    const missingOne = { ...full, entries: full.entries.filter((e) => e.sku !== 'SKU-3') };
    const fromFull = value(postingMovements(summarize(full), maria));
    const fromPartial = value(postingMovements(summarize(missingOne), mo));
    const a = new LedgerPeriod(new Y.Doc(), '2026-03');
    const b = new LedgerPeriod(new Y.Doc(), '2026-03');
    for (const m of fromPartial.movements) a.movements.append(m);
    for (const m of fromFull.movements) b.movements.append(m);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const keys = [...a.movements.values()].map((m) => `${m.sku}@${m.location}`);
    expect(new Set(keys).size).toBe(keys.length);
    const drift = postingDrift(fromFull, a.movements.values());
    const ledgerSku3 = [...a.movements.values()].find((m) => m.sku === 'SKU-3')!.quantity;
    if (ledgerSku3 === -1) expect(drift.differing).toEqual([]);
    else
      expect(drift.differing).toEqual([
        { line: expect.objectContaining({ sku: 'SKU-3', quantity: -1 }), ledgerQuantity: -2 },
      ]);
    expect(drift.missing).toEqual([]);
    expect(drift.extra).toEqual([]);
  });

  it('reports lines the ledger lacks and stocktake adjustments the count no longer asks for', () => {
    const posting = value(postingMovements(summarize(counted()), maria));
    const [first, second] = posting.movements;
    const stale = { ...second!, id: 'old', quantity: 9 };
    const other = { ...second!, id: 'unrelated', reference: 'PO-1' };
    const drift = postingDrift(posting, [first!, stale, other]);
    expect(drift.missing.map((l) => l.sku)).toEqual(['SKU-3', 'SKU-1']);
    expect(drift.extra).toEqual([stale]);
  });
});
