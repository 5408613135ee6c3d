import { tokenAccepted } from '../session/login-request.ts';
import { SESSION_KEY } from '../session/session.ts';
import type { TokenKeeper } from '../session/token-keeper.ts';
import type { Workspace } from '../sync/workspace.ts';

/** How often failing sockets may ask /api/me whether the token is the reason. */
const TOKEN_CHECK_INTERVAL_MS = 30_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;
/** setTimeout takes a signed 32-bit delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TokenUpkeepOptions {
  keeper: TokenKeeper;
  ws: Workspace;
  /** The refresh token was refused; the rooms are already rejected and keep every local change. */
  onRefused?: (message: string) => void;
}

/**
 * Keeps the rooms' token fresh for as long as the app runs:
 * - refreshes shortly before the access token expires, while online and not working offline;
 * - refreshes at once when a room is closed with 4401, or when sockets fail after expiry
 *   (the server refuses the upgrade with HTTP 401, which browsers report as a plain failure);
 * - takes over the pair another tab refreshed (storage event), so tabs share one session;
 * - offline, does nothing: local work goes on whatever the token's state;
 * - asks for a login only when the server refuses the refresh token.
 * Every new pair goes to every room (`ws.setToken`) before they reconnect.
 */
export function startTokenUpkeep(options: TokenUpkeepOptions): () => void {
  const { keeper, ws } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
  /** A 4401 or a failed /api/me check: refresh even if our clock says the token is fine. */
  let forced = false;
  let retryAt = 0;
  let backoff = 0;
  let lastCheck = 0;

  const cannotReachServer = () => ws.isWorkingOffline || !navigator.onLine;
  const failingRooms = () =>
    ws.rooms.filter((r) => {
      const s = r.statusSnapshot;
      return s.failedAttempts > 0 && s.connection !== 'connected' && !s.rejected && !s.workOffline;
    }).length;

  const run = () => {
    running = true;
    void keeper.refresh().then((outcome) => {
      running = false;
      if (stopped) return;
      if (outcome.kind === 'refreshed' || outcome.kind === 'adopted') {
        forced = false;
        backoff = 0;
        retryAt = 0;
      } else if (outcome.kind === 'unreachable') {
        backoff = Math.min(MAX_RETRY_MS, backoff ? backoff * 2 : FIRST_RETRY_MS);
        retryAt = Date.now() + backoff;
      } else {
        forced = false;
        ws.reject();
        options.onRefused?.(outcome.message);
      }
      consider();
    });
  };

  const checkToken = () => {
    lastCheck = Date.now();
    const token = keeper.session.token;
    void tokenAccepted(token).then((accepted) => {
      if (stopped || accepted !== false || keeper.session.token !== token) return;
      if (!keeper.canRefresh) ws.reject();
      else {
        forced = true;
        consider();
      }
    });
  };

  function consider(): void {
    if (stopped || running) return;
    clearTimeout(timer);
    timer = undefined;
    if (ws.isRejected || cannotReachServer()) return; // a login, the network or "Reconnect" wakes us
    const now = Date.now();
    const failing = failingRooms();
    const wanted = forced || keeper.isDue() || (keeper.expired() && failing > 0);
    if (wanted && now >= retryAt) {
      run();
      return;
    }
    if (!wanted && failing > 0 && now - lastCheck >= TOKEN_CHECK_INTERVAL_MS) {
      // Sockets failing with a token our clock calls valid: the server may be down, or may
      // refuse this token (revoked, or our clock is off). Only the server can tell.
      const attempts = Math.max(...ws.rooms.map((r) => r.statusSnapshot.failedAttempts));
      if (attempts >= 2) checkToken();
    }
    const due = keeper.dueAt();
    const next = wanted ? retryAt : due;
    if (next !== null) timer = setTimeout(consider, Math.min(MAX_TIMER_MS, Math.max(250, next - now)));
  }

  const offSession = keeper.onSession((session) => {
    if (session.token !== ws.currentToken || ws.isRejected) ws.setToken(session.token);
    consider();
  });
  const offUnauthorized = ws.onUnauthorized(() => {
    forced = true;
    retryAt = 0;
    consider();
  });
  const offChange = ws.onChange(consider);
  const onStorage = (e: StorageEvent) => {
    if (e.key === SESSION_KEY || e.key === null) keeper.adoptStored();
  };
  const onWake = () => {
    retryAt = 0;
    consider();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') consider();
  };
  window.addEventListener('storage', onStorage);
  window.addEventListener('online', onWake);
  document.addEventListener('visibilitychange', onVisible);
  // A pair another tab stored while this one was loading.
  keeper.adoptStored();
  consider();

  return () => {
    stopped = true;
    clearTimeout(timer);
    offSession();
    offUnauthorized();
    offChange();
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('online', onWake);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
