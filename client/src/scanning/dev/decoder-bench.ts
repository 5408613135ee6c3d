/**
 * Decoder figures measured inside Chromium, driven by tests/bench/scanning.ts: frames come
 * from the benchmark's own HTTP server (same origin) as raw RGBA and go through the real
 * decoder worker, exactly as camera frames do.
 */
import { DecoderWorker } from '../decoder-client.ts';
import { DEFAULT_DECODER_OPTIONS, type DecodedCode, type EngineName } from '../decoder-engine.ts';

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
): Promise<T> {
  const decoder = new DecoderWorker(engine, DEFAULT_DECODER_OPTIONS);
  try {
    const { initMs } = await decoder.ready;
    return await run(decoder, initMs);
  } finally {
    decoder.terminate();
  }
}

/** Milliseconds per frame (engine time, and round trip through the worker) over `runs` decodes. */
async function timeFrames(engine: EngineName, refs: FrameRef[], runs: number) {
  const frames = await Promise.all(refs.map(loadFrame));
  return withDecoder(engine, async (decoder, initMs) => {
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
  });
}

/** What each engine reads in each frame (correctness is judged by the caller). */
async function readAll(engine: EngineName, refs: FrameRef[]) {
  return withDecoder(engine, async (decoder) => {
    const out: Record<string, DecodedCode[]> = {};
    for (const ref of refs) out[ref.name] = (await decoder.decode(await loadFrame(ref))).codes;
    return out;
  });
}

Object.assign(window, { timeFrames, readAll });
document.getElementById('status')!.textContent = 'loaded';
