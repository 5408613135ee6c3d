// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SimulatedNetwork } from '../sync/simulated-network.ts';
import { Catalog } from './catalog.ts';
import type { Item } from './item.ts';

const now = new Date('2024-05-10T12:00:00.000Z');
const SEEDED = ['X1', 'X2'];
const CREATABLE = ['N1', 'N2'];
const SKUS = [...SEEDED, ...CREATABLE];

const quantity = fc.integer({ min: 0, max: 2_000_000 }).map((u) => u / 10_000);
/** A value generator per editable field, so patches are mostly valid and really get written. */
const fieldValue = {
  name: fc.constantFrom('Bolt', 'Hex bolt', 'Bolt M6', 'Anchor'),
  description: fc.constantFrom('', 'zinc', 'stainless'),
  kind: fc.constantFrom('raw_material', 'component', 'finished_good', 'mro'),
  unit: fc.constantFrom('ea', 'box', 'kg'),
  barcodes: fc.uniqueArray(fc.constantFrom('111', '222', '333'), { maxLength: 3 }),
  category: fc.constantFrom('', 'fasteners', 'hardware'),
  unitCost: quantity,
  reorderPoint: fc.option(quantity, { nil: null }),
  minQty: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  maxQty: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  leadTimeDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  tracking: fc.constantFrom('none', 'lot', 'serial'),
  active: fc.boolean(),
} as const;
const patchArb = fc
  .constantFrom(...(Object.keys(fieldValue) as (keyof typeof fieldValue)[]))
  .chain((field) => (fieldValue[field] as fc.Arbitrary<unknown>).map((value) => ({ [field]: value })));

const stepArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('patch' as const),
      replica: fc.nat(),
      sku: fc.nat(),
      patch: fc.array(patchArb, { minLength: 1, maxLength: 3 }).map((ps) => Object.assign({}, ...ps)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('create' as const),
      replica: fc.nat(),
      sku: fc.constantFrom(...CREATABLE),
      name: fieldValue.name,
      unit: fieldValue.unit,
    }),
  },
  {
    weight: 6,
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

const byKey = (items: Iterable<Item>) => [...items].sort((a, b) => (a.sku < b.sku ? -1 : 1));

describe('catalog records (property)', () => {
  it('converge after concurrent field patches, each field ending on a value someone wrote', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
        fc.nat(),
        (n, steps, settleSeed) => {
          // every value ever written per SKU and field, creations included
          const written = new Map<string, Set<string>>();
          const note = (sku: string, fields: object) => {
            for (const [field, v] of Object.entries(fields)) {
              const k = `${sku}.${field}`;
              written.set(k, (written.get(k) ?? new Set()).add(JSON.stringify(v)));
            }
          };

          const seed = new Catalog(new Y.Doc());
          for (const sku of SEEDED) {
            const created = seed.createItem(
              { sku, name: 'Seed', minQty: 5, maxQty: 10 },
              { user: 'admin', device: 's' },
              now,
            );
            if (!created.ok) throw new Error(created.message);
            note(sku, created.value);
          }
          const state = Y.encodeStateAsUpdate(seed.doc);
          const replicas = Array.from({ length: n }, () => {
            const doc = new Y.Doc();
            Y.applyUpdate(doc, state);
            return new Catalog(doc);
          });
          const network = new SimulatedNetwork(replicas.map((c) => c.doc));
          const created = new Set(SEEDED);

          for (const step of steps) {
            switch (step.t) {
              case 'patch': {
                const sku = SKUS[step.sku % SKUS.length]!;
                const result = replicas[step.replica % n]!.patchItem(sku, step.patch);
                if (result.ok) note(sku, step.patch);
                break;
              }
              case 'create': {
                const i = step.replica % n;
                const result = replicas[i]!.createItem(
                  { sku: step.sku, name: step.name, unit: step.unit },
                  { user: `user${i}`, device: `d${i}` },
                  now,
                );
                if (result.ok) {
                  note(step.sku, result.value);
                  created.add(step.sku);
                }
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

          const first = JSON.stringify(byKey(replicas[0]!.items.values()));
          for (const catalog of replicas) {
            expect(JSON.stringify(byKey(catalog.items.values()))).toBe(first);
            // nothing vanished: every created SKU is one valid item on every replica
            expect([...catalog.items.values()].map((i) => i.sku).sort()).toEqual([...created].sort());
            expect(catalog.invalidEntries()).toEqual([]);
            for (const item of catalog.items.values()) {
              for (const [field, v] of Object.entries(item)) {
                if (field === 'sku') continue;
                expect(written.get(`${item.sku}.${field}`), `${item.sku}.${field}`).toContain(
                  JSON.stringify(v),
                );
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
