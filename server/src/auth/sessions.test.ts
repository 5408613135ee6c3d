// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../db/database.ts';
import { SESSION_TTL_MS, SessionStore } from './sessions.ts';
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
  it('verifies a token it issued, and nothing else', async () => {
    const { sessions } = await setup();
    const { token, session } = sessions.create('ann', 'scanner-7', '10.0.0.1');
    expect(sessions.verify(token)).toMatchObject({
      id: session.id,
      username: 'ann',
      role: 'clerk',
      device: 'scanner-7',
    });
    expect(sessions.verify(`${token}x`)).toBeUndefined();
    expect(sessions.verify('')).toBeUndefined();
  });

  it('stores only a hash of the token', async () => {
    const { sessions, db } = await setup();
    const { token } = sessions.create('ann', 'd', null);
    const dump = JSON.stringify(db.prepare('SELECT * FROM sessions').all());
    expect(dump).not.toContain(token);
  });

  it('expires unused sessions and slides the expiry of used ones', async () => {
    const { sessions, advance } = await setup();
    const used = sessions.create('ann', 'd1', null).token;
    const unused = sessions.create('ann', 'd2', null).token;
    advance(SESSION_TTL_MS - 1000);
    expect(sessions.verify(used)).toBeDefined();
    advance(2000);
    expect(sessions.verify(unused)).toBeUndefined();
    expect(sessions.verify(used)).toBeDefined();
  });

  it('revocation and deactivation end access at once', async () => {
    const { sessions, users } = await setup();
    const a = sessions.create('ann', 'd1', null);
    const b = sessions.create('ann', 'd2', null);
    sessions.revoke(a.session.id);
    expect(sessions.verify(a.token)).toBeUndefined();
    expect(sessions.verify(b.token)).toBeDefined();
    await users.update('ann', { active: false });
    expect(sessions.verify(b.token)).toBeUndefined();
  });

  it('reports the role the user has now, not at login', async () => {
    const { sessions, users } = await setup();
    const { token } = sessions.create('ann', 'd', null);
    await users.update('ann', { role: 'viewer' });
    expect(sessions.verify(token)?.role).toBe('viewer');
  });
});
