import { z } from 'zod';

/** Part numbers, location codes and supplier codes: what people type, print and scan. */
export const Code = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required', abort: true })
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/,
    'use letters, digits and . _ - / only, starting with a letter or digit',
  );

export const Barcode = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: GS1 codes carry the GS (ASCII 29) separator.
  .regex(/^[\x1d\x20-\x7e]+$/, 'printable ASCII only (and the GS1 separator)');
