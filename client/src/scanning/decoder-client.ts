import type { DecodedCode, DecoderOptions, EngineName } from './decoder-engine.ts';
import { DEFAULT_DECODER_OPTIONS } from './decoder-engine.ts';
import { FromWorker, type ToWorker } from './decoder-protocol.ts';

export interface FrameResult {
  codes: DecodedCode[];
  /** Symbols found but not decoded. */
  unreadable: number;
  /** The pass that read the codes, or the extra pass tried ('plain' when none was). */
  pass: string;
  decodeMs: number;
  workerMs: number;
}

/**
 * The page's side of the decoder worker: one frame in flight at a time is the caller's job;
 * this class matches answers to requests and turns worker failures into rejected promises.
 */
export class DecoderWorker {
  readonly ready: Promise<{ initMs: number }>;
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: FrameResult) => void; reject: (e: Error) => void }
  >();
  private closed = false;

  constructor(
    readonly engine: EngineName,
    options: DecoderOptions = DEFAULT_DECODER_OPTIONS,
    worker: Worker = new Worker(new URL('./decoder.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.worker = worker;
    let settleReady: { resolve: (v: { initMs: number }) => void; reject: (e: Error) => void };
    this.ready = new Promise((resolve, reject) => {
      settleReady = { resolve, reject };
    });
    this.ready.catch(() => {}); // observed by callers that care; avoid unhandled-rejection noise
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = FromWorker.safeParse(event.data);
      if (!parsed.success) return; // not ours (or a stale build): ignore rather than crash the page
      const message = parsed.data;
      if (message.type === 'ready') settleReady.resolve({ initMs: message.initMs });
      else if (message.type === 'result') this.settle(message.id, null, message);
      else if (message.id === undefined) {
        // Not tied to a frame: the worker could not start (or cannot be talked to at all).
        const error = new Error(message.message);
        settleReady.reject(error);
        for (const id of [...this.pending.keys()]) this.settle(id, error);
      } else this.settle(message.id, new Error(message.message));
    };
    this.worker.onerror = (event) => {
      const error = new Error(`decoder worker failed: ${event.message || 'could not load'}`);
      settleReady.reject(error);
      for (const id of [...this.pending.keys()]) this.settle(id, error);
    };
    this.send({ type: 'init', engine, options: { ...options, symbologies: [...options.symbologies] } });
  }

  /** Decodes a bitmap (transferred: do not use it afterwards) or RGBA pixels. */
  decode(
    frame: ImageBitmap | { width: number; height: number; data: Uint8ClampedArray },
  ): Promise<FrameResult> {
    if (this.closed) return Promise.reject(new Error('decoder closed'));
    const id = this.nextId++;
    const promise = new Promise<FrameResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    if (typeof ImageBitmap !== 'undefined' && frame instanceof ImageBitmap) {
      this.send({ type: 'decode', id, frame: { kind: 'bitmap', bitmap: frame } }, [frame]);
    } else {
      const { width, height, data } = frame as { width: number; height: number; data: Uint8ClampedArray };
      const copy = data.slice().buffer;
      this.send({ type: 'decode', id, frame: { kind: 'pixels', width, height, data: copy } }, [copy]);
    }
    return promise;
  }

  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('decoder closed'));
  }

  private send(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private settle(id: number, error: Error | null, result?: FrameResult): void {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (error) waiter.reject(error);
    else {
      const { codes, unreadable, pass, decodeMs, workerMs } = result!;
      waiter.resolve({ codes, unreadable, pass, decodeMs, workerMs });
    }
  }
}
