import { randomId } from '@stockroom/shared/ids';
import { z } from 'zod';
import { type KeyValueStore, readJson, writeJson } from './key-value-store.ts';
import type { Exclusive } from './token-keeper.ts';

export const REFRESH_LOCK = 'stockroom/token-refresh';

const Lease = z.object({ owner: z.string(), until: z.number() });

export interface LeaseOptions {
  /** A lease older than this is taken over (its tab was closed mid-refresh). */
  leaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Cross-tab exclusion through a lease in localStorage, for browsers without Web Locks:
 * write our name, give other tabs a moment to write theirs, and go ahead only if ours
 * is still the one stored. Not airtight (localStorage has no compare-and-set), which is
 * why Web Locks are preferred whenever they exist.
 */
export function leaseExclusive(store: KeyValueStore, key: string, options: LeaseOptions = {}): Exclusive {
  const leaseMs = options.leaseMs ?? 15_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? wait;
  return async (fn) => {
    const me = randomId();
    const giveUpAt = now() + leaseMs;
    for (;;) {
      const held = Lease.safeParse(readJson(store, key));
      if (!held.success || held.data.until <= now() || now() >= giveUpAt) {
        writeJson(store, key, { owner: me, until: now() + leaseMs });
        await sleep(25);
        const check = Lease.safeParse(readJson(store, key));
        if (check.success && check.data.owner === me) break;
      }
      await sleep(50 + Math.random() * 100);
    }
    try {
      return await fn();
    } finally {
      const held = Lease.safeParse(readJson(store, key));
      if (held.success && held.data.owner === me) store.removeItem(key);
    }
  };
}

/** Web Locks where the browser has them (every current one), else the localStorage lease. */
export function browserExclusive(store: KeyValueStore): Exclusive {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks && typeof locks.request === 'function')
    return (fn) => locks.request(REFRESH_LOCK, () => fn()) as ReturnType<typeof fn>;
  return leaseExclusive(store, `${REFRESH_LOCK}-lease`);
}
