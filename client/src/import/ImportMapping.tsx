import { IMPORT_FIELDS, type ImportKind } from '@stockroom/shared/import/fields';
import { For, Show } from 'solid-js';
import type { Mapping } from './import-plan.ts';
import type { Preview } from './import-protocol.ts';

/** The first rows of the file as read, so the user sees the separator and encoding were right. */
export function ImportPreview(props: { preview: Preview }) {
  const p = () => props.preview;
  const separator = () =>
    ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[p().delimiter] ?? p().delimiter;
  return (
    <div class="card import-preview" data-testid="import-preview">
      <p class="muted" data-testid="import-file-facts">
        {p().rowCount.toLocaleString()} rows · {separator()}-separated ·{' '}
        {p().encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}
      </p>
      <Show when={p().problems.length > 0}>
        <p class="form-error" data-testid="import-file-problems">
          The file itself has problems:{' '}
          {p()
            .problems.slice(0, 5)
            .map((x) => `line ${x.row}: ${x.message}`)
            .join('; ')}
        </p>
      </Show>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <For each={p().headers}>{(h) => <th>{h}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={p().sample}>
              {(row) => (
                <tr data-testid="import-preview-row">
                  <For each={p().headers}>{(_, i) => <td>{row[i()] ?? ''}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Which column feeds which field: guessed from the headers (and what was chosen last time), editable. */
export function ImportMapping(props: {
  kind: ImportKind;
  headers: string[];
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}) {
  const choose = (field: string, value: string) => {
    const next: Mapping = { ...props.mapping };
    if (value === '') delete next[field];
    else {
      const col = Number(value);
      // A column feeds one field: choosing it here takes it from another.
      for (const [k, c] of Object.entries(next)) if (c === col) delete next[k];
      next[field] = col;
    }
    props.onChange(next);
  };
  return (
    <fieldset class="card import-mapping" data-testid="import-mapping">
      <legend>Columns</legend>
      <div class="grid">
        <For each={IMPORT_FIELDS[props.kind]}>
          {(f) => (
            <label class="field" classList={{ invalid: !!f.required && props.mapping[f.key] === undefined }}>
              <span class="field-label">
                {f.label}
                {f.required ? ' *' : ''}
              </span>
              <select
                data-testid={`import-map-${f.key}`}
                value={props.mapping[f.key] === undefined ? '' : String(props.mapping[f.key])}
                onChange={(e) => choose(f.key, e.currentTarget.value)}
              >
                <option value="">— not imported —</option>
                <For each={props.headers}>
                  {(h, i) => <option value={String(i())}>{h || `column ${i() + 1}`}</option>}
                </For>
              </select>
              <Show when={f.required && props.mapping[f.key] === undefined}>
                <span class="field-error">needs a column</span>
              </Show>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
