import type { Config } from '../config.ts';

/**
 * Login throttling. Policy (defaults; every number is an environment setting, see README):
 *
 * - **Reserve before checking.** `reserve()` is synchronous and counts the attempt at once, as
 *   in flight, on every key below; the caller then checks the password and reports the outcome
 *   on the reservation: a success clears it (and the client's failures), a failure turns it into
 *   a recorded failure, a cancel (the check never ran) forgets it. So limits hold under any
 *   concurrency: with N free attempts on a key, at most N checks can be running or done.
 * - **Per client** = one account from one address (and one device, when the login names one):
 *   10 failures are free; after that, one attempt at a time, each waiting twice as long after
 *   the previous failure as the one before: 1 s, 2 s, 4 s … capped at 5 min (the 11th attempt
 *   waits 1 s, the 19th 256 s, every one from the 20th on 5 min). A success from that client
 *   clears its failures.
 * - **Per address** (over all accounts; IPv6 by /64): 20 failures are free, then the same
 *   growing delays. Successes do not clear it (an attacker's own account must not reset it).
 * - **No account lockout.** Delays are keyed by address and by client, never by the account
 *   alone: guessing from elsewhere does not slow the real owner. The one account-wide limit is a
 *   ceiling against distributed guessing: 1000 failed (or in-flight) checks per account per
 *   sliding hour, far beyond what a handful of addresses can reach (each is slowed to a crawl).
 * - A key that has not failed for 15 min is forgotten (this must exceed the 5 min cap).
 * - A refused attempt (429) checks nothing and counts nothing; it says how long to wait.
 *
 * In memory on purpose: a restart forgets, which costs an attacker a restart they cannot cause.
 * How many checks run at once (scrypt on the thread pool) is PasswordQueue's business.
 */
export interface LoginLimits {
  /** Failures free per client (account + address + device) before delays start. */
  freeFailuresPerClient: number;
  /** Failures free per address (over all accounts) before delays start. */
  freeFailuresPerAddress: number;
  /** Wait after the first failure beyond the free ones; doubles with each further failure. */
  baseDelayMs: number;
  /** The longest wait between two attempts of one client or address. */
  maxDelayMs: number;
  /** A client or address without a failure for this long starts afresh (> maxDelayMs). */
  forgetAfterMs: number;
  /** Failed or in-flight checks per account from everywhere, per `accountWindowMs`. */
  maxPerAccount: number;
  accountWindowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freeFailuresPerClient: 10,
  freeFailuresPerAddress: 20,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxPerAccount: 1000,
  accountWindowMs: 3600_000,
};

/** The limits from the LOGIN_* settings. */
export function loginLimitsOf(
  config: Pick<
    Config,
    | 'LOGIN_FREE_FAILURES'
    | 'LOGIN_FREE_FAILURES_PER_ADDRESS'
    | 'LOGIN_DELAY_BASE_MS'
    | 'LOGIN_DELAY_MAX_MS'
    | 'LOGIN_FORGET_AFTER_MS'
    | 'LOGIN_MAX_FAILURES_PER_ACCOUNT_HOUR'
  >,
): LoginLimits {
  return {
    freeFailuresPerClient: config.LOGIN_FREE_FAILURES,
    freeFailuresPerAddress: config.LOGIN_FREE_FAILURES_PER_ADDRESS,
    baseDelayMs: config.LOGIN_DELAY_BASE_MS,
    maxDelayMs: config.LOGIN_DELAY_MAX_MS,
    forgetAfterMs: config.LOGIN_FORGET_AFTER_MS,
    maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_HOUR,
    accountWindowMs: 3600_000,
  };
}

export interface LoginAttempt {
  username: string;
  address: string;
  device?: string | undefined;
}

/** Which limit refused an attempt: this client, this address, or the account's ceiling. */
export type LoginLimit = 'client' | 'address' | 'account';

export type LoginAdmission =
  | { ok: true; reservation: LoginReservation }
  | { ok: false; limit: LoginLimit; retryAfterMs: number };

/** One admitted attempt. Exactly one of the three outcomes counts; later calls do nothing. */
export interface LoginReservation {
  succeeded(): void;
  failed(): void;
  /** The password was never checked (e.g. the check queue was full): as if never admitted. */
  cancel(): void;
}

interface Backoff {
  failures: number;
  inFlight: number;
  lastFailureAt: number;
}

interface Ceiling {
  /** When each failure in the window happened, oldest first. */
  failures: number[];
  inFlight: number;
}

/** Above this many tracked keys, forgotten ones are swept out. */
const SWEEP_AT = 100_000;

export class LoginLimiter {
  private readonly clients = new Map<string, Backoff>();
  private readonly addresses = new Map<string, Backoff>();
  private readonly accounts = new Map<string, Ceiling>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    if (limits.forgetAfterMs <= limits.maxDelayMs) {
      throw new Error(
        'login limits: the time after which failures are forgotten (LOGIN_FORGET_AFTER_MS) must be longer than the longest delay (LOGIN_DELAY_MAX_MS)',
      );
    }
  }

  /**
   * Admits the attempt (counted at once as in flight) or says which limit refuses it and for
   * how long. Synchronous, so concurrent requests cannot all slip through before any is counted.
   */
  reserve(attempt: LoginAttempt): LoginAdmission {
    const now = this.now();
    const clientKey = clientKeyOf(attempt);
    const addressKey = addressKeyOf(attempt.address);
    const client = this.backoff(this.clients, clientKey, now);
    const address = this.backoff(this.addresses, addressKey, now);
    const account = this.ceiling(attempt.username, now);

    const waits: Array<[LoginLimit, number]> = [
      ['client', this.backoffWait(client, this.limits.freeFailuresPerClient, now)],
      ['address', this.backoffWait(address, this.limits.freeFailuresPerAddress, now)],
      ['account', this.ceilingWait(account, now)],
    ];
    const [limit, wait] = waits.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (wait > 0) return { ok: false, limit, retryAfterMs: wait };

    const c = this.track(this.clients, clientKey, client);
    const a = this.track(this.addresses, addressKey, address);
    const acc = account ?? { failures: [], inFlight: 0 };
    this.accounts.set(attempt.username, acc);
    c.inFlight++;
    a.inFlight++;
    acc.inFlight++;
    this.sweepIfLarge();

    let settled = false;
    const settle = (outcome: 'succeeded' | 'failed' | 'cancelled') => {
      if (settled) return;
      settled = true;
      const at = this.now();
      c.inFlight--;
      a.inFlight--;
      acc.inFlight--;
      if (outcome === 'failed') {
        for (const b of [c, a]) {
          b.failures++;
          b.lastFailureAt = at;
        }
        acc.failures.push(at);
      } else if (outcome === 'succeeded') {
        // The right password from this client: its earlier mistakes are forgiven. The address
        // and the account ceiling keep theirs.
        c.failures = 0;
      }
      this.dropIfIdle(this.clients, clientKey, c);
      this.dropIfIdle(this.addresses, addressKey, a);
      if (acc.inFlight === 0 && acc.failures.length === 0 && this.accounts.get(attempt.username) === acc) {
        this.accounts.delete(attempt.username);
      }
    };
    return {
      ok: true,
      reservation: {
        succeeded: () => settle('succeeded'),
        failed: () => settle('failed'),
        cancel: () => settle('cancelled'),
      },
    };
  }

  /** The wait before an attempt that follows `extraFailures` failures beyond the free ones (0 → base). */
  delayAfter(extraFailures: number): number {
    return Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** Math.min(extraFailures, 40));
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.clients.size + this.addresses.size + this.accounts.size;
  }

  private backoffWait(state: Backoff | undefined, free: number, now: number): number {
    if (!state) return 0;
    const used = state.failures + state.inFlight;
    if (used < free) return 0;
    // Beyond the free attempts: one at a time, each after a growing delay.
    const delay = this.delayAfter(used - free);
    if (state.inFlight > 0) return delay;
    return Math.max(0, state.lastFailureAt + delay - now);
  }

  private ceilingWait(state: Ceiling | undefined, now: number): number {
    if (!state || state.failures.length + state.inFlight < this.limits.maxPerAccount) return 0;
    const oldest = state.failures[0];
    return oldest === undefined
      ? this.limits.baseDelayMs
      : Math.max(1, oldest + this.limits.accountWindowMs - now);
  }

  /** The key's state, or undefined when it has none or has been quiet long enough to forget. */
  private backoff(map: Map<string, Backoff>, key: string, now: number): Backoff | undefined {
    const state = map.get(key);
    if (state && state.inFlight === 0 && now - state.lastFailureAt >= this.limits.forgetAfterMs) {
      map.delete(key);
      return undefined;
    }
    return state;
  }

  private track(map: Map<string, Backoff>, key: string, state: Backoff | undefined): Backoff {
    if (state) return state;
    const fresh = { failures: 0, inFlight: 0, lastFailureAt: 0 };
    map.set(key, fresh);
    return fresh;
  }

  private ceiling(username: string, now: number): Ceiling | undefined {
    const state = this.accounts.get(username);
    if (!state) return undefined;
    const cutoff = now - this.limits.accountWindowMs;
    let expired = 0;
    while (expired < state.failures.length && state.failures[expired]! <= cutoff) expired++;
    if (expired) state.failures.splice(0, expired);
    if (state.failures.length === 0 && state.inFlight === 0) {
      this.accounts.delete(username);
      return undefined;
    }
    return state;
  }

  private dropIfIdle(map: Map<string, Backoff>, key: string, state: Backoff): void {
    if (state.inFlight === 0 && state.failures === 0 && map.get(key) === state) map.delete(key);
  }

  private sweepIfLarge(): void {
    if (this.size <= SWEEP_AT) return;
    const now = this.now();
    for (const map of [this.clients, this.addresses])
      for (const key of [...map.keys()]) this.backoff(map, key, now);
    for (const username of [...this.accounts.keys()]) this.ceiling(username, now);
  }
}

function clientKeyOf(attempt: LoginAttempt): string {
  return [attempt.username, addressKeyOf(attempt.address), attempt.device ?? ''].join('\u0000');
}

/**
 * The address as a throttling key: IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its /64, since
 * one subscriber usually gets a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function addressKeyOf(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(':')) return address;
  const bare = address.split('%')[0]!.toLowerCase();
  const halves = bare.split('::');
  if (halves.length > 2) return bare;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const width = (gs: string[]) => gs.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const all =
    halves.length === 2
      ? [...head, ...Array(Math.max(0, 8 - width(head) - width(tail))).fill('0'), ...tail]
      : head;
  const prefix = all.slice(0, 4);
  if (prefix.length < 4 || !prefix.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return bare;
  return `${prefix.map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}
