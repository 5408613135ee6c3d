import type { ServerResponse } from 'node:http';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import {
  itemsCsv,
  locationsCsv,
  stockCsv,
  supplierItemsCsv,
  suppliersCsv,
  writeMovementsCsv,
} from './csv-files.ts';
import { periods, type Sink, today } from './download.ts';
import { writeJsonExport } from './json-export.ts';

/** The files of the archive, in this order (README first so whoever opens it knows what is what). */
export const ARCHIVE_FILES = [
  'README.txt',
  'items.csv',
  'locations.csv',
  'suppliers.csv',
  'supplier-items.csv',
  'stock.csv',
  'movements.csv',
  'export.json',
] as const;

const README = `Stockroom export of ${today()}

items.csv, locations.csv, suppliers.csv, supplier-items.csv: the catalog; each imports back
  into Stockroom unchanged (Import screen, or POST /api/import/{kind}).
stock.csv: stock on hand now, per item, location and lot.
movements.csv: every stock movement of every month, oldest first.
export.json: everything above plus opening balances, stocktakes and users (no passwords).
Text starting with = + - @ is prefixed with ' so that spreadsheets do not run it.
`;

/**
 * Streams the archive into the response: each entry is deflated as it is produced and the
 * zip's bytes are written as fflate hands them over, waiting for the client when it reads
 * slower. The movements and the JSON document are streamed too, so memory stays at one
 * ledger month, not the whole history.
 */
export async function writeArchive(services: Services, res: ServerResponse): Promise<void> {
  let failed: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err;
      return;
    }
    res.write(chunk);
    if (final) res.end();
  });
  const entry = async (name: string, produce: (sink: Sink) => Promise<void>) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    await produce(async (text) => {
      file.push(strToU8(text));
      if (failed) throw failed;
      if (res.writableNeedDrain) await new Promise<void>((resolve) => res.once('drain', resolve));
    });
    file.push(new Uint8Array(0), true);
  };
  const catalogFiles = await withCatalog(services.rooms, (c) => ({
    'items.csv': itemsCsv(c),
    'locations.csv': locationsCsv(c),
    'suppliers.csv': suppliersCsv(c),
    'supplier-items.csv': supplierItemsCsv(c),
  }));
  const stock = await services.ledger.withPeriod(services.ledger.currentPeriod(), (view) => stockCsv(view));
  await entry('README.txt', (sink) => sink(README));
  for (const [name, text] of Object.entries(catalogFiles)) await entry(name, (sink) => sink(text));
  await entry('stock.csv', (sink) => sink(stock));
  await entry('movements.csv', (sink) => writeMovementsCsv(services, periods(services), sink));
  await entry('export.json', (sink) => writeJsonExport(services, sink));
  zip.end();
  if (failed) throw failed;
}
