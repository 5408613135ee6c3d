import { type Cell, toCsv } from './csv.ts';
import type { StocktakeSummary } from './summary.ts';

/** One row of the stocktake report: a variance line, or an unknown barcode still unresolved. */
export interface ReportRow {
  location: string;
  sku: string;
  barcode: string;
  lot: string;
  expected: number | null;
  counted: number;
  variance: number | null;
  unitCost: number | null;
  value: number | null;
  withinTolerance: boolean | null;
  round: number;
  final: boolean;
  /** "alice 3; bob 2". */
  countedBy: string;
  /** Ledger movement ids during the count (a warning), space-separated. */
  movementsDuringCount: string;
  note: string;
}

export function reportRows(summary: StocktakeSummary): ReportRow[] {
  const rows: ReportRow[] = summary.lines.map((l) => ({
    location: l.location,
    sku: l.sku,
    barcode: '',
    lot: l.lot ?? '',
    expected: l.expected,
    counted: l.counted,
    variance: l.variance,
    unitCost: l.unitCost,
    value: l.value,
    withinTolerance: l.withinTolerance,
    round: l.round,
    final: l.final,
    countedBy: l.counters.map((c) => `${c.user} ${c.quantity}`).join('; '),
    movementsDuringCount: l.movements.join(' '),
    note: [
      l.missing ? 'expected, none counted' : '',
      l.unexpected ? 'found, none expected' : '',
      l.snapshot ? '' : 'no expected snapshot',
      l.final ? '' : 'count still running',
    ]
      .filter(Boolean)
      .join('; '),
  }));
  for (const u of summary.unknownBarcodes) {
    rows.push({
      location: u.location,
      sku: '',
      barcode: u.barcode,
      lot: u.lot ?? '',
      expected: null,
      counted: u.quantity,
      variance: null,
      unitCost: null,
      value: null,
      withinTolerance: null,
      round: u.round,
      final: summary.folds.get(u.location)?.counted?.round === u.round,
      countedBy: u.counters.join('; '),
      movementsDuringCount: '',
      note: 'unknown barcode',
    });
  }
  return rows;
}

const HEADER = [
  'Location',
  'SKU',
  'Barcode',
  'Lot',
  'Expected',
  'Counted',
  'Variance',
  'Unit cost',
  'Value',
  'Within tolerance',
  'Round',
  'Final',
  'Counted by',
  'Movements during count',
  'Note',
] as const;

/** The report as CSV (RFC 4180, safe to open in a spreadsheet; see csv.ts). */
export function reportCsv(summary: StocktakeSummary): string {
  const rows: Cell[][] = [[...HEADER]];
  for (const r of reportRows(summary)) {
    rows.push([
      r.location,
      r.sku,
      r.barcode,
      r.lot,
      r.expected,
      r.counted,
      r.variance,
      r.unitCost,
      r.value,
      r.withinTolerance,
      r.round,
      r.final,
      r.countedBy,
      r.movementsDuringCount,
      r.note,
    ]);
  }
  return toCsv(rows);
}
