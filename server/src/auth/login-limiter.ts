/**
 * Slows password guessing: failed logins are counted per account and per address in a
 * sliding window; over the limit, further attempts are refused until old failures age out.
 * In memory on purpose: a restart forgets, which costs an attacker a restart they cannot cause.
 */
export interface LoginLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perAccount: 10, perAddress: 50 };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until an attempt is allowed again, or 0 when it is allowed now. */
  retryAfter(username: string, address: string): number {
    return Math.max(
      this.wait(`user:${username}`, this.limits.perAccount),
      this.wait(`addr:${address}`, this.limits.perAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    const now = this.now();
    for (const key of [`user:${username}`, `addr:${address}`]) {
      const list = this.recent(key);
      list.push(now);
      this.failures.set(key, list);
    }
    if (this.failures.size > 100_000) this.prune();
  }

  /** A successful login clears the account's failures (not the address's). */
  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private wait(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    return Math.max(1, list[list.length - limit]! + this.limits.windowMs - this.now());
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
