import { Role } from '@stockroom/shared/access/role';
import { randomId } from '@stockroom/shared/ids';
import { z } from 'zod';
import { type KeyValueStore, readJson, writeJson } from './key-value-store.ts';

export { Role };

export const User = z.object({ username: z.string().min(1).max(64), role: Role });
export type User = z.infer<typeof User>;

/**
 * What the device keeps after a login, so the app starts offline after one login. `token`
 * is the short-lived access token (API bearer, sync `?token=`); `refreshToken` buys a new
 * pair before it runs out. Sessions stored before refresh tokens existed have neither
 * `refreshToken` nor `expiresAt`: they work until the server refuses the token.
 */
export const Session = z.object({
  token: z.string().min(1),
  user: User,
  refreshToken: z.string().min(1).optional(),
  /** When `token` expires, on this device's clock (ms since epoch). */
  expiresAt: z.number().int().positive().optional(),
  /** How long `token` was valid when it arrived (ms): the refresh margin scales with it. */
  lifetimeMs: z.number().int().nonnegative().optional(),
});
export type Session = z.infer<typeof Session>;

export const SESSION_KEY = 'stockroom/session';
export const DEVICE_KEY = 'stockroom/device';
export const OFFLINE_KEY = 'stockroom/work-offline';

export function loadSession(store: KeyValueStore): Session | null {
  const parsed = Session.safeParse(readJson(store, SESSION_KEY));
  return parsed.success ? parsed.data : null;
}

export function saveSession(store: KeyValueStore, session: Session): void {
  writeJson(store, SESSION_KEY, session);
}

export function clearSession(store: KeyValueStore): void {
  store.removeItem(SESSION_KEY);
}

const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** This device's id, stamped on every movement; created once and kept. */
export function deviceId(store: KeyValueStore): string {
  const existing = DeviceId.safeParse(store.getItem(DEVICE_KEY));
  if (existing.success) return existing.data;
  const id = randomId();
  store.setItem(DEVICE_KEY, id);
  return id;
}

/** Whether the person chose "Work offline"; kept across reloads so a reload does not reconnect. */
export function loadWorkOffline(store: KeyValueStore): boolean {
  return store.getItem(OFFLINE_KEY) === '1';
}

export function saveWorkOffline(store: KeyValueStore, offline: boolean): void {
  if (offline) store.setItem(OFFLINE_KEY, '1');
  else store.removeItem(OFFLINE_KEY);
}
