import { createScanEvent, type ScanEvent } from '@stockroom/shared/scanning/scan-event';
import type { Symbology } from '@stockroom/shared/scanning/symbology';
import { createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { CameraError, type CameraHandle, listCameras, openCamera } from './camera.ts';
import { CloserHint } from './closer-hint.ts';
import { DecoderWorker, type FrameResult } from './decoder-client.ts';
import {
  BATCH_DECODER_OPTIONS,
  DEFAULT_DECODER_OPTIONS,
  DEFAULT_SYMBOLOGIES,
  type DecodedCode,
  type EngineName,
} from './decoder-engine.ts';
import { scanFeedback } from './feedback.ts';
import { mapQuad, type Quad, translate } from './frame-passes.ts';
import { ScanConfirmer } from './scan-confirmer.ts';
import { printable } from './scan-display.ts';
import { scannerSettings, updateScannerSettings } from './scanner-settings.ts';
import './scanning.css';

/** The part of the picture that is decoded, as fractions of the frame; shown as the aiming box. */
export const AIM_REGION = { x: 0.1, y: 0.2, width: 0.8, height: 0.6 } as const;

export interface CameraScannerProps {
  /** Called once per accepted scan (read in two frames, outside the cooldown). */
  onScan: (event: ScanEvent) => void;
  /** Overrides this device's scanner settings. */
  engine?: EngineName;
  cooldownMs?: number;
  /** Accept the same code again each time it comes back into view (counting identical items). */
  repeat?: boolean;
  symbologies?: readonly Symbology[];
  /** Stop decoding (the camera stays on, so resuming is instant). */
  paused?: boolean;
  onError?: (error: Error) => void;
  /** Per-frame figures, for the settings page. */
  onFrame?: (frame: FrameResult) => void;
  /**
   * Batch mode (BatchScanner.tsx): the whole picture is decoded for every code in view and each
   * frame's codes go to onCodes, positions in video pixels; nothing is confirmed or accepted here
   * (onScan is not called) and no markers are drawn: `overlay` draws them.
   */
  batch?: {
    onCodes: (codes: VideoCode[], now: number) => void;
    overlay: (video: { width: number; height: number }) => JSX.Element;
  };
}

/** A code read in a frame, its corners (`position`) in video pixels. */
export type VideoCode = DecodedCode;

/** A code drawn over the video where it was read, in video pixels. */
interface Marker {
  text: string;
  symbology: Symbology;
  corners: Quad;
}

/** How long a marker stays after the code was last read: long enough to see, short enough to follow. */
const MARKER_MS = 600;

type State = 'starting' | 'scanning' | 'paused' | 'error';

const MAX_FAILED_FRAMES = 30;

/**
 * Continuous scanning from the rear camera. Decoding happens in a Web Worker, one frame in
 * flight at a time; the camera is released when the component goes away, even if that
 * happens while the camera is still starting.
 */
export function CameraScanner(props: CameraScannerProps): JSX.Element {
  const [state, setState] = createSignal<State>('starting');
  const [message, setMessage] = createSignal('Starting the camera…');
  const [torchOn, setTorchOn] = createSignal(false);
  const [torchSupported, setTorchSupported] = createSignal(false);
  const [cameras, setCameras] = createSignal<{ deviceId: string; label: string }[]>([]);
  const [cameraId, setCameraId] = createSignal<string | undefined>(undefined);
  const [lastScan, setLastScan] = createSignal('');
  const [aspect, setAspect] = createSignal(16 / 9);
  const [videoSize, setVideoSize] = createSignal({ width: 1280, height: 720 });
  const [markers, setMarkers] = createSignal<Marker[]>([]);
  const [closer, setCloser] = createSignal(false);
  let markersAt = 0;
  const hint = new CloserHint();

  let video!: HTMLVideoElement;
  let camera: CameraHandle | null = null;
  let decoder: DecoderWorker | null = null;
  let disposed = false;
  let generation = 0; // bumps when the camera restarts, so a stale loop stops itself
  let failures = 0;
  const settings = () => scannerSettings().camera;
  const confirmer = () =>
    new ScanConfirmer<DecodedCode>({
      cooldownMs: props.cooldownMs ?? settings().cooldownMs,
      repeat: props.repeat ?? settings().repeat,
    });
  let confirm = confirmer();

  const fail = (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    setState('error');
    setMessage(e.message);
    props.onError?.(e);
  };

  async function startCamera(deviceId?: string | null): Promise<void> {
    const mine = ++generation;
    camera?.stop();
    camera = null;
    setState('starting');
    setMessage('Starting the camera…');
    let handle: CameraHandle;
    try {
      handle = await openCamera(deviceId);
    } catch (error) {
      if (!disposed && mine === generation) fail(error);
      return;
    }
    if (disposed || mine !== generation) {
      handle.stop(); // unmounted (or switched) while the camera was starting: release it now
      return;
    }
    camera = handle;
    setCameraId(handle.deviceId);
    setTorchSupported(handle.torchSupported);
    setTorchOn(false);
    video.srcObject = handle.stream;
    try {
      await video.play();
    } catch (error) {
      if (!disposed && mine === generation) fail(error);
      return;
    }
    if (disposed || mine !== generation) return;
    if (video.videoWidth && video.videoHeight) {
      setAspect(video.videoWidth / video.videoHeight);
      setVideoSize({ width: video.videoWidth, height: video.videoHeight });
    }
    setCameras(await listCameras().catch(() => []));
    if (disposed || mine !== generation) return;
    setState(props.paused ? 'paused' : 'scanning');
    setMessage('');
    loop(mine);
  }

  function schedule(mine: number): void {
    if (disposed || mine !== generation) return;
    const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(() => loop(mine));
    else setTimeout(() => loop(mine), 30);
  }

  /** The aiming region of the current video frame, and where it starts in the frame. */
  async function grab(): Promise<{ image: ImageBitmap | ImageData; sx: number; sy: number }> {
    const w = video.videoWidth;
    const h = video.videoHeight;
    // Batch mode: codes anywhere in the picture count, so the whole frame is decoded.
    const region = props.batch ? { x: 0, y: 0, width: 1, height: 1 } : AIM_REGION;
    const sx = Math.round(w * region.x);
    const sy = Math.round(h * region.y);
    const sw = Math.round(w * region.width);
    const sh = Math.round(h * region.height);
    if (typeof OffscreenCanvas !== 'undefined')
      return { image: await createImageBitmap(video, sx, sy, sw, sh), sx, sy };
    // No OffscreenCanvas (older Safari): the worker cannot draw, so read pixels here.
    const canvas = document.createElement('canvas');
    canvas.width = sw;
    canvas.height = sh;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(video, sx, sy, sw, sh, 0, 0, sw, sh);
    return { image: ctx.getImageData(0, 0, sw, sh), sx, sy };
  }

  /** Markers at the codes just read (mapped from the aiming region into the video), the move-closer hint. */
  function show(result: FrameResult, sx: number, sy: number): void {
    const now = performance.now();
    const toVideo = translate(sx, sy);
    const found = result.codes.flatMap((c) =>
      c.position ? [{ text: c.text, symbology: c.symbology, corners: mapQuad(toVideo, c.position) }] : [],
    );
    if (found.length) {
      setMarkers(found);
      markersAt = now;
    } else if (markers().length && now - markersAt > MARKER_MS) setMarkers([]);
    setCloser(hint.push(result));
  }

  async function loop(mine: number): Promise<void> {
    if (disposed || mine !== generation) return;
    if (props.paused || !decoder || video.readyState < 2 || !video.videoWidth) {
      setState(props.paused ? 'paused' : state() === 'error' ? 'error' : 'scanning');
      setTimeout(() => loop(mine), 100);
      return;
    }
    if (state() === 'paused') setState('scanning');
    try {
      const { image, sx, sy } = await grab();
      const result = await decoder.decode(image);
      if (disposed || mine !== generation) return;
      props.onFrame?.(result);
      if (props.batch) {
        const toVideo = translate(sx, sy);
        const codes = result.codes.map((c) =>
          c.position ? { ...c, position: mapQuad(toVideo, c.position) } : c,
        );
        props.batch.onCodes(codes, performance.now());
        setCloser(hint.push(result));
      } else {
        show(result, sx, sy);
        for (const code of confirm.push(result.codes, performance.now())) accept(code);
      }
      failures = 0;
    } catch (error) {
      if (disposed) return;
      // A failed frame (camera hiccup) is skipped; a dead worker, or frames failing on end, is reported.
      failures++;
      if ((error instanceof Error && /worker|closed/.test(error.message)) || failures >= MAX_FAILED_FRAMES) {
        fail(error);
        return;
      }
    }
    schedule(mine);
  }

  function accept(code: DecodedCode): void {
    const event = createScanEvent({
      raw: code.text,
      source: 'camera',
      symbology: code.symbology,
      ...(code.aimId ? { aimId: code.aimId } : {}),
    });
    setLastScan(printable(event.raw));
    scanFeedback(settings().beep);
    props.onScan(event);
  }

  onMount(() => {
    decoder = new DecoderWorker(props.engine ?? settings().engine, {
      ...DEFAULT_DECODER_OPTIONS,
      symbologies: props.symbologies ?? DEFAULT_SYMBOLOGIES,
      ...(props.batch
        ? { ...BATCH_DECODER_OPTIONS, symbologies: props.symbologies ?? DEFAULT_SYMBOLOGIES }
        : {}),
    });
    decoder.ready.catch((error) => {
      if (!disposed) fail(error);
    });
    void startCamera(settings().deviceId);
  });

  onCleanup(() => {
    disposed = true;
    generation++;
    camera?.stop();
    camera = null;
    if (video) video.srcObject = null;
    decoder?.terminate();
    decoder = null;
  });

  const toggleTorch = async () => {
    if (!camera) return;
    const next = !torchOn();
    if (await camera.setTorch(next)) setTorchOn(next);
  };

  const switchCamera = (deviceId: string) => {
    updateScannerSettings({ ...scannerSettings(), camera: { ...settings(), deviceId } });
    confirm = confirmer();
    void startCamera(deviceId);
  };

  return (
    <div class="camera-scanner" data-testid="camera-scanner" data-state={state()}>
      <div class="camera-view" style={{ 'aspect-ratio': String(aspect()) }}>
        <video ref={video} class="camera-video" data-testid="camera-video" muted playsinline autoplay />
        <Show when={!props.batch}>
          <div
            class="camera-aim"
            style={{
              left: `${AIM_REGION.x * 100}%`,
              top: `${AIM_REGION.y * 100}%`,
              width: `${AIM_REGION.width * 100}%`,
              height: `${AIM_REGION.height * 100}%`,
            }}
          />
        </Show>
        <svg
          class="camera-markers"
          viewBox={`0 0 ${videoSize().width} ${videoSize().height}`}
          preserveAspectRatio="xMidYMid slice"
          aria-hidden="true"
        >
          <For each={props.batch ? [] : markers()}>
            {(m) => (
              <g data-testid="camera-marker" data-text={m.text} data-symbology={m.symbology}>
                <polygon points={m.corners.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} />
                <text x={m.corners[3].x} y={m.corners[3].y + 28}>
                  {`${m.symbology} ${printable(m.text)}`}
                </text>
              </g>
            )}
          </For>
        </svg>
        {props.batch?.overlay(videoSize())}
        <Show when={closer() && !message()}>
          <p class="camera-message camera-hint" data-testid="camera-hint" role="status">
            Code too small to read: move closer
          </p>
        </Show>
        <Show when={message()}>
          <p class="camera-message" data-testid="camera-message" role="status">
            {message()}
          </p>
        </Show>
      </div>
      <div class="camera-controls">
        <Show when={torchSupported()}>
          <button
            type="button"
            class="button"
            data-testid="torch-toggle"
            aria-pressed={torchOn()}
            onClick={toggleTorch}
          >
            {torchOn() ? 'Torch off' : 'Torch on'}
          </button>
        </Show>
        <Show when={cameras().length > 1}>
          <label class="camera-select">
            <span class="muted">Camera</span>
            <select
              data-testid="camera-select"
              value={cameraId() ?? ''}
              onChange={(e) => switchCamera(e.currentTarget.value)}
            >
              <For each={cameras()}>{(c) => <option value={c.deviceId}>{c.label}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={lastScan()}>
          <span class="camera-last" data-testid="camera-last-scan">
            {lastScan()}
          </span>
        </Show>
      </div>
    </div>
  );
}

export { CameraError };
