// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LedgerPeriod } from './ledger-period.ts';
import type { Movement } from './movement.ts';
import { sortStockLines } from './stock.ts';
import { stockForSkus } from './stock-for-skus.ts';

const SKUS = ['A', 'B', 'C', 'D'];
const LOCATIONS = ['L1', 'L2'];

const movement = fc.record({
  type: fc.constantFrom('receive', 'issue', 'transfer', 'adjust'),
  sku: fc.constantFrom(...SKUS),
  from: fc.constantFrom(0, 1),
  lot: fc.constantFrom(undefined, 'LOT1'),
  quantity: fc.integer({ min: 1, max: 50 }),
});

describe('stockForSkus', () => {
  it('gives the SKUs exactly what the full fold gives them', () => {
    fc.assert(
      fc.property(
        fc.array(movement, { maxLength: 40 }),
        fc.array(
          fc.tuple(fc.constantFrom(...SKUS), fc.constantFrom(...LOCATIONS), fc.integer({ min: -5, max: 30 })),
        ),
        fc.subarray(SKUS),
        (moves, openingLines, chosen) => {
          const ledger = new LedgerPeriod(new Y.Doc(), '2024-05');
          ledger.setOpening({
            period: '2024-05',
            basedOn: 'ledger-2024-04',
            computedAt: '2024-05-01T00:00:00.000Z',
            lines: openingLines.map(([sku, location, quantity]) => ({ sku, location, quantity })),
          });
          moves.forEach((m, i) => {
            const base = {
              id: `m${i}`,
              sku: m.sku,
              location: LOCATIONS[m.from]!,
              quantity: m.type === 'adjust' ? -m.quantity : m.quantity,
              user: 'ann',
              device: 'd',
              at: '2024-05-02T09:00:00.000Z',
              ...(m.lot ? { lot: m.lot } : {}),
            };
            const extra =
              m.type === 'transfer'
                ? { toLocation: LOCATIONS[1 - m.from]! }
                : m.type === 'adjust'
                  ? { reason: 'count' }
                  : {};
            ledger.movements.append({ ...base, type: m.type, ...extra } as Movement);
          });
          expect(ledger.invalidEntries()).toEqual([]); // every movement counts, none skipped
          const skus = new Set(chosen);
          const full = ledger.stock();
          const some = stockForSkus(ledger, skus);
          expect(sortStockLines(some.lines())).toEqual(
            sortStockLines(full.lines().filter((l) => skus.has(l.sku))),
          );
          for (const sku of skus) expect(some.totalsBySku().get(sku)).toBe(full.totalsBySku().get(sku));
          expect([...some.totalsBySku().keys()].every((sku) => skus.has(sku))).toBe(true);
        },
      ),
    );
  });
});
