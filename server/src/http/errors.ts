import type { Failure } from '@stockroom/shared/result';
import { joinFieldMessages } from '@stockroom/shared/validation';
import { z } from 'zod';

export const ErrorKind = z.enum([
  'invalid',
  'not_found',
  'conflict',
  'insufficient',
  'unauthorized',
  'forbidden',
  'too_large',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** The one error shape every API response uses. */
export const ErrorBody = z.object({
  error: ErrorKind,
  message: z.string(),
  fields: z.array(FieldError),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  insufficient: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** Thrown anywhere in request handling; becomes a JSON error response. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = STATUS[kind];
  }

  get body(): ErrorBody {
    return { error: this.kind, message: this.message, fields: this.fields };
  }

  /** A domain Failure (shared/result.ts) as an API error: the kinds map one to one. */
  static from(failure: Failure): ApiError {
    return new ApiError(failure.kind, failure.message, failure.fields);
  }

  static fromZod(error: z.ZodError, prefix = ''): ApiError {
    const fields = error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
      message: i.message,
    }));
    // Joined as the domain joins them (one wording everywhere; a field is never named twice).
    return new ApiError('invalid', joinFieldMessages(fields), fields);
  }
}
