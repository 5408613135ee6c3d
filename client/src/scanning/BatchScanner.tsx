import { BatchTracker, type TrackedCode } from '@stockroom/shared/scanning/batch-tracker';
import { createScanEvent, type ScanEvent } from '@stockroom/shared/scanning/scan-event';
import type { Symbology } from '@stockroom/shared/scanning/symbology';
import { createSignal, For, type JSX, Show } from 'solid-js';
import { CameraScanner, type VideoCode } from './CameraScanner.tsx';
import type { FrameResult } from './decoder-client.ts';
import type { EngineName } from './decoder-engine.ts';
import { type BatchFeedback, batchFeedback, frameFeedback } from './feedback.ts';
import { printable } from './scan-display.ts';
import { scannerSettings } from './scanner-settings.ts';

/** What the screen made of one code of the batch. */
export interface BatchVerdict {
  /** counted: recorded; unknown: the code is no item; refused: not recorded (message says why). */
  kind: 'counted' | 'unknown' | 'refused';
  /**
   * Whether it went into the count or receipt (default: unless refused). Counting records an
   * unknown code as an unknown barcode; receiving cannot (false).
   */
  recorded?: boolean;
  /** Shown in the list (e.g. "+1 BOLT-M6"); the code's text when absent. */
  label?: string;
  message?: string;
  /** Takes the count back (the user tapped the code to exclude it). */
  undo?: () => void;
}

export interface BatchScannerProps {
  /** Called once per distinct code of the batch; each call is its own event (a count, a receipt scan). */
  onScan: (event: ScanEvent) => BatchVerdict;
  onClose: () => void;
  /** Prefix of the data-testids of this sheet (count-batch, receive-batch …). */
  testId: string;
  /** Under the counter: where the codes go ("at A-01", "into DOCK-1"). */
  context?: string;
  engine?: EngineName;
  symbologies?: readonly Symbology[];
  onFrame?: (frame: FrameResult) => void;
  onError?: (error: Error) => void;
}

interface Row {
  key: string;
  symbology: Symbology;
  verdict: BatchVerdict;
}

/**
 * Batch mode of the camera: every code in view is read, highlighted where it is with its
 * symbology and text, and counted once (BatchTracker), however long it stays in view. Tapping a
 * highlighted code excludes it (its count is undone); tapping it again counts it again.
 */
export function BatchScanner(props: BatchScannerProps): JSX.Element {
  const tracker = new BatchTracker<VideoCode>();
  // By key, and the overlay iterates over keys (strings: equal by value), so a code's marker
  // stays the same DOM node from frame to frame and can be tapped while it moves.
  const [visible, setVisible] = createSignal<Map<string, TrackedCode<VideoCode>>>(new Map());
  const showVisible = () =>
    setVisible(
      new Map(
        tracker
          .visible()
          .filter((v) => v.code.position)
          .map((v) => [v.key, v]),
      ),
    );
  const [rows, setRows] = createSignal<Row[]>([]);
  const [excluded, setExcluded] = createSignal(0);
  const verdicts = new Map<string, BatchVerdict>();
  const beep = () => scannerSettings().camera.beep;

  const countCode = (key: string, code: VideoCode): BatchFeedback => {
    const event = createScanEvent({
      raw: code.text,
      source: 'camera',
      symbology: code.symbology,
      ...(code.aimId ? { aimId: code.aimId } : {}),
    });
    const verdict = props.onScan(event);
    verdicts.set(key, verdict);
    tracker.setOutcome(key, verdict.kind);
    setRows((r) => [{ key, symbology: code.symbology, verdict }, ...r.filter((x) => x.key !== key)]);
    return verdict.kind === 'counted' ? 'counted' : verdict.kind;
  };

  const onCodes = (codes: VideoCode[], now: number) => {
    const heard: BatchFeedback[] = [];
    for (const e of tracker.push(codes, now)) {
      if (e.kind === 'count') heard.push(countCode(e.key, e.code));
      else if (e.kind === 'again') heard.push('already');
      else heard.push('refused');
    }
    const sound = frameFeedback(heard);
    if (sound) batchFeedback(sound, beep());
    showVisible();
  };

  /** Tap: exclude a code (undoing its count), or count an excluded one again. */
  const toggle = (key: string) => {
    const current = tracker.get(key);
    if (!current) return;
    if (current.state === 'excluded') {
      tracker.include(key);
      setExcluded((n) => n - 1);
    } else {
      const was = tracker.exclude(key);
      setExcluded((n) => n + 1);
      if (was === 'counted') verdicts.get(key)?.undo?.();
      verdicts.delete(key);
      setRows((r) => r.filter((x) => x.key !== key));
    }
    showVisible();
  };

  const newBatch = () => {
    tracker.reset();
    verdicts.clear();
    setRows([]);
    setExcluded(0);
    setVisible(new Map());
  };

  const counted = () => rows().filter((r) => r.verdict.recorded ?? r.verdict.kind !== 'refused').length;

  const overlay = (video: { width: number; height: number }) => (
    <svg
      class="camera-markers batch-markers"
      viewBox={`0 0 ${video.width} ${video.height}`}
      preserveAspectRatio="xMidYMid slice"
      data-testid={`${props.testId}-overlay`}
    >
      <title>Codes in view: tap one to exclude it</title>
      <For each={[...visible().keys()]}>
        {(key) => {
          // Its last state while For removes the node (the code just went out of view).
          let last: TrackedCode<VideoCode> | undefined;
          const v = () => {
            last = visible().get(key) ?? last;
            return last!;
          };
          const corners = () => v().code.position!;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG shape over the video cannot be a <button>
            <g
              class={`batch-marker batch-${v().state} batch-outcome-${v().outcome ?? 'none'}`}
              classList={{ 'batch-away': !v().inView }}
              data-testid="batch-marker"
              data-text={key}
              data-symbology={v().code.symbology}
              data-state={v().state}
              data-outcome={v().outcome ?? ''}
              role="button"
              tabindex="0"
              aria-label={`${v().state === 'excluded' ? 'Count' : 'Exclude'} ${printable(key)}`}
              onClick={() => toggle(key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  toggle(key);
                }
              }}
            >
              <polygon
                points={corners()
                  .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
                  .join(' ')}
              />
              <text x={corners()[3].x} y={corners()[3].y + 28}>
                {`${v().code.symbology} ${printable(key)}`}
              </text>
            </g>
          );
        }}
      </For>
    </svg>
  );

  return (
    <div class="camera-sheet batch-sheet" data-testid={`${props.testId}-sheet`}>
      <CameraScanner
        onScan={() => {}}
        batch={{ onCodes, overlay }}
        {...(props.engine ? { engine: props.engine } : {})}
        {...(props.symbologies ? { symbologies: props.symbologies } : {})}
        {...(props.onFrame ? { onFrame: props.onFrame } : {})}
        {...(props.onError ? { onError: props.onError } : {})}
      />
      <div class="camera-status batch-status">
        <p
          data-testid={`${props.testId}-counted`}
          data-counted={counted()}
          data-excluded={excluded()}
          role="status"
        >
          <strong>
            {counted()} {counted() === 1 ? 'code' : 'codes'} counted in this batch
          </strong>
          {excluded() ? ` · ${excluded()} excluded` : ''}
          {props.context ? ` · ${props.context}` : ''}
        </p>
        <Show
          when={rows().length}
          fallback={
            <p class="muted">
              Hold the camera over the labels: every code in view is counted once. Tap one to leave it out.
            </p>
          }
        >
          <ul class="plain batch-list" data-testid={`${props.testId}-list`}>
            <For each={rows()}>
              {(r) => (
                <li data-testid={`${props.testId}-row`} data-text={r.key} data-kind={r.verdict.kind}>
                  <span class={`batch-dot batch-outcome-${r.verdict.kind}`} aria-hidden="true" />
                  <bdi>{r.verdict.label ?? printable(r.key)}</bdi>
                  <Show when={r.verdict.message}>
                    <span class="muted"> · {r.verdict.message}</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <div class="actions batch-actions">
        <button type="button" class="button big" data-testid={`${props.testId}-new`} onClick={newBatch}>
          New batch
        </button>
        <button
          type="button"
          class="button primary big"
          data-testid={`${props.testId}-close`}
          onClick={() => props.onClose()}
        >
          Close camera
        </button>
      </div>
    </div>
  );
}
