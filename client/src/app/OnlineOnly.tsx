import { type Accessor, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { useApp } from './app-context.ts';

/** Whether this screen may use the network: the browser is online and nobody chose "Work offline". */
export function useServerReachable(): Accessor<boolean> {
  const app = useApp();
  const [online, setOnline] = createSignal(navigator.onLine);
  const update = () => setOnline(navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onCleanup(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return () => {
    app.syncTick();
    return online() && !app.ws.isWorkingOffline;
  };
}

/**
 * Screens whose data lives only on the server (users, sessions, audit): a clear sentence
 * instead of a spinner when the server is out of reach. Everything else keeps working.
 */
export function NeedsServer(props: { what: string; detail?: string | undefined }): JSX.Element {
  const app = useApp();
  const offline = () => {
    app.syncTick();
    return app.ws.isWorkingOffline;
  };
  return (
    <div class="empty" data-testid="needs-server">
      <h2>{props.what} needs the server</h2>
      <p>
        {props.detail ??
          (offline()
            ? 'This device is working offline.'
            : 'The server cannot be reached from this device right now.')}{' '}
        These details are kept on the server only. Everything else in Stockroom keeps working offline on this
        device.
      </p>
      <Show when={offline()}>
        <button
          type="button"
          class="button primary"
          data-testid="needs-server-reconnect"
          onClick={() => app.ws.setWorkOffline(false)}
        >
          Reconnect
        </button>
      </Show>
    </div>
  );
}

/** Renders `children` while the server is reachable, NeedsServer otherwise. */
export function OnlineOnly(props: { what: string; children: JSX.Element }): JSX.Element {
  const reachable = useServerReachable();
  return (
    <Show when={reachable()} fallback={<NeedsServer what={props.what} />}>
      {props.children}
    </Show>
  );
}
