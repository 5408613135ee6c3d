// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { reportCsv, reportRows } from './report.ts';
import { summarize } from './summary.ts';
import { at, count, data, done, movement, start } from './test-fixtures.ts';

const d = data({
  locationEvents: [
    start(
      [
        { sku: 'SKU-1', quantity: 10 },
        { sku: 'SKU-2', quantity: 1 },
      ],
      { at: at(0) },
    ),
    done({ user: 'alice', at: at(30) }),
    done({ user: '=cmd|calc', at: at(30) }),
  ],
  entries: [
    count({ user: 'alice', quantity: 6 }),
    count({ user: '=cmd|calc', quantity: 3 }),
    count({ user: 'alice', sku: undefined, barcode: '+123', quantity: 2 }),
  ],
});

describe('stocktake report', () => {
  it('lists counted vs expected, variance, value and who counted what, then unknown barcodes', () => {
    const picked = movement({ type: 'issue', quantity: 1, at: at(3) });
    const rows = reportRows(summarize(d, { unitCost: () => 2, movements: [picked] }));
    expect(rows).toEqual([
      expect.objectContaining({
        location: 'A-1',
        sku: 'SKU-1',
        expected: 9,
        counted: 9,
        variance: 0,
        value: 0,
        withinTolerance: true,
        countedBy: '=cmd|calc 3; alice 6',
        movementsDuringCount: picked.id,
        note: '',
      }),
      expect.objectContaining({
        sku: 'SKU-2',
        expected: 1,
        counted: 0,
        variance: -1,
        value: -2,
        note: 'expected, none counted',
      }),
      expect.objectContaining({
        sku: '',
        barcode: '+123',
        counted: 2,
        expected: null,
        note: 'unknown barcode',
        final: true,
      }),
    ]);
  });

  it('exports CSV with a header, safe against formula injection', () => {
    const csv = reportCsv(summarize(d, { unitCost: () => 2 }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Location,SKU,Barcode,Lot,Expected,Counted,Variance,Unit cost,Value,Within tolerance,Round,Final,Counted by,Movements during count,Note',
    );
    expect(lines[1]).toBe("A-1,SKU-1,,,10,9,-1,2,-2,no,1,yes,'=cmd|calc 3; alice 6,,");
    expect(lines[3]).toBe("A-1,,'+123,,,2,,,,,1,yes,alice,,unknown barcode");
    expect(lines).toHaveLength(5);
  });
});
