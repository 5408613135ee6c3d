import type { Session } from './session.ts';
import { readTokenReply } from './token-keeper.ts';

export type LoginOutcome = { ok: true; session: Session } | { ok: false; message: string };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Logs in against the server. Every failure becomes a sentence a person can act on. */
export async function requestLogin(
  username: string,
  password: string,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  /** This device's id: the server names the session after it (the admin's device list shows it). */
  device?: string,
  now: () => number = Date.now,
): Promise<LoginOutcome> {
  if (!username.trim() || !password) return { ok: false, message: 'Enter your username and password.' };
  let response: Response;
  try {
    response = await fetchImpl('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: username.trim(), password, ...(device ? { device } : {}) }),
    });
  } catch {
    return {
      ok: false,
      message: 'Cannot reach the server. Logging in needs a connection the first time.',
    };
  }
  if (response.status === 401) return { ok: false, message: 'Wrong username or password.' };
  if (response.status === 429)
    return { ok: false, message: 'Too many attempts. Wait a minute and try again.' };
  if (!response.ok)
    return { ok: false, message: `The server could not log you in (error ${response.status}).` };
  const session = await readTokenReply(response, now());
  if (!session) return { ok: false, message: 'The server sent an answer this app does not understand.' };
  return { ok: true, session };
}

/** Asks the server whether a token is still accepted: true/false, or null when it cannot tell. */
export async function tokenAccepted(
  token: string,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
): Promise<boolean | null> {
  try {
    const response = await fetchImpl('/api/me', { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401 || response.status === 403) return false;
    return response.ok ? true : null;
  } catch {
    return null;
  }
}

/**
 * Ends the session on the server (its tokens stop working, its sync connections close).
 * Best effort: offline, the local logout still happens and the session simply expires.
 */
export async function requestLogout(
  token: string,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
): Promise<boolean> {
  try {
    const response = await fetchImpl('/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
