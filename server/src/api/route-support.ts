import type { Actor } from '@stockroom/shared/actor';
import type { Result } from '@stockroom/shared/result';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { type ApiContext, sessionOf } from './route.ts';

/** The answers of any route that needs a login and a permission. */
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
export function actorOf(ctx: ApiContext): Actor {
  const s = sessionOf(ctx);
  return { user: s.username, device: s.device };
}
