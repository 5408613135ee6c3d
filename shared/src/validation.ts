import type { z } from 'zod';

/** An entry found in a document that did not pass its schema: skipped by readers, shown to people. */
export interface InvalidEntry {
  room: string;
  key: string;
  problem: string;
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Per-field messages for API and form errors. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
