import { z } from 'zod';
import type { Fetch, RefreshOutcome } from './token-keeper.ts';

const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});

export type ApiResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** null: the server could not be reached (offline, down). */
      status: number | null;
      message: string;
      /** Per-field messages of a 400/409, keyed by field path. */
      fields: Record<string, string>;
    };

/** What the client needs from the token keeper: the current token and a way to renew it. */
export interface TokenSource {
  readonly session: { token: string };
  refresh(): Promise<RefreshOutcome>;
}

export const OFFLINE_MESSAGE = 'This needs a connection to the server, and the server cannot be reached.';

/**
 * JSON calls to the server API with the current access token. A 401 renews the token once
 * and retries, so an expired access token never shows up as an error. Every answer is
 * validated with the caller's schema; failures come back as values, never thrown.
 */
export class ApiClient {
  constructor(
    private readonly tokens: TokenSource,
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {}

  get<T>(path: string, schema: z.ZodType<T>): Promise<ApiResult<T>> {
    return this.request('GET', path, schema);
  }

  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown) {
    return this.request(method, path, schema, body);
  }

  private async request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<ApiResult<T>> {
    let response = await this.attempt(method, path, body);
    if (response?.status === 401) {
      const renewed = await this.tokens.refresh();
      if (renewed.kind === 'refreshed' || renewed.kind === 'adopted')
        response = await this.attempt(method, path, body);
      else if (renewed.kind === 'refused')
        return { ok: false, status: 401, message: renewed.message, fields: {} };
    }
    if (!response) return { ok: false, status: null, message: OFFLINE_MESSAGE, fields: {} };
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      const fields: Record<string, string> = {};
      if (error.success) for (const f of error.data.fields) fields[f.path] = f.message;
      const message = error.success ? error.data.message : `The server answered ${response.status}.`;
      return { ok: false, status: response.status, message: explain(response.status, message), fields };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      return {
        ok: false,
        status: response.status,
        message: 'The server sent an answer this app does not understand.',
        fields: {},
      };
    return { ok: true, data: parsed.data };
  }

  private async attempt(method: string, path: string, body: unknown): Promise<Response | null> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.tokens.session.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.fetchImpl(path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      return null;
    }
  }
}

function explain(status: number, message: string): string {
  if (status === 403) return `Your role may not do this (${message}).`;
  if (status >= 500) return `The server failed (${status}): ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
