import { parseTable } from '@stockroom/shared/import/decode';
import { guessMapping } from '@stockroom/shared/import/fields';
import { describe, expect, it } from 'vitest';
import {
  byRow,
  chunksByOrder,
  chunksOf,
  fileRows,
  formatDuration,
  mappedCells,
  recalledMapping,
  rejectedRowsCsv,
  rememberMapping,
  timeLeftMs,
} from './import-plan.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('remembered column mappings', () => {
  it('recalls the choice by column name, in a file with the columns in another order', () => {
    const storage = memoryStorage();
    const first = ['Part No', 'Title', 'Notes'];
    // The user maps "Notes" to description and leaves "Title" to name.
    rememberMapping(storage, 'items', first, { sku: 0, name: 1, description: 2 });
    const next = ['Notes', 'Part No', 'Title', 'Price'];
    const guessed = guessMapping('items', next);
    expect(guessed).toEqual({ sku: 1, name: 2, unitCost: 3 });
    // unitCost was "not imported" last time: it stays so.
    expect(recalledMapping(storage, 'items', next, guessed)).toEqual({ sku: 1, name: 2, description: 0 });
  });

  it('is kept per kind, and anything unreadable in storage falls back to the guess', () => {
    const storage = memoryStorage();
    rememberMapping(storage, 'items', ['a', 'b'], { sku: 1, name: 0 });
    expect(recalledMapping(storage, 'suppliers', ['code', 'name'], { code: 0, name: 1 })).toEqual({
      code: 0,
      name: 1,
    });
    storage.setItem('stockroom.import.mapping.items', '{not json');
    expect(recalledMapping(storage, 'items', ['sku'], { sku: 0 })).toEqual({ sku: 0 });
  });

  it('a remembered column takes it from the field that guessed it', () => {
    const storage = memoryStorage();
    rememberMapping(storage, 'items', ['sku', 'name', 'cost'], { sku: 0, name: 1, reorderPoint: 2 });
    expect(
      recalledMapping(storage, 'items', ['sku', 'name', 'cost'], { sku: 0, name: 1, unitCost: 2 }),
    ).toEqual({
      sku: 0,
      name: 1,
      reorderPoint: 2,
    });
  });
});

describe('chunks and row numbers', () => {
  const rows = [5, 2, 9, 3, 7].map((row) => ({ row, cells: { sku: `S${row}` } }));

  it('cuts fixed-size chunks in order and maps the server’s row numbers back to the file’s lines', () => {
    const chunks = chunksOf(rows, 2);
    expect(chunks.map((c) => c.rows)).toEqual([[5, 2], [9, 3], [7]]);
    expect(chunks[1]!.cells).toEqual([{ sku: 'S9' }, { sku: 'S3' }]);
    // The second row of the second chunk is line 3 of the file.
    expect(fileRows(chunks[1]!, [{ row: 3, field: 'name', message: 'is required' }])).toEqual([
      { row: 3, field: 'name', message: 'is required' },
    ]);
    expect(fileRows(chunks[0]!, [{ row: 2, field: 'sku', message: 'x' }])[0]!.row).toBe(5);
  });

  it('sends only the mapped cells, as written', () => {
    expect(mappedCells('items', ['A-1', ' Bolt ', '1,5', 'extra'], { sku: 0, name: 1, unitCost: 2 })).toEqual(
      {
        sku: 'A-1',
        name: ' Bolt ',
        unitCost: '1,5',
      },
    );
  });
});

describe('progress', () => {
  it('estimates the time left at the rate so far', () => {
    expect(timeLeftMs(0, 100, 1000)).toBeNull();
    expect(timeLeftMs(25, 100, 1000)).toBe(3000);
    expect(timeLeftMs(100, 100, 1000)).toBe(0);
    expect(formatDuration(null)).toBe('estimating…');
    expect(formatDuration(2400)).toBe('3 s left');
    expect(formatDuration(125_000)).toBe('2 min 5 s left');
  });
});

describe('the rejected rows’ CSV', () => {
  it('holds the rows as the file had them plus what to fix, and imports back with the same columns', () => {
    const table = parseTable('sku;name;price\nA;=Bolt;1\n;Nut;2\nC;Washer;cheap\n');
    const rejected = [
      { row: 4, field: 'unitCost', message: 'must be a number' },
      { row: 3, field: 'sku', message: 'is required' },
      { row: 3, field: 'name', message: 'too long' },
    ];
    const csv = rejectedRowsCsv(table.headers, (line) => table.rows[line - 2], rejected);
    expect(csv).toBe(
      'sku,name,price,problems\r\n,Nut,2,sku: is required; name: too long\r\nC,Washer,cheap,unitCost: must be a number\r\n',
    );
    const again = parseTable(csv);
    expect(guessMapping('items', again.headers)).toEqual({ sku: 0, name: 1, unitCost: 2 });
    expect([...byRow(rejected).keys()]).toEqual([3, 4]);
  });
});

describe('chunks of purchase orders', () => {
  it('keep the rows of one order (supplier × reference, as the server reads the cells) in one chunk', () => {
    const row = (n: number, supplier: string, reference: string) => ({
      row: n,
      cells: { supplier, reference, sku: `S${n}`, quantity: '1' },
    });
    const rows = [
      row(2, 'ACME', 'A'),
      row(3, 'ACME', 'B'),
      row(4, ' ACME ', 'A'),
      row(5, 'ACME', 'C'),
      row(6, 'OTHER', 'A'),
      row(7, 'ACME', 'C'),
    ];
    expect(chunksByOrder(rows, 3).map((c) => c.rows)).toEqual([
      [2, 4, 3],
      [5, 7, 6],
    ]);
    // An order larger than a chunk is still one chunk.
    expect(chunksByOrder(rows, 1).map((c) => c.rows)).toEqual([[2, 4], [3], [5, 7], [6]]);
  });
});
