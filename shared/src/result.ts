import type { z } from 'zod';
import { fieldErrors, joinFieldMessages } from './validation.ts';

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
  return invalid(fieldErrors(parsed.error));
}

/** An `invalid` failure from per-field messages (the same message twice on one field is kept once). */
export function invalid(fields: readonly { path: string; message: string }[]): Failure {
  const seen = new Set<string>();
  const unique = fields.filter((f) => {
    const key = JSON.stringify([f.path, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, kind: 'invalid', message: joinFieldMessages(unique), fields: unique };
}
