import type { Symbology } from '@stockroom/shared/scanning/symbology';
import type { Quad } from './frame-passes.ts';

export const ENGINE_NAMES = ['zxing-wasm', 'zxing-js'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * The engine the app uses unless the user picks another: ZXing-C++ (WebAssembly) measured
 * faster on empty and coded 720p frames and read at least as many damaged codes of every
 * symbology in `pnpm bench` (tests/bench/scanning.ts; figures in BENCHMARKS.md).
 */
export const DEFAULT_ENGINE: EngineName = 'zxing-wasm';

export const ENGINE_LABELS: Record<EngineName, string> = {
  'zxing-wasm': 'ZXing-C++ (WebAssembly)',
  'zxing-js': 'ZXing JS (@zxing/library, as in @zxing/browser)',
};

/** An RGBA frame as ImageData holds it (ImageData itself, or the same shape in Node and workers). */
export interface FrameImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface DecodedCode {
  /** Decoded text, GS1 separators as GS (ASCII 29), AIM identifier removed. */
  text: string;
  symbology: Symbology;
  /** AIM symbology identifier ("]C1" = GS1-128, "]d2" = GS1 DataMatrix …) when known. */
  aimId?: string;
  /** Corners in the pixels of the frame given to the decoder, when the engine reports them. */
  position?: Quad;
}

/** One decode of one image: what was read, and how many symbols were found but not decoded. */
export interface EngineScan {
  codes: DecodedCode[];
  /** Symbols located but failing to decode (checksum/format errors): too small, blurred or torn. */
  unreadable: number;
}

export interface DecoderOptions {
  /** Symbologies to look for; fewer is faster. */
  symbologies: readonly Symbology[];
  /** Spend more time per frame for damaged or small codes. */
  tryHarder: boolean;
  /**
   * When the plain pass reads nothing, one extra pass per frame: the image rotated or its
   * centre enlarged (frame-passes.ts). Off only to measure what the passes cost. Default on.
   */
  extraPasses?: boolean;
  /**
   * Most symbols one frame may yield (found, valid or not). A few for single scans (what is in
   * the aiming box); batch mode asks for every code in view (BATCH_MAX_SYMBOLS).
   */
  maxSymbols?: number;
}

/** Single scans: the aiming box holds one label, rarely more (an item label with two codes). */
export const SINGLE_MAX_SYMBOLS = 4;
/** Batch mode: a shelf in view. ZXing-C++ allows up to 255; 64 bounds the cost of a busy frame. */
export const BATCH_MAX_SYMBOLS = 64;

/** The symbologies a stock room prints and meets on goods. */
export const DEFAULT_SYMBOLOGIES: readonly Symbology[] = [
  'code128',
  'ean13',
  'ean8',
  'upca',
  'upce',
  'code39',
  'itf',
  'qr',
  'datamatrix',
];

/**
 * tryHarder off: measured on the damaged set, ZXing-C++ reads exactly the same codes without it
 * at a fraction of the time per empty frame, and a camera gets another frame 30 ms later anyway
 * (tests/bench/scanning.ts prints both). @zxing/browser does not try harder by default either.
 */
export const DEFAULT_DECODER_OPTIONS: DecoderOptions = { symbologies: DEFAULT_SYMBOLOGIES, tryHarder: false };

/**
 * Batch mode (BatchScanner): every code in view. Without tryHarder ZXing-C++ stops after a few
 * symbols of a 12-label frame (measured: 5 of 12; all 12 with it: `pnpm bench scanning`). The
 * rotate/zoom passes run only on frames that read nothing, so they stay off.
 */
export const BATCH_DECODER_OPTIONS: DecoderOptions = {
  symbologies: DEFAULT_SYMBOLOGIES,
  tryHarder: true,
  maxSymbols: BATCH_MAX_SYMBOLS,
  extraPasses: false,
};

/** One decoding library behind one interface: the worker, the tests and the benchmark use only this. */
export interface DecoderEngine {
  readonly name: EngineName;
  /** Every code found in the frame (empty when none). Never throws for "nothing found". */
  decode(frame: FrameImage): Promise<DecodedCode[]>;
  /**
   * decode(), plus the count of symbols found but not decoded (0 where the engine cannot tell).
   * `linearOnly`: look for the 1D symbologies among the configured ones only (none: nothing found).
   */
  scan(frame: FrameImage, options?: { linearOnly?: boolean }): Promise<EngineScan>;
  dispose(): void;
}

/** ITU-R BT.601 luma in integer arithmetic, the same weights ZXing-C++ uses. */
export function toLuminance(frame: FrameImage, out?: Uint8ClampedArray): Uint8ClampedArray {
  const n = frame.width * frame.height;
  const lum = out && out.length === n ? out : new Uint8ClampedArray(n);
  const d = frame.data;
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    lum[i] = (306 * d[p]! + 601 * d[p + 1]! + 117 * d[p + 2]! + 512) >> 10;
  }
  return lum;
}
