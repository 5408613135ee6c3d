import { Session } from './session.ts';

export type LoginOutcome = { ok: true; session: Session } | { ok: false; message: string };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Logs in against the server. Every failure becomes a sentence a person can act on. */
export async function requestLogin(
  username: string,
  password: string,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
): Promise<LoginOutcome> {
  if (!username.trim() || !password) return { ok: false, message: 'Enter your username and password.' };
  let response: Response;
  try {
    response = await fetchImpl('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: username.trim(), password }),
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
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const parsed = Session.safeParse(body);
  if (!parsed.success)
    return { ok: false, message: 'The server sent an answer this app does not understand.' };
  return { ok: true, session: parsed.data };
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
