import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { can } from '../auth/permissions.ts';
import type { SessionStore } from '../auth/sessions.ts';
import { PROMETHEUS_CONTENT_TYPE } from './registry.ts';
import type { ServerMetrics } from './server-metrics.ts';

/**
 * GET /metrics for Prometheus. Not public: the figures tell an outsider how busy the
 * warehouse is and who fails to log in. Accepts `Authorization: Bearer <METRICS_TOKEN>`
 * (for the scraper) or an access token of a user who manages users (an admin).
 */
export function handleMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { metrics: ServerMetrics; sessions: SessionStore; metricsToken: string | undefined },
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('GET only\n');
    return;
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  const byScraper =
    token !== undefined && opts.metricsToken !== undefined && sameSecret(token, opts.metricsToken);
  const session = token && !byScraper ? opts.sessions.verify(token) : undefined;
  if (!byScraper && !session) {
    res
      .writeHead(401, { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'text/plain; charset=utf-8' })
      .end('metrics need a bearer token (METRICS_TOKEN or an admin access token)\n');
    return;
  }
  if (session && !can(session.role, 'users.manage')) {
    res
      .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('this role may not read metrics\n');
    return;
  }
  const body = opts.metrics.render();
  res.writeHead(200, {
    'Content-Type': PROMETHEUS_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Constant-time comparison of two secrets of any length (hashes first, so lengths do not leak). */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
