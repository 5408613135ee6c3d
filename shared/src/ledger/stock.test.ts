// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Movement } from './movement.ts';
import { StockFold, type StockLine } from './stock.ts';

let seq = 0;
const stamp = () => ({ id: `m${++seq}`, user: 'ann', device: 'd', at: '2024-05-01T10:00:00.000Z' });
const receive = (sku: string, location: string, quantity: number, lot?: string): Movement => ({
  type: 'receive',
  sku,
  location,
  quantity,
  ...(lot ? { lot } : {}),
  ...stamp(),
});
const issue = (sku: string, location: string, quantity: number, lot?: string): Movement => ({
  type: 'issue',
  sku,
  location,
  quantity,
  ...(lot ? { lot } : {}),
  ...stamp(),
});
const transfer = (
  sku: string,
  location: string,
  toLocation: string,
  quantity: number,
  lot?: string,
): Movement => ({
  type: 'transfer',
  sku,
  location,
  toLocation,
  quantity,
  ...(lot ? { lot } : {}),
  ...stamp(),
});
const adjust = (sku: string, location: string, quantity: number, lot?: string): Movement => ({
  type: 'adjust',
  sku,
  location,
  quantity,
  reason: 'count',
  ...(lot ? { lot } : {}),
  ...stamp(),
});

/** Order-independent view of lines, for comparisons. */
const sorted = (lines: StockLine[]) =>
  [...lines].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('StockFold', () => {
  it('starts empty', () => {
    const fold = new StockFold();
    expect(fold.lines()).toEqual([]);
    expect(fold.quantity('X', 'L')).toBe(0);
    expect(fold.totalsBySku().size).toBe(0);
  });

  it('adds receipts and subtracts issues at one item × location', () => {
    const fold = new StockFold().applyAll([
      receive('BOLT', 'A', 10),
      receive('BOLT', 'A', 5),
      issue('BOLT', 'A', 3),
    ]);
    expect(fold.quantity('BOLT', 'A')).toBe(12);
    expect(fold.lines()).toEqual([{ sku: 'BOLT', location: 'A', quantity: 12 }]);
  });

  it('moves stock between locations on a transfer, keeping its lot', () => {
    const fold = new StockFold().applyAll([
      receive('BOLT', 'A', 10, 'L1'),
      transfer('BOLT', 'A', 'B', 4, 'L1'),
    ]);
    expect(fold.quantity('BOLT', 'A', 'L1')).toBe(6);
    expect(fold.quantity('BOLT', 'B', 'L1')).toBe(4);
    expect(fold.quantity('BOLT', 'B')).toBe(0);
  });

  it('applies signed adjustments', () => {
    const fold = new StockFold().applyAll([
      receive('BOLT', 'A', 10),
      adjust('BOLT', 'A', -2.5),
      adjust('BOLT', 'A', 1),
    ]);
    expect(fold.quantity('BOLT', 'A')).toBe(8.5);
  });

  it('keeps item × location × lot apart', () => {
    const fold = new StockFold().applyAll([
      receive('BOLT', 'A', 1, 'L1'),
      receive('BOLT', 'A', 2, 'L2'),
      receive('BOLT', 'A', 4),
      receive('BOLT', 'B', 8, 'L1'),
      receive('NUT', 'A', 16, 'L1'),
    ]);
    expect(fold.quantity('BOLT', 'A', 'L1')).toBe(1);
    expect(fold.quantity('BOLT', 'A', 'L2')).toBe(2);
    expect(fold.quantity('BOLT', 'A')).toBe(4);
    expect(fold.quantity('BOLT', 'B', 'L1')).toBe(8);
    expect(fold.quantity('NUT', 'A', 'L1')).toBe(16);
    expect(sorted(fold.lines())).toEqual(
      sorted([
        { sku: 'BOLT', location: 'A', lot: 'L1', quantity: 1 },
        { sku: 'BOLT', location: 'A', lot: 'L2', quantity: 2 },
        { sku: 'BOLT', location: 'A', quantity: 4 },
        { sku: 'BOLT', location: 'B', lot: 'L1', quantity: 8 },
        { sku: 'NUT', location: 'A', lot: 'L1', quantity: 16 },
      ]),
    );
    // a line without a lot has no lot key at all (JSON and deep-equal stay clean)
    expect(fold.lines({ sku: 'BOLT', location: 'A' }).find((l) => l.lot === undefined)).not.toHaveProperty(
      'lot',
    );
  });

  it('filters lines by SKU and by location and leaves out zero lines', () => {
    const fold = new StockFold().applyAll([
      receive('BOLT', 'A', 3),
      receive('BOLT', 'B', 2),
      receive('NUT', 'A', 1),
      issue('NUT', 'A', 1),
    ]);
    expect(sorted(fold.lines({ sku: 'BOLT' }))).toEqual([
      { sku: 'BOLT', location: 'A', quantity: 3 },
      { sku: 'BOLT', location: 'B', quantity: 2 },
    ]);
    expect(fold.lines({ location: 'A' })).toEqual([{ sku: 'BOLT', location: 'A', quantity: 3 }]);
    expect(fold.lines({ sku: 'BOLT', location: 'B' })).toEqual([{ sku: 'BOLT', location: 'B', quantity: 2 }]);
    expect(fold.lines({ sku: 'NUT' })).toEqual([]);
  });

  it('keeps negative balances (the fold records what happened; refusing is done before)', () => {
    const fold = new StockFold().applyAll([issue('BOLT', 'A', 2)]);
    expect(fold.lines()).toEqual([{ sku: 'BOLT', location: 'A', quantity: -2 }]);
  });

  it('starts from opening balances', () => {
    const fold = new StockFold([
      { sku: 'BOLT', location: 'A', quantity: 7 },
      { sku: 'BOLT', location: 'A', lot: 'L1', quantity: 1.5 },
    ]).applyAll([issue('BOLT', 'A', 2), receive('BOLT', 'A', 0.5, 'L1')]);
    expect(fold.quantity('BOLT', 'A')).toBe(5);
    expect(fold.quantity('BOLT', 'A', 'L1')).toBe(2);
  });

  it('totals per SKU across locations and lots', () => {
    const fold = new StockFold([{ sku: 'BOLT', location: 'C', quantity: 0.25 }]).applyAll([
      receive('BOLT', 'A', 3, 'L1'),
      receive('BOLT', 'B', 2),
      receive('NUT', 'A', 1.1),
      receive('NUT', 'A', 2.2),
    ]);
    const totals = fold.totalsBySku();
    expect(totals.get('BOLT')).toBe(5.25);
    expect(totals.get('NUT')).toBe(3.3);
  });

  it('adds decimals exactly, with no floating-point drift', () => {
    const fold = new StockFold();
    for (let i = 0; i < 10; i++) fold.apply(receive('X', 'A', 0.1));
    fold.apply(receive('X', 'A', 0.2));
    expect(fold.quantity('X', 'A')).toBe(1.2);
    fold.apply(issue('X', 'A', 1.2));
    expect(fold.lines()).toEqual([]);
  });

  it('gives the same result in any order of the same movements', () => {
    const movement = fc.oneof(
      fc
        .record({
          sku: fc.constantFrom('A', 'B'),
          loc: fc.constantFrom('L1', 'L2'),
          q: fc.integer({ min: 1, max: 99999 }),
        })
        .map((r) => receive(r.sku, r.loc, r.q / 10_000)),
      fc
        .record({
          sku: fc.constantFrom('A', 'B'),
          loc: fc.constantFrom('L1', 'L2'),
          q: fc.integer({ min: 1, max: 99999 }),
        })
        .map((r) => issue(r.sku, r.loc, r.q / 1000)),
      fc
        .record({ sku: fc.constantFrom('A', 'B'), q: fc.integer({ min: 1, max: 99999 }) })
        .map((r) => transfer(r.sku, 'L1', 'L2', r.q / 100)),
    );
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 40 }), fc.integer(), (movements, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(movements, { minLength: movements.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const a = new StockFold().applyAll(movements);
        const b = new StockFold().applyAll(shuffled);
        expect(sorted(b.lines())).toEqual(sorted(a.lines()));
        expect(b.totalsBySku()).toEqual(a.totalsBySku());
      }),
      { numRuns: 150 },
    );
  });
});
