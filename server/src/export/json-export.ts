import type { ExpectedSnapshots } from '@stockroom/shared/stocktake/snapshot';
import { expectedRoom, parseRoom } from '@stockroom/shared/sync/rooms';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { expectedSnapshotsOf, stocktakeOf } from '../stocktake/stocktake-rooms.ts';
import { periods, readPeriod, type Sink, sortedMovements } from './download.ts';

/**
 * Everything as one JSON document, written piece by piece (catalog, then one ledger period
 * at a time, then each stocktake) so a long history is never held in memory as one string.
 */
export async function writeJsonExport(services: Services, sink: Sink): Promise<void> {
  await sink(
    `{"format":"stockroom-export","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())}`,
  );
  const catalog = await withCatalog(services.rooms, (c) => ({
    items: [...c.items.values()].sort((a, b) => a.sku.localeCompare(b.sku)),
    locations: [...c.locations.values()].sort((a, b) => a.code.localeCompare(b.code)),
    suppliers: [...c.suppliers.values()].sort((a, b) => a.code.localeCompare(b.code)),
    invalidEntries: c.invalidEntries().length,
  }));
  await sink(`,"catalog":${JSON.stringify(catalog)},"periods":[`);
  let first = true;
  for (const period of periods(services)) {
    const chunk = await readPeriod(services, period, (view) =>
      JSON.stringify({
        period,
        opening: view.ledger.opening(),
        movements: sortedMovements(view.ledger.movements.values()),
        invalidEntries: view.ledger.invalidEntries().length,
      }),
    );
    await sink(`${first ? '' : ','}${chunk}`);
    first = false;
  }
  await sink('],"stocktakes":[');
  first = true;
  for (const name of services.storedRooms()) {
    const ref = parseRoom(name);
    if (ref?.kind !== 'stocktake') continue;
    const chunk = await services.rooms.with(
      name,
      (room) =>
        services.rooms.with(
          expectedRoom(ref.id),
          (expected) => JSON.stringify(stocktakeSummary(stocktakeOf(room), expectedSnapshotsOf(expected))),
          'dependency',
        ),
      'dependency',
    );
    await sink(`${first ? '' : ','}${chunk}`);
    first = false;
  }
  await sink(`],"users":${JSON.stringify(services.users.list())}}`);
}

function stocktakeSummary(st: ReturnType<typeof stocktakeOf>, expected: ExpectedSnapshots) {
  const summary = st.summary({ snapshots: expected.values() });
  const def = summary.definition;
  return {
    id: summary.id,
    name: def?.name ?? null,
    createdAt: def?.createdAt ?? null,
    createdBy: def?.createdBy ?? null,
    blind: def?.blind ?? null,
    status: summary.status,
    countingStartedAt: summary.countingStartedAt,
    counters: summary.counters,
    progress: summary.progress,
    totals: summary.totals,
    countEntries: st.attributedEntries().length,
    unknownBarcodes: summary.unknownBarcodes.length,
    invalidEntries: st.invalidEntries().length,
  };
}
