import { createHash, randomBytes } from 'node:crypto';
import { randomId } from '@stockroom/shared/ids';
import type { Db } from '../db/database.ts';
import type { Role } from './permissions.ts';
import type { UserStore } from './users.ts';

/** Access tokens are short-lived: a stolen one is useful for minutes, not days. */
export const ACCESS_TTL_MS = 15 * 60_000;
/**
 * A session (device) lives this long after its last refresh: long enough for a device to
 * work offline for weeks and refresh when it is back online.
 */
export const REFRESH_TTL_MS = 30 * 24 * 3600_000;
/** last_seen is written at most this often per session (a write per request would be waste). */
const TOUCH_EVERY_MS = 60_000;
/** Expired access-token rows are deleted at most this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

export interface Session {
  id: string;
  username: string;
  role: Role;
  device: string;
  /** When the access token this session was verified with expires (ms since epoch). */
  expiresAt: number;
}

/** A fresh token pair, as handed to the client. Only their hashes are stored. */
export interface TokenPair {
  token: string;
  refreshToken: string;
  /** Access token expiry (ms since epoch). */
  expiresAt: number;
  /** Refresh token (= session) expiry (ms since epoch). */
  refreshExpiresAt: number;
}

export type RefreshResult =
  | { ok: true; tokens: TokenPair; session: Session }
  | {
      ok: false;
      /** `reused`: a refresh token already replaced was presented again; the session is now revoked. */
      reason: 'unknown' | 'expired' | 'revoked' | 'inactive' | 'reused';
      sessionId?: string;
      username?: string;
    };

export interface SessionView {
  id: string;
  username: string;
  device: string;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SessionTtls {
  accessTtlMs: number;
  refreshTtlMs: number;
}

interface SessionRow {
  id: string;
  username: string;
  device: string;
  address: string | null;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  refresh_confirmed: number;
  generation: number;
}

interface AccessRow {
  session_id: string;
  generation: number;
  token_expires_at: number;
  username: string;
  device: string;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  refresh_confirmed: number;
  session_generation: number;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Device sessions with short-lived bearer access tokens and one rotating refresh token
 * each. Only SHA-256 hashes of tokens are stored, so a copy of the database lets nobody in.
 *
 * Rotation: every refresh replaces the refresh token. The replaced one is still accepted
 * until the new pair has been used once — on a patchy network the reply carrying the new
 * pair may never arrive, and the client must be able to retry. Presenting a replaced
 * refresh token after the new pair was used means two parties hold it: the session is
 * revoked (the RFC 6819 / OAuth 2.1 refresh-token-reuse rule).
 */
export class SessionStore {
  private readonly ttl: SessionTtls;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly users: UserStore,
    private readonly now: () => number = Date.now,
    ttl: Partial<SessionTtls> = {},
  ) {
    this.ttl = {
      accessTtlMs: ttl.accessTtlMs ?? ACCESS_TTL_MS,
      refreshTtlMs: ttl.refreshTtlMs ?? REFRESH_TTL_MS,
    };
  }

  /** A new session for a logged-in user, with its first token pair. */
  create(username: string, device: string, address: string | null): { tokens: TokenPair; session: Session } {
    const id = randomId();
    const now = this.now();
    const refreshToken = newToken();
    const refreshExpiresAt = now + this.ttl.refreshTtlMs;
    const user = this.users.get(username);
    if (!user) throw new Error(`no user ${username}`);
    const tokens = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sessions (id, username, device, address, created_at, expires_at, last_seen_at, refresh_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, username, device, address, now, refreshExpiresAt, now, hashToken(refreshToken));
      const access = this.issueAccess(id, 0, now, refreshExpiresAt);
      return { token: access.token, refreshToken, expiresAt: access.expiresAt, refreshExpiresAt };
    })();
    this.sweep(now);
    return { tokens, session: { id, username, role: user.role, device, expiresAt: tokens.expiresAt } };
  }

  /** The live session for an access token: token not expired, session not revoked or ended, user active. */
  verify(token: string): Session | undefined {
    if (!token || token.length > 256) return undefined;
    const row = this.db
      .prepare(
        `SELECT a.session_id, a.generation, a.expires_at AS token_expires_at,
                s.username, s.device, s.expires_at, s.last_seen_at, s.revoked_at, s.refresh_confirmed,
                s.generation AS session_generation
         FROM access_tokens a JOIN sessions s ON s.id = a.session_id
         WHERE a.token_hash = ?`,
      )
      .get(hashToken(token)) as AccessRow | undefined;
    const now = this.now();
    if (!row || row.revoked_at !== null || row.token_expires_at <= now || row.expires_at <= now)
      return undefined;
    const user = this.users.get(row.username);
    if (!user?.active) return undefined;
    // Using the newest access token proves the client holds the newest pair: from now on the
    // replaced refresh token counts as reused.
    const confirms = row.refresh_confirmed === 0 && row.generation === row.session_generation;
    if (confirms || now - row.last_seen_at >= TOUCH_EVERY_MS) {
      this.db
        .prepare(
          `UPDATE sessions SET last_seen_at = ?,
             refresh_confirmed = CASE WHEN generation = ? THEN 1 ELSE refresh_confirmed END
           WHERE id = ?`,
        )
        .run(now, row.generation, row.session_id);
    }
    return {
      id: row.session_id,
      username: row.username,
      role: user.role,
      device: row.device,
      expiresAt: row.token_expires_at,
    };
  }

  /** Exchanges a refresh token for a new pair (rotation); see the class comment for reuse. */
  refresh(refreshToken: string): RefreshResult {
    if (!refreshToken || refreshToken.length > 256) return { ok: false, reason: 'unknown' };
    const hash = hashToken(refreshToken);
    const now = this.now();
    const result = this.db.transaction((): RefreshResult => {
      const current = this.db.prepare('SELECT * FROM sessions WHERE refresh_hash = ?').get(hash) as
        | SessionRow
        | undefined;
      const previous = current
        ? undefined
        : (this.db.prepare('SELECT * FROM sessions WHERE prev_refresh_hash = ?').get(hash) as
            | SessionRow
            | undefined);
      const row = current ?? previous;
      if (!row) return { ok: false, reason: 'unknown' };
      const who = { sessionId: row.id, username: row.username };
      if (row.revoked_at !== null) return { ok: false, reason: 'revoked', ...who };
      if (row.expires_at <= now) return { ok: false, reason: 'expired', ...who };
      const user = this.users.get(row.username);
      if (!user?.active) return { ok: false, reason: 'inactive', ...who };
      if (previous && previous.refresh_confirmed === 1) {
        this.revokeRow(row.id, now, 'refresh token reused');
        return { ok: false, reason: 'reused', ...who };
      }
      // Either the current token, or the replaced one while the newest pair is still unused
      // (its reply was lost): rotate. The replaced token stays the fallback in both cases.
      const nextRefresh = newToken();
      const generation = row.generation + 1;
      const refreshExpiresAt = now + this.ttl.refreshTtlMs;
      this.db
        .prepare(
          `UPDATE sessions SET refresh_hash = ?, prev_refresh_hash = ?, refresh_confirmed = 0,
             generation = ?, expires_at = ?, last_seen_at = ? WHERE id = ?`,
        )
        .run(hashToken(nextRefresh), hash, generation, refreshExpiresAt, now, row.id);
      const access = this.issueAccess(row.id, generation, now, refreshExpiresAt);
      return {
        ok: true,
        tokens: {
          token: access.token,
          refreshToken: nextRefresh,
          expiresAt: access.expiresAt,
          refreshExpiresAt,
        },
        session: {
          id: row.id,
          username: row.username,
          role: user.role,
          device: row.device,
          expiresAt: access.expiresAt,
        },
      };
    })();
    this.sweep(now);
    return result;
  }

  /** Ends a session: its access tokens and its refresh token stop working. False if it was not live. */
  revoke(id: string, reason = 'revoked'): boolean {
    return this.revokeRow(id, this.now(), reason);
  }

  /** Ends every session of a user. Returns the ids that were live. */
  revokeUser(username: string, reason = 'user changed'): string[] {
    const now = this.now();
    const ids = (
      this.db.prepare('SELECT id FROM sessions WHERE username = ? AND revoked_at IS NULL').all(username) as {
        id: string;
      }[]
    ).map((r) => r.id);
    this.db
      .prepare(
        'UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE username = ? AND revoked_at IS NULL',
      )
      .run(now, reason, username);
    return ids;
  }

  /** One session (live or not), for the admin API. */
  get(id: string): (SessionView & { revoked: boolean }) | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row ? { ...toView(row), revoked: row.revoked_at !== null } : undefined;
  }

  /** Live sessions (devices) of a user or of everybody, most recently seen first. */
  active(username?: string): SessionView[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sessions
         WHERE revoked_at IS NULL AND expires_at > ? AND (? IS NULL OR username = ?)
         ORDER BY last_seen_at DESC, id`,
      )
      .all(this.now(), username ?? null, username ?? null) as SessionRow[];
    return rows.map(toView);
  }

  private issueAccess(
    sessionId: string,
    generation: number,
    now: number,
    sessionEnd: number,
  ): { token: string; expiresAt: number } {
    const token = newToken();
    // An access token never outlives its session.
    const expiresAt = Math.min(now + this.ttl.accessTtlMs, sessionEnd);
    this.db
      .prepare(
        'INSERT INTO access_tokens (token_hash, session_id, generation, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(hashToken(token), sessionId, generation, expiresAt);
    return { token, expiresAt };
  }

  private revokeRow(id: string, now: number, reason: string): boolean {
    const info = this.db
      .prepare('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL')
      .run(now, reason, id);
    return info.changes > 0;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.db.prepare('DELETE FROM access_tokens WHERE expires_at <= ?').run(now);
  }
}

function toView(r: SessionRow): SessionView {
  return {
    id: r.id,
    username: r.username,
    device: r.device,
    address: r.address,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
  };
}
