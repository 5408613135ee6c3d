/**
 * A page with nothing but the camera scanner, for end-to-end tests with Chromium's fake
 * camera and for trying the scanner on a phone without the rest of the app. Not part of the
 * app build (only the test harness build includes it).
 *   ?engine=zxing-js|zxing-wasm   ?repeat=1   ?autostart=0 (mount on click)
 *   ?batch=1: the batch scanner (every code in view, each once); its undos land in __undone
 */
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createSignal, For, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { BatchScanner } from '../BatchScanner.tsx';
import { CameraScanner } from '../CameraScanner.tsx';
import type { EngineName } from '../decoder-engine.ts';
import { printable } from '../scan-display.ts';

declare global {
  interface Window {
    __scans: ScanEvent[];
    __errors: string[];
    /** Frames decoded so far and the codes in the last one: for diagnosing a failing test. */
    __frames: number;
    __lastCodes: unknown[];
    /** Per text read: the decoding passes that read it (plain, rotate 22.5°, zoom 2× …). */
    __readBy: Record<string, string[]>;
    /** Batch mode: texts whose count was undone by a tap on their marker. */
    __undone: string[];
  }
}
window.__scans = [];
window.__errors = [];
window.__frames = 0;
window.__lastCodes = [];
window.__readBy = {};
window.__undone = [];

const params = new URLSearchParams(location.search);
const engine = (params.get('engine') ?? undefined) as EngineName | undefined;

function Harness() {
  const [mounted, setMounted] = createSignal(params.get('autostart') !== '0');
  const [scans, setScans] = createSignal<ScanEvent[]>([]);
  return (
    <main>
      <button type="button" data-testid="toggle-scanner" onClick={() => setMounted(!mounted())}>
        {mounted() ? 'Close scanner' : 'Open scanner'}
      </button>
      <Show when={mounted() && params.get('batch') === '1'}>
        <BatchScanner
          testId="harness-batch"
          {...(engine ? { engine } : {})}
          onScan={(event) => {
            window.__scans.push(event);
            setScans([...window.__scans]);
            return { kind: 'counted', label: `+1 ${event.raw}`, undo: () => window.__undone.push(event.raw) };
          }}
          onClose={() => setMounted(false)}
          onError={(e) => window.__errors.push(e.message)}
          onFrame={(f) => {
            window.__frames++;
            window.__lastCodes = f.codes;
          }}
        />
      </Show>
      <Show when={mounted() && params.get('batch') !== '1'}>
        <CameraScanner
          {...(engine ? { engine } : {})}
          repeat={params.get('repeat') === '1'}
          onScan={(event) => {
            window.__scans.push(event);
            setScans([...window.__scans]);
          }}
          onError={(e) => window.__errors.push(e.message)}
          onFrame={(f) => {
            window.__frames++;
            window.__lastCodes = f.codes;
            for (const c of f.codes) {
              const by = window.__readBy[c.text] ?? [];
              if (!by.includes(f.pass)) window.__readBy[c.text] = [...by, f.pass];
            }
          }}
        />
      </Show>
      <ol data-testid="scan-log">
        <For each={scans()}>
          {(s) => (
            <li>
              {s.source} {s.symbology} {printable(s.raw)}
            </li>
          )}
        </For>
      </ol>
    </main>
  );
}

render(() => <Harness />, document.getElementById('app')!);
