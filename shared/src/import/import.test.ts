// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { LedgerPeriod } from '../ledger/ledger-period.ts';
import { applyImport } from './apply-import.ts';
import { cellValue, parseNumber, toRecords } from './cells.ts';
import { decodeText, parseTable, undefuse } from './decode.ts';
import { guessMapping, unmappedRequired } from './fields.ts';

const actor = { user: 'ann', device: 'desk' };
const now = new Date('2026-12-03T10:00:00.000Z');
const enc = (s: string) => new TextEncoder().encode(s);

describe('reading a file', () => {
  it('UTF-8 with and without BOM; Windows-1252 detected and converted', () => {
    expect(decodeText(enc('\uFEFFsku;name\nA;Mühle'))).toEqual({
      text: 'sku;name\nA;Mühle',
      encoding: 'utf-8',
    });
    expect(decodeText(enc('sku\nÄ'))).toEqual({ text: 'sku\nÄ', encoding: 'utf-8' });
    const cp1252 = new Uint8Array([0x73, 0x6b, 0x75, 0x0a, 0x4d, 0xfc, 0x68, 0x6c, 0x65, 0x20, 0x80]); // "sku\nMühle €"
    expect(decodeText(cp1252)).toEqual({ text: 'sku\nMühle €', encoding: 'windows-1252' });
  });

  it('detects comma, semicolon and tab; quoted fields keep delimiters, quotes and new lines', () => {
    expect(parseTable('a,b\n1,"x, ""y""\nz"\n').rows).toEqual([['1', 'x, "y"\nz']]);
    const semi = parseTable('Part No;Bezeichnung;Preis\r\nB-1;Schraube;1,50\r\n\r\n');
    expect([semi.delimiter, semi.headers, semi.rows]).toEqual([
      ';',
      ['Part No', 'Bezeichnung', 'Preis'],
      [['B-1', 'Schraube', '1,50']],
    ]);
    expect(parseTable('sku\tname\nA\tB').delimiter).toBe('\t');
  });

  it('formula-looking text stays text; our export’s defusing quote comes off', () => {
    expect(cellValue('=SUM(A1:A9)', 'text')).toBe('=SUM(A1:A9)');
    expect(undefuse('\'=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(undefuse("'plain")).toBe("'plain");
  });

  it('numbers as spreadsheets write them, and what is not one passes through for the schema to name', () => {
    expect(['1234.5', '1,234.5', '1.234,5', '1234,5', '-2', '1,234'].map(parseNumber)).toEqual([
      1234.5, 1234.5, 1234.5, 1234.5, -2, 1234,
    ]);
    expect(cellValue('twelve', 'number')).toBe('twelve');
    expect(cellValue(' ', 'number')).toBeUndefined();
    expect(cellValue('ja', 'boolean')).toBe(true);
    expect(cellValue('111 222|333', 'list')).toEqual(['111', '222', '333']);
  });

  it('guesses the mapping from headers in several languages and names required fields without a column', () => {
    expect(guessMapping('items', ['Artikelnummer', 'Bezeichnung', 'EAN', 'Preis'])).toEqual({
      sku: 0,
      name: 1,
      barcodes: 2,
      unitCost: 3,
    });
    expect(guessMapping('items', ['Item code', 'Name', 'unit_cost', 'min_qty'])).toEqual({
      sku: 0,
      name: 1,
      unitCost: 2,
      minQty: 3,
    });
    expect(unmappedRequired('items', { sku: 0 }).map((f) => f.key)).toEqual(['name']);
  });
});

describe('applying records', () => {
  const setup = () => {
    const catalog = new Catalog(new Y.Doc());
    const ledger = new LedgerPeriod(new Y.Doc(), '2026-12');
    return { catalog, ledger, target: { catalog, ledger: () => ledger, fileId: 'file-1', actor, now } };
  };

  it('creates, updates only the mapped fields that differ, leaves the rest; bad rows named by line and field', () => {
    const { catalog, target } = setup();
    catalog.createItem({ sku: 'A', name: 'Old', unitCost: 1, category: 'kept' }, actor, now);
    const table = parseTable('sku,name,unit_cost\nA,New name,1\nb,Bee,2\nC,,3\nD,Dee,lots\n');
    const records = toRecords('items', table.rows, guessMapping('items', table.headers));
    const out = applyImport('items', records, target);
    expect(out).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect(out.rejected).toEqual([
      { row: 4, field: 'name', message: 'is required' },
      { row: 5, field: 'unitCost', message: 'must be a number' },
    ]);
    expect(catalog.items.get('A')).toMatchObject({ name: 'New name', unitCost: 1, category: 'kept' });
    expect(catalog.items.get('b')).toMatchObject({ name: 'Bee' });
    const again = applyImport('items', records, target);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('locations: parents before children whatever the row order; an unknown parent is named', () => {
    const { catalog, target } = setup();
    const table = parseTable('code,kind,parent\nA-01,bin,A\nA,aisle,WH\nWH,site,\nX-1,bin,NOPE\n');
    const out = applyImport(
      'locations',
      toRecords('locations', table.rows, guessMapping('locations', table.headers)),
      target,
    );
    expect(out.created).toBe(3);
    expect(out.rejected).toEqual([{ row: 5, field: 'parent', message: expect.stringMatching(/NOPE/) }]);
    expect(catalog.locations.get('A-01')?.parent).toBe('A');
  });

  it('opening balances: one dated receipt per row, the same file again adds nothing', () => {
    const { catalog, ledger, target } = setup();
    catalog.createLocation({ code: 'WH', kind: 'site' }, actor, now);
    catalog.createLocation({ code: 'A-1', kind: 'bin', parent: 'WH' }, actor, now);
    catalog.createItem({ sku: 'BOLT', name: 'Bolt' }, actor, now);
    const table = parseTable(
      'sku;location;quantity;unit cost;date\nbolt;a-1;12,5;0,40;2026-12-01\nBOLT;A-1;-3;;\nNUT;A-1;1;;\n',
    );
    const records = toRecords(
      'opening-balances',
      table.rows,
      guessMapping('opening-balances', table.headers),
    );
    const out = applyImport('opening-balances', records, target);
    expect(out.created).toBe(1);
    expect(out.rejected.map((r) => [r.row, r.field])).toEqual([
      [3, 'quantity'],
      [4, 'sku'],
    ]);
    const m = [...ledger.movements.values()][0]!;
    expect(m).toMatchObject({
      type: 'receive',
      sku: 'BOLT',
      location: 'A-1',
      quantity: 12.5,
      unitCost: 0.4,
      occurredAt: '2026-12-01T00:00:00.000Z',
    });
    expect(applyImport('opening-balances', records, target)).toMatchObject({ created: 0, unchanged: 1 });
  });
});
