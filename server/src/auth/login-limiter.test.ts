// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addressKeyOf, type LoginAdmission, LoginLimiter, type LoginLimits } from './login-limiter.ts';

const limits: LoginLimits = {
  freeFailuresPerClient: 3,
  freeFailuresPerAddress: 6,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  forgetAfterMs: 60_000,
  maxPerAccount: 1000,
  accountWindowMs: 3600_000,
};

function admitted(a: LoginAdmission) {
  if (!a.ok) throw new Error(`refused by ${a.limit} for ${a.retryAfterMs} ms`);
  return a.reservation;
}

describe('LoginLimiter', () => {
  it('reserves synchronously: of many simultaneous attempts at most the limit are admitted', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    // 30 guesses arrive before any password check finishes.
    const admissions = Array.from({ length: 30 }, () =>
      limiter.reserve({ username: 'ann', address: '10.0.0.1' }),
    );
    expect(admissions.filter((a) => a.ok)).toHaveLength(3);
    for (const a of admissions.filter((x) => !x.ok)) {
      expect(a).toMatchObject({ ok: false, limit: 'client' });
      expect(a.ok || a.retryAfterMs).toBeGreaterThan(0);
    }
    // The admitted ones fail; the right password arriving now is still refused.
    for (const a of admissions) if (a.ok) a.reservation.failed();
    expect(limiter.reserve({ username: 'ann', address: '10.0.0.1' }).ok).toBe(false);
  });

  it('in-flight attempts count until they are settled; a success frees its place', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    const held = [1, 2, 3].map(() => admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })));
    expect(limiter.reserve({ username: 'ann', address: '10.0.0.1' }).ok).toBe(false);
    held[0]!.succeeded();
    expect(limiter.reserve({ username: 'ann', address: '10.0.0.1' }).ok).toBe(true);
  });

  it('after the free failures, each further attempt waits twice as long, up to the cap', () => {
    let now = 0;
    const limiter = new LoginLimiter(limits, () => now);
    const attempt = () => limiter.reserve({ username: 'ann', address: '10.0.0.1' });
    for (let i = 0; i < 3; i++) admitted(attempt()).failed();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const refused = attempt();
      expect(refused.ok).toBe(false);
      const wait = refused.ok ? 0 : refused.retryAfterMs;
      waits.push(wait);
      now += wait - 1;
      expect(attempt().ok).toBe(false); // not a millisecond early
      now += 1;
      const reservation = admitted(attempt());
      // Beyond the free ones, only one attempt at a time.
      expect(attempt().ok).toBe(false);
      reservation.failed();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('no lockout: failures from one address do not slow the owner on another address or device', () => {
    let now = 0;
    const limiter = new LoginLimiter(limits, () => now);
    for (let i = 0; i < 3; i++)
      admitted(limiter.reserve({ username: 'ann', address: '203.0.113.9' })).failed();
    // The attacker keeps guessing as fast as it is allowed.
    for (let i = 0; i < 20; i++) {
      const a = limiter.reserve({ username: 'ann', address: '203.0.113.9' });
      if (a.ok) a.reservation.failed();
      now += 500;
    }
    expect(limiter.reserve({ username: 'ann', address: '203.0.113.9' }).ok).toBe(false);
    const owner = limiter.reserve({ username: 'ann', address: '198.51.100.7', device: 'ann-phone' });
    expect(owner.ok).toBe(true);
    admitted(owner).succeeded();
    // The owner's success does not lift the attacker's delay.
    expect(limiter.reserve({ username: 'ann', address: '203.0.113.9' }).ok).toBe(false);
  });

  it('limits an address guessing many accounts, leaving other addresses alone', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    for (let i = 0; i < 6; i++)
      admitted(limiter.reserve({ username: `user-${i}`, address: '10.0.0.9' })).failed();
    const refused = limiter.reserve({ username: 'fresh-user', address: '10.0.0.9' });
    expect(refused).toMatchObject({ ok: false, limit: 'address', retryAfterMs: 1000 });
    expect(limiter.reserve({ username: 'fresh-user', address: '10.0.0.10' }).ok).toBe(true);
  });

  it('changing the device name from one address does not escape the address limit', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    const results = Array.from({ length: 20 }, (_, i) => {
      const a = limiter.reserve({ username: 'ann', address: '10.0.0.9', device: `device-${i}` });
      if (a.ok) a.reservation.failed();
      return a.ok;
    });
    expect(results.filter(Boolean)).toHaveLength(6);
  });

  it('a success clears the client’s failures but not the address’s', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    for (let i = 0; i < 2; i++) admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })).failed();
    admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })).succeeded();
    for (let i = 0; i < 3; i++) admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })).failed();
    // 3 more client failures were free again; the address has counted 5 of its 6.
    admitted(limiter.reserve({ username: 'bob', address: '10.0.0.1' })).failed();
    expect(limiter.reserve({ username: 'cy', address: '10.0.0.1' })).toMatchObject({
      ok: false,
      limit: 'address',
    });
  });

  it('a cancelled reservation counts nothing; settling twice counts once', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    for (let i = 0; i < 10; i++) admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })).cancel();
    const r = admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' }));
    r.failed();
    r.failed();
    r.succeeded();
    admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })).failed();
    admitted(limiter.reserve({ username: 'ann', address: '10.0.0.1' })).failed();
    expect(limiter.reserve({ username: 'ann', address: '10.0.0.1' }).ok).toBe(false);
  });

  it('forgets a client and an address after a quiet period', () => {
    let now = 0;
    const limiter = new LoginLimiter(limits, () => now);
    const attempt = () => limiter.reserve({ username: 'ann', address: '10.0.0.1' });
    for (let i = 0; i < 3; i++) admitted(attempt()).failed();
    // Still remembered: one attempt at a time.
    now = 59_999;
    const one = admitted(attempt());
    expect(attempt().ok).toBe(false);
    one.cancel();
    // Forgotten: the free attempts are back, all at once.
    now = 60_000;
    const fresh = [1, 2, 3].map(() => admitted(attempt()));
    expect(attempt().ok).toBe(false);
    for (const r of fresh) r.succeeded();
    // Only the account's hourly ceiling still remembers the 3 failures.
    expect(limiter.size).toBe(1);
  });

  it('the account-wide ceiling bounds distributed guessing, in flight included, and slides', () => {
    let now = 0;
    const limiter = new LoginLimiter({ ...limits, maxPerAccount: 5, accountWindowMs: 10_000 }, () => now);
    const held = Array.from({ length: 5 }, (_, i) =>
      admitted(limiter.reserve({ username: 'ann', address: `10.0.1.${i}` })),
    );
    expect(limiter.reserve({ username: 'ann', address: '10.0.2.1' })).toMatchObject({
      ok: false,
      limit: 'account',
    });
    expect(limiter.reserve({ username: 'bob', address: '10.0.2.1' }).ok).toBe(true);
    now = 1000;
    for (const r of held) r.failed();
    const refused = limiter.reserve({ username: 'ann', address: '10.0.2.1' });
    expect(refused).toMatchObject({ ok: false, limit: 'account', retryAfterMs: 10_000 });
    now = 11_000;
    expect(limiter.reserve({ username: 'ann', address: '10.0.2.1' }).ok).toBe(true);
  });

  it('refuses limits where failures would be forgotten before the longest delay', () => {
    expect(() => new LoginLimiter({ ...limits, forgetAfterMs: 8000 })).toThrow(/LOGIN_FORGET_AFTER_MS/);
  });
});

describe('addressKeyOf', () => {
  it('keys IPv4 (also IPv4-mapped) as is and IPv6 by its /64', () => {
    expect(addressKeyOf('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKeyOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(addressKeyOf('unknown')).toBe('unknown');
  });
});
