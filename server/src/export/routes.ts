import { z } from 'zod';
import { type ApiContext, type ApiRoute, audit, route } from '../api/route.ts';
import { auth } from '../api/route-support.ts';
import { Period } from '../api/schemas.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ErrorBody } from '../http/errors.ts';
import { writeArchive } from './archive.ts';
import {
  itemsCsv,
  locationsCsv,
  stockCsv,
  supplierItemsCsv,
  suppliersCsv,
  writeMovementsCsv,
} from './csv-files.ts';
import { CSV, periods, responseSink, startDownload, today } from './download.ts';
import { writeJsonExport } from './json-export.ts';

/**
 * Exports of everything the server holds, for archives, audits and leaving Stockroom. Ledger
 * rooms are read as dependencies (no opening balance is recomputed or written by an export)
 * one period at a time, and long answers are streamed.
 */

const TAG = 'export';

export const exportJson = route({
  method: 'GET',
  path: '/api/export.json',
  tag: TAG,
  summary:
    'Everything as one JSON document: catalog (items, locations, suppliers), every ledger period (opening + movements), stocktakes (status and totals), users (no password hashes). Streamed.',
  access: 'users.manage',
  responses: { 200: { description: 'The export (application/json, streamed)' }, ...auth },
  handle(ctx: ApiContext) {
    audit(ctx, 'export.json', null);
    return {
      status: 200,
      body: null,
      send: async (res) => {
        startDownload(res, 'application/json; charset=utf-8', `stockroom-export-${today()}.json`);
        await writeJsonExport(ctx.services, responseSink(res));
        res.end();
      },
    };
  },
});

export const exportArchive = route({
  method: 'GET',
  path: '/api/export.zip',
  tag: TAG,
  summary:
    'Everything, for leaving Stockroom: one zip with items.csv, locations.csv, suppliers.csv, supplier-items.csv (each imports back unchanged), stock.csv, movements.csv (every month) and export.json. Streamed.',
  // It holds export.json, users included: the same permission as that export.
  access: 'users.manage',
  responses: { 200: { description: 'The archive', contentType: 'application/zip' }, ...auth },
  handle(ctx: ApiContext) {
    audit(ctx, 'export.zip', null);
    return {
      status: 200,
      body: null,
      send: async (res) => {
        startDownload(res, 'application/zip', `stockroom-export-${today()}.zip`);
        try {
          await writeArchive(ctx.services, res);
        } catch (error) {
          // The status line is gone already: a cut connection is how the client learns of it.
          res.destroy(error as Error);
        }
      },
    };
  },
});

/** A catalog list as a CSV download. */
function catalogCsv(path: string, name: string, summary: string, produce: typeof itemsCsv): ApiRoute {
  return route({
    method: 'GET',
    path,
    tag: TAG,
    summary: `${summary} as CSV (RFC 4180; text that a spreadsheet would run as a formula is prefixed with '; imports back unchanged)`,
    access: 'catalog.read',
    responses: { 200: { description: `${name}.csv`, contentType: CSV }, ...auth },
    handle: (ctx) =>
      withCatalog(ctx.services.rooms, (catalog) => ({
        status: 200,
        body: produce(catalog),
        contentType: CSV,
        headers: { 'Content-Disposition': `attachment; filename="${name}-${today()}.csv"` },
      })),
  });
}

export const exportItemsCsv = catalogCsv('/api/export/items.csv', 'items', 'Every item', itemsCsv);
export const exportLocationsCsv = catalogCsv(
  '/api/export/locations.csv',
  'locations',
  'Every location',
  locationsCsv,
);
export const exportSuppliersCsv = catalogCsv(
  '/api/export/suppliers.csv',
  'suppliers',
  'Every supplier',
  suppliersCsv,
);
export const exportSupplierItemsCsv = catalogCsv(
  '/api/export/supplier-items.csv',
  'supplier-items',
  'Who supplies what (one line per item and supplier: price, pack size, MOQ, lead time)',
  supplierItemsCsv,
);

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
        await writeMovementsCsv(services, wanted, responseSink(res));
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
    return ledger.withPeriod(ledger.currentPeriod(), (view) => ({
      status: 200,
      body: stockCsv(view),
      contentType: CSV,
      headers: { 'Content-Disposition': `attachment; filename="stock-${today()}.csv"` },
    }));
  },
});

export const EXPORT_ROUTES: ApiRoute[] = [
  exportJson,
  exportArchive,
  exportItemsCsv,
  exportLocationsCsv,
  exportSuppliersCsv,
  exportSupplierItemsCsv,
  exportMovementsCsv,
  exportStockCsv,
];
