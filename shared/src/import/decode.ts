import Papa from 'papaparse';

/**
 * The bytes of an uploaded file as text: UTF-8 (with or without a byte-order mark), or —
 * when it is not valid UTF-8 — Windows-1252, which is what spreadsheets on Windows save
 * "CSV" as. Returns which one it was, so the preview can say so.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F of Windows-1252 (the rest is Latin-1): by hand, as some runtimes decode it as Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk.map((b) => b));
  }
  return out.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export interface ParsedTable {
  /** The first row: column names. */
  headers: string[];
  /** The other rows, each as many cells as it had. */
  rows: string[][];
  delimiter: string;
  /** Problems of the file itself (an unclosed quote), by line. */
  problems: { row: number; message: string }[];
}

/**
 * Parses CSV text with Papa Parse: the delimiter is detected among comma, semicolon, tab and
 * pipe; quoted fields may hold delimiters, quotes ("") and new lines; empty lines are
 * skipped. A leading text BOM is dropped.
 */
export function parseTable(text: string): ParsedTable {
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const result = Papa.parse<string[]>(clean, {
    delimiter: '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
  });
  const [headers = [], ...rows] = result.data;
  return {
    headers: headers.map((h) => h.trim()),
    rows,
    delimiter: result.meta.delimiter,
    problems: result.errors.map((e) => ({ row: (e.row ?? 0) + 1, message: e.message })),
  };
}

/**
 * Our CSV exports put a `'` before text starting with = + - @, tab or CR so that
 * spreadsheets show it instead of running it as a formula; reading such a file back gives
 * the text itself (an export imports unchanged). Anything else is taken as written: nothing
 * in a cell is ever evaluated.
 */
export function undefuse(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
