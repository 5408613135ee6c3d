import { cellValue } from '@stockroom/shared/import/cells';
import { IMPORT_FIELDS, type ImportKind } from '@stockroom/shared/import/fields';
import { toCsv } from '@stockroom/shared/stocktake/csv';

/**
 * The pure parts of the import screen: remembered column mappings, the chunks sent to the
 * server, row numbers mapped back to the file, totals and the time left, and the CSV of the
 * rejected rows. No DOM, no worker: unit-tested beside this file.
 */

export interface Rejected {
  row: number;
  field: string;
  message: string;
}

export interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
}

/** Rows sent to the server in one request: field → the cell as written in the file. */
export interface Chunk {
  /** The file's line number of each row (the header is line 1), in the order sent. */
  rows: number[];
  cells: Record<string, string>[];
}

/** Field → column index; a field missing from the object is not imported. */
export type Mapping = Record<string, number>;

const storageKey = (kind: ImportKind) => `stockroom.import.mapping.${kind}`;

/**
 * A mapping is remembered by column *name* (field → header, or null for "not imported"), so
 * next month's file with the same headers in another order maps the same way.
 */
export function rememberMapping(
  storage: Pick<Storage, 'setItem'>,
  kind: ImportKind,
  headers: readonly string[],
  mapping: Mapping,
): void {
  const byName: Record<string, string | null> = {};
  for (const f of IMPORT_FIELDS[kind]) {
    const col = mapping[f.key];
    byName[f.key] = col === undefined ? null : (headers[col] ?? null);
  }
  try {
    storage.setItem(storageKey(kind), JSON.stringify(byName));
  } catch {
    // Storage full or disabled: the guess is used next time, nothing else is lost.
  }
}

/**
 * The guessed mapping with what the user chose last time for this kind laid over it, where
 * the remembered column exists in this file. Anything unreadable in storage is ignored.
 */
export function recalledMapping(
  storage: Pick<Storage, 'getItem'>,
  kind: ImportKind,
  headers: readonly string[],
  guessed: Mapping,
): Mapping {
  let saved: unknown = null;
  try {
    saved = JSON.parse(storage.getItem(storageKey(kind)) ?? 'null');
  } catch {
    saved = null;
  }
  if (typeof saved !== 'object' || saved === null) return { ...guessed };
  const out: Mapping = { ...guessed };
  for (const f of IMPORT_FIELDS[kind]) {
    if (!(f.key in saved)) continue;
    const name = (saved as Record<string, unknown>)[f.key];
    if (name === null) {
      delete out[f.key];
      continue;
    }
    const col = typeof name === 'string' ? headers.indexOf(name) : -1;
    if (col < 0) continue;
    // A column feeds one field: the remembered choice takes it from whatever guessed it.
    for (const [k, c] of Object.entries(out)) if (c === col && k !== f.key) delete out[k];
    out[f.key] = col;
  }
  return out;
}

/** The cells of one row that the mapping imports, as written (the server converts them as it does a CSV). */
export function mappedCells(
  kind: ImportKind,
  cells: readonly string[],
  mapping: Mapping,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of IMPORT_FIELDS[kind]) {
    const col = mapping[f.key];
    if (col !== undefined) out[f.key] = cells[col] ?? '';
  }
  return out;
}

/**
 * Fixed-size chunks in the given order. The size is fixed (not tuned to the network) so that
 * the same file gives the same request bodies: the server derives opening-balance movement
 * ids from the body and the row, and a re-import must collapse onto the first one.
 */
export function chunksOf(
  rows: readonly { row: number; cells: Record<string, string> }[],
  size: number,
): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size);
    out.push({ rows: slice.map((r) => r.row), cells: slice.map((r) => r.cells) });
  }
  return out;
}

/**
 * Slices of at most `size` items in the given order, except that items with the same key
 * (the rows of one purchase order) are kept together in one slice, at the place of the
 * first of them: an order is imported whole, so a request must carry all of its rows.
 * A key of null (or keyOf null) keeps the order and cuts every `size` items.
 */
export function groupedSlices<T>(
  items: readonly T[],
  keyOf: ((item: T) => string | null) | null,
  size: number,
): T[][] {
  const groups: T[][] = [];
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf ? keyOf(item) : null;
    const held = key === null ? undefined : byKey.get(key);
    if (held) held.push(item);
    else {
      const group = [item];
      groups.push(group);
      if (key !== null) byKey.set(key, group);
    }
  }
  const out: T[][] = [];
  let current: T[] = [];
  for (const g of groups) {
    if (current.length > 0 && current.length + g.length > size) {
      out.push(current);
      current = [];
    }
    current.push(...g);
  }
  if (current.length) out.push(current);
  return out;
}

/** Which order a purchase-order row belongs to, read as the server reads the cells (null: none). */
export function orderKey(supplier: unknown, reference: unknown): string | null {
  const read = (v: unknown) => (typeof v === 'string' ? cellValue(v, 'text') : undefined);
  const s = read(supplier);
  const r = read(reference);
  return typeof s === 'string' && typeof r === 'string' ? `${s}\u001f${r}` : null;
}

/** Chunks of purchase-order rows, the rows of one order always in the same chunk. */
export function chunksByOrder(
  rows: readonly { row: number; cells: Record<string, string> }[],
  size: number,
): Chunk[] {
  return groupedSlices(rows, (r) => orderKey(r.cells.supplier, r.cells.reference), size).map((slice) => ({
    rows: slice.map((r) => r.row),
    cells: slice.map((r) => r.cells),
  }));
}

/** The server numbers a chunk's rows 2, 3, … (as if each were its own file): back to the file's lines. */
export function fileRows(chunk: Chunk, rejected: readonly Rejected[]): Rejected[] {
  return rejected.map((r) => ({ ...r, row: chunk.rows[r.row - 2] ?? r.row }));
}

export function addOutcomes(a: Outcome, b: Outcome): Outcome {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: [...a.rejected, ...b.rejected],
  };
}

export const EMPTY_OUTCOME: Outcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };

/** Time left at the rate so far; null until there is a rate to go by. */
export function timeLeftMs(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs <= 0) return null;
  return Math.max(0, ((total - done) * elapsedMs) / done);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'estimating…';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s left`;
  return `${Math.floor(s / 60)} min ${s % 60} s left`;
}

/** Rejections grouped by line, lines in file order: what the screen and the CSV list. */
export function byRow(rejected: readonly Rejected[]): Map<number, Rejected[]> {
  const out = new Map<number, Rejected[]>();
  for (const r of [...rejected].sort((a, b) => a.row - b.row)) {
    const list = out.get(r.row);
    if (list) list.push(r);
    else out.set(r.row, [r]);
  }
  return out;
}

/**
 * The rejected rows as the file had them plus a `problems` column saying what to fix, so the
 * user corrects them in a spreadsheet and imports this file again (the extra column is not
 * mapped to anything, and formula-looking cells are defused as in every export and undone
 * by the import).
 */
export function rejectedRowsCsv(
  headers: readonly string[],
  rowAt: (line: number) => readonly string[] | undefined,
  rejected: readonly Rejected[],
): string {
  const lines: string[][] = [[...headers, 'problems']];
  for (const [row, problems] of byRow(rejected)) {
    const cells = rowAt(row);
    if (!cells) continue;
    const padded = headers.map((_, i) => cells[i] ?? '');
    lines.push([...padded, problems.map((p) => `${p.field}: ${p.message}`).join('; ')]);
  }
  return toCsv(lines);
}
