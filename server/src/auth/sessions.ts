import { createHash, randomBytes } from 'node:crypto';
import { randomId } from '@stockroom/shared/ids';
import type { Db } from '../db/database.ts';
import type { Role } from './permissions.ts';
import type { UserStore } from './users.ts';

/** Long enough for a device to work offline over a weekend and come back without logging in. */
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
/** last_seen is written at most this often per session (a write per request would be waste). */
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  id: string;
  username: string;
  role: Role;
  device: string;
  expiresAt: number;
}

interface SessionRow {
  id: string;
  username: string;
  device: string;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Bearer-token sessions. Only the SHA-256 of a token is stored, so a copy of the database
 * does not let anyone in. Expiry slides forward while the session is in use.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly users: UserStore,
    private readonly now: () => number = Date.now,
  ) {}

  create(username: string, device: string, address: string | null): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url');
    const id = randomId();
    const now = this.now();
    const expiresAt = now + SESSION_TTL_MS;
    this.db
      .prepare(
        `INSERT INTO sessions (id, token_hash, username, device, address, created_at, expires_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, hashToken(token), username, device, address, now, expiresAt, now);
    const user = this.users.get(username)!;
    return { token, session: { id, username, role: user.role, device, expiresAt } };
  }

  /** The live session for a token: not expired, not revoked, user still active. */
  verify(token: string): Session | undefined {
    if (!token || token.length > 256) return undefined;
    const row = this.db
      .prepare(
        'SELECT id, username, device, expires_at, last_seen_at, revoked_at FROM sessions WHERE token_hash = ?',
      )
      .get(hashToken(token)) as SessionRow | undefined;
    const now = this.now();
    if (!row || row.revoked_at !== null || row.expires_at <= now) return undefined;
    const user = this.users.get(row.username);
    if (!user?.active) return undefined;
    let expiresAt = row.expires_at;
    if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
      expiresAt = now + SESSION_TTL_MS;
      this.db
        .prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?')
        .run(now, expiresAt, row.id);
    }
    return { id: row.id, username: row.username, role: user.role, device: row.device, expiresAt };
  }

  revoke(id: string): void {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now(), id);
  }

  revokeUser(username: string): void {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL')
      .run(this.now(), username);
  }

  /** Live sessions (devices) of a user or of everybody, newest first. */
  active(username?: string): { id: string; username: string; device: string; lastSeenAt: string }[] {
    const rows = this.db
      .prepare(
        `SELECT id, username, device, last_seen_at FROM sessions
         WHERE revoked_at IS NULL AND expires_at > ? AND (? IS NULL OR username = ?)
         ORDER BY last_seen_at DESC`,
      )
      .all(this.now(), username ?? null, username ?? null) as {
      id: string;
      username: string;
      device: string;
      last_seen_at: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      device: r.device,
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
    }));
  }
}
