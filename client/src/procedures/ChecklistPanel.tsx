import { type JobFacts, unmetSteps } from '@stockroom/shared/procedures/checks';
import type { Checklist } from '@stockroom/shared/procedures/settings';
import { createMemo, For, Show } from 'solid-js';
import './procedures.css';

/**
 * The job's checklist where the job is done. Steps the app checks itself say so, and show
 * whether they hold for what is on the form now; the submit refuses while one does not.
 */
export function ChecklistPanel(props: { checklist: Checklist; facts: JobFacts; job: string }) {
  const unmet = createMemo(() => new Set(unmetSteps(props.checklist, props.facts).map((s) => s.step)));
  return (
    <Show when={props.checklist.length > 0}>
      <details class="checklist card" open data-testid="checklist" data-job={props.job}>
        <summary>Procedure</summary>
        <ol>
          <For each={props.checklist}>
            {(step, i) => (
              <li
                data-testid="checklist-step"
                data-check={step.check ?? ''}
                data-unmet={unmet().has(i()) ? 'true' : 'false'}
                classList={{ unmet: unmet().has(i()) }}
              >
                <bdi>{step.text}</bdi>
                <Show when={step.check}>
                  <span class="muted"> {unmet().has(i()) ? '— not done yet' : '— checked by the app'}</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </details>
    </Show>
  );
}
