// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.ts';

describe('LoginLimiter', () => {
  const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };

  it('refuses an account after too many failures, until they age out', () => {
    let now = 0;
    const limiter = new LoginLimiter(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('ann', '10.0.0.1')).toBe(0);
      limiter.recordFailure('ann', '10.0.0.1');
    }
    expect(limiter.retryAfter('ann', '10.0.0.2')).toBeGreaterThan(0);
    expect(limiter.retryAfter('bob', '10.0.0.2')).toBe(0);
    now = 60_001;
    expect(limiter.retryAfter('ann', '10.0.0.1')).toBe(0);
  });

  it('refuses an address guessing many accounts', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    for (const user of ['a', 'b', 'c', 'd', 'e']) limiter.recordFailure(user, '10.0.0.9');
    expect(limiter.retryAfter('fresh-user', '10.0.0.9')).toBeGreaterThan(0);
    expect(limiter.retryAfter('fresh-user', '10.0.0.10')).toBe(0);
  });

  it('a successful login clears the account’s failures', () => {
    const limiter = new LoginLimiter(limits, () => 0);
    for (let i = 0; i < 3; i++) limiter.recordFailure('ann', `10.0.0.${i}`);
    limiter.recordSuccess('ann');
    expect(limiter.retryAfter('ann', '10.0.1.1')).toBe(0);
  });
});
