import type { z } from 'zod';

export type FailureKind = 'invalid' | 'not_found' | 'conflict' | 'insufficient';

export interface Failure {
  ok: false;
  kind: FailureKind;
  message: string;
  fields: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | Failure;

export function failure(kind: FailureKind, message: string, path = ''): Failure {
  return { ok: false, kind, message, fields: [{ path, message }] };
}

export function fromZod<T>(parsed: z.ZodSafeParseResult<T>): Result<T> {
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return {
    ok: false,
    kind: 'invalid',
    message: fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '),
    fields,
  };
}
