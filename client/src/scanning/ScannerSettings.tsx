import { gs1Hri } from '@stockroom/shared/scanning/gs1/gs1-data';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { SYMBOLOGY_LABELS } from '@stockroom/shared/scanning/symbology';
import { WedgeOptions } from '@stockroom/shared/scanning/wedge-detector';
import { createEffect, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { CameraScanner } from './CameraScanner.tsx';
import { ENGINE_LABELS, ENGINE_NAMES, type EngineName } from './decoder-engine.ts';
import { NfcReadButton } from './NfcControls.tsx';
import { claimScans } from './scan-claims.ts';
import { characterTable, printable } from './scan-display.ts';
import { defaultScannerSettings, scannerSettings, updateScannerSettings } from './scanner-settings.ts';
import { attachWedgeListener } from './wedge-listener.ts';
import './scanning.css';

interface KeyRow {
  key: string;
  code: string;
  ctrl: boolean;
  gap: number | null;
}

const MAX_ROWS = 60;

/**
 * The scanner page: test a handheld scanner and see exactly what it sends (every keystroke,
 * its timing, every character code, GS separators), adjust how scans are recognised, pick the
 * camera engine and test the camera, and read an NFC tag where the phone can.
 */
export function ScannerSettingsPage(): JSX.Element {
  const [keys, setKeys] = createSignal<KeyRow[]>([]);
  const [scans, setScans] = createSignal<ScanEvent[]>([]);
  const [cameraOn, setCameraOn] = createSignal(false);
  const [frameMs, setFrameMs] = createSignal<number | null>(null);
  const [problem, setProblem] = createSignal('');
  const record = (event: ScanEvent) => setScans((list) => [event, ...list].slice(0, 20));
  claimScans();

  createEffect(() => {
    const detach = attachWedgeListener(window, {
      wedge: scannerSettings().wedge,
      onScan: record,
      onKey: (e, gap) =>
        setKeys((rows) =>
          [
            { key: e.key, code: e.code, ctrl: e.ctrlKey, gap: gap === null ? null : Math.round(gap) },
            ...rows,
          ].slice(0, MAX_ROWS),
        ),
    });
    onCleanup(detach);
  });

  const wedge = () => scannerSettings().wedge;
  const camera = () => scannerSettings().camera;
  const setWedge = (patch: Partial<ReturnType<typeof wedge>>) => {
    const next = WedgeOptions.safeParse({ ...wedge(), ...patch });
    if (!next.success) {
      setProblem(next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    setProblem('');
    updateScannerSettings({ ...scannerSettings(), wedge: next.data });
  };
  const setCamera = (patch: Partial<ReturnType<typeof camera>>) =>
    updateScannerSettings({ ...scannerSettings(), camera: { ...camera(), ...patch } });
  const toggleTerminator = (t: 'Enter' | 'Tab', on: boolean) =>
    setWedge({
      terminators: on
        ? [...new Set([...wedge().terminators, t])]
        : wedge().terminators.filter((x) => x !== t),
    });

  return (
    <section class="screen" data-testid="scanner-settings">
      <header class="screen-head">
        <h1>Scanners</h1>
      </header>

      <div class="card">
        <h2>Test a handheld scanner</h2>
        <p class="muted">
          Scan any barcode now. A scan is a burst of keys at most {wedge().maxGapMs} ms apart, at least{' '}
          {wedge().minLength} characters, ending in{' '}
          {wedge().terminators.join(' or ') || `“${wedge().suffix}”`}.
        </p>
        <Show when={scans().length === 0}>
          <p data-testid="wedge-waiting">Waiting for a scan…</p>
        </Show>
        <For each={scans()}>
          {(scan) => (
            <div class="saved-card" data-testid="scan-result">
              <div>
                <strong>{scan.source}</strong> {SYMBOLOGY_LABELS[scan.symbology]} ·{' '}
                <code>{printable(scan.raw)}</code>
              </div>
              <div class="scan-chars" data-testid="scan-chars">
                <For each={characterTable(scan.raw)}>
                  {(c) => (
                    <span class={c.code < 32 ? 'scan-char control' : 'scan-char'}>
                      {c.char}
                      <small>{c.code}</small>
                    </span>
                  )}
                </For>
              </div>
              <Show when={scan.gs1}>
                {(gs1) => (
                  <p>
                    GS1 {gs1().form}: <code>{gs1Hri(gs1())}</code>
                  </p>
                )}
              </Show>
              <Show when={scan.gs1Error}>
                <p class="field-error">GS1 problem: {scan.gs1Error}</p>
              </Show>
            </div>
          )}
        </For>
        <details>
          <summary>Keystrokes ({keys().length})</summary>
          <table class="table scan-log" data-testid="key-log">
            <thead>
              <tr>
                <th>key</th>
                <th>code</th>
                <th>Ctrl</th>
                <th>gap (ms)</th>
              </tr>
            </thead>
            <tbody>
              <For each={keys()}>
                {(k) => (
                  <tr>
                    <td>{printable(k.key)}</td>
                    <td>{k.code}</td>
                    <td>{k.ctrl ? 'yes' : ''}</td>
                    <td>{k.gap ?? '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </div>

      <div class="card form">
        <h2>How scans are recognised</h2>
        <NumberField
          label="Minimum length"
          value={wedge().minLength}
          onChange={(n) => setWedge({ minLength: n })}
        />
        <NumberField
          label="Longest gap between keys (ms)"
          value={wedge().maxGapMs}
          onChange={(n) => setWedge({ maxGapMs: n })}
        />
        <TextField
          label="Prefix the scanner sends"
          value={wedge().prefix}
          onChange={(v) => setWedge({ prefix: v })}
        />
        <TextField
          label="Suffix the scanner sends"
          value={wedge().suffix}
          onChange={(v) => setWedge({ suffix: v })}
        />
        <TextField
          label="Sent instead of the GS1 separator (GS)"
          value={wedge().gsSubstitute}
          onChange={(v) => setWedge({ gsSubstitute: v })}
        />
        <fieldset class="field">
          <legend class="field-label">Scan ends with</legend>
          <For each={['Enter', 'Tab'] as const}>
            {(t) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={wedge().terminators.includes(t)}
                  onChange={(e) => toggleTerminator(t, e.currentTarget.checked)}
                />
                {t}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={problem()}>
          <p class="form-error">{problem()}</p>
        </Show>
        <p class="muted">Ctrl+] is always read as the GS1 separator (ASCII 29).</p>
        <button
          type="button"
          class="button"
          onClick={() =>
            updateScannerSettings({ ...scannerSettings(), wedge: defaultScannerSettings().wedge })
          }
        >
          Restore defaults
        </button>
      </div>

      <div class="card form">
        <h2>Camera</h2>
        <label class="field">
          <span class="field-label">Decoder</span>
          <select
            data-testid="engine-select"
            value={camera().engine}
            onChange={(e) => setCamera({ engine: e.currentTarget.value as EngineName })}
          >
            <For each={ENGINE_NAMES}>{(name) => <option value={name}>{ENGINE_LABELS[name]}</option>}</For>
          </select>
        </label>
        <NumberField
          label="Ignore the same code for (ms)"
          value={camera().cooldownMs}
          onChange={(n) => setCamera({ cooldownMs: n })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={camera().repeat}
            onChange={(e) => setCamera({ repeat: e.currentTarget.checked })}
          />
          Count the same code again each time it comes back into view
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={camera().beep}
            onChange={(e) => setCamera({ beep: e.currentTarget.checked })}
          />
          Beep on scan
        </label>
        <button
          type="button"
          class="button"
          data-testid="camera-test"
          onClick={() => setCameraOn(!cameraOn())}
        >
          {cameraOn() ? 'Stop camera' : 'Test camera'}
        </button>
        <Show when={cameraOn()}>
          <Show when={camera().engine} keyed>
            {(engine) => (
              <CameraScanner
                engine={engine}
                onScan={record}
                onFrame={(f) => setFrameMs(Math.round(f.decodeMs))}
              />
            )}
          </Show>
          <Show when={frameMs() !== null}>
            <p class="muted">Last frame decoded in {frameMs()} ms.</p>
          </Show>
        </Show>
      </div>

      <NfcReadButton onScan={record} />
    </section>
  );
}

function NumberField(props: { label: string; value: number; onChange: (n: number) => void }): JSX.Element {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      <input
        type="number"
        value={props.value}
        onChange={(e) => {
          const n = Number(e.currentTarget.value);
          if (Number.isFinite(n)) props.onChange(n);
        }}
      />
    </label>
  );
}

function TextField(props: { label: string; value: string; onChange: (v: string) => void }): JSX.Element {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      <input type="text" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} />
    </label>
  );
}
