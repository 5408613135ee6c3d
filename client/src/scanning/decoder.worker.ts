/// <reference lib="webworker" />
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { DecoderEngine, FrameImage } from './decoder-engine.ts';
import { type FramePayload, type FromWorker, ToWorker } from './decoder-protocol.ts';
import { createZxingJsEngine } from './engines/zxing-js-engine.ts';
import { createZxingWasmEngine } from './engines/zxing-wasm-engine.ts';
import { MultiPassDecoder } from './multi-pass-decoder.ts';

/**
 * Decodes camera frames off the main thread, with the engine the page asks for. The .wasm
 * URL is our own build's copy (Vite `?url`), never the library's CDN default.
 */
declare const self: DedicatedWorkerGlobalScope;

let engine: DecoderEngine | null = null;
let passes: MultiPassDecoder | null = null;
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

const post = (message: FromWorker) => self.postMessage(message);

function pixelsOf(frame: FramePayload): FrameImage {
  if (frame.kind === 'pixels') {
    return { width: frame.width, height: frame.height, data: new Uint8ClampedArray(frame.data) };
  }
  const { bitmap } = frame;
  const { width, height } = bitmap; // read before close(), which zeroes them
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('this browser cannot read pixels in a worker (no OffscreenCanvas 2D)');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}

self.onmessage = async (event: MessageEvent<unknown>) => {
  const parsed = ToWorker.safeParse(event.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `decoder worker: bad message (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`;
    const id = (event.data as { id?: unknown } | null)?.id;
    // Answer the request it belongs to, so the page is not left waiting for a frame.
    post(
      typeof id === 'number' && Number.isInteger(id) && id >= 0
        ? { type: 'error', id, message }
        : { type: 'error', message },
    );
    return;
  }
  const message = parsed.data;
  if (message.type === 'init') {
    const started = performance.now();
    try {
      engine?.dispose();
      engine =
        message.engine === 'zxing-wasm'
          ? createZxingWasmEngine({ wasmUrl }, message.options)
          : createZxingJsEngine(message.options);
      // Compile the .wasm (or warm the JS reader) now, not on the first camera frame.
      await engine.decode({ width: 8, height: 8, data: new Uint8ClampedArray(8 * 8 * 4).fill(255) });
      passes = new MultiPassDecoder(engine, message.options.extraPasses ?? true);
      post({ type: 'ready', engine: message.engine, initMs: performance.now() - started });
    } catch (error) {
      post({ type: 'error', message: `could not start ${message.engine}: ${String(error)}` });
    }
    return;
  }
  const { id, frame } = message;
  const started = performance.now();
  try {
    if (!passes) throw new Error('decoder not initialised');
    const pixels = pixelsOf(frame);
    const decodeStart = performance.now();
    const { codes, unreadable, pass } = await passes.decode(pixels);
    const now = performance.now();
    post({
      type: 'result',
      id,
      codes,
      unreadable,
      pass,
      decodeMs: now - decodeStart,
      workerMs: now - started,
    });
  } catch (error) {
    if (frame.kind === 'bitmap') frame.bitmap.close();
    post({ type: 'error', id, message: String(error) });
  }
};
