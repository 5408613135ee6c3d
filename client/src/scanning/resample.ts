import type { FrameImage } from './decoder-engine.ts';
import type { Affine } from './frame-passes.ts';

/**
 * The pixel work of the extra passes, on 8-bit luminance, written as opaque grey RGBA (what
 * the decoders take). Fixed-point (8 fractional bits) and one 32-bit write per pixel: this runs
 * on every frame that read nothing, inside the worker's per-frame budget.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function grey(v: number): number {
  return LITTLE_ENDIAN
    ? 0xff000000 | (v << 16) | (v << 8) | v
    : ((v << 24) | (v << 16) | (v << 8) | 0xff) >>> 0;
}

function target(width: number, height: number, out?: FrameImage): FrameImage {
  return out && out.width === width && out.height === height
    ? out
    : { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/**
 * Rotation sampler: `out` (same size as the source) sampled through `toSource`, bilinear, so
 * bar edges stay straight rather than jagged. Each row is split into the stretch that samples
 * inside the image (the hot loop, no bounds checks) and the ends that fall outside it, which
 * are filled with mid grey: a flat area costs the decoder nothing, where repeating the edge
 * pixels would smear stripes across a third of the image at 22.5° and cost as much to sample.
 */
export function resampleLuminance(
  lum: Uint8ClampedArray,
  width: number,
  height: number,
  toSource: Affine,
  out?: FrameImage,
): FrameImage {
  const image = target(width, height, out);
  const px = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
  const maxX = (width - 1) << 8;
  const maxY = (height - 1) << 8;
  const { a, b, c, d, e, f } = toSource;
  const A = Math.round(a * 256);
  const B = Math.round(b * 256);
  const outside = grey(128);
  for (let y = 0; y < height; y++) {
    // Source position of this row's first pixel, in 1/256 pixel; stepped by (A, B) per column.
    const sx0 = Math.round((c * y + e) * 256);
    const sy0 = Math.round((d * y + f) * 256);
    // Columns whose sample lies in [0, max) on both axes: x0 + 1 and y0 + 1 are then inside.
    let lo = 0;
    let hi = width;
    for (const [start, step, max] of [
      [sx0, A, maxX],
      [sy0, B, maxY],
    ] as const) {
      if (step === 0) {
        if (start < 0 || start >= max) hi = 0;
      } else if (step > 0) {
        lo = Math.max(lo, Math.ceil(-start / step));
        hi = Math.min(hi, Math.ceil((max - start) / step));
      } else {
        lo = Math.max(lo, Math.floor((max - start) / step) + 1);
        hi = Math.min(hi, Math.floor(-start / step) + 1);
      }
    }
    const row = y * width;
    if (lo > width) lo = width;
    if (hi < lo) hi = lo;
    px.fill(outside, row, row + lo);
    let sx = sx0 + A * lo;
    let sy = sy0 + B * lo;
    for (let x = lo; x < hi; x++, sx += A, sy += B) {
      const fx = sx & 255;
      const fy = sy & 255;
      const p = (sy >> 8) * width + (sx >> 8);
      const top = lum[p]! * (256 - fx) + lum[p + 1]! * fx;
      const bottom = lum[p + width]! * (256 - fx) + lum[p + width + 1]! * fx;
      px[row + x] = grey((top * (256 - fy) + bottom * fy + 32768) >> 16);
    }
    px.fill(outside, row + hi, row + width);
  }
  return image;
}

/** Catmull-Rom weights (×256, summing to 256) for a sample at fraction t past the second of four taps. */
function cubicWeights(t: number): [number, number, number, number] {
  const t2 = t * t;
  const t3 = t2 * t;
  const w0 = Math.round(128 * (-t3 + 2 * t2 - t));
  const w1 = Math.round(128 * (3 * t3 - 5 * t2 + 2));
  const w3 = Math.round(128 * (t3 - t2));
  return [w0, w1, 256 - w0 - w1 - w3, w3];
}

/**
 * Zoom sampler: the central 1/factor of the image (rows and columns) stretched `factor` times
 * horizontally, Catmull-Rom (bicubic) along rows; the output is `width` × round(height/factor).
 * Measured on Code 128 and EAN-13 at 1.2–1.5 px per module (tests/bench/scanning.ts, issue 15):
 * bilinear enlargement reads about half of them, bicubic nearly all — its slight overshoot keeps
 * the dips of thin bars deep enough for the binariser. Stretching rows only reads as well for
 * bars (which only need width) at a fraction of the cost; it does nothing for 2D codes, which
 * the extra passes do not look for.
 */
export function zoomLuminance(
  lum: Uint8ClampedArray,
  width: number,
  height: number,
  factor: number,
  out?: FrameImage,
): FrameImage {
  const outHeight = Math.max(1, Math.round(height / factor));
  const image = target(width, outHeight, out);
  const px = new Uint32Array(image.data.buffer, image.data.byteOffset, width * outHeight);
  const top = Math.round((height - outHeight) / 2);
  const cx = width / 2;
  const taps = new Int32Array(width * 4);
  const weights = new Int32Array(width * 4);
  for (let x = 0; x < width; x++) {
    const sx = (x + 0.5 - cx) / factor + cx - 0.5;
    const x0 = Math.floor(sx);
    const w = cubicWeights(sx - x0);
    for (let k = 0; k < 4; k++) {
      const t = x0 - 1 + k;
      taps[x * 4 + k] = t < 0 ? 0 : t >= width ? width - 1 : t;
      weights[x * 4 + k] = w[k]!;
    }
  }
  for (let y = 0; y < outHeight; y++) {
    const src = (top + y) * width;
    const dst = y * width;
    for (let x = 0, k = 0; x < width; x++, k += 4) {
      let v =
        (lum[src + taps[k]!]! * weights[k]! +
          lum[src + taps[k + 1]!]! * weights[k + 1]! +
          lum[src + taps[k + 2]!]! * weights[k + 2]! +
          lum[src + taps[k + 3]!]! * weights[k + 3]! +
          128) >>
        8;
      v = Math.max(0, Math.min(v, 255));
      px[dst + x] = grey(v);
    }
  }
  return image;
}
