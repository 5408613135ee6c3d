import { For, Show } from 'solid-js';
import { byRow, type Outcome, type Rejected } from './import-plan.ts';

/** Rows listed on screen at most; the rejected-rows CSV holds all of them. */
const SHOWN_ROWS = 200;

/** Every refused row with each field and why, in file order. */
export function ProblemList(props: { rejected: Rejected[]; testId: string }) {
  const rows = () => [...byRow(props.rejected)];
  return (
    <Show when={rows().length > 0}>
      <div class="card import-problems" data-testid={props.testId}>
        <ul>
          <For each={rows().slice(0, SHOWN_ROWS)}>
            {([row, problems]) => (
              <li data-testid="import-problem-row" data-row={row}>
                <strong>Line {row}</strong>:{' '}
                <For each={problems}>
                  {(p, i) => (
                    <span data-testid="import-problem" data-field={p.field}>
                      {i() > 0 ? '; ' : ''}
                      <code>{p.field}</code> {p.message}
                    </span>
                  )}
                </For>
              </li>
            )}
          </For>
        </ul>
        <Show when={rows().length > SHOWN_ROWS}>
          <p class="muted">
            … and {rows().length - SHOWN_ROWS} more lines: the rejected rows' CSV lists every one.
          </p>
        </Show>
      </div>
    </Show>
  );
}

/** What the import did, and the way to fix what it skipped. */
export function ImportSummary(props: {
  outcome: Outcome;
  applied: boolean;
  stoppedBecause: string | null;
  onDownload: () => void;
  onAgain: () => void;
}) {
  const skippedRows = () => byRow(props.outcome.rejected).size;
  return (
    <div class="card import-summary" data-testid="import-summary">
      <h2>{props.applied ? 'Import finished' : 'Nothing was imported'}</h2>
      <Show when={props.stoppedBecause}>
        <p class="form-error" role="alert" data-testid="import-stopped">
          The import stopped: {props.stoppedBecause}
        </p>
      </Show>
      <dl class="import-counts">
        <dt>Created</dt>
        <dd data-testid="import-created">{props.outcome.created}</dd>
        <dt>Updated</dt>
        <dd data-testid="import-updated">{props.outcome.updated}</dd>
        <dt>Unchanged</dt>
        <dd data-testid="import-unchanged">{props.outcome.unchanged}</dd>
        <dt>Skipped</dt>
        <dd data-testid="import-skipped">{skippedRows()}</dd>
      </dl>
      <ProblemList rejected={props.outcome.rejected} testId="import-skipped-list" />
      <div class="actions">
        <Show when={skippedRows() > 0}>
          <button
            type="button"
            class="button"
            data-testid="import-download-rejected"
            onClick={props.onDownload}
          >
            Download the skipped rows (CSV) to fix them
          </button>
        </Show>
        <button type="button" class="button primary" data-testid="import-again" onClick={props.onAgain}>
          Import another file
        </button>
      </div>
    </div>
  );
}
