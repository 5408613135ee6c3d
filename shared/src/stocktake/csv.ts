export type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * Text starting with = + - @ (or tab / CR) is prefixed with ' so that a spreadsheet shows
 * it instead of running it as a formula (CSV injection). Numbers are written as numbers:
 * a negative variance must stay a number, and a number cannot carry a formula.
 */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text: CRLF line breaks (RFC 4180), a final CRLF. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}
