import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { StockFold } from '@stockroom/shared/ledger/stock';
import * as Y from 'yjs';
import { buildCatalog, buildLedger } from './fixtures.ts';
import { heapUsedMb, mb, medianMs, ms, table, time } from './measure.ts';

const ITEMS = 50_000;
const BINS = 2_000;
const MOVEMENTS = 200_000;
const PERIODS = 12;

/** Issue 2: catalog of 50,000 items and ledger of 200,000 movements, in Node. */
export async function run(): Promise<string> {
  const rows: (string | number)[][] = [];

  const catalogUpdate = Y.encodeStateAsUpdate(buildCatalog(ITEMS, BINS));
  const heapBefore = heapUsedMb();
  const load = time(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, catalogUpdate);
    return doc;
  });
  const parse = time(() => new Catalog(load.value));
  const catalogHeap = heapUsedMb() - heapBefore;
  rows.push(['catalog room, 50k items + 2k bins: encoded size', mb(catalogUpdate.byteLength), '< 10 MB']);
  rows.push(['catalog: decode into a Y.Doc', ms(load.ms), '']);
  rows.push(['catalog: validate every record (zod) into the read index', ms(parse.ms), '']);
  rows.push(['catalog: heap for doc + index', `${catalogHeap.toFixed(1)} MB`, '']);
  parse.value.destroy();

  const ledgerDocs = buildLedger(MOVEMENTS, PERIODS, ITEMS, BINS);
  const updates = [...ledgerDocs].map(([period, doc]) => ({ period, update: Y.encodeStateAsUpdate(doc) }));
  const biggest = Math.max(...updates.map((u) => u.update.byteLength));
  const total = updates.reduce((s, u) => s + u.update.byteLength, 0);
  rows.push([
    `ledger: ${MOVEMENTS.toLocaleString('en')} movements in ${PERIODS} monthly rooms, total`,
    mb(total),
    '',
  ]);
  rows.push(['ledger: largest single room', mb(biggest), '< 10 MB']);

  const heapBeforeLedger = heapUsedMb();
  const loaded = time(() =>
    updates.map(({ period, update }) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      return new LedgerPeriod(doc, period);
    }),
  );
  const ledgerHeap = heapUsedMb() - heapBeforeLedger;
  rows.push(['ledger: decode + validate all rooms', ms(loaded.ms), '']);
  rows.push(['ledger: heap for all rooms', `${ledgerHeap.toFixed(1)} MB`, '']);

  const allMovements = loaded.value.flatMap((l) => [...l.movements.values()]);
  const foldAll = medianMs(() => new StockFold().applyAll(allMovements).lines());
  rows.push([
    `stock-on-hand fold over all ${MOVEMENTS.toLocaleString('en')} movements (median of 5)`,
    ms(foldAll),
    '< 300 ms',
  ]);
  const last = loaded.value[loaded.value.length - 1]!;
  const opening = new StockFold()
    .applyAll(loaded.value.slice(0, -1).flatMap((l) => [...l.movements.values()]))
    .lines();
  const lastMovements = [...last.movements.values()];
  const foldCurrent = medianMs(() => new StockFold(opening).applyAll(lastMovements).lines());
  rows.push([
    'stock-on-hand fold of the current month from its opening balance (what a device does)',
    ms(foldCurrent),
    '< 300 ms',
  ]);

  // The alternative we did not take: all movements in one room.
  const single = new Y.Doc();
  const singleLedger = new LedgerPeriod(single, '2026-01');
  single.transact(() => {
    for (const m of allMovements) singleLedger.movements.append(m);
  });
  rows.push([
    'for comparison: all movements in ONE room (not used)',
    mb(Y.encodeStateAsUpdate(single).byteLength),
    '',
  ]);

  return [
    `### Catalog and ledger in Node (${ITEMS.toLocaleString('en')} items, ${MOVEMENTS.toLocaleString('en')} movements)`,
    '',
    table(['measure', 'result', 'target'], rows),
  ].join('\n');
}
