// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { foldLocations } from './rounds.ts';
import { at, count, data, definition, done, movement, start } from './test-fixtures.ts';
import { type VarianceContext, varianceLines } from './variance.ts';

const lines = (d: ReturnType<typeof data>, ctx: Partial<VarianceContext> = {}) => {
  const def = ctx.definition ?? d.definition!;
  const folds = foldLocations(d, { tolerance: def.tolerance });
  return [...folds.values()].flatMap((f) =>
    varianceLines(f, { stocktakeId: 'st1', definition: def, movements: [], unitCost: () => 2.5, ...ctx }),
  );
};

describe('variance lines', () => {
  it('is counted − expected per item × location × lot, with value, missing and unexpected', () => {
    const d = data({
      locationEvents: [
        start([
          { sku: 'SKU-1', quantity: 10 },
          { sku: 'SKU-2', lot: 'L1', quantity: 3 },
          { sku: 'SKU-3', quantity: 4 },
        ]),
        done({ at: at(30) }),
      ],
      entries: [
        count({ quantity: 8 }),
        count({ sku: 'SKU-2', lot: 'L1', quantity: 3 }),
        count({ sku: 'SKU-4', quantity: 2 }),
      ],
    });
    const out = lines(d);
    expect(
      out.map((l) => [l.sku, l.lot, l.expected, l.counted, l.variance, l.value, l.missing, l.unexpected]),
    ).toEqual([
      ['SKU-1', undefined, 10, 8, -2, -5, false, false],
      ['SKU-2', 'L1', 3, 3, 0, 0, false, false],
      ['SKU-3', undefined, 4, 0, -4, -10, true, false],
      ['SKU-4', undefined, 0, 2, 2, 5, false, true],
    ]);
    expect(out.every((l) => l.final && l.snapshot && l.round === 1)).toBe(true);
    expect(out[0]!.counters).toEqual([{ user: 'alice', quantity: 8 }]);
  });

  it('adds movements at the location during the count to expected, and lists them as a warning', () => {
    const issued = movement({ type: 'issue', quantity: 2, at: at(5) });
    const before = movement({ type: 'receive', quantity: 50, at: at(-5) }); // already in the snapshot
    const after = movement({ type: 'receive', quantity: 50, at: at(45) }); // after the round completed
    const elsewhere = movement({ type: 'receive', location: 'B-1', quantity: 9, at: at(5) });
    const inbound = movement({
      type: 'transfer',
      location: 'B-1',
      toLocation: 'A-1',
      quantity: 1,
      at: at(6),
    });
    const own = movement({ type: 'adjust', quantity: 7, at: at(7), reference: 'stocktake:st1' });
    const d = data({
      locationEvents: [start([{ sku: 'SKU-1', quantity: 10 }], { at: at(0) }), done({ at: at(30) })],
      entries: [count({ quantity: 9 })],
    });
    const [line] = lines(d, { movements: [issued, before, after, elsewhere, inbound, own] });
    expect(line!.expected).toBe(9);
    expect(line!.variance).toBe(0);
    expect(line!.movements).toEqual([issued.id, inbound.id].sort());
  });

  it('leaves the window open while the round is still running', () => {
    const later = movement({ type: 'receive', quantity: 5, at: at(300) });
    const d = data({
      locationEvents: [start([{ sku: 'SKU-1', quantity: 10 }])],
      entries: [count({ quantity: 15 })],
    });
    const [line] = lines(d, { movements: [later] });
    expect(line!.final).toBe(false);
    expect(line!.expected).toBe(15);
  });

  it('uses an earlier round’s snapshot when a recount has none, and flags lines without any', () => {
    const withEarlier = data({
      locationEvents: [
        start([{ sku: 'SKU-1', quantity: 10 }]),
        done(),
        done({ round: 2, forAll: true, at: at(40) }),
      ],
      entries: [count({ quantity: 10 }), count({ quantity: 12, round: 2 })],
    });
    const [recounted] = lines(withEarlier);
    expect([recounted!.round, recounted!.expected, recounted!.variance, recounted!.snapshot]).toEqual([
      2,
      10,
      2,
      true,
    ]);
    const none = lines(data({ entries: [count({ quantity: 3 })], locationEvents: [done()] }));
    expect(none[0]!.snapshot).toBe(false);
  });

  it('only makes lines for the SKUs of a cycle count', () => {
    const def = definition({ scope: { kind: 'items', skus: ['SKU-2'], locations: [] } });
    const d = data({
      definition: def,
      locationEvents: [
        start([
          { sku: 'SKU-1', quantity: 10 },
          { sku: 'SKU-2', quantity: 1 },
        ]),
        done(),
      ],
      entries: [count({ quantity: 10 }), count({ sku: 'SKU-2', quantity: 2 })],
    });
    expect(lines(d).map((l) => [l.sku, l.variance])).toEqual([['SKU-2', 1]]);
  });

  it('checks each line against the tolerance', () => {
    const d = data({
      definition: definition({ tolerance: { units: 1, percent: 10 } }),
      locationEvents: [
        start([
          { sku: 'SKU-1', quantity: 10 },
          { sku: 'SKU-2', quantity: 100 },
          { sku: 'SKU-3', quantity: 5 },
        ]),
        done(),
      ],
      entries: [
        count({ quantity: 9 }),
        count({ sku: 'SKU-2', quantity: 98 }),
        count({ sku: 'SKU-3', quantity: 5 }),
      ],
    });
    expect(lines(d).map((l) => [l.sku, l.withinTolerance])).toEqual([
      ['SKU-1', true], // 1 unit, 10 %
      ['SKU-2', false], // 2 units: over the unit limit though only 2 %
      ['SKU-3', true],
    ]);
  });
});
