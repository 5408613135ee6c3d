import { z } from 'zod';
import { atMost } from '../validation.ts';

/** A missing code "is required"; a number or anything else "must be text". */
const notText = {
  error: (issue: { code?: string; input?: unknown }) =>
    issue.code === 'invalid_type' ? (issue.input === undefined ? 'is required' : 'must be text') : undefined,
};

/** Part numbers, location codes and supplier codes: what people type, print and scan. */
export const Code = z
  .string(notText)
  .trim()
  .min(1, { error: 'is required', abort: true })
  .max(64, atMost(64))
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/,
    'use letters, digits and . _ - / only, starting with a letter or digit',
  );

/**
 * A code as scanned (any symbology, GS1 with its separator): printable ASCII, spaces
 * included, since Code 39 and Code 128 can carry them. Codes assigned to an item or a
 * location are checked further when written: see assignedBarcodeProblem.
 */
export const Barcode = z
  .string(notText)
  .min(1, { error: 'must not be empty', abort: true })
  .max(200, atMost(200))
  // biome-ignore lint/suspicious/noControlCharactersInRegex: GS1 codes carry the GS (ASCII 29) separator.
  .regex(/^[\x1d\x20-\x7e]+$/, 'use printable ASCII characters only (letters, digits, punctuation)');

export const BARCODE_SPACE_MESSAGE = 'must not contain spaces (put each barcode on its own line)';

/**
 * Why a barcode someone assigns to an item, a pack or a location is refused, or null. Checked
 * when writing, not when reading (a stored code stays readable and fixable): a space is almost
 * always two codes typed on one line, and scanners do not send one.
 */
export function assignedBarcodeProblem(code: string): string | null {
  return /\s/.test(code) ? BARCODE_SPACE_MESSAGE : null;
}

/** Refines a record's `barcode` (a location's, an asset's) when someone sets it: see assignedBarcodeProblem. */
export function barcodeClean(record: { barcode?: unknown }, ctx: z.RefinementCtx): void {
  const problem = typeof record.barcode === 'string' ? assignedBarcodeProblem(record.barcode) : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['barcode'] });
}
