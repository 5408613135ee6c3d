import { can } from '@stockroom/shared/access/permissions';
import {
  createEffect,
  createResource,
  createSignal,
  type JSX,
  Match,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import { LoginScreen } from '../session/LoginScreen.tsx';
import { requestLogout } from '../session/login-request.ts';
import { browserExclusive } from '../session/refresh-lock.ts';
import {
  clearSession,
  deviceId,
  loadSession,
  loadWorkOffline,
  type Session,
  saveSession,
} from '../session/session.ts';
import { TokenKeeper } from '../session/token-keeper.ts';
import { Workspace } from '../sync/workspace.ts';
import { loadPractice } from '../training/practice-mode.ts';
import { afterPaint } from '../ui/after-paint.ts';
import { Shell } from './Shell.tsx';

/** Rooms connect after the first screen is painted, or after this long whatever happens. */
const CONNECT_AT_LATEST_MS = 5000;

function syncBase(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/sync`;
}

/** Login when there is no session on this device; otherwise open the local rooms and show the app. */
export function App(): JSX.Element {
  const store = window.localStorage;
  const device = deviceId(store);
  const [session, setSession] = createSignal<Session | null>(loadSession(store));

  const updateSession = (s: Session) => {
    saveSession(store, s);
    setSession(s);
  };

  return (
    <Show when={session()} fallback={<LoginScreen onLogin={updateSession} />}>
      {(s) => (
        <WorkspaceGate
          session={s}
          deviceId={device}
          onSession={updateSession}
          onLogout={() => {
            clearSession(store);
            setSession(null);
          }}
        />
      )}
    </Show>
  );
}

function WorkspaceGate(props: {
  session: () => Session;
  deviceId: string;
  onSession: (s: Session) => void;
  onLogout: () => void;
}) {
  const store = window.localStorage;
  // One keeper per tab: it refreshes the access token and agrees with the other tabs on it.
  const keeper = new TokenKeeper({ store, initial: props.session(), exclusive: browserExclusive(store) });
  onCleanup(keeper.onSession((s) => props.onSession(s)));
  let disposed = false;
  // Connecting starts with a whole-room broadcast to the other tabs (≈0.3 s for a big
  // catalog): hold it until the first screen with data is on screen.
  let releaseConnections = () => {};
  const connectAfter = new Promise<void>((resolve) => {
    releaseConnections = resolve;
  });
  const latest = setTimeout(releaseConnections, CONNECT_AT_LATEST_MS);
  const [workspace] = createResource(async () => {
    const ws = await Workspace.open({
      wsBase: syncBase(),
      token: keeper.session.token,
      store,
      workOffline: loadWorkOffline(store),
      refreshesTokens: true,
      connectAfter,
      readsLedger: can(keeper.session.user.role, 'ledger.read'),
      practice: loadPractice(store),
    });
    if (disposed) {
      await ws.close();
      throw new Error('closed');
    }
    return ws;
  });
  // End the session on the server too (its tokens die, its sockets close), then locally.
  // An expired access token is renewed first so the logout is not refused; offline, the
  // device forgets the session and the server lets it expire.
  let loggingOut = false;
  const logout = async () => {
    if (loggingOut) return;
    loggingOut = true;
    if (navigator.onLine) {
      if (keeper.expired() && keeper.canRefresh) await keeper.refresh();
      await requestLogout(keeper.session.token);
    }
    props.onLogout();
  };

  // Effects run after the render: the shell is in the DOM, the next frame shows it.
  createEffect(() => {
    if (workspace.state === 'ready') afterPaint(releaseConnections);
  });

  onCleanup(() => {
    clearTimeout(latest);
    disposed = true;
    const ws = workspace.state === 'ready' ? workspace() : undefined;
    if (ws) void ws.close();
  });

  return (
    <Switch>
      <Match when={workspace.error}>
        <main class="center" data-testid="storage-error">
          <div class="card">
            <h1>This device cannot store data</h1>
            <p>
              Stockroom keeps your work in this browser’s storage (IndexedDB), which is unavailable here.
              Private windows and some privacy settings block it.
            </p>
            <p class="muted">{String(workspace.error)}</p>
          </div>
        </main>
      </Match>
      <Match when={workspace()}>
        {(ws) => (
          <Shell
            ws={ws()}
            keeper={keeper}
            session={props.session}
            deviceId={props.deviceId}
            onLogout={() => void logout()}
          />
        )}
      </Match>
      <Match when={true}>
        <main class="center" data-testid="loading">
          <p class="boot">Opening the data stored on this device…</p>
        </main>
      </Match>
    </Switch>
  );
}
