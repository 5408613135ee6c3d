import { createResource, createSignal, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import { LoginScreen } from '../session/LoginScreen.tsx';
import {
  clearSession,
  deviceId,
  loadSession,
  loadWorkOffline,
  type Session,
  saveSession,
} from '../session/session.ts';
import { Workspace } from '../sync/workspace.ts';
import { Shell } from './Shell.tsx';

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
  let disposed = false;
  const [workspace] = createResource(async () => {
    const ws = await Workspace.open({
      wsBase: syncBase(),
      token: props.session().token,
      store,
      workOffline: loadWorkOffline(store),
    });
    if (disposed) {
      await ws.close();
      throw new Error('closed');
    }
    return ws;
  });
  onCleanup(() => {
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
            session={props.session}
            deviceId={props.deviceId}
            onSession={props.onSession}
            onLogout={props.onLogout}
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
