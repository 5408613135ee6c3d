import { Catalog } from '@stockroom/shared/catalog/catalog';
import { DEFAULT_REPLENISHMENT, type Item } from '@stockroom/shared/catalog/item';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import * as Y from 'yjs';

import { prng as rng } from '../support/prng.ts';

export { rng };

const KINDS = ['raw_material', 'component', 'finished_good', 'mro'] as const;

export function sku(i: number): string {
  return `SKU-${String(i).padStart(6, '0')}`;
}

export function binCode(i: number): string {
  return `B-${String(i).padStart(4, '0')}`;
}

/** A catalog room with `items` items and `bins` bins under one site and zone. */
export function buildCatalog(items: number, bins: number): Y.Doc {
  const doc = new Y.Doc();
  const now = new Date('2026-01-01T00:00:00Z').toISOString();
  const random = rng(1);
  doc.transact(() => {
    const catalog = new Catalog(doc);
    catalog.locations.create('SITE', {
      code: 'SITE',
      name: 'Main site',
      kind: 'site',
      parent: null,
      barcode: null,
      active: true,
      createdAt: now,
      createdBy: 'bench',
    });
    catalog.locations.create('Z1', {
      code: 'Z1',
      name: 'Zone 1',
      kind: 'zone',
      parent: 'SITE',
      barcode: null,
      active: true,
      createdAt: now,
      createdBy: 'bench',
    });
    for (let b = 0; b < bins; b++) {
      catalog.locations.create(binCode(b), {
        code: binCode(b),
        name: '',
        kind: 'bin',
        parent: 'Z1',
        barcode: `LOC${binCode(b)}`,
        active: true,
        createdAt: now,
        createdBy: 'bench',
      });
    }
    for (let i = 0; i < items; i++) {
      const item: Item = {
        sku: sku(i),
        name: `Part ${i} hex bolt M${(i % 20) + 3} x ${(i % 90) + 10} zinc plated`,
        description: '',
        kind: KINDS[i % 4]!,
        unit: 'ea',
        barcodes: [String(4006381000000 + i)],
        packs: [],
        category: `Category ${i % 40}`,
        suppliers: [],
        unitCost: Math.round(random() * 10000) / 100,
        reorderPoint: i % 3 === 0 ? 10 : null,
        minQty: null,
        maxQty: null,
        leadTimeDays: 14,
        replenishment: DEFAULT_REPLENISHMENT,
        tracking: 'none',
        active: true,
        createdAt: now,
        createdBy: 'bench',
      };
      catalog.items.create(item.sku, item);
    }
    catalog.destroy();
  });
  return doc;
}

/** `count` movements spread over `periods` months starting 2026-01, one Y.Doc per month. */
export function buildLedger(count: number, periods: number, items: number, bins: number): Map<string, Y.Doc> {
  const random = rng(2);
  const docs = new Map<string, Y.Doc>();
  const perPeriod = Math.ceil(count / periods);
  let n = 0;
  for (let p = 0; p < periods && n < count; p++) {
    const period = `2026-${String(p + 1).padStart(2, '0')}`;
    const doc = new Y.Doc();
    const ledger = new LedgerPeriod(doc, period);
    doc.transact(() => {
      for (let k = 0; k < perPeriod && n < count; k++, n++) {
        const r = random();
        const item = Math.floor(random() * items);
        // Realistic placement: each item lives in a home bin; one in five also has an overflow bin.
        const home = binCode(item % bins);
        const overflow = binCode((item * 7 + 3) % bins);
        const base = {
          id: `m${n.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
          sku: sku(item),
          location: home,
          user: `user${n % 12}`,
          device: `dev-${n % 30}`,
          at: new Date(Date.UTC(2026, p, 1 + (k % 27), 8, 0, k % 60)).toISOString(),
        };
        const m: Movement =
          r < 0.45
            ? {
                ...base,
                type: 'receive',
                quantity: 1 + Math.floor(random() * 50),
                reference: `PO-${n % 500}`,
              }
            : r < 0.85
              ? {
                  ...base,
                  type: 'issue',
                  quantity: 1 + Math.floor(random() * 10),
                  reference: `WO-${n % 900}`,
                }
              : r < 0.95 && item % 5 === 0 && home !== overflow
                ? { ...base, type: 'transfer', quantity: 1 + Math.floor(random() * 5), toLocation: overflow }
                : { ...base, type: 'adjust', quantity: random() < 0.5 ? -1 : 2, reason: 'damaged' };
        ledger.movements.append(m);
      }
    });
    ledger.destroy();
    docs.set(period, doc);
  }
  return docs;
}
