// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { causeId } from '../ids.ts';
import { SimulatedNetwork } from '../sync/simulated-network.ts';
import { LedgerPeriod } from './ledger-period.ts';
import type { OpeningBalance } from './opening.ts';
import { prepareMovement } from './record-movement.ts';
import { type StockLine, sortStockLines } from './stock.ts';

const PERIOD = '2024-05';
const now = new Date('2024-05-10T12:00:00.000Z');
const LOCATIONS = ['L1', 'L2', 'L3'] as const;
const TRACKING = { A: 'none', B: 'lot', C: 'serial' } as const;
type Sku = keyof typeof TRACKING;
const LOTS: Record<Sku, readonly string[]> = { A: [], B: ['LOT-1', 'LOT-2', 'LOT-3'], C: ['SN-1', 'SN-2'] };

/** A request and, independently of the code under test, its effect in integer units per stock key. */
interface Generated {
  request: Record<string, unknown>;
  effect: [key: string, units: number][];
}

const key = (sku: string, location: string, lot: string | undefined) => `${sku}|${location}|${lot ?? ''}`;

const requestArb: fc.Arbitrary<Generated> = fc
  .record({
    type: fc.constantFrom('receive', 'issue', 'transfer', 'adjust'),
    sku: fc.constantFrom<Sku>('A', 'B', 'C'),
    from: fc.nat(2),
    toOffset: fc.integer({ min: 1, max: 2 }),
    // up to 500 with four decimals, so sums are exact only if done in integer units
    units: fc.integer({ min: 1, max: 5_000_000 }),
    negative: fc.boolean(),
    lotPick: fc.nat(2),
  })
  .map((r) => {
    const location = LOCATIONS[r.from]!;
    const toLocation = LOCATIONS[(r.from + r.toOffset) % 3]!;
    const lots = LOTS[r.sku];
    const lot = lots.length ? lots[r.lotPick % lots.length] : undefined;
    const units = TRACKING[r.sku] === 'serial' ? 10_000 : r.units;
    const signed = r.type === 'adjust' && r.negative ? -units : units;
    const request: Record<string, unknown> = {
      type: r.type,
      sku: r.sku,
      location,
      quantity: signed / 10_000,
      ...(lot ? { lot } : {}),
      ...(r.type === 'transfer' ? { toLocation } : {}),
      ...(r.type === 'adjust' ? { reason: 'cycle count' } : {}),
    };
    const at = key(r.sku, location, lot);
    const effect: [string, number][] =
      r.type === 'receive' || r.type === 'adjust'
        ? [[at, signed]]
        : r.type === 'issue'
          ? [[at, -units]]
          : [
              [at, -units],
              [key(r.sku, toLocation, lot), units],
            ];
    return { request, effect };
  });

const openingArb = fc.array(
  fc.record({
    sku: fc.constantFrom<Sku>('A', 'B'),
    at: fc.nat(2),
    lotPick: fc.nat(2),
    units: fc.integer({ min: -99_999, max: 999_999 }),
  }),
  { maxLength: 4 },
);

const stepArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('move' as const), replica: fc.nat(), gen: requestArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('cause' as const), replica: fc.nat(), cause: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('reappend' as const), replica: fc.nat(), pick: fc.nat() }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('deliver' as const),
      link: fc.nat(),
      message: fc.nat(),
      mode: fc.constantFrom('once' as const, 'once' as const, 'duplicate' as const, 'drop' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('partition' as const),
      groups: fc.array(fc.nat(1), { minLength: 5, maxLength: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('heal' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('resync' as const), a: fc.nat(), b: fc.nat() }) },
);

function seedCatalog(): Uint8Array {
  const catalog = new Catalog(new Y.Doc());
  const admin = { user: 'admin', device: 'server' };
  catalog.createLocation({ code: 'SITE', kind: 'site' }, admin, now);
  for (const code of LOCATIONS) catalog.createLocation({ code, kind: 'bin', parent: 'SITE' }, admin, now);
  for (const [sku, tracking] of Object.entries(TRACKING))
    catalog.createItem({ sku, name: sku, tracking }, admin, now);
  return Y.encodeStateAsUpdate(catalog.doc);
}

/** Stock lines from integer units per key: the reference the fold must match. */
function referenceLines(units: Map<string, number>): StockLine[] {
  const lines: StockLine[] = [];
  for (const [k, u] of units) {
    if (u === 0) continue;
    const [sku, location, lot] = k.split('|') as [string, string, string];
    lines.push(lot ? { sku, location, lot, quantity: u / 10_000 } : { sku, location, quantity: u / 10_000 });
  }
  return sortStockLines(lines);
}

describe('ledger replicas (property)', () => {
  it('converge to one stock on hand, counting every movement exactly once, whatever the network does', () => {
    const catalogState = seedCatalog();
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        openingArb,
        fc.array(requestArb, { minLength: 1, maxLength: 4 }),
        fc.array(stepArb, { minLength: 10, maxLength: 80, size: 'max' }),
        fc.nat(),
        (n, openingSpec, causes, steps, settleSeed) => {
          const expected = new Map<string, number>();
          const add = (k: string, u: number) => expected.set(k, (expected.get(k) ?? 0) + u);

          // the opening balance is in the room before the replicas copy it
          const seedLedger = new LedgerPeriod(new Y.Doc(), PERIOD);
          const openingLines: OpeningBalance['lines'] = openingSpec.map((o) => {
            const lot = LOTS[o.sku][o.lotPick % 3];
            add(key(o.sku, LOCATIONS[o.at]!, lot), o.units);
            return {
              sku: o.sku,
              location: LOCATIONS[o.at]!,
              ...(lot ? { lot } : {}),
              quantity: o.units / 10_000,
            };
          });
          seedLedger.setOpening({
            period: PERIOD,
            basedOn: 'ledger-2024-04',
            computedAt: now.toISOString(),
            lines: openingLines,
          });
          const ledgerState = Y.encodeStateAsUpdate(seedLedger.doc);

          const replicas = Array.from({ length: n }, (_, i) => {
            const catalogDoc = new Y.Doc();
            Y.applyUpdate(catalogDoc, catalogState);
            const ledgerDoc = new Y.Doc();
            Y.applyUpdate(ledgerDoc, ledgerState);
            return {
              catalog: new Catalog(catalogDoc),
              ledger: new LedgerPeriod(ledgerDoc, PERIOD),
              actor: { user: `user${i}`, device: `device${i}` },
            };
          });
          const network = new SimulatedNetwork(replicas.map((r) => r.ledger.doc));
          const generated = new Map<string, Generated>();

          for (const step of steps) {
            switch (step.t) {
              case 'move':
              case 'cause': {
                const r = replicas[step.replica % n]!;
                const cause = step.t === 'cause' ? step.cause % causes.length : -1;
                const gen = step.t === 'move' ? step.gen : causes[cause]!;
                const prepared = prepareMovement(gen.request, {
                  catalog: r.catalog,
                  stock: r.ledger.stock(),
                  actor: r.actor,
                  now,
                  allowNegative: true,
                  ...(cause >= 0 ? { id: causeId('posting', cause) } : {}),
                });
                if (!prepared.ok) throw new Error(`refused: ${prepared.message}`);
                // a random id is always new; a cause this replica already holds is not appended again
                const held = r.ledger.movements.has(prepared.value.id);
                if (cause < 0) expect(held).toBe(false);
                expect(r.ledger.movements.append(prepared.value)).toBe(!held);
                generated.set(prepared.value.id, gen);
                break;
              }
              case 'reappend': {
                const r = replicas[step.replica % n]!;
                const held = [...r.ledger.movements.values()];
                if (held.length)
                  expect(r.ledger.movements.append(held[step.pick % held.length]!)).toBe(false);
                break;
              }
              case 'deliver':
                network.deliver(step.link, step.message, step.mode);
                break;
              case 'partition':
                network.partition(step.groups);
                break;
              case 'heal':
                network.heal();
                break;
              case 'resync':
                network.resync(step.a % n, step.b % n);
                break;
            }
          }

          expect(network.settle(settleSeed)).toBe(true);

          for (const gen of generated.values()) for (const [k, u] of gen.effect) add(k, u);
          const reference = referenceLines(expected);
          const first = JSON.stringify(sortStockLines(replicas[0]!.ledger.stock().lines()));
          for (const r of replicas) {
            const lines = sortStockLines(r.ledger.stock().lines());
            expect(lines).toEqual(reference);
            expect(JSON.stringify(lines)).toBe(first);
            expect(r.ledger.movements.size).toBe(generated.size);
            expect(r.ledger.invalidEntries()).toEqual([]);
            // re-appending anything already held never changes the count
            for (const m of r.ledger.movements.values()) expect(r.ledger.movements.append(m)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
