// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { applyImport } from '@stockroom/shared/import/apply-import';
import { toRecords } from '@stockroom/shared/import/cells';
import { decodeText, parseTable } from '@stockroom/shared/import/decode';
import { guessMapping, type ImportKind } from '@stockroom/shared/import/fields';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { itemsCsv, locationsCsv, supplierItemsCsv, suppliersCsv } from './csv-files.ts';

/**
 * Export → import round-trips every record unchanged: random catalogs (text that looks like
 * formulas, quotes, commas, semicolons, new lines where allowed, non-Latin letters, numbers
 * with decimals, barcode lists, a location tree, supplier references) are exported with the
 * CSV writers of the archive and imported into an empty catalog with the shared import.
 */
const actor = { user: 'exporter', device: 'desk' };
const now = new Date('2026-06-01T00:00:00Z');

const piece = fc.constantFrom(
  '=SUM(A1)',
  '+1',
  '-',
  '@x',
  '"q"',
  'a,b',
  'c;d',
  'Größe',
  '螺丝',
  ' ',
  'x',
  '1,5',
  "x'y",
);
// No text starting with ' then = + - @: the export does not escape such an apostrophe, and the
// import's undefusing takes it for the export's own prefix (a known limit, reported).
const line = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
// Trimmed: the import trims every cell, so a description or note that starts or ends with
// white space (or is only a line break) does not come back as it was — a known limit.
const multiline = fc
  .array(fc.oneof(piece, fc.constant('\n')), { maxLength: 5 })
  .map((p) => p.join('').trim());
const code = fc.stringMatching(/^[A-Z][A-Z0-9-]{0,8}$/);
const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);

function roundTrip(kind: ImportKind, csv: string, into: Catalog) {
  const table = parseTable(decodeText(new TextEncoder().encode(csv)).text);
  const records = toRecords(kind, table.rows, guessMapping(kind, table.headers));
  return applyImport(kind, records, { catalog: into, fileId: 'f', actor, now });
}

/** Records without who made them and when (the import is made by someone else), in key order. */
const strip = (rows: Iterable<object>) =>
  [...rows]
    .map((r) => {
      const { createdAt: _a, createdBy: _b, ...rest } = r as Record<string, unknown>;
      return rest;
    })
    .sort((a, b) => String(a.sku ?? a.code).localeCompare(String(b.sku ?? b.code)));

describe('export → import', () => {
  it('every item, location, supplier and supplier reference comes back unchanged', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(code, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.record({
            name: line,
            description: multiline,
            category: line,
            unit: fc.constantFrom('pcs', 'kg', 'm'),
            barcodes: fc.uniqueArray(fc.stringMatching(/^[0-9A-Z-]{4,13}$/), { maxLength: 3 }),
            unitCost: money,
            minQty: fc.integer({ min: 0, max: 1000 }),
            active: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        fc.array(
          fc.record({
            name: line,
            notes: multiline,
            leadTimeDays: fc.option(fc.integer({ min: 0, max: 365 })),
          }),
          {
            maxLength: 3,
          },
        ),
        (codes, items, suppliers) => {
          const from = new Catalog(new Y.Doc());
          // Locations: a chain under the first code, so parents matter.
          for (const [i, c] of codes.entries())
            from.createLocation(
              { code: c, kind: i === 0 ? 'site' : 'bin', parent: i === 0 ? null : codes[0], name: c },
              actor,
              now,
            );
          for (const [i, s] of suppliers.entries())
            from.createSupplier({ code: `SUP-${i}`, ...s }, actor, now);
          for (const [i, it] of items.entries())
            from.createItem(
              {
                sku: `SKU-${i}`,
                ...it,
                barcodes: it.barcodes.map((b) => `${b}${i}`),
                suppliers: from.suppliers.get('SUP-0')
                  ? [{ supplier: 'SUP-0', unitCost: it.unitCost, packSize: 10, preferred: true }]
                  : [],
              },
              actor,
              now,
            );
          const to = new Catalog(new Y.Doc());
          // Children before parents in the file is fine: the locations CSV is sorted by code.
          for (const [kind, csv] of [
            ['locations', locationsCsv(from)],
            ['suppliers', suppliersCsv(from)],
            ['items', itemsCsv(from)],
            ['supplier-items', supplierItemsCsv(from)],
          ] as const)
            expect(roundTrip(kind, csv, to).rejected).toEqual([]);
          expect(strip(to.items.values())).toEqual(strip(from.items.values()));
          expect(strip(to.locations.values())).toEqual(strip(from.locations.values()));
          expect(strip(to.suppliers.values())).toEqual(strip(from.suppliers.values()));
          // And again: nothing changes.
          const again = roundTrip('items', itemsCsv(from), to);
          expect(again.created + again.updated).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
