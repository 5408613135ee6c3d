import type { LocationProgress } from '@stockroom/shared/stocktake/progress';
import { createMemo, For, Show } from 'solid-js';
import { assignmentFor } from './assignment.ts';
import { locationStatusLabel } from './status-label.ts';

/**
 * Where to count next: recounts and verifications assigned to me first, then the locations
 * still open, then the finished ones. Scanning a location label does the same as tapping it.
 */
export function LocationPicker(props: {
  locations: LocationProgress[];
  me: string;
  anyLocation: boolean;
  onPick: (code: string) => void;
}) {
  const mine = (l: LocationProgress) => assignmentFor(l, props.me) !== null;
  const groups = createMemo(() => {
    const recounts = props.locations.filter(mine);
    const open = props.locations.filter((l) => !mine(l) && l.status !== 'done');
    const done = props.locations.filter((l) => l.status === 'done');
    return { recounts, open, done };
  });
  const row = (l: LocationProgress) => (
    <li>
      <button
        type="button"
        class={`pick loc-${l.status}`}
        data-testid="count-pick-location"
        data-code={l.location}
        data-status={l.status}
        data-kind={l.activeKind}
        onClick={() => props.onPick(l.location)}
      >
        <strong>{l.location}</strong>
        <span class="muted">
          {locationStatusLabel(l)}
          {l.activeRound > 1 ? ` · round ${l.activeRound}` : ''}
          {l.assignees.length ? ` · for ${l.assignees.join(', ')}` : ''}
          {l.contributors.includes(props.me) && !l.doneBy.includes(props.me) ? ' · you started here' : ''}
        </span>
      </button>
    </li>
  );
  return (
    <div class="location-picker" data-testid="count-picker">
      <p class="scan-hint" data-testid="count-scan-location">
        Scan a location label, or pick one
      </p>
      <Show when={groups().recounts.length > 0}>
        <h3 class="recount-head">For you: recounts and verifications</h3>
        <ul class="pick-list" data-testid="count-recounts">
          <For each={groups().recounts}>{row}</For>
        </ul>
      </Show>
      <Show when={props.anyLocation && props.locations.length === 0}>
        <p class="muted">This cycle count covers any location: scan the location where the items are.</p>
      </Show>
      <ul class="pick-list">
        <For each={groups().open}>{row}</For>
      </ul>
      <Show when={groups().done.length > 0}>
        <details>
          <summary>Done ({groups().done.length})</summary>
          <ul class="pick-list">
            <For each={groups().done}>{row}</For>
          </ul>
        </details>
      </Show>
    </div>
  );
}
