// @vitest-environment node
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loginAdmin } from './support/api-client.ts';
import { countOf, counts, putCount, writer } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';
import { NodeWebSocket } from './support/ws.ts';

/** Access tokens live 1.5 s here, so expiry can be observed without waiting 15 minutes. */
const ACCESS_TTL_MS = 1500;

interface Pair {
  token: string;
  refreshToken: string;
  expiresAt: string;
  refreshExpiresAt: string;
}

describe('access and refresh tokens', () => {
  let server: ServerProcess;
  const clients: SyncClient[] = [];
  const open = async (room: string, token: string) => {
    const c = await connect(server.wsUrl, room, token);
    clients.push(c);
    return c;
  };
  const anon = () => new ApiClient(server.url);
  const loginPair = async (username: string, password: string, device = 'tokens-test'): Promise<Pair> => {
    const res = await anon().post('/api/auth/login', { username, password, device });
    expect(res.status).toBe(200);
    return res.body as Pair;
  };
  const refresh = (refreshToken: unknown) => anon().post('/api/auth/refresh', { refreshToken });
  const upgradeStatus = (room: string, token: string) =>
    new Promise<number>((resolve) => {
      const ws = new NodeWebSocket(`${server.wsUrl}/${room}?token=${encodeURIComponent(token)}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => {});
    });
  /** An admin client with a fresh token (tokens here expire within seconds). */
  const admin = () => loginAdmin(server);
  const createUser = async (username: string, role: string) => {
    const password = `pw-${username}-123456`;
    expect((await (await admin()).post('/api/users', { username, password, role })).status).toBe(201);
    return password;
  };

  beforeAll(async () => {
    server = await ServerProcess.start({ env: { ACCESS_TOKEN_TTL_MS: String(ACCESS_TTL_MS) } });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('login returns a short-lived access token and a refresh token; expired access is 401 for API and sync', async () => {
    const before = Date.now();
    const pair = await loginPair('admin', server.adminPassword);
    expect(Date.parse(pair.expiresAt)).toBeGreaterThanOrEqual(before + ACCESS_TTL_MS - 1000);
    expect(Date.parse(pair.refreshExpiresAt)).toBeGreaterThan(Date.parse(pair.expiresAt));
    const client = anon().withToken(pair.token);
    expect((await client.get('/api/me')).status).toBe(200);
    expect(await upgradeStatus('catalog', pair.token)).toBe(101);

    await waitFor(async () => (await client.get('/api/me')).status === 401, 'the access token to expire');
    expect(await upgradeStatus('catalog', pair.token)).toBe(401);

    const next = await refresh(pair.refreshToken);
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ user: { username: 'admin', role: 'admin' } });
    expect(next.body.token).not.toBe(pair.token);
    expect(next.body.refreshToken).not.toBe(pair.refreshToken);
    expect((await anon().withToken(next.body.token).get('/api/me')).status).toBe(200);
    expect(await upgradeStatus('catalog', next.body.token)).toBe(101);
  });

  it('refresh refuses bad bodies (400) and unknown tokens (401)', async () => {
    expect((await refresh(undefined)).status).toBe(400);
    expect((await refresh('')).status).toBe(400);
    const unknown = await refresh('not-a-refresh-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('unauthorized');
    // An access token is not a refresh token.
    const pair = await loginPair('admin', server.adminPassword);
    expect((await refresh(pair.token)).status).toBe(401);
  });

  it('an open sync connection lives as long as its access token (4401); the device refreshes, reconnects and loses nothing', async () => {
    const pair = await loginPair('admin', server.adminPassword);
    const me = writer('admin', 'tokens-test');
    const a = await open('stocktake-tok-live', pair.token);
    const b = await open('stocktake-tok-live', pair.token);
    putCount(a.doc, me, 'before-expiry', 1);
    await a.waitSaved();
    await waitFor(() => countOf(b.doc, 'before-expiry') === 1, 'a change before expiry to sync');

    // At expiry the server closes both sockets with 4401; the stock client stops retrying the dead token.
    await waitFor(
      () => a.closeCodes.includes(CLOSE.unauthorized) && b.closeCodes.includes(CLOSE.unauthorized),
      'both sockets to close with 4401 when the token expires',
    );
    expect((await anon().withToken(pair.token).get('/api/me')).status).toBe(401);
    expect(a.provider.shouldConnect).toBe(false);
    // Counted meanwhile: kept on the device, not on the server yet.
    putCount(a.doc, me, 'while-closed', 2);
    expect(a.pending()).toBeGreaterThan(0);

    // What the app does on 4401 (room-connection.ts setToken): refresh, then reconnect with the new token.
    const next = await refresh(pair.refreshToken);
    expect(next.status).toBe(200);
    for (const c of [a, b]) {
      c.provider.params = { ...c.provider.params, token: next.body.token };
      c.provider.connect();
    }
    await a.waitSaved();
    await waitFor(() => countOf(b.doc, 'while-closed') === 2, 'the change made while closed to reach b');
    expect(counts(b.doc)).toEqual({ 'before-expiry': 1, 'while-closed': 2 });
    const fresh = await open('stocktake-tok-live', next.body.token);
    expect(counts(fresh.doc)).toEqual(counts(a.doc));
  });

  it('a lost refresh reply can be retried with the old refresh token', async () => {
    const pair = await loginPair('admin', server.adminPassword);
    const lost = await refresh(pair.refreshToken);
    expect(lost.status).toBe(200);
    const retried = await refresh(pair.refreshToken);
    expect(retried.status).toBe(200);
    expect((await anon().withToken(retried.body.token).get('/api/me')).status).toBe(200);
  });

  it('reusing a replaced refresh token revokes the session and closes its sockets with 4401', async () => {
    const pair = await loginPair('admin', server.adminPassword, 'stolen-device');
    const rotated = await refresh(pair.refreshToken);
    expect(rotated.status).toBe(200);
    const live = await open('stocktake-tok-reuse', rotated.body.token); // the new pair is in use
    const thief = await refresh(pair.refreshToken);
    expect(thief.status).toBe(401);
    await waitFor(
      () => live.closeCodes.includes(CLOSE.unauthorized),
      'the session’s socket to close with 4401',
    );
    expect((await anon().withToken(rotated.body.token).get('/api/me')).status).toBe(401);
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    const audit = await (await admin()).get('/api/audit?user=admin&limit=50');
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('auth.refresh_reused');
    await waitFor(
      () => server.logs().includes('refresh token reused; session revoked'),
      `log line refresh token reused; session revoked`,
    );
  });

  it('logout revokes access and refresh tokens and closes that session’s sockets only', async () => {
    const password = await createUser('tok-logout', 'clerk');
    const phone = await loginPair('tok-logout', password, 'phone');
    const tablet = await loginPair('tok-logout', password, 'tablet');
    const onPhone = await open('catalog', phone.token);
    const onTablet = await open('catalog', tablet.token);
    expect((await anon().withToken(phone.token).post('/api/auth/logout')).status).toBe(200);
    await waitFor(
      () => onPhone.closeCodes.includes(CLOSE.unauthorized),
      'the phone’s socket to close with 4401',
    );
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect(await upgradeStatus('catalog', phone.token)).toBe(401);
    // The tablet's session is untouched.
    expect(onTablet.closeCodes).toEqual([]);
    expect((await refresh(tablet.refreshToken)).status).toBe(200);
  });

  it('deactivating a user revokes every session: sockets close with 4401, refresh is refused', async () => {
    const password = await createUser('tok-gone', 'viewer');
    const pair = await loginPair('tok-gone', password);
    const socket = await open('catalog', pair.token);
    expect((await (await admin()).patch('/api/users/tok-gone', { active: false })).status).toBe(200);
    await waitFor(() => socket.closeCodes.includes(CLOSE.unauthorized), 'the socket to close with 4401');
    const res = await refresh(pair.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('log in again');
  });

  it('an admin lists device sessions with their connections and revokes one (DELETE /api/sessions/{id})', async () => {
    const password = await createUser('tok-dev', 'clerk');
    const scanner = await loginPair('tok-dev', password, 'scanner-1');
    const desk = await loginPair('tok-dev', password, 'desk');
    const onScanner = await open('catalog', scanner.token);
    const onDesk = await open('catalog', desk.token);
    const adminClient = await admin();
    const list = await adminClient.get('/api/sessions?username=tok-dev');
    expect(list.status).toBe(200);
    const byDevice = new Map(list.body.map((s: { device: string }) => [s.device, s]));
    expect(byDevice.get('scanner-1')).toMatchObject({
      username: 'tok-dev',
      connections: 1,
      address: '127.0.0.1',
    });
    expect(byDevice.get('desk')).toMatchObject({ connections: 1 });
    const scannerSession = (byDevice.get('scanner-1') as { id: string }).id;

    // Only admins may do this.
    expect((await anon().withToken(desk.token).delete(`/api/sessions/${scannerSession}`)).status).toBe(403);
    expect((await adminClient.delete(`/api/sessions/${scannerSession}`)).status).toBe(200);
    await waitFor(() => onScanner.closeCodes.includes(CLOSE.unauthorized), 'the scanner’s socket to close');
    expect((await refresh(scanner.refreshToken)).status).toBe(401);
    expect(onDesk.closeCodes).toEqual([]);
    expect((await adminClient.delete(`/api/sessions/${scannerSession}`)).status).toBe(404);
    expect((await adminClient.delete('/api/sessions/no-such-session')).status).toBe(404);
    const after = await adminClient.get('/api/sessions?username=tok-dev');
    expect(after.body.map((s: { device: string }) => s.device)).toEqual(['desk']);
    const audit = await adminClient.get('/api/audit?subject=user:tok-dev');
    expect(audit.body[0]).toMatchObject({ action: 'session.revoke', details: { session: scannerSession } });
  });
});
