/**
 * Decoder figures measured inside Chromium, driven by tests/bench/scanning.ts: frames come
 * from the benchmark's own HTTP server (same origin) as raw RGBA and go through the real
 * decoder worker, exactly as camera frames do.
 */
import { DecoderWorker } from '../decoder-client.ts';
import {
  BATCH_DECODER_OPTIONS,
  DEFAULT_DECODER_OPTIONS,
  type DecodedCode,
  type DecoderOptions,
  type EngineName,
} from '../decoder-engine.ts';

interface FrameRef {
  name: string;
  width: number;
  height: number;
}

async function loadFrame(ref: FrameRef) {
  const response = await fetch(`/frames/${encodeURIComponent(ref.name)}`);
  if (!response.ok) throw new Error(`frame ${ref.name}: HTTP ${response.status}`);
  return { width: ref.width, height: ref.height, data: new Uint8ClampedArray(await response.arrayBuffer()) };
}

async function withDecoder<T>(
  engine: EngineName,
  run: (d: DecoderWorker, initMs: number) => Promise<T>,
  extraPasses = true,
): Promise<T> {
  const decoder = new DecoderWorker(engine, { ...DEFAULT_DECODER_OPTIONS, extraPasses });
  try {
    const { initMs } = await decoder.ready;
    return await run(decoder, initMs);
  } finally {
    decoder.terminate();
  }
}

/**
 * Milliseconds per frame (engine time, and round trip through the worker) over `runs` decodes.
 * The plain pass only (as readAll): this compares engines; `sequence` measures the extra passes.
 */
async function timeFrames(engine: EngineName, refs: FrameRef[], runs: number) {
  const frames = await Promise.all(refs.map(loadFrame));
  return withDecoder(
    engine,
    async (decoder, initMs) => {
      const out: Record<string, { decodeMs: number[]; roundTripMs: number[]; codes: DecodedCode[] }> = {};
      for (const [i, frame] of frames.entries()) {
        await decoder.decode(frame); // warm-up
        const entry = { decodeMs: [] as number[], roundTripMs: [] as number[], codes: [] as DecodedCode[] };
        for (let r = 0; r < runs; r++) {
          const t = performance.now();
          const result = await decoder.decode(frame);
          entry.roundTripMs.push(performance.now() - t);
          entry.decodeMs.push(result.decodeMs);
          entry.codes = result.codes;
        }
        out[refs[i]!.name] = entry;
      }
      return { initMs, frames: out };
    },
    false,
  );
}

/** What each engine reads in each frame (correctness is judged by the caller). */
async function readAll(engine: EngineName, refs: FrameRef[]) {
  return withDecoder(
    engine,
    async (decoder) => {
      const out: Record<string, DecodedCode[]> = {};
      for (const ref of refs) out[ref.name] = (await decoder.decode(await loadFrame(ref))).codes;
      return out;
    },
    false,
  );
}

/**
 * Each frame fed `repeat` times in a row to one decoder (a code held still in front of the
 * camera), with or without the extra passes: per frame, per decode, the time in the worker,
 * the codes read and the pass that read them (or was tried). The decoder is fresh for each frame, so the
 * pass schedule starts from the beginning every time.
 */
async function sequence(engine: EngineName, refs: FrameRef[], repeat: number, extraPasses: boolean) {
  const out: Record<string, { decodeMs: number; codes: DecodedCode[]; pass: string }[]> = {};
  for (const ref of refs) {
    const frame = await loadFrame(ref);
    out[ref.name] = await withDecoder(
      engine,
      async (decoder) => {
        const runs = [];
        for (let r = 0; r < repeat; r++) {
          const result = await decoder.decode(frame);
          runs.push({ decodeMs: result.decodeMs, codes: result.codes, pass: result.pass });
        }
        return runs;
      },
      extraPasses,
    );
  }
  return out;
}

/**
 * Batch mode (tests/bench/scanning-batch.ts): each frame decoded `runs` times after a warm-up by
 * a worker with the batch options (or the single-scan ones, to compare): time in the worker and
 * the codes of the last run.
 */
async function batch(refs: FrameRef[], runs: number, mode: 'batch' | 'single') {
  const options: DecoderOptions =
    mode === 'batch' ? BATCH_DECODER_OPTIONS : { ...DEFAULT_DECODER_OPTIONS, extraPasses: false };
  const decoder = new DecoderWorker('zxing-wasm', options);
  try {
    await decoder.ready;
    const out: Record<string, { workerMs: number[]; codes: DecodedCode[] }> = {};
    for (const ref of refs) {
      const frame = await loadFrame(ref);
      await decoder.decode(frame);
      const entry = { workerMs: [] as number[], codes: [] as DecodedCode[] };
      for (let r = 0; r < runs; r++) {
        const result = await decoder.decode(frame);
        entry.workerMs.push(result.workerMs);
        entry.codes = result.codes;
      }
      out[ref.name] = entry;
    }
    return out;
  } finally {
    decoder.terminate();
  }
}

Object.assign(window, { timeFrames, readAll, sequence, batch });
document.getElementById('status')!.textContent = 'loaded';
