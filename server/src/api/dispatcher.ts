import type { IncomingMessage, ServerResponse } from 'node:http';
import { can } from '../auth/permissions.ts';
import type { Session } from '../auth/sessions.ts';
import { MAX_BODY_BYTES, readJsonBody, readRawBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { Router } from '../http/router.ts';
import { RoomUnavailableError } from '../sync/room.ts';
import type { ApiRoute } from './route.ts';
import type { Services } from './services.ts';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

/**
 * Dispatches `/api/*` requests: route match, authentication (bearer token), permission,
 * body and query validation, then the handler; every failure becomes the one error shape.
 */
export function createApiDispatcher(
  routes: readonly ApiRoute[],
  services: Services,
  options: { maxBodyBytes?: number } = {},
) {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const router = new Router(routes);

  async function run(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (match.kind === 'not_found')
      throw new ApiError('not_found', `no API route ${req.method} ${url.pathname}`);
    if (match.kind === 'method_not_allowed') {
      res.setHeader('Allow', match.allow.join(', '));
      throw new ApiError(
        'not_found',
        `${req.method} is not allowed here (allowed: ${match.allow.join(', ')})`,
      );
    }
    const r = match.route;
    let session: Session | null = null;
    if (r.access !== 'public') {
      const token = bearerToken(req);
      session = token ? (services.sessions.verify(token) ?? null) : null;
      if (!session) {
        throw new ApiError(
          'unauthorized',
          token
            ? 'the token is invalid or expired; log in again'
            : 'log in first (Authorization: Bearer <token>)',
          [],
          {
            'WWW-Authenticate': 'Bearer',
          },
        );
      }
      if (r.access !== 'authenticated' && !can(session.role, r.access)) {
        throw new ApiError('forbidden', `the ${session.role} role may not do this (needs ${r.access})`);
      }
    }
    let query: unknown = Object.fromEntries(url.searchParams);
    if (r.query) {
      const parsed = r.query.safeParse(query);
      if (!parsed.success) throw ApiError.fromZod(parsed.error);
      query = parsed.data;
    }
    let body: unknown;
    if (r.rawBody) body = await readRawBody(req, r.rawBody.limitBytes);
    else if (r.body) {
      body = await readJsonBody(req, maxBodyBytes);
      if (r.validateBody !== false) {
        const parsed = r.body.safeParse(body ?? {});
        if (!parsed.success) throw ApiError.fromZod(parsed.error);
        body = parsed.data;
      }
    }
    const result = await r.handle({
      req,
      params: match.params,
      query,
      body,
      session,
      address: req.socket.remoteAddress ?? 'unknown',
      services,
    });
    if (result.send) {
      // Replies too large to build in memory (exports) write themselves, streaming.
      res.statusCode = result.status;
      await result.send(res);
      return;
    }
    if (result.contentType && typeof result.body === 'string') {
      res.writeHead(result.status, {
        'Content-Type': result.contentType,
        'Content-Length': Buffer.byteLength(result.body),
        'Cache-Control': 'no-store',
        ...result.headers,
      });
      res.end(result.body);
      return;
    }
    sendJson(res, result.status, result.body, result.headers);
  }

  return {
    routes: router.routes(),
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
      try {
        await run(req, res, url);
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof ApiError) {
          sendJson(res, error.status, error.body, error.headers);
          return;
        }
        if (error instanceof RoomUnavailableError) {
          sendJson(
            res,
            503,
            { error: 'unavailable', message: error.message, fields: [] },
            { 'Retry-After': '1' },
          );
          return;
        }
        services.log.error('API request failed', { method: req.method, path: url.pathname, error });
        sendJson(res, 500, { error: 'internal', message: 'internal error', fields: [] });
      }
    },
  };
}
