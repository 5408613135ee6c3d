import { Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';

/** The header's one-line answer to "is my work safe?"; opens the sync panel. */
export function SyncIndicator(props: { open: boolean; onToggle: () => void }) {
  const app = useApp();
  return (
    <button
      type="button"
      class="sync-indicator"
      data-testid="sync-indicator"
      data-state={app.sync().state}
      data-pending={app.sync().pending}
      aria-expanded={props.open}
      aria-controls="sync-panel"
      onClick={() => props.onToggle()}
    >
      <span class="sync-dot" aria-hidden="true" />
      <span class="sync-label" data-testid="sync-label">
        {app.sync().label}
      </span>
      <Show when={app.sync().pending > 0}>
        <span class="sync-pending" data-testid="sync-pending" title="Changes not yet on the server">
          {app.sync().pending}
        </span>
      </Show>
    </button>
  );
}
