import type { Result } from '@stockroom/shared/result';
import { type ApiContext, sessionOf } from '../api/route.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';

export const TAG = 'maintenance';

export const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: { description: 'Your role may not do this', schema: ErrorBody },
};

/** A domain Result's value, or the API error it stands for (400 / 404 / 409 per field). */
export function check<T>(r: Result<T>): T {
  if (!r.ok) throw ApiError.from(r);
  return r.value;
}

/** Who the request acts as: the session's user and device, never what the body claims. */
export function actorOf(ctx: ApiContext) {
  const s = sessionOf(ctx);
  return { user: s.username, device: s.device };
}

export function notFound(what: string, path: string): ApiError {
  return new ApiError('not_found', what, [{ path, message: 'not found' }]);
}
