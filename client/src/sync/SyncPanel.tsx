import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { roomSyncState } from './sync-summary.ts';

const STATE_TEXT = { offline: 'Offline', syncing: 'Syncing', saved: 'Saved on the server' } as const;

function roomTitle(room: string): string {
  if (room === 'catalog') return 'Catalog (items, locations, suppliers)';
  if (room.startsWith('ledger-')) return `Movements ${room.slice('ledger-'.length)}`;
  return room;
}

/** Per-room detail, the offline switch, entries that could not be read, and the account. */
export function SyncPanel(props: { onClose: () => void; onLogout: () => void }) {
  const app = useApp();
  const rooms = createMemo(() => {
    app.syncTick();
    return app.ws.rooms.map((r) => r.statusSnapshot);
  });
  const invalid = createMemo(() => {
    app.catalogTick();
    app.ledgerTick();
    return app.ws.invalidEntries();
  });
  const [offline, setOffline] = createSignal(app.ws.isWorkingOffline);
  const [confirmLogout, setConfirmLogout] = createSignal(false);

  const toggleOffline = () => {
    const next = !offline();
    app.ws.setWorkOffline(next);
    setOffline(next);
  };

  return (
    <section
      id="sync-panel"
      class="sync-panel card"
      data-testid="sync-panel"
      aria-label="Sync details"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose();
      }}
    >
      <div class="panel-head">
        <h2>Sync</h2>
        <button
          type="button"
          class="button ghost"
          data-testid="sync-panel-close"
          onClick={() => props.onClose()}
        >
          Close
        </button>
      </div>
      <p class="sync-summary" data-testid="sync-panel-summary" data-state={app.sync().state}>
        {app.sync().label}
      </p>
      <p class="muted">
        Changes are saved on this device first and sent to the server when there is a connection. “Saved on
        the server” means the server confirmed it stored them.
      </p>
      <ul class="room-list">
        <For each={rooms()}>
          {(r) => (
            <li data-testid="sync-room" data-room={r.room} data-state={roomSyncState(r)}>
              <span class="room-name">{roomTitle(r.room)}</span>
              <span class="room-state">{STATE_TEXT[roomSyncState(r)]}</span>
              <span class="room-pending" data-testid="sync-room-pending">
                {r.pending === 1 ? '1 change waiting' : `${r.pending} changes waiting`}
              </span>
            </li>
          )}
        </For>
      </ul>
      <button
        type="button"
        class="button big"
        classList={{ primary: offline() }}
        data-testid="sync-toggle-offline"
        data-offline={offline() ? 'true' : 'false'}
        onClick={toggleOffline}
      >
        {offline() ? 'Reconnect' : 'Work offline'}
      </button>
      <Show when={invalid().length > 0}>
        <div class="invalid-entries" data-testid="sync-invalid">
          <h3>
            {invalid().length} {invalid().length === 1 ? 'entry' : 'entries'} could not be read and{' '}
            {invalid().length === 1 ? 'is' : 'are'} skipped
          </h3>
          <ul>
            <For each={invalid()}>
              {(e) => (
                <li data-testid="sync-invalid-entry" data-room={e.room} data-key={e.key}>
                  <code>{e.room}</code> / <code>{e.key}</code>: {e.problem}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <div class="account">
        <p data-testid="session-user">
          Logged in as <strong>{app.session().user.username}</strong> ({app.session().user.role}) · device{' '}
          <code>{app.deviceId.slice(0, 8)}</code>
        </p>
        <Show
          when={confirmLogout() && app.sync().pending > 0}
          fallback={
            <button
              type="button"
              class="button"
              data-testid="logout"
              onClick={() => (app.sync().pending > 0 ? setConfirmLogout(true) : props.onLogout())}
            >
              Log out
            </button>
          }
        >
          <p class="notice" data-testid="logout-warning">
            {app.sync().pending === 1 ? '1 change is' : `${app.sync().pending} changes are`} not on the server
            yet. They stay on this device and are sent after the next login here.
          </p>
          <button
            type="button"
            class="button danger"
            data-testid="logout-confirm"
            onClick={() => props.onLogout()}
          >
            Log out anyway
          </button>
        </Show>
      </div>
    </section>
  );
}
