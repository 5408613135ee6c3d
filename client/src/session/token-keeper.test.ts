// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { memoryStore } from './key-value-store.ts';
import { leaseExclusive } from './refresh-lock.ts';
import { loadSession, SESSION_KEY, type Session, saveSession } from './session.ts';
import { type Exclusive, refreshDueAt, sessionFromReply, TokenKeeper } from './token-keeper.ts';

const USER = { username: 'ann', role: 'clerk' } as const;

/**
 * The server's refresh rule in miniature: every refresh rotates the refresh token; the
 * replaced one still works until the new access token has been used; presenting it after
 * that revokes the session. Access tokens live `ttl` ms.
 */
class FakeAuthServer {
  now = 1_000_000;
  refreshCalls = 0;
  revoked = false;
  private generation = 0;
  private current = 'r0';
  private previous: string | null = null;
  private confirmed = true;
  private readonly access = new Map<string, { generation: number; expires: number }>();
  down = false;

  constructor(private readonly ttl = 15 * 60_000) {
    this.access.set('t0', { generation: 0, expires: this.now + ttl });
  }

  login(): Session {
    return sessionFromReply(
      { token: 't0', refreshToken: 'r0', expiresAt: new Date(this.now + this.ttl).toISOString(), user: USER },
      this.now,
      this.now,
    );
  }

  /** A request made with an access token (a sync connection, an API call). */
  use(token: string): boolean {
    const a = this.access.get(token);
    if (this.revoked || !a || a.expires <= this.now) return false;
    if (a.generation === this.generation) this.confirmed = true;
    return true;
  }

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    if (url !== '/api/auth/refresh') throw new Error(`unexpected ${url}`);
    this.refreshCalls++;
    await Promise.resolve();
    if (this.down) throw new TypeError('Failed to fetch');
    const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
    const refuse = () => new Response(JSON.stringify({ error: 'unauthorized' }), { status: 401 });
    if (this.revoked) return refuse();
    if (refreshToken === this.previous && this.confirmed) {
      this.revoked = true;
      return refuse();
    }
    if (refreshToken !== this.current && refreshToken !== this.previous) return refuse();
    this.generation++;
    this.previous = refreshToken;
    this.current = `r${this.generation}`;
    this.confirmed = false;
    const token = `t${this.generation}`;
    this.access.set(token, { generation: this.generation, expires: this.now + this.ttl });
    return new Response(
      JSON.stringify({
        token,
        refreshToken: this.current,
        expiresAt: new Date(this.now + this.ttl).toISOString(),
        refreshExpiresAt: new Date(this.now + 30 * 86_400_000).toISOString(),
        user: USER,
      }),
      { status: 200, headers: { date: new Date(this.now).toUTCString() } },
    );
  };
}

/** Web Locks in miniature: one holder at a time, in arrival order. */
function mutex(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

function tab(server: FakeAuthServer, store = memoryStore(), exclusive: Exclusive = mutex()) {
  const initial = loadSession(store) ?? server.login();
  saveSession(store, initial);
  return new TokenKeeper({ store, initial, fetch: server.fetch, now: () => server.now, exclusive });
}

describe('sessionFromReply', () => {
  it('measures the lifetime on the server clock and places it on the device clock', () => {
    // Device clock 10 minutes behind the server's.
    const serverNow = Date.parse('2025-03-01T12:00:00Z');
    const deviceNow = serverNow - 10 * 60_000;
    const s = sessionFromReply(
      { token: 't', refreshToken: 'r', expiresAt: '2025-03-01T12:15:00Z', user: USER },
      deviceNow,
      serverNow,
    );
    // A second less than 15 minutes: the Date header only has whole seconds.
    expect(s.lifetimeMs).toBe(15 * 60_000 - 1000);
    expect(s.expiresAt).toBe(deviceNow + 15 * 60_000 - 1000);
    expect(s.refreshToken).toBe('r');
  });

  it('keeps sessions from servers without refresh tokens usable but never refreshes them', () => {
    const s = sessionFromReply({ token: 't', user: USER }, 1000, null);
    expect(s).toEqual({ token: 't', user: USER });
    expect(refreshDueAt(s)).toBeNull();
  });

  it('refreshes a minute early for long tokens and a quarter early for short ones', () => {
    const long: Session = {
      token: 't',
      user: USER,
      refreshToken: 'r',
      expiresAt: 900_000,
      lifetimeMs: 900_000,
    };
    expect(refreshDueAt(long)).toBe(840_000);
    const short: Session = { token: 't', user: USER, refreshToken: 'r', expiresAt: 8_000, lifetimeMs: 8_000 };
    expect(refreshDueAt(short)).toBe(6_000);
  });
});

describe('TokenKeeper', () => {
  it('replaces the pair, stores it and tells its listeners', async () => {
    const server = new FakeAuthServer();
    const store = memoryStore();
    const keeper = tab(server, store);
    const seen: string[] = [];
    keeper.onSession((s) => seen.push(s.token));
    expect(keeper.isDue()).toBe(false);
    server.now += 14.5 * 60_000;
    expect(keeper.isDue()).toBe(true);
    expect(keeper.expired()).toBe(false);

    const outcome = await keeper.refresh();
    expect(outcome.kind).toBe('refreshed');
    expect(keeper.session.token).toBe('t1');
    expect(loadSession(store)).toMatchObject({ token: 't1', refreshToken: 'r1' });
    expect(seen).toEqual(['t1']);
    expect(keeper.isDue()).toBe(false);
    expect(server.use(keeper.session.token)).toBe(true);
  });

  it('shares one request between concurrent callers in a tab', async () => {
    const server = new FakeAuthServer();
    const keeper = tab(server);
    const [a, b, c] = await Promise.all([keeper.refresh(), keeper.refresh(), keeper.refresh()]);
    expect(server.refreshCalls).toBe(1);
    expect([a.kind, b.kind, c.kind]).toEqual(['refreshed', 'refreshed', 'refreshed']);
  });

  it('lets two tabs refresh at once without spending the rotated token twice', async () => {
    const server = new FakeAuthServer();
    const store = memoryStore();
    const exclusive = mutex();
    const one = tab(server, store, exclusive);
    const two = tab(server, store, exclusive);
    server.now += 15 * 60_000; // both expired

    const [first, second] = await Promise.all([one.refresh(), two.refresh()]);
    expect(server.refreshCalls).toBe(1);
    expect(first.kind).toBe('refreshed');
    expect(second.kind).toBe('adopted');
    expect(one.session.token).toBe(two.session.token);
    expect(server.use(one.session.token)).toBe(true);

    // Next round, same again: the session is never revoked.
    server.now += 15 * 60_000;
    await Promise.all([two.refresh(), one.refresh()]);
    expect(server.revoked).toBe(false);
    expect(server.use(one.session.token) && server.use(two.session.token)).toBe(true);
  });

  it('shows what the lock prevents: a tab reusing the replaced token ends the session', async () => {
    const server = new FakeAuthServer();
    const store = memoryStore();
    const one = tab(server, store, (fn) => fn());
    // A tab that never sees the other's storage, as two unsynchronised tabs would be.
    const staleStore = memoryStore();
    saveSession(staleStore, one.session);
    const stale = new TokenKeeper({ store: staleStore, initial: one.session, fetch: server.fetch });
    await one.refresh();
    server.use(one.session.token);
    expect((await stale.refresh()).kind).toBe('refused');
    expect(server.revoked).toBe(true);
  });

  it('takes over a pair another tab stored (storage event)', () => {
    const server = new FakeAuthServer();
    const store = memoryStore();
    const keeper = tab(server, store);
    const seen: string[] = [];
    keeper.onSession((s) => seen.push(s.token));
    expect(keeper.adoptStored()).toBe(false);
    saveSession(store, { ...keeper.session, token: 'other-tab', refreshToken: 'r9' });
    expect(keeper.adoptStored()).toBe(true);
    expect(keeper.session.token).toBe('other-tab');
    expect(seen).toEqual(['other-tab']);
    // Somebody else's login is not taken over silently.
    saveSession(store, { token: 'x', user: { username: 'bob', role: 'admin' } });
    expect(keeper.adoptStored()).toBe(false);
    expect(keeper.session.user.username).toBe('ann');
  });

  it('keeps the token and the data when the server cannot be reached', async () => {
    const server = new FakeAuthServer();
    const store = memoryStore();
    const keeper = tab(server, store);
    server.down = true;
    const outcome = await keeper.refresh();
    expect(outcome.kind).toBe('unreachable');
    expect(keeper.session.token).toBe('t0');
    expect(loadSession(store)?.refreshToken).toBe('r0');
    server.down = false;
    expect((await keeper.refresh()).kind).toBe('refreshed');
  });

  it('counts a 5xx or an unreadable answer as unreachable, not as a refusal', async () => {
    const store = memoryStore();
    const initial: Session = { token: 't', user: USER, refreshToken: 'r', expiresAt: 1, lifetimeMs: 1 };
    saveSession(store, initial);
    for (const response of [
      new Response('busy', { status: 503 }),
      new Response('{"token":', { status: 200 }),
      new Response('', { status: 429 }),
    ]) {
      const keeper = new TokenKeeper({ store, initial, fetch: async () => response });
      expect((await keeper.refresh()).kind).toBe('unreachable');
    }
    expect(loadSession(store)).toEqual(initial);
  });

  it('asks for a login only when the refresh token is refused', async () => {
    const server = new FakeAuthServer();
    const keeper = tab(server);
    server.revoked = true; // an admin ended the session
    const outcome = await keeper.refresh();
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect(keeper.session.token).toBe('t0');
  });

  it('refuses sessions without a refresh token and sessions logged out in another tab', async () => {
    const store = memoryStore();
    const legacy: Session = { token: 'old', user: USER };
    saveSession(store, legacy);
    const calls: string[] = [];
    const keeper = new TokenKeeper({
      store,
      initial: legacy,
      fetch: async (url) => {
        calls.push(url);
        return new Response('{}', { status: 500 });
      },
    });
    expect(keeper.canRefresh).toBe(false);
    expect((await keeper.refresh()).kind).toBe('refused');
    expect(calls).toEqual([]);

    const server = new FakeAuthServer();
    const store2 = memoryStore();
    const other = tab(server, store2);
    store2.removeItem(SESSION_KEY);
    expect(await other.refresh()).toMatchObject({ kind: 'refused', message: /another window/ });
    expect(server.refreshCalls).toBe(0);
  });

  it('adopts the pair of a tab that won the rotation when our own refresh is refused', async () => {
    const store = memoryStore();
    const initial: Session = { token: 't0', user: USER, refreshToken: 'r0', expiresAt: 1, lifetimeMs: 1 };
    saveSession(store, initial);
    const keeper = new TokenKeeper({
      store,
      initial,
      // While our request was on its way, a tab without the lock rotated the pair and stored it.
      fetch: async () => {
        saveSession(store, { ...initial, token: 't-other', refreshToken: 'r-other', expiresAt: 9e15 });
        return new Response('{"error":"unauthorized"}', { status: 401 });
      },
    });
    expect(await keeper.refresh()).toMatchObject({ kind: 'adopted' });
    expect(keeper.session.token).toBe('t-other');
  });
});

describe('leaseExclusive', () => {
  it('runs one holder at a time across "tabs" sharing a store', async () => {
    const store = memoryStore();
    const a = leaseExclusive(store, 'lease');
    const b = leaseExclusive(store, 'lease');
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 30));
      inside--;
      return 'done';
    };
    const results = await Promise.all([a(work), b(work), a(work)]);
    expect(results).toEqual(['done', 'done', 'done']);
    expect(most).toBe(1);
    expect(store.getItem('lease')).toBeNull();
  });

  it('takes over a lease left behind by a closed tab', async () => {
    const store = memoryStore();
    store.setItem('lease', JSON.stringify({ owner: 'gone', until: Date.now() - 1 }));
    expect(await leaseExclusive(store, 'lease')(async () => 42)).toBe(42);
  });
});
