import { z } from 'zod';
import type { KeyValueStore } from './key-value-store.ts';
import { loadSession, type Session, saveSession, User } from './session.ts';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Runs `fn` while no other tab of this origin runs its own `fn` under the same exclusion. */
export type Exclusive = <T>(fn: () => Promise<T>) => Promise<T>;

/** What the server answers to a login and to a refresh. */
export const TokenReply = z.object({
  token: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** When `token` expires, on the server's clock (ISO 8601). */
  expiresAt: z.string().optional(),
  user: User,
});
export type TokenReply = z.infer<typeof TokenReply>;

/** The server's Date header has whole seconds: a lifetime measured with it may be this much too long. */
const DATE_GRANULARITY_MS = 1000;
/** Refresh a quarter of the token's lifetime before it ends, but never more than this early. */
const MAX_MARGIN_MS = 60_000;

/**
 * The session to keep from a token reply. The device's clock may be minutes off the
 * server's, so the lifetime is measured on the server's clock (its Date header) and then
 * placed on ours: `expiresAt` is in this device's time.
 */
export function sessionFromReply(reply: TokenReply, receivedAt: number, serverDate: number | null): Session {
  const session: Session = { token: reply.token, user: reply.user };
  if (reply.refreshToken) session.refreshToken = reply.refreshToken;
  const expires = reply.expiresAt ? Date.parse(reply.expiresAt) : Number.NaN;
  if (Number.isFinite(expires)) {
    const lifetime =
      serverDate === null || !Number.isFinite(serverDate)
        ? expires - receivedAt
        : expires - serverDate - DATE_GRANULARITY_MS;
    session.lifetimeMs = Math.max(0, Math.round(lifetime));
    session.expiresAt = Math.round(receivedAt + session.lifetimeMs);
  }
  return session;
}

/** Reads a login/refresh reply into a session, or null when the body is not one. */
export async function readTokenReply(response: Response, receivedAt: number): Promise<Session | null> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return null;
  }
  const parsed = TokenReply.safeParse(body);
  if (!parsed.success) return null;
  const date = response.headers.get('date');
  return sessionFromReply(parsed.data, receivedAt, date ? Date.parse(date) : null);
}

/** When to refresh (this device's clock), or null when the session cannot be refreshed. */
export function refreshDueAt(session: Session): number | null {
  if (session.expiresAt === undefined || !session.refreshToken) return null;
  const lifetime = session.lifetimeMs ?? MAX_MARGIN_MS * 4;
  return session.expiresAt - Math.min(MAX_MARGIN_MS, lifetime / 4);
}

export type RefreshResponse =
  | { kind: 'ok'; session: Session }
  | { kind: 'refused'; message: string }
  | { kind: 'unreachable'; message: string };

/** POST /api/auth/refresh. Only an answer that says "this token is no good" counts as refused. */
export async function requestRefresh(
  refreshToken: string,
  fetchImpl: Fetch,
  now: () => number,
): Promise<RefreshResponse> {
  let response: Response;
  try {
    response = await fetchImpl('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return { kind: 'unreachable', message: 'The server cannot be reached.' };
  }
  if (response.status === 400 || response.status === 401 || response.status === 403)
    return { kind: 'refused', message: 'The server ended this login. Log in again to sync.' };
  if (!response.ok) return { kind: 'unreachable', message: `The server answered ${response.status}.` };
  const session = await readTokenReply(response, now());
  return session
    ? { kind: 'ok', session }
    : { kind: 'unreachable', message: 'The server sent an answer this app does not understand.' };
}

export type RefreshOutcome =
  /** This tab got a new token pair from the server. */
  | { kind: 'refreshed'; session: Session }
  /** Another tab had already refreshed (or logged in again): its pair is taken over. */
  | { kind: 'adopted'; session: Session }
  /** No answer: keep the current token and the local data, try again later. */
  | { kind: 'unreachable'; message: string }
  /** The refresh token is refused (revoked, expired, user deactivated): log in again. */
  | { kind: 'refused'; message: string };

export interface TokenKeeperOptions {
  store: KeyValueStore;
  initial: Session;
  fetch?: Fetch;
  now?: () => number;
  /** Cross-tab exclusion for refreshing; without it, tabs may race (see the class comment). */
  exclusive?: Exclusive;
}

const noExclusion: Exclusive = (fn) => fn();

/**
 * Keeps this tab's access token fresh, and agrees with the other tabs on one token pair.
 *
 * The server rotates the refresh token on every refresh and revokes the whole session
 * when a replaced refresh token comes back after its successor was used. Two tabs each
 * refreshing with the same stored token would therefore log the person out. So refreshes
 * run one at a time across tabs (`exclusive`, a Web Lock), and inside the exclusion the
 * stored pair is read again: if another tab already replaced it, that pair is adopted
 * instead of spending the old refresh token.
 */
export class TokenKeeper {
  private current: Session;
  private inFlight: Promise<RefreshOutcome> | null = null;
  private readonly listeners = new Set<(session: Session) => void>();
  private readonly store: KeyValueStore;
  private readonly fetchImpl: Fetch;
  private readonly now: () => number;
  private readonly exclusive: Exclusive;

  constructor(options: TokenKeeperOptions) {
    this.store = options.store;
    this.current = options.initial;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
    this.exclusive = options.exclusive ?? noExclusion;
  }

  get session(): Session {
    return this.current;
  }

  /** Called with every new pair: refreshed here, adopted from another tab, or a new login. */
  onSession(listener: (session: Session) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After logging in again: keep the new session and tell every listener. */
  replace(session: Session): void {
    saveSession(this.store, session);
    this.use(session);
  }

  /** When the token should be refreshed (this device's clock), or null if it cannot be. */
  dueAt(): number | null {
    return refreshDueAt(this.current);
  }

  isDue(): boolean {
    const due = this.dueAt();
    return due !== null && this.now() >= due;
  }

  /** True once the access token is past its lifetime (false when its lifetime is unknown). */
  expired(): boolean {
    return this.current.expiresAt !== undefined && this.now() >= this.current.expiresAt;
  }

  get canRefresh(): boolean {
    return this.current.refreshToken !== undefined;
  }

  /**
   * Another tab wrote the stored session (a storage event): take its pair if it is a newer
   * one for the same person. Returns true when the token changed.
   */
  adoptStored(): boolean {
    const stored = loadSession(this.store);
    if (!stored || stored.user.username !== this.current.user.username) return false;
    if (stored.token === this.current.token) return false;
    this.use(stored);
    return true;
  }

  /** Gets a fresh pair; concurrent calls in this tab share one attempt. */
  refresh(): Promise<RefreshOutcome> {
    if (!this.inFlight) {
      this.inFlight = this.exclusive(() => this.refreshExclusively()).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async refreshExclusively(): Promise<RefreshOutcome> {
    const startedWith = this.current.token;
    const stored = loadSession(this.store);
    if (!stored) return { kind: 'refused', message: 'You logged out in another window. Log in again.' };
    if (stored.user.username !== this.current.user.username)
      return { kind: 'refused', message: `${stored.user.username} logged in on this device. Log in again.` };
    if (stored.token !== startedWith) {
      // Another tab refreshed (or logged in) while we waited for our turn.
      this.use(stored);
      const due = refreshDueAt(stored);
      if (due === null || this.now() < due) return { kind: 'adopted', session: stored };
    }
    const refreshToken = stored.refreshToken;
    if (!refreshToken) return { kind: 'refused', message: 'Your login has expired. Log in again to sync.' };
    const answer = await requestRefresh(refreshToken, this.fetchImpl, this.now);
    if (answer.kind === 'ok') {
      saveSession(this.store, answer.session);
      this.use(answer.session);
      return { kind: 'refreshed', session: answer.session };
    }
    if (answer.kind === 'refused') {
      // A tab without the lock (an old version of the app) may have won the rotation.
      const now = loadSession(this.store);
      if (now && now.refreshToken !== refreshToken && now.user.username === this.current.user.username) {
        this.use(now);
        return { kind: 'adopted', session: now };
      }
    }
    return answer;
  }

  private use(session: Session): void {
    this.current = session;
    for (const listener of [...this.listeners]) listener(session);
  }
}
