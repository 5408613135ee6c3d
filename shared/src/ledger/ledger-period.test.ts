// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LedgerPeriod } from './ledger-period.ts';
import type { Movement } from './movement.ts';
import type { OpeningBalance } from './opening.ts';

const at = '2024-05-02T09:00:00.000Z';
const receipt = (id: string, quantity: number, extra: Partial<Movement> = {}): Movement =>
  ({
    id,
    type: 'receive',
    sku: 'BOLT',
    location: 'A',
    quantity,
    user: 'ann',
    device: 'd',
    at,
    ...extra,
  }) as Movement;
const opening = (lines: OpeningBalance['lines'], period = '2024-05'): OpeningBalance => ({
  period,
  basedOn: 'ledger-2024-04',
  computedAt: '2024-05-01T00:00:05.000Z',
  lines,
});

describe('LedgerPeriod', () => {
  it('lives in the room named for its period', () => {
    expect(new LedgerPeriod(new Y.Doc(), '2024-05').room).toBe('ledger-2024-05');
  });

  it('folds opening balances and the movements of the period', () => {
    const ledger = new LedgerPeriod(new Y.Doc(), '2024-05');
    expect(ledger.opening()).toBeNull();
    ledger.setOpening(opening([{ sku: 'BOLT', location: 'A', quantity: 4 }]));
    ledger.movements.append(receipt('m1', 6));
    ledger.movements.append({ ...receipt('m2', 3), type: 'issue' } as Movement);
    expect(ledger.stock().quantity('BOLT', 'A')).toBe(7);
    expect(ledger.stock().lines()).toEqual([{ sku: 'BOLT', location: 'A', quantity: 7 }]);
  });

  it('counts a movement appended twice, or delivered twice, once', () => {
    const a = new LedgerPeriod(new Y.Doc(), '2024-05');
    a.movements.append(receipt('m1', 6));
    a.movements.append(receipt('m1', 6));
    const b = new LedgerPeriod(new Y.Doc(), '2024-05');
    const update = Y.encodeStateAsUpdate(a.doc);
    Y.applyUpdate(b.doc, update);
    Y.applyUpdate(b.doc, update);
    b.movements.append(receipt('m1', 6));
    expect(a.stock().quantity('BOLT', 'A')).toBe(6);
    expect(b.stock().quantity('BOLT', 'A')).toBe(6);
  });

  it('skips and reports invalid movements written straight into the room, never throwing', () => {
    const doc = new Y.Doc();
    const raw = doc.getMap('movements');
    doc.transact(() => {
      raw.set('good', receipt('good', 2));
      raw.set('wrong-type', { ...receipt('wrong-type', 1), quantity: 'lots' });
      raw.set('mismatch', receipt('someone-else', 100));
      raw.set('not-object', 'receive 5');
      raw.set('null', null);
      raw.set('five-decimals', receipt('five-decimals', 1.00001));
      raw.set('no-reason', { ...receipt('no-reason', -5), type: 'adjust' });
      raw.set('same-place', { ...receipt('same-place', 1), type: 'transfer', toLocation: 'A' });
      raw.set('nested', new Y.Map());
    });
    const ledger = new LedgerPeriod(doc, '2024-05');
    expect(() => ledger.stock()).not.toThrow();
    expect(ledger.stock().lines()).toEqual([{ sku: 'BOLT', location: 'A', quantity: 2 }]);
    expect(ledger.movements.size).toBe(1);
    const invalid = ledger.invalidEntries();
    expect(invalid.map((e) => e.key).sort()).toEqual(
      [
        'five-decimals',
        'mismatch',
        'nested',
        'no-reason',
        'not-object',
        'null',
        'same-place',
        'wrong-type',
      ].sort(),
    );
    for (const e of invalid) expect(e.room).toBe('ledger-2024-05');
    expect(invalid.find((e) => e.key === 'mismatch')?.problem).toBe('id does not match its key');
  });

  it('ignores and reports an opening that is not an opening balance', () => {
    for (const bad of [
      'garbage',
      42,
      null,
      { period: '2024-05' },
      opening([{ sku: 'BOLT', location: 'A', quantity: Number.NaN }]),
      opening([{ sku: '', location: 'A', quantity: 1 }]),
    ]) {
      const ledger = new LedgerPeriod(new Y.Doc(), '2024-05');
      ledger.meta.set('opening', bad);
      ledger.movements.append(receipt('m1', 1));
      expect(ledger.opening()).toBeNull();
      expect(ledger.stock().lines()).toEqual([{ sku: 'BOLT', location: 'A', quantity: 1 }]);
      expect(ledger.invalidEntries().map((e) => e.key)).toEqual(['opening']);
    }
  });

  it('ignores and reports an opening carried into the wrong period', () => {
    const ledger = new LedgerPeriod(new Y.Doc(), '2024-05');
    ledger.setOpening(opening([{ sku: 'BOLT', location: 'A', quantity: 50 }], '2024-04'));
    expect(ledger.opening()).toBeNull();
    expect(ledger.stock().lines()).toEqual([]);
    expect(ledger.invalidEntries()).toEqual([
      { room: 'ledger-2024-05', key: 'opening', problem: 'opening is for period 2024-04, not 2024-05' },
    ]);
  });

  it('sees movements that arrive from another replica', () => {
    const a = new LedgerPeriod(new Y.Doc(), '2024-05');
    const b = new LedgerPeriod(new Y.Doc(), '2024-05');
    const seen: string[] = [];
    b.movements.onChange((added) => seen.push(...added.map((m) => m.id)));
    a.movements.append(receipt('m1', 1));
    a.movements.append(receipt('m2', 2, { lot: 'L9' }));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(seen.sort()).toEqual(['m1', 'm2']);
    expect(b.stock().quantity('BOLT', 'A', 'L9')).toBe(2);
  });

  it('reads a replaced opening anew, valid or not', () => {
    const ledger = new LedgerPeriod(new Y.Doc(), '2024-05');
    ledger.setOpening(opening([{ sku: 'BOLT', location: 'A', quantity: 4 }]));
    expect(ledger.stock().quantity('BOLT', 'A')).toBe(4);
    ledger.setOpening(opening([{ sku: 'BOLT', location: 'A', quantity: 9 }]));
    expect(ledger.opening()?.lines).toEqual([{ sku: 'BOLT', location: 'A', quantity: 9 }]);
    expect(ledger.stock().quantity('BOLT', 'A')).toBe(9);
    ledger.meta.set('opening', opening([{ sku: '', location: 'A', quantity: 1 }]));
    expect(ledger.opening()).toBeNull();
    expect(ledger.invalidEntries().map((e) => e.key)).toEqual(['opening']);
    const copy = new LedgerPeriod(new Y.Doc(), '2024-05');
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(ledger.doc));
    expect(copy.opening()).toBeNull();
    ledger.setOpening(opening([{ sku: 'BOLT', location: 'A', quantity: 2 }]));
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(ledger.doc));
    expect(copy.stock().quantity('BOLT', 'A')).toBe(2);
    expect(copy.invalidEntries()).toEqual([]);
  });
});
