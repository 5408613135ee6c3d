import { For, Show } from 'solid-js';
import type { EntrySaved } from '../sync/pending.ts';
import { formatQuantity } from '../ui/format.ts';

export interface RecentEntry {
  id: string;
  label: string;
  quantity: number;
  at: string;
  unknown: boolean;
  voided: boolean;
  saved: EntrySaved;
}

function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { timeStyle: 'medium' });
}

/** My latest entries here, newest first: one tap undoes one (a void event; the entry stays as evidence). */
export function RecentScans(props: {
  entries: RecentEntry[];
  onUndo: (id: string) => void;
  disabled: boolean;
}) {
  return (
    <div class="card recent-scans">
      <h3>Your last scans here</h3>
      <Show when={props.entries.length > 0} fallback={<p class="muted">Scan an item: each scan adds 1.</p>}>
        <ul class="recent-list" data-testid="count-recent">
          <For each={props.entries}>
            {(e) => (
              <li
                class="recent-row"
                classList={{ voided: e.voided, unknown: e.unknown }}
                data-testid="count-entry"
                data-id={e.id}
                data-voided={e.voided ? 'true' : 'false'}
                data-saved={e.saved}
              >
                <span class="recent-main">
                  <span class="recent-line">
                    <strong>+{formatQuantity(e.quantity)}</strong> {e.label}
                  </span>
                  <span class="muted recent-sub">
                    {clock(e.at)} ·{' '}
                    <span data-testid="count-entry-saved" class={`saved-${e.saved}`}>
                      {e.saved === 'server' ? 'saved on server' : 'saved on device'}
                    </span>
                    {e.voided ? ' · undone' : ''}
                  </span>
                </span>
                <Show when={!e.voided}>
                  <button
                    type="button"
                    class="button undo"
                    data-testid="count-entry-undo"
                    disabled={props.disabled}
                    onClick={() => props.onUndo(e.id)}
                  >
                    Undo
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
