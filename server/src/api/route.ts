import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Permission } from '../auth/permissions.ts';
import type { Session } from '../auth/sessions.ts';
import type { Method, Routable } from '../http/router.ts';
import type { Services } from './services.ts';

/** Who may call a route: anybody, any logged-in user, or users whose role has the permission. */
export type Access = 'public' | 'authenticated' | Permission;

export interface ApiContext<B = unknown, Q = unknown> {
  req: IncomingMessage;
  params: Record<string, string>;
  /** The parsed body (validated against the route's body schema unless `validateBody: false`). */
  body: B;
  query: Q;
  /** Null only on public routes. */
  session: Session | null;
  address: string;
  services: Services;
}

export interface ApiReply {
  status: number;
  body: unknown;
  /** Sent as is (the body must be a string) instead of as JSON, e.g. `text/csv; charset=utf-8`. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Writes the response itself (headers included) instead of `body`: streamed exports. */
  send?: (res: ServerResponse) => Promise<void>;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

/**
 * One API route: what the router dispatches on, what the OpenAPI document says, and the
 * handler. The same schemas validate requests and describe them, so the two cannot drift.
 */
export interface ApiRoute<B = unknown, Q = unknown> extends Routable {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  /** Set false when the domain validates the body itself (for its per-field messages). */
  validateBody?: boolean;
  /** The body is read as bytes (a CSV upload), up to this many: ctx.body is a Buffer. */
  rawBody?: { limitBytes: number };
  /** A z.object of optional string-coercing fields (query parameters). */
  query?: z.ZodType<Q>;
  responses: Record<number, ResponseSpec>;
  handle(ctx: ApiContext<B, Q>): ApiReply | Promise<ApiReply>;
}

/** Declares a route with its handler typed from its schemas. */
export function route<B = unknown, Q = unknown>(spec: ApiRoute<B, Q>): ApiRoute {
  return spec as unknown as ApiRoute;
}

/** The session of an authenticated route (the dispatcher has already refused anonymous calls). */
export function sessionOf(ctx: ApiContext<unknown, unknown>): Session {
  if (!ctx.session) throw new Error('route without a session');
  return ctx.session;
}

/** The keys of a raw (not yet validated) body, for audit details. */
export function keysOf(body: unknown): string[] {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
}

export function reply(status: number, body: unknown): ApiReply {
  return { status, body };
}

/** Records an audit entry for a write made through the API. */
export function audit(
  ctx: ApiContext<unknown, unknown>,
  action: string,
  subject: string | null,
  details?: unknown,
): void {
  ctx.services.audit.record({
    user: ctx.session?.username ?? null,
    device: ctx.session?.device ?? null,
    action,
    subject,
    details,
  });
}
