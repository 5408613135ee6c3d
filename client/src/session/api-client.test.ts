// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClient, type TokenSource } from './api-client.ts';
import type { RefreshOutcome } from './token-keeper.ts';

const USER = { username: 'ann', role: 'admin' } as const;

function tokens(next: RefreshOutcome['kind']): TokenSource & { refreshes: number } {
  const source = {
    session: { token: 'old' },
    refreshes: 0,
    async refresh(): Promise<RefreshOutcome> {
      source.refreshes++;
      if (next === 'refreshed') {
        source.session = { token: 'new' };
        return { kind: 'refreshed', session: { token: 'new', user: USER } };
      }
      return next === 'refused'
        ? { kind: 'refused', message: 'The server ended this login. Log in again to sync.' }
        : { kind: 'unreachable', message: 'x' };
    },
  };
  return source;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('ApiClient', () => {
  it('renews an expired token once and retries with the new one', async () => {
    const source = tokens('refreshed');
    const seen: string[] = [];
    const api = new ApiClient(source, async (_url, init) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      seen.push(auth);
      return auth === 'Bearer new'
        ? json(200, [{ id: 1 }])
        : json(401, { error: 'unauthorized', message: 'no', fields: [] });
    });
    const result = await api.get('/api/x', z.array(z.object({ id: z.number() })));
    expect(result).toEqual({ ok: true, data: [{ id: 1 }] });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(source.refreshes).toBe(1);
  });

  it('says "log in again" when the refresh is refused, and "needs the server" offline', async () => {
    const refused = new ApiClient(tokens('refused'), async () => json(401, {}));
    expect(await refused.get('/api/x', z.unknown())).toMatchObject({
      ok: false,
      status: 401,
      message: /Log in again/,
    });
    const offline = new ApiClient(tokens('refreshed'), async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await offline.get('/api/x', z.unknown())).toMatchObject({ ok: false, status: null });
  });

  it('returns per-field messages and validates answers', async () => {
    const api = new ApiClient(tokens('refreshed'), async (_url, init) =>
      init?.method === 'POST'
        ? json(409, {
            error: 'conflict',
            message: 'user bob already exists',
            fields: [{ path: 'username', message: 'already exists' }],
          })
        : json(200, { surprise: true }),
    );
    const created = await api.send('POST', '/api/users', z.unknown(), { username: 'bob' });
    expect(created).toEqual({
      ok: false,
      status: 409,
      message: 'User bob already exists',
      fields: { username: 'already exists' },
    });
    const odd = await api.get('/api/users', z.array(z.string()));
    expect(odd).toMatchObject({ ok: false, message: /does not understand/ });
  });
});
