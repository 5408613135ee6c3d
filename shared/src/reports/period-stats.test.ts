// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Movement } from '../ledger/movement.ts';
import { StockFold } from '../ledger/stock.ts';
import { closingValue, foldPeriodStats, type PeriodItemStats } from './period-stats.ts';
import { adjust, issue, receive, transfer } from './test-fixtures.ts';

const cost = (sku: string) => ({ BOLT: 2, NUT: 0.5 })[sku] ?? 0;
const day = (d: number, h = 10) =>
  `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

describe('foldPeriodStats: perpetual moving average', () => {
  it('follows receipts at different costs, a receipt without cost, issues in between (by hand)', () => {
    const movements = [
      receive('BOLT', 10, day(1), 1), //        10 @ 1.00            avg 1.00
      receive('BOLT', 10, day(2), 1.5), //      (10·1 + 10·1.5)/20 = avg 1.25
      issue('BOLT', 5, day(3)), //              5 × 1.25 = 6.25 out,   15 left
      receive('BOLT', 5, day(4)), //            item cost 2: (15·1.25 + 5·2)/20 = 28.75/20 = avg 1.4375
      receive('BOLT', 3, day(5), 1), //         (20·1.4375 + 3·1)/23 = 31.75/23 = 1.38043… → avg 1.3804
      issue('BOLT', 23, day(6)), //             23 × 1.3804 = 31.7492 out, 0 left: the average is kept
      adjust('BOLT', 2, day(7)), //             +2 at 1.3804 = 2.7608 in
    ];
    const stats = foldPeriodStats(null, movements, cost, '2026-03').get('BOLT')!;
    expect(stats).toEqual<PeriodItemStats>({
      qtyIn: 10 + 10 + 5 + 3 + 2,
      qtyOut: 28,
      valueIn: 10 + 15 + 10 + 3 + 2.7608,
      valueOut: 6.25 + 31.7492,
      issued: 28,
      issuedValue: 37.9992,
      closingQty: 2,
      avgCost: 1.3804,
      dailyIssued: { 3: 5, 6: 23 },
      lastIssueAt: day(6),
      lastReceiptAt: day(5),
    });
    expect(closingValue(stats)).toBe(2.7608);
  });

  it('restarts the average at the receipt cost when on hand is 0 or below', () => {
    const stats = foldPeriodStats(
      null,
      [
        receive('BOLT', 4, day(1), 3), //  avg 3
        issue('BOLT', 6, day(2)), //       6 × 3 = 18 out, on hand −2, avg kept 3
        receive('BOLT', 10, day(3), 5), // on hand counts as 0: avg 5 (not (−2·3 + 50)/8 = 5.5)
      ],
      cost,
      '2026-03',
    ).get('BOLT')!;
    expect(stats.valueOut).toBe(18);
    expect(stats.avgCost).toBe(5);
    expect(stats.closingQty).toBe(8);
  });

  it('values issues before any receipt, and negative adjustments, at the item cost', () => {
    const stats = foldPeriodStats(
      null,
      [issue('NUT', 4, day(1)), adjust('NUT', -2, day(2))],
      cost,
      '2026-03',
    ).get('NUT')!;
    expect(stats).toMatchObject({
      qtyOut: 6,
      valueOut: 3,
      issued: 4,
      issuedValue: 2,
      avgCost: 0.5,
      closingQty: -6,
    });
  });

  it('orders by effective time: a back-dated issue leaves at the average of its own moment', () => {
    const stats = foldPeriodStats(
      null,
      [
        receive('BOLT', 10, day(1), 1),
        receive('BOLT', 10, day(5), 3), // avg (10·1 + 10·3)/20 = 2
        // recorded after the second receipt, but it happened on the 3rd: leaves at 1, not 2
        issue('BOLT', 4, day(6), { occurredAt: day(3) }),
      ],
      cost,
      '2026-03',
    ).get('BOLT')!;
    expect(stats.issuedValue).toBe(4);
    expect(stats.avgCost).toBe((6 * 1 + 10 * 3) / 16); // 2.25
    expect(stats.dailyIssued).toEqual({ 3: 4 });
  });

  it('counts returns to a supplier as out but not as demand; transfers as neither', () => {
    const stats = foldPeriodStats(
      null,
      [
        receive('BOLT', 10, day(1), 1, { reference: 'po:PO-1:1' }),
        issue('BOLT', 3, day(2), { reference: 'po:PO-1:1' }),
        issue('BOLT', 2, day(3), { reference: 'wo:WO-9' }),
        transfer('BOLT', 4, day(4), 'B-02'),
      ],
      cost,
      '2026-03',
    ).get('BOLT')!;
    expect(stats).toMatchObject({
      qtyIn: 10,
      qtyOut: 5,
      valueOut: 5,
      issued: 2,
      issuedValue: 2,
      closingQty: 5,
    });
    expect(stats.dailyIssued).toEqual({ 3: 2 });
    expect(stats.lastIssueAt).toBe(day(3));
  });

  it('parts brought back from a work order reduce its demand, at the cost they went out at', () => {
    const stats = foldPeriodStats(
      null,
      [
        receive('BOLT', 10, day(1), 1),
        issue('BOLT', 6, day(2), { reference: 'wo:WO-9' }),
        receive('BOLT', 2, day(4), 1, { reference: 'wo:WO-9' }),
      ],
      cost,
      '2026-03',
    ).get('BOLT')!;
    expect(stats).toMatchObject({ issued: 4, issuedValue: 4, closingQty: 6, lastReceiptAt: day(1) });
    expect(stats.dailyIssued).toEqual({ 2: 6, 4: -2 });
  });

  it('carries stock, cost and the last dates forward; items without movements have zero flows', () => {
    const march = foldPeriodStats(
      null,
      [receive('BOLT', 10, day(1), 1), issue('BOLT', 1, day(2))],
      cost,
      '2026-03',
    );
    const april = foldPeriodStats(
      march,
      [receive('NUT', 2, '2026-04-02T00:00:00.000Z', 0.25)],
      cost,
      '2026-04',
    );
    expect(april.get('BOLT')).toEqual<PeriodItemStats>({
      qtyIn: 0,
      qtyOut: 0,
      valueIn: 0,
      valueOut: 0,
      issued: 0,
      issuedValue: 0,
      closingQty: 9,
      avgCost: 1,
      dailyIssued: {},
      lastIssueAt: day(2),
      lastReceiptAt: day(1),
    });
    expect(april.get('NUT')).toMatchObject({ closingQty: 2, avgCost: 0.25 });
    // A receipt in April weighs the carried stock at its carried cost: (9·1 + 9·3)/18 = 2.
    const may = foldPeriodStats(april, [receive('BOLT', 9, '2026-05-01T00:00:00.000Z', 3)], cost, '2026-05');
    expect(may.get('BOLT')!.avgCost).toBe(2);
  });

  it('starts from the opening lines at item cost when there are no previous stats', () => {
    const stats = foldPeriodStats(
      null,
      [receive('BOLT', 5, day(1), 5)],
      cost,
      '2026-03',
      {
        opening: [
          { sku: 'BOLT', quantity: 3 },
          { sku: 'BOLT', quantity: 2 },
        ],
      }, // two locations
    ).get('BOLT')!;
    expect(stats.avgCost).toBe((5 * 2 + 5 * 5) / 10); // 3.5
    expect(stats.closingQty).toBe(10);
  });

  it('puts an issue dated outside the period on its nearest day', () => {
    const stats = foldPeriodStats(
      null,
      [issue('NUT', 1, '2026-02-28T23:59:00.000Z'), issue('NUT', 2, '2026-04-01T00:02:00.000Z')],
      cost,
      '2026-03',
    ).get('NUT')!;
    expect(stats.dailyIssued).toEqual({ 1: 1, 31: 2 });
  });

  it('keeps 1/10,000 quantities exact', () => {
    const stats = foldPeriodStats(
      null,
      [receive('NUT', 0.1, day(1), 1), receive('NUT', 0.2, day(1, 11), 1), issue('NUT', 0.3, day(2))],
      cost,
      '2026-03',
    ).get('NUT')!;
    expect(stats.closingQty).toBe(0);
    expect(stats.qtyIn).toBe(0.3);
  });

  it('refuses a period that is not YYYY-MM', () => {
    expect(() => foldPeriodStats(null, [], cost, '2026-3')).toThrow(RangeError);
  });
});

describe('foldPeriodStats: determinism', () => {
  const SKUS = ['BOLT', 'NUT', 'WASHER'];
  const movementArb: fc.Arbitrary<Movement> = fc
    .record({
      type: fc.constantFrom('receive', 'issue', 'adjust', 'transfer', 'return'),
      sku: fc.constantFrom(...SKUS),
      // few distinct instants, so equal times (broken by id) are common
      minute: fc.integer({ min: 0, max: 5 }),
      day: fc.integer({ min: 1, max: 31 }),
      quantity: fc.integer({ min: 1, max: 200_000 }).map((u) => u / 10_000),
      sign: fc.boolean(),
      unitCost: fc.option(
        fc.integer({ min: 0, max: 5_000_000 }).map((u) => u / 10_000),
        { nil: undefined },
      ),
      backdated: fc.boolean(),
    })
    .map((g): Movement => {
      const at = `2026-03-${String(g.day).padStart(2, '0')}T10:0${g.minute}:00.000Z`;
      const extra = {
        id: 'x', // replaced by uniqueIds
        ...(g.backdated ? { occurredAt: `2026-03-01T0${g.minute}:00:00Z` } : {}),
      };
      switch (g.type) {
        case 'receive':
          return receive(g.sku, g.quantity, at, g.unitCost, extra);
        case 'issue':
          return issue(g.sku, g.quantity, at, extra);
        case 'return':
          return issue(g.sku, g.quantity, at, { ...extra, reference: 'po:PO-1:1' });
        case 'adjust':
          return adjust(g.sku, g.sign ? g.quantity : -g.quantity, at, extra);
        default:
          return transfer(g.sku, g.quantity, at, 'B-02', extra);
      }
    });
  const uniqueIds = (ms: Movement[]) => ms.map((m, i) => ({ ...m, id: `m${i}` }) as Movement);
  const costOf = (sku: string) => SKUS.indexOf(sku) * 0.3333;

  it('gives identical stats under any permutation of the movements', () => {
    fc.assert(
      fc.property(
        fc
          .array(movementArb, { maxLength: 60 })
          .map(uniqueIds)
          .chain((ms) =>
            fc.tuple(
              fc.constant(ms),
              fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length }),
            ),
          ),
        ([ms, shuffled]) => {
          const a = foldPeriodStats(null, ms, costOf, '2026-03');
          const b = foldPeriodStats(null, shuffled, costOf, '2026-03');
          expect([...b]).toEqual([...a]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the stock fold and balances: opening + in − out = closing', () => {
    fc.assert(
      fc.property(fc.array(movementArb, { maxLength: 60 }).map(uniqueIds), (ms) => {
        const half = Math.floor(ms.length / 2);
        const first = foldPeriodStats(null, ms.slice(0, half), costOf, '2026-03');
        const second = foldPeriodStats(first, ms.slice(half), costOf, '2026-03');
        const totals = new StockFold().applyAll(ms).totalsBySku();
        for (const [sku, s] of second) {
          expect(s.closingQty).toBe(totals.get(sku) ?? 0);
          const opening = Math.round((first.get(sku)?.closingQty ?? 0) * 10_000);
          const flow = Math.round(s.qtyIn * 10_000) - Math.round(s.qtyOut * 10_000);
          expect(opening + flow).toBe(Math.round(s.closingQty * 10_000));
          expect(s.issued).toBeLessThanOrEqual(s.qtyOut);
        }
      }),
      { numRuns: 200 },
    );
  });
});
