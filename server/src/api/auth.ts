import { PasswordQueueFullError } from '../auth/password-queue.ts';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords.ts';
import { permissionsOf } from '../auth/permissions.ts';
import type { Session, TokenPair } from '../auth/sessions.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { type ApiContext, audit, reply, route, sessionOf } from './route.ts';
import { LoginRequest, LoginResponse, Me, Ok, RefreshRequest } from './schemas.ts';

const TAG = 'auth';

export const login = route({
  method: 'POST',
  path: '/api/auth/login',
  tag: TAG,
  summary:
    'Log in: returns a short-lived access `token` (bearer for the API, `?token=` for sync connections) and a `refreshToken` for POST /api/auth/refresh. Repeated failures from one address or device are slowed down by growing delays (429 with Retry-After)',
  access: 'public',
  body: LoginRequest,
  responses: {
    200: { description: 'Logged in', schema: LoginResponse },
    400: { description: 'Invalid body', schema: ErrorBody },
    401: { description: 'Wrong username or password, or the user is deactivated', schema: ErrorBody },
    429: {
      description:
        'Too many failed attempts from this address or device (or for this account overall): wait Retry-After seconds',
      schema: ErrorBody,
    },
    503: {
      description: 'Too many logins being checked at once: try again after Retry-After seconds',
      schema: ErrorBody,
    },
  },
  async handle(ctx) {
    const { users, sessions, loginLimiter, passwordChecks } = ctx.services;
    const { username, password } = ctx.body;
    // Counted at once (synchronously), before the slow check: concurrent guesses cannot all pass.
    const admission = loginLimiter.reserve({ username, address: ctx.address, device: ctx.body.device });
    if (!admission.ok) {
      const seconds = retryAfterSeconds(admission.retryAfterMs);
      ctx.services.log.warn('login rate-limited', { username, address: ctx.address, limit: admission.limit });
      ctx.services.metrics.error('login_rate_limited');
      throw new ApiError('rate_limited', `${THROTTLED[admission.limit]}; try again in ${seconds} s`, [], {
        'Retry-After': String(seconds),
      });
    }
    const { reservation } = admission;
    let checked: { creds: ReturnType<typeof users.credentials>; ok: boolean };
    try {
      // Unknown and inactive users cost one check in the same queue: timing does not tell.
      checked = await passwordChecks.run(async () => {
        const creds = users.credentials(username);
        const ok =
          creds?.user.active === true
            ? await verifyPassword(password, creds.passwordHash)
            : await burnPasswordCheck(password);
        return { creds, ok };
      });
    } catch (error) {
      if (error instanceof PasswordQueueFullError) {
        reservation.cancel();
        ctx.services.log.warn('login refused: password check queue full', { address: ctx.address });
        ctx.services.metrics.error('login_rate_limited');
        throw new ApiError(
          'unavailable',
          'the server is busy checking other logins; try again in a moment',
          [],
          {
            'Retry-After': String(retryAfterSeconds(error.retryAfterMs)),
          },
        );
      }
      reservation.failed();
      throw error;
    }
    const { creds, ok } = checked;
    if (!ok || !creds) {
      reservation.failed();
      ctx.services.metrics.loginFailures.inc();
      ctx.services.audit.record({
        user: null,
        device: ctx.body.device ?? null,
        action: 'auth.login_failed',
        subject: `user:${username}`,
        details: { address: ctx.address },
      });
      throw new ApiError('unauthorized', 'wrong username or password');
    }
    reservation.succeeded();
    const device = ctx.body.device ?? 'api';
    const { tokens, session } = sessions.create(creds.user.username, device, ctx.address);
    ctx.services.audit.record({
      user: session.username,
      device,
      action: 'auth.login',
      subject: `user:${session.username}`,
      details: { address: ctx.address, session: session.id },
    });
    return reply(200, tokenReply(tokens, session));
  },
});

const THROTTLED = {
  client: 'too many failed logins for this account from this address or device',
  address: 'too many failed logins from this address',
  account: 'too many failed logins for this account',
} as const;

/** Whole seconds, at least 1 (Retry-After has no fractions). */
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export const refresh = route({
  method: 'POST',
  path: '/api/auth/refresh',
  tag: TAG,
  summary:
    'Exchange a refresh token for a new token pair (the refresh token is replaced too). Presenting a replaced refresh token again after its successor was used revokes the session',
  access: 'public',
  body: RefreshRequest,
  responses: {
    200: { description: 'A new token pair', schema: LoginResponse },
    400: { description: 'Invalid body', schema: ErrorBody },
    401: {
      description: 'Unknown, expired or revoked refresh token, or the user is deactivated: log in again',
      schema: ErrorBody,
    },
  },
  handle(ctx) {
    const result = ctx.services.sessions.refresh(ctx.body.refreshToken);
    if (result.ok) return reply(200, tokenReply(result.tokens, result.session));
    if (result.reason === 'reused' && result.sessionId) {
      // Somebody else holds this session's refresh token: end it everywhere.
      ctx.services.revoke.session(result.sessionId);
      ctx.services.log.warn('refresh token reused; session revoked', {
        session: result.sessionId,
        username: result.username,
        address: ctx.address,
      });
      ctx.services.audit.record({
        user: result.username ?? null,
        device: null,
        action: 'auth.refresh_reused',
        subject: `user:${result.username}`,
        details: { session: result.sessionId, address: ctx.address },
      });
    }
    ctx.services.metrics.error('refresh_refused');
    throw new ApiError('unauthorized', `the refresh token is ${REFUSAL[result.reason]}; log in again`);
  },
});

const REFUSAL = {
  unknown: 'not valid',
  expired: 'expired',
  revoked: 'revoked',
  inactive: 'of a deactivated user',
  reused: 'already used (the session is revoked)',
} as const;

function tokenReply(tokens: TokenPair, session: Session) {
  return {
    token: tokens.token,
    refreshToken: tokens.refreshToken,
    expiresAt: new Date(tokens.expiresAt).toISOString(),
    refreshExpiresAt: new Date(tokens.refreshExpiresAt).toISOString(),
    user: { username: session.username, role: session.role },
  };
}

export const logout = route({
  method: 'POST',
  path: '/api/auth/logout',
  tag: TAG,
  summary:
    'Log out: revokes this session (its access and refresh tokens) and closes its sync connections (close code 4401)',
  access: 'authenticated',
  responses: {
    200: { description: 'Logged out', schema: Ok },
    401: { description: 'Not logged in', schema: ErrorBody },
  },
  handle(ctx) {
    const session = sessionOf(ctx);
    ctx.services.sessions.revoke(session.id, 'logout');
    ctx.services.revoke.session(session.id);
    audit(ctx, 'auth.logout', `user:${session.username}`, { session: session.id });
    return reply(200, { ok: true });
  },
});

export const me = route({
  method: 'GET',
  path: '/api/me',
  tag: TAG,
  summary: 'The logged-in user, their device and what their role may do',
  access: 'authenticated',
  responses: {
    200: { description: 'The current user', schema: Me },
    401: { description: 'Not logged in', schema: ErrorBody },
  },
  handle(ctx: ApiContext) {
    const session = sessionOf(ctx);
    return reply(200, {
      username: session.username,
      role: session.role,
      device: session.device,
      permissions: permissionsOf(session.role),
    });
  },
});
