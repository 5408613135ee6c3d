import {
  guessMapping,
  IMPORT_FIELDS,
  IMPORT_KIND_LABELS,
  ImportKind,
  unmappedRequired,
} from '@stockroom/shared/import/fields';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import * as Y from 'yjs';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { saveFile } from '../purchasing/download.ts';
import { canManagePurchasing } from '../purchasing/purchasing-permissions.ts';
import { ImportMapping, ImportPreview } from './ImportMapping.tsx';
import { ImportSummary, ProblemList } from './ImportReport.tsx';
import { ImportWorker } from './import-client.ts';
import {
  addOutcomes,
  type Chunk,
  EMPTY_OUTCOME,
  formatDuration,
  type Mapping,
  type Outcome,
  recalledMapping,
  rememberMapping,
  timeLeftMs,
} from './import-plan.ts';
import { NO_LOCAL_CATALOG, type Preview } from './import-protocol.ts';
import { type Mode, runImport, type SendChunk } from './import-run.ts';
import './import.css';

/** Rows per request: a few hundred milliseconds of server work each, so the bar moves steadily. */
const CHUNK_ROWS = 2000;

const OutcomeSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
});

interface Checked {
  outcome: Outcome;
  valid: Chunk[];
  validRows: number;
}

/**
 * Import a spreadsheet: kind and file → preview → columns → every row checked in a worker
 * (the page stays responsive) → all or nothing / only valid rows → progress → summary with
 * the skipped rows as a CSV to fix and import again.
 */
export function ImportScreen() {
  const app = useApp();
  const [kind, setKind] = createSignal<ImportKind>('items');
  const [fileName, setFileName] = createSignal('');
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [mapping, setMapping] = createSignal<Mapping>({});
  const [checking, setChecking] = createSignal<{ done: number; total: number } | null>(null);
  const [checked, setChecked] = createSignal<Checked | null>(null);
  const [mode, setMode] = createSignal<Mode>('valid-only');
  const [running, setRunning] = createSignal<{
    done: number;
    total: number;
    startedAt: number;
    at: number;
  } | null>(null);
  const [result, setResult] = createSignal<{
    outcome: Outcome;
    applied: boolean;
    stoppedBecause: string | null;
  } | null>(null);
  const [error, setError] = createSignal('');
  let worker: ImportWorker | null = null;
  const theWorker = () => (worker ??= new ImportWorker());
  onCleanup(() => worker?.close());

  // Opening stock is a stock movement: only roles that record movements import it; open
  // purchase orders only purchasing managers (the server refuses others the same way).
  const kinds = () =>
    ImportKind.options.filter(
      (k) =>
        (k !== 'opening-balances' || app.canRecord()) &&
        (k !== 'purchase-orders' || canManagePurchasing(app.session().user.role)),
    );

  const mapFor = (k: ImportKind, p: Preview) =>
    recalledMapping(localStorage, k, p.headers, guessMapping(k, p.headers));

  const chooseKind = (k: ImportKind) => {
    setKind(k);
    setChecked(null);
    setResult(null);
    const p = preview();
    if (p) setMapping(mapFor(k, p));
  };

  const chooseFile = async (file: File | undefined) => {
    setError('');
    setChecked(null);
    setResult(null);
    setPreview(null);
    if (!file) return;
    setFileName(file.name);
    try {
      const p = await theWorker().parse(file);
      setPreview(p);
      setMapping(mapFor(kind(), p));
    } catch (e) {
      setError(`The file could not be read: ${(e as Error).message}`);
    }
  };

  const changeMapping = (m: Mapping) => {
    setMapping(m);
    setChecked(null);
    const p = preview();
    if (p) rememberMapping(localStorage, kind(), p.headers, m);
  };

  const missing = () => unmappedRequired(kind(), mapping());

  const check = async () => {
    const p = preview();
    if (!p) return;
    setError('');
    rememberMapping(localStorage, kind(), p.headers, mapping());
    setChecking({ done: 0, total: p.rowCount });
    try {
      const attempt = (catalog: { database: string } | { update: Uint8Array }) =>
        theWorker().validate(
          { kind: kind(), mapping: mapping(), catalog, chunkSize: CHUNK_ROWS, actor: app.actor() },
          (done, total) => setChecking({ done, total }),
        );
      // The worker reads the catalog from this device's IndexedDB (y-indexeddb's database for
      // the room): encoding a big catalog here would block the page for a third of a second.
      const res = await attempt({ database: `stockroom/${app.ws.catalogRoom.room}` }).catch((e: Error) => {
        if (e.message !== NO_LOCAL_CATALOG) throw e;
        return attempt({ update: Y.encodeStateAsUpdate(app.ws.catalogRoom.doc) });
      });
      setChecked(res);
      setMode(res.outcome.rejected.length ? 'valid-only' : 'all-or-nothing');
    } catch (e) {
      setError(`The rows could not be checked: ${(e as Error).message}`);
    } finally {
      setChecking(null);
    }
  };

  const send: SendChunk = async (k, query, rows) => {
    const res = await app.api.send(
      'POST',
      `/api/import/${k}?mode=${query.mode}&dryRun=${query.dryRun}`,
      OutcomeSchema,
      rows,
    );
    return res.ok ? res : { ok: false, message: res.message };
  };

  const start = async () => {
    const c = checked();
    if (!c) return;
    const local = c.outcome.rejected;
    if (mode() === 'all-or-nothing' && local.length) {
      // The checks already refused rows: all or nothing is nothing, without asking the server.
      setResult({ outcome: { ...EMPTY_OUTCOME, rejected: local }, applied: false, stoppedBecause: null });
      return;
    }
    const startedAt = performance.now();
    setRunning({ done: 0, total: c.validRows, startedAt, at: startedAt });
    const run = await runImport({
      kind: kind(),
      mode: mode(),
      chunks: c.valid,
      send,
      onProgress: (done) => setRunning({ done, total: c.validRows, startedAt, at: performance.now() }),
    });
    setRunning(null);
    const outcome = addOutcomes(run.outcome, { ...EMPTY_OUTCOME, rejected: local });
    outcome.rejected.sort((a, b) => a.row - b.row);
    setResult({ outcome, applied: run.rowsDone > 0, stoppedBecause: run.stoppedBecause });
  };

  const download = async () => {
    const r = result();
    if (!r) return;
    const csv = await theWorker().rejectedCsv(r.outcome.rejected);
    const base = fileName().replace(/\.[^.]*$/, '') || kind();
    saveFile(`${base}-rejected.csv`, csv, 'text/csv;charset=utf-8');
  };

  const again = () => {
    setResult(null);
    setChecked(null);
    setPreview(null);
    setFileName('');
  };

  return (
    <section class="screen import-screen" data-testid="import-screen">
      <div class="screen-head">
        <h1>Import</h1>
      </div>
      <Show
        when={app.canEditCatalog()}
        fallback={
          <div class="empty" data-testid="import-forbidden">
            <h2>Your role may not import</h2>
            <p>Importing changes the catalog: ask a manager or an administrator.</p>
          </div>
        }
      >
        <Show
          when={result()}
          fallback={
            <>
              <div class="card form">
                <div class="grid">
                  <label class="field">
                    <span class="field-label">What the file holds</span>
                    <select
                      data-testid="import-kind"
                      value={kind()}
                      disabled={!!running()}
                      onChange={(e) => chooseKind(e.currentTarget.value as ImportKind)}
                    >
                      <For each={kinds()}>{(k) => <option value={k}>{IMPORT_KIND_LABELS[k]}</option>}</For>
                    </select>
                  </label>
                  <label class="field">
                    <span class="field-label">File (CSV, semicolon- or tab-separated)</span>
                    <input
                      type="file"
                      accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
                      data-testid="import-file"
                      disabled={!!running()}
                      onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
                    />
                  </label>
                </div>
                <p class="field-hint">
                  Columns: {IMPORT_FIELDS[kind()].map((f) => f.label + (f.required ? ' *' : '')).join(', ')}.
                  Rows with a known SKU or code update only the columns you import. Importing needs a
                  connection.
                </p>
              </div>
              <Show when={error()}>
                <p class="form-error" role="alert" data-testid="import-error">
                  {error()}
                </p>
              </Show>
              <Show when={preview()}>
                {(p) => (
                  <>
                    <ImportPreview preview={p()} />
                    <ImportMapping
                      kind={kind()}
                      headers={p().headers}
                      mapping={mapping()}
                      onChange={changeMapping}
                    />
                    <div class="actions">
                      <button
                        type="button"
                        class="button primary"
                        data-testid="import-check"
                        disabled={missing().length > 0 || !!checking() || !!running()}
                        onClick={() => void check()}
                      >
                        Check every row
                      </button>
                      <Show when={missing().length > 0}>
                        <span class="field-error">
                          Choose a column for{' '}
                          {missing()
                            .map((m) => m.label)
                            .join(', ')}
                        </span>
                      </Show>
                    </div>
                  </>
                )}
              </Show>
              <Show when={checking()}>
                {(c) => (
                  <div class="card" data-testid="import-checking">
                    <progress max={c().total} value={c().done} />
                    <span>
                      Checking {c().done.toLocaleString()} of {c().total.toLocaleString()} rows…
                    </span>
                  </div>
                )}
              </Show>
              <Show when={checked()}>
                {(c) => (
                  <CheckedPanel
                    checked={c()}
                    mode={mode()}
                    onMode={setMode}
                    busy={!!running()}
                    onStart={() => void start()}
                  />
                )}
              </Show>
              <Show when={running()}>
                {(r) => (
                  <div class="card import-running" data-testid="import-running">
                    <progress data-testid="import-progress" max={r().total} value={r().done} />
                    <span data-testid="import-progress-text">
                      {r().done.toLocaleString()} of {r().total.toLocaleString()} rows ·{' '}
                      {formatDuration(timeLeftMs(r().done, r().total, r().at - r().startedAt))}
                    </span>
                  </div>
                )}
              </Show>
            </>
          }
        >
          {(r) => (
            <ImportSummary
              outcome={r().outcome}
              applied={r().applied}
              stoppedBecause={r().stoppedBecause}
              onDownload={() => void download()}
              onAgain={again}
            />
          )}
        </Show>
      </Show>
    </section>
  );
}

function CheckedPanel(props: {
  checked: Checked;
  mode: Mode;
  onMode: (m: Mode) => void;
  busy: boolean;
  onStart: () => void;
}) {
  const c = () => props.checked;
  const badRows = () => c().outcome.rejected.reduce((s, r) => s.add(r.row), new Set<number>()).size;
  return (
    <div class="card form" data-testid="import-checked">
      <p data-testid="import-check-result">
        {c().validRows.toLocaleString()} rows can be imported ({c().outcome.created} new,{' '}
        {c().outcome.updated} updated, {c().outcome.unchanged} unchanged)
        <Show when={badRows() > 0}>
          ; <strong data-testid="import-bad-count">{badRows()}</strong> rows have problems:
        </Show>
      </p>
      <ProblemList rejected={c().outcome.rejected} testId="import-problems" />
      <div class="segmented" role="radiogroup" aria-label="How to import">
        <label>
          <input
            type="radio"
            name="import-mode"
            data-testid="import-mode-all"
            checked={props.mode === 'all-or-nothing'}
            onChange={() => props.onMode('all-or-nothing')}
          />{' '}
          All or nothing
        </label>
        <label>
          <input
            type="radio"
            name="import-mode"
            data-testid="import-mode-valid"
            checked={props.mode === 'valid-only'}
            onChange={() => props.onMode('valid-only')}
          />{' '}
          Only the valid rows
        </label>
      </div>
      <div class="actions">
        <button
          type="button"
          class="button primary big"
          data-testid="import-start"
          disabled={props.busy}
          onClick={props.onStart}
        >
          Import
        </button>
      </div>
    </div>
  );
}
