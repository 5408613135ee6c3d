// @vitest-environment node
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openMemoryDatabase } from '../db/database.ts';
import { MIGRATIONS } from '../db/migrations.ts';
import { ACCESS_TTL_MS, REFRESH_TTL_MS, SessionStore } from './sessions.ts';
import { UserStore } from './users.ts';

async function setup() {
  const db = openMemoryDatabase();
  const users = new UserStore(db);
  let now = 1_000_000;
  const sessions = new SessionStore(db, users, () => now);
  await users.create('ann', 'password-1', 'clerk');
  return { db, users, sessions, advance: (ms: number) => (now += ms) };
}

describe('SessionStore', () => {
  it('verifies an access token it issued, and nothing else', async () => {
    const { sessions } = await setup();
    const { tokens, session } = sessions.create('ann', 'scanner-7', '10.0.0.1');
    expect(sessions.verify(tokens.token)).toMatchObject({
      id: session.id,
      username: 'ann',
      role: 'clerk',
      device: 'scanner-7',
    });
    expect(sessions.verify(`${tokens.token}x`)).toBeUndefined();
    expect(sessions.verify('')).toBeUndefined();
    // A refresh token is not an access token.
    expect(sessions.verify(tokens.refreshToken)).toBeUndefined();
  });

  it('stores only hashes of tokens', async () => {
    const { sessions, db } = await setup();
    const { tokens } = sessions.create('ann', 'd', null);
    const refreshed = sessions.refresh(tokens.refreshToken);
    if (!refreshed.ok) throw new Error('refresh failed');
    const dump = JSON.stringify([
      db.prepare('SELECT * FROM sessions').all(),
      db.prepare('SELECT * FROM access_tokens').all(),
    ]);
    for (const t of [
      tokens.token,
      tokens.refreshToken,
      refreshed.tokens.token,
      refreshed.tokens.refreshToken,
    ])
      expect(dump).not.toContain(t);
  });

  it('access tokens expire after the access TTL; a refresh gives a new pair', async () => {
    const { sessions, advance } = await setup();
    const { tokens } = sessions.create('ann', 'd', null);
    expect(tokens.expiresAt).toBe(1_000_000 + ACCESS_TTL_MS);
    expect(tokens.refreshExpiresAt).toBe(1_000_000 + REFRESH_TTL_MS);
    advance(ACCESS_TTL_MS - 1);
    expect(sessions.verify(tokens.token)).toBeDefined();
    advance(1);
    expect(sessions.verify(tokens.token)).toBeUndefined();
    const next = sessions.refresh(tokens.refreshToken);
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.tokens.token).not.toBe(tokens.token);
    expect(next.tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect(sessions.verify(next.tokens.token)?.username).toBe('ann');
  });

  it('a session ends when not refreshed within the refresh TTL; refreshing slides it', async () => {
    const { sessions, advance } = await setup();
    const kept = sessions.create('ann', 'd1', null).tokens;
    const idle = sessions.create('ann', 'd2', null).tokens;
    advance(REFRESH_TTL_MS - 1000);
    const slid = sessions.refresh(kept.refreshToken);
    expect(slid.ok).toBe(true);
    advance(2000);
    expect(sessions.refresh(idle.refreshToken)).toMatchObject({ ok: false, reason: 'expired' });
    if (slid.ok) expect(sessions.refresh(slid.tokens.refreshToken).ok).toBe(true);
  });

  it('a replaced refresh token still works until the new pair is used (lost replies)', async () => {
    const { sessions } = await setup();
    const first = sessions.create('ann', 'd', null).tokens;
    const lost = sessions.refresh(first.refreshToken);
    expect(lost.ok).toBe(true);
    // The reply never arrived: the client retries with the token it still has.
    const retry = sessions.refresh(first.refreshToken);
    expect(retry.ok).toBe(true);
    if (!retry.ok || !lost.ok) return;
    // The pair from the lost reply is superseded (its refresh token is neither current nor previous).
    expect(sessions.refresh(lost.tokens.refreshToken)).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('reusing a replaced refresh token after the new pair was used revokes the session', async () => {
    const { sessions } = await setup();
    const first = sessions.create('ann', 'd', null).tokens;
    const second = sessions.refresh(first.refreshToken);
    if (!second.ok) throw new Error('refresh failed');
    expect(sessions.verify(second.tokens.token)).toBeDefined(); // the legitimate client uses its pair
    const stolen = sessions.refresh(first.refreshToken);
    expect(stolen).toMatchObject({
      ok: false,
      reason: 'reused',
      sessionId: second.session.id,
      username: 'ann',
    });
    expect(sessions.verify(second.tokens.token)).toBeUndefined();
    expect(sessions.refresh(second.tokens.refreshToken)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(sessions.active('ann')).toEqual([]);
  });

  it('using the newest refresh token also confirms the rotation', async () => {
    const { sessions } = await setup();
    const a = sessions.create('ann', 'd', null).tokens;
    const b = sessions.refresh(a.refreshToken);
    if (!b.ok) throw new Error('refresh failed');
    const c = sessions.refresh(b.tokens.refreshToken);
    if (!c.ok) throw new Error('refresh failed');
    // b's refresh token is now the previous one; c has not been used, so b still works once...
    expect(sessions.refresh(b.tokens.refreshToken).ok).toBe(true);
    // ...but a is two rotations old: unknown.
    expect(sessions.refresh(a.refreshToken)).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('revocation and deactivation end access and refresh at once', async () => {
    const { sessions, users } = await setup();
    const a = sessions.create('ann', 'd1', null);
    const b = sessions.create('ann', 'd2', null);
    expect(sessions.revoke(a.session.id)).toBe(true);
    expect(sessions.revoke(a.session.id)).toBe(false);
    expect(sessions.verify(a.tokens.token)).toBeUndefined();
    expect(sessions.refresh(a.tokens.refreshToken)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(sessions.verify(b.tokens.token)).toBeDefined();
    await users.update('ann', { active: false });
    expect(sessions.verify(b.tokens.token)).toBeUndefined();
    expect(sessions.refresh(b.tokens.refreshToken)).toMatchObject({ ok: false, reason: 'inactive' });
    expect(sessions.revokeUser('ann')).toEqual([b.session.id]);
  });

  it('reports the role the user has now, not at login', async () => {
    const { sessions, users } = await setup();
    const { tokens } = sessions.create('ann', 'd', null);
    await users.update('ann', { role: 'viewer' });
    expect(sessions.verify(tokens.token)?.role).toBe('viewer');
  });

  it('lists live sessions with device, address and times', async () => {
    const { sessions } = await setup();
    const { session } = sessions.create('ann', 'scanner-7', '10.0.0.1');
    expect(sessions.active()).toEqual([
      {
        id: session.id,
        username: 'ann',
        device: 'scanner-7',
        address: '10.0.0.1',
        createdAt: new Date(1_000_000).toISOString(),
        lastSeenAt: new Date(1_000_000).toISOString(),
        expiresAt: new Date(1_000_000 + REFRESH_TTL_MS).toISOString(),
      },
    ]);
  });
});

describe('sessions migration (2)', () => {
  it('keeps tokens issued before it working as access tokens until they expire', async () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    const { createHash } = await import('node:crypto');
    db.prepare(
      `INSERT INTO users (username, password_hash, role, active, created_at, updated_at)
       VALUES ('old', 'x', 'viewer', 1, '2025-01-01', '2025-01-01')`,
    ).run();
    const token = 'a-token-from-before-the-upgrade';
    db.prepare(
      `INSERT INTO sessions (id, token_hash, username, device, address, created_at, expires_at, last_seen_at)
       VALUES ('s1', ?, 'old', 'tablet', NULL, 0, 5000000, 0)`,
    ).run(createHash('sha256').update(token).digest());
    migrate(db);
    let now = 1_000_000;
    const sessions = new SessionStore(db, new UserStore(db), () => now);
    expect(sessions.verify(token)).toMatchObject({ id: 's1', username: 'old', device: 'tablet' });
    now = 5_000_001;
    expect(sessions.verify(token)).toBeUndefined();
    db.close();
  });
});
