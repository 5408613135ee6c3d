// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { memoryStore } from './key-value-store.ts';
import { requestLogin, tokenAccepted } from './login-request.ts';
import {
  DEVICE_KEY,
  deviceId,
  loadSession,
  loadWorkOffline,
  SESSION_KEY,
  saveSession,
  saveWorkOffline,
} from './session.ts';

describe('session storage', () => {
  it('keeps a session across loads and ignores damaged storage', () => {
    const store = memoryStore();
    expect(loadSession(store)).toBeNull();
    saveSession(store, { token: 't1', user: { username: 'ann', role: 'clerk' } });
    expect(loadSession(store)).toEqual({ token: 't1', user: { username: 'ann', role: 'clerk' } });
    store.setItem(SESSION_KEY, '{not json');
    expect(loadSession(store)).toBeNull();
    store.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username: 'x', role: 'pirate' } }));
    expect(loadSession(store)).toBeNull();
  });

  it('creates the device id once and replaces an invalid one', () => {
    const store = memoryStore();
    const id = deviceId(store);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(deviceId(store)).toBe(id);
    store.setItem(DEVICE_KEY, 'bad id!');
    const replaced = deviceId(store);
    expect(replaced).not.toBe('bad id!');
    expect(deviceId(store)).toBe(replaced);
  });

  it('remembers the work-offline choice', () => {
    const store = memoryStore();
    expect(loadWorkOffline(store)).toBe(false);
    saveWorkOffline(store, true);
    expect(loadWorkOffline(store)).toBe(true);
    saveWorkOffline(store, false);
    expect(loadWorkOffline(store)).toBe(false);
  });
});

function respond(status: number, body: unknown) {
  return async () => new Response(JSON.stringify(body), { status });
}

describe('requestLogin', () => {
  it('returns the session on 200', async () => {
    const outcome = await requestLogin(
      'admin',
      'pw',
      respond(200, { token: 'abc', user: { username: 'admin', role: 'admin' } }),
    );
    expect(outcome).toEqual({
      ok: true,
      session: { token: 'abc', user: { username: 'admin', role: 'admin' } },
    });
  });

  it('keeps the refresh token and places the expiry on the device clock, naming the device', async () => {
    let sent: unknown;
    const outcome = await requestLogin(
      'Ann ',
      'pw',
      async (_url, init) => {
        sent = JSON.parse(String(init?.body));
        return new Response(
          JSON.stringify({
            token: 'a1',
            refreshToken: 'r1',
            expiresAt: '2025-01-01T00:15:00.000Z',
            refreshExpiresAt: '2025-01-31T00:00:00.000Z',
            user: { username: 'ann', role: 'clerk' },
          }),
          { status: 200, headers: { date: 'Wed, 01 Jan 2025 00:00:00 GMT' } },
        );
      },
      'device-123',
      () => 5_000,
    );
    expect(sent).toEqual({ username: 'Ann', password: 'pw', device: 'device-123' });
    expect(outcome).toEqual({
      ok: true,
      session: {
        token: 'a1',
        refreshToken: 'r1',
        expiresAt: 5_000 + 15 * 60_000 - 1000,
        lifetimeMs: 15 * 60_000 - 1000,
        user: { username: 'ann', role: 'clerk' },
      },
    });
  });

  it('explains wrong credentials, a missing server and an unexpected answer', async () => {
    expect(await requestLogin('a', 'b', respond(401, {}))).toEqual({
      ok: false,
      message: 'Wrong username or password.',
    });
    const offline = await requestLogin('a', 'b', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(offline.ok === false && offline.message).toMatch(/Cannot reach the server/);
    const odd = await requestLogin('a', 'b', respond(200, { token: 1 }));
    expect(odd.ok === false && odd.message).toMatch(/does not understand/);
    expect(await requestLogin('  ', 'b', respond(200, {}))).toMatchObject({ ok: false });
  });

  it('tells an expired token from an unreachable server', async () => {
    expect(await tokenAccepted('t', respond(401, {}))).toBe(false);
    expect(await tokenAccepted('t', respond(200, { username: 'a' }))).toBe(true);
    expect(
      await tokenAccepted('t', async () => {
        throw new TypeError('offline');
      }),
    ).toBeNull();
  });
});
