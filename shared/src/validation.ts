import { z } from 'zod';

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

export type WithoutDefaults<S extends z.core.$ZodShape> = {
  [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K];
};

/**
 * The fields of a record without their defaults, for patch schemas: zod 4 applies a default
 * even inside `.partial()`, so a patch of one field would otherwise come back with every
 * other field reset to its default (and overwrite concurrent edits of those fields).
 */
export function withoutDefaults<S extends z.core.$ZodShape>(shape: S): WithoutDefaults<S> {
  const out: Record<string, z.core.$ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    out[key] = schema instanceof z.ZodDefault ? (schema.unwrap() as z.core.$ZodType) : schema;
  }
  return out as WithoutDefaults<S>;
}
