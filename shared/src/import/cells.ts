import { undefuse } from './decode.ts';
import { type CellType, IMPORT_FIELDS, type ImportKind } from './fields.ts';

/**
 * One cell as the field's type. What cannot be read is passed on as the text it was, so the
 * shared schema names the problem ("must be a number") for that row and field — nothing is
 * guessed silently. Empty cells are not given (an update leaves the field as it is).
 */
export function cellValue(raw: string, type: CellType): unknown {
  const text = undefuse(raw).trim();
  if (text === '') return undefined;
  switch (type) {
    case 'text':
    case 'day':
      return text;
    case 'number':
    case 'integer': {
      const n = parseNumber(text);
      return n === null ? text : n;
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (['yes', 'y', 'true', '1', 'x', 'ja', 'j', 'oui', 'si', 'sí'].includes(t)) return true;
      if (['no', 'n', 'false', '0', 'nein', 'non'].includes(t)) return false;
      return text;
    }
    case 'list':
      // Barcodes never contain spaces, so a space separates them too (our export joins them so).
      return text
        .split(/[|;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
  }
}

/**
 * Numbers as spreadsheets write them: 1234.5, 1,234.5, 1.234,5 and (semicolon files) 1234,5.
 * A lone comma with three digits after it (1,234) is read as thousands, as in English.
 */
export function parseNumber(text: string): number | null {
  const t = text.replace(/\s/g, '');
  let normal: string | null = null;
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) normal = t;
  else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) normal = t.replace(/,/g, '');
  else if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d+,\d+$/.test(t)) normal = t.replace(',', '.');
  if (normal === null) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

export interface ImportRecord {
  /** The line of the file as a spreadsheet numbers it (the header is line 1). */
  row: number;
  /** Field → value, only for mapped, non-empty cells. */
  values: Record<string, unknown>;
}

/** The file's rows as records of the kind's fields, through the column mapping. */
export function toRecords(
  kind: ImportKind,
  rows: readonly string[][],
  mapping: Record<string, number>,
): ImportRecord[] {
  const fields = IMPORT_FIELDS[kind].filter((f) => mapping[f.key] !== undefined);
  return rows.map((cells, i) => {
    const values: Record<string, unknown> = {};
    for (const field of fields) {
      const v = cellValue(cells[mapping[field.key]!] ?? '', field.type);
      if (v !== undefined) values[field.key] = v;
    }
    return { row: i + 2, values };
  });
}
