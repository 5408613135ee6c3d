import type { ServerResponse } from 'node:http';
import type { Item } from '@stockroom/shared/catalog/item';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { type Cell, csvField } from '@stockroom/shared/stocktake/csv';
import type { ExpectedSnapshots } from '@stockroom/shared/stocktake/snapshot';
import { expectedRoom, ledgerRoom, parseRoom } from '@stockroom/shared/sync/rooms';
import { z } from 'zod';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ErrorBody } from '../http/errors.ts';
import { periodViewOf } from '../ledger/period-view.ts';
import { expectedSnapshotsOf, stocktakeOf } from '../stocktake/stocktake-rooms.ts';
import { type ApiContext, audit, route } from './route.ts';
import { Period } from './schemas.ts';
import type { Services } from './services.ts';

/**
 * Exports of everything the server holds, for archives, audits and moving elsewhere.
 * Ledger rooms are read as dependencies (no opening balance is recomputed or written by an
 * export) one period at a time, and the answers are streamed, so a long history is never
 * held in memory as one string.
 */

const TAG = 'export';
const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: { description: 'Your role may not do this', schema: ErrorBody },
};
const CSV = 'text/csv; charset=utf-8';

/** Writes a chunk, waiting when the client reads slower than we produce. */
async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

function startDownload(res: ServerResponse, contentType: string, filename: string): void {
  res.writeHead(res.statusCode || 200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
}

function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** Every ledger period with stored data, oldest first. */
function periods(services: Services): string[] {
  const out = new Set(services.ledger.knownPeriods());
  for (const name of services.storedRooms()) {
    const ref = parseRoom(name);
    if (ref?.kind === 'ledger') out.add(ref.period);
  }
  return [...out].sort();
}

function readPeriod<T>(
  services: Services,
  period: string,
  fn: (view: ReturnType<typeof periodViewOf>) => T,
): Promise<T> {
  return services.rooms.with(ledgerRoom(period), (room) => fn(periodViewOf(room)), 'dependency');
}

function sortedMovements(movements: Iterable<Movement>): Movement[] {
  return [...movements].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

const today = () => new Date().toISOString().slice(0, 10);

export const exportJson = route({
  method: 'GET',
  path: '/api/export.json',
  tag: TAG,
  summary:
    'Everything as one JSON document: catalog (items, locations, suppliers), every ledger period (opening + movements), stocktakes (status and totals), users (no password hashes). Streamed.',
  access: 'users.manage',
  responses: { 200: { description: 'The export (application/json, streamed)' }, ...auth },
  handle(ctx: ApiContext) {
    const { services } = ctx;
    audit(ctx, 'export.json', null);
    return {
      status: 200,
      body: null,
      send: async (res) => {
        startDownload(res, 'application/json; charset=utf-8', `stockroom-export-${today()}.json`);
        await write(
          res,
          `{"format":"stockroom-export","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())}`,
        );
        const catalog = await withCatalog(services.rooms, (c) => ({
          items: [...c.items.values()].sort((a, b) => a.sku.localeCompare(b.sku)),
          locations: [...c.locations.values()].sort((a, b) => a.code.localeCompare(b.code)),
          suppliers: [...c.suppliers.values()].sort((a, b) => a.code.localeCompare(b.code)),
          invalidEntries: c.invalidEntries().length,
        }));
        await write(res, `,"catalog":${JSON.stringify(catalog)},"periods":[`);
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
          await write(res, `${first ? '' : ','}${chunk}`);
          first = false;
        }
        await write(res, '],"stocktakes":[');
        first = true;
        for (const name of services.storedRooms()) {
          const ref = parseRoom(name);
          if (ref?.kind !== 'stocktake') continue;
          const chunk = await services.rooms.with(
            name,
            (room) =>
              services.rooms.with(
                expectedRoom(ref.id),
                (expected) =>
                  JSON.stringify(stocktakeSummary(stocktakeOf(room), expectedSnapshotsOf(expected))),
                'dependency',
              ),
            'dependency',
          );
          await write(res, `${first ? '' : ','}${chunk}`);
          first = false;
        }
        await write(res, `],"users":${JSON.stringify(services.users.list())}}`);
        res.end();
      },
    };
  },
});

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

export const exportItemsCsv = route({
  method: 'GET',
  path: '/api/export/items.csv',
  tag: TAG,
  summary: "Every item as CSV (RFC 4180; text that a spreadsheet would run as a formula is prefixed with ')",
  access: 'catalog.read',
  responses: { 200: { description: 'items.csv', contentType: CSV }, ...auth },
  handle: (ctx) =>
    withCatalog(ctx.services.rooms, (catalog) => {
      const items: Item[] = [...catalog.items.values()].sort((a, b) => a.sku.localeCompare(b.sku));
      const header = [
        'sku',
        'name',
        'description',
        'kind',
        'unit',
        'category',
        'barcodes',
        'unit_cost',
        'reorder_point',
        'min_qty',
        'max_qty',
        'lead_time_days',
        'tracking',
        'active',
        'suppliers',
        'created_at',
        'created_by',
      ];
      const rows = items.map((i) =>
        csvRow([
          i.sku,
          i.name,
          i.description,
          i.kind,
          i.unit,
          i.category,
          i.barcodes.join(' '),
          i.unitCost,
          i.reorderPoint,
          i.minQty,
          i.maxQty,
          i.leadTimeDays,
          i.tracking,
          i.active,
          i.suppliers.map((s) => s.supplier).join(' '),
          i.createdAt,
          i.createdBy,
        ]),
      );
      return {
        status: 200,
        body: csvRow(header) + rows.join(''),
        contentType: CSV,
        headers: { 'Content-Disposition': `attachment; filename="items-${today()}.csv"` },
      };
    }),
});

export const exportMovementsCsv = route({
  method: 'GET',
  path: '/api/export/movements.csv',
  tag: TAG,
  summary: 'Movements of every period (or one, with `period`), oldest first, as CSV. Streamed.',
  access: 'ledger.read',
  query: z.object({ period: Period.optional() }),
  responses: {
    200: { description: 'movements.csv', contentType: CSV },
    400: { description: 'Bad period', schema: ErrorBody },
    ...auth,
  },
  handle(ctx) {
    const { services } = ctx;
    const wanted = ctx.query.period ? [ctx.query.period] : periods(services);
    return {
      status: 200,
      body: null,
      send: async (res) => {
        startDownload(res, CSV, `movements-${ctx.query.period ?? 'all'}.csv`);
        await write(
          res,
          csvRow([
            'period',
            'id',
            'at',
            'type',
            'sku',
            'location',
            'to_location',
            'lot',
            'quantity',
            'reason',
            'reference',
            'user',
            'device',
          ]),
        );
        for (const period of wanted) {
          const rows = await readPeriod(services, period, (view) =>
            sortedMovements(view.ledger.movements.values()).map((m) =>
              csvRow([
                period,
                m.id,
                m.at,
                m.type,
                m.sku,
                m.location,
                m.type === 'transfer' ? m.toLocation : '',
                m.lot,
                m.quantity,
                m.reason,
                m.reference,
                m.user,
                m.device,
              ]),
            ),
          );
          for (let i = 0; i < rows.length; i += 1000) await write(res, rows.slice(i, i + 1000).join(''));
        }
        res.end();
      },
    };
  },
});

export const exportStockCsv = route({
  method: 'GET',
  path: '/api/export/stock.csv',
  tag: TAG,
  summary: 'Stock on hand now (non-zero lines per item × location × lot) as CSV',
  access: 'ledger.read',
  responses: { 200: { description: 'stock.csv', contentType: CSV }, ...auth },
  handle: (ctx) => {
    const { ledger } = ctx.services;
    return ledger.withPeriod(ledger.currentPeriod(), (view) => {
      const lines = view.stock().lines();
      return {
        status: 200,
        body:
          csvRow(['sku', 'location', 'lot', 'quantity']) +
          lines.map((l) => csvRow([l.sku, l.location, l.lot, l.quantity])).join(''),
        contentType: CSV,
        headers: { 'Content-Disposition': `attachment; filename="stock-${today()}.csv"` },
      };
    });
  },
});

export const EXPORT_ROUTES = [exportJson, exportItemsCsv, exportMovementsCsv, exportStockCsv];
