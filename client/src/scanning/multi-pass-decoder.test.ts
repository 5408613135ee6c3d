import { describe, expect, it } from 'vitest';
import type { DecodedCode, DecoderEngine, EngineScan, FrameImage } from './decoder-engine.ts';
import { passGeometry } from './frame-passes.ts';
import { MultiPassDecoder } from './multi-pass-decoder.ts';
import { resampleLuminance, zoomLuminance } from './resample.ts';

/** A fake engine: answers from a script, one entry per call, and records the images it got. */
function scripted(answers: EngineScan[]): DecoderEngine & { images: FrameImage[]; linearOnly: boolean[] } {
  const images: FrameImage[] = [];
  const linearOnly: boolean[] = [];
  let call = 0;
  const scan = async (frame: FrameImage, options?: { linearOnly?: boolean }) => {
    images.push({ ...frame, data: frame.data.slice() });
    linearOnly.push(options?.linearOnly === true);
    return answers[call++] ?? { codes: [], unreadable: 0 };
  };
  return {
    name: 'zxing-wasm',
    images,
    linearOnly,
    scan,
    decode: async (frame) => (await scan(frame)).codes,
    dispose() {},
  };
}

const frame = (w = 8, h = 4): FrameImage => ({
  width: w,
  height: h,
  data: new Uint8ClampedArray(w * h * 4).fill(200),
});
const code = (text: string, at?: number): DecodedCode => ({
  text,
  symbology: 'code128',
  ...(at === undefined
    ? {}
    : {
        position: [
          { x: at, y: 2 },
          { x: at + 1, y: 2 },
          { x: at + 1, y: 3 },
          { x: at, y: 3 },
        ],
      }),
});

describe('MultiPassDecoder', () => {
  it('runs only the plain pass when it reads a code', async () => {
    const engine = scripted([{ codes: [code('A')], unreadable: 0 }]);
    const result = await new MultiPassDecoder(engine).decode(frame());
    expect(result).toMatchObject({ codes: [{ text: 'A' }], pass: 'plain' });
    expect(engine.images).toHaveLength(1);
  });

  it('runs the plain pass first, then one extra pass, and maps the position back into the frame', async () => {
    const engine = scripted([
      { codes: [], unreadable: 0 },
      { codes: [code('TILTED', 4)], unreadable: 0 },
    ]);
    const input = frame();
    const result = await new MultiPassDecoder(engine).decode(input);
    expect(engine.images).toHaveLength(2);
    expect(engine.images[0]!.data).toEqual(input.data); // the first pass saw the frame itself
    expect(engine.linearOnly).toEqual([false, true]); // the extra pass looks for 1D codes only
    expect(result.pass).toBe('rotate 22.5°');
    const m = passGeometry({ kind: 'rotate', degrees: 22.5 }, 8, 4).toSource;
    const expected = { x: m.a * 4 + m.c * 2 + m.e, y: m.b * 4 + m.d * 2 + m.f };
    expect(result.codes[0]!.position![0].x).toBeCloseTo(expected.x);
    expect(result.codes[0]!.position![0].y).toBeCloseTo(expected.y);
  });

  it('adds up symbols found but not decoded over both passes', async () => {
    const engine = scripted([
      { codes: [], unreadable: 1 },
      { codes: [], unreadable: 2 },
    ]);
    expect((await new MultiPassDecoder(engine).decode(frame())).unreadable).toBe(3);
  });

  it('with extra passes off, decodes each frame once', async () => {
    const engine = scripted([]);
    const result = await new MultiPassDecoder(engine, false).decode(frame());
    expect(result).toEqual({ codes: [], unreadable: 0, pass: 'plain' });
    expect(engine.images).toHaveLength(1);
  });
});

describe('resampling', () => {
  // A 6×4 luminance ramp: value = 10·x + y.
  const W = 6;
  const H = 4;
  const lum = new Uint8ClampedArray(W * H).map((_, i) => 10 * (i % W) + Math.floor(i / W));
  const grey = (img: FrameImage, x: number, y: number) => {
    const p = (y * img.width + x) * 4;
    return [img.data[p], img.data[p + 1], img.data[p + 2], img.data[p + 3]];
  };

  it('the identity copies luminance into opaque grey RGBA', () => {
    const out = resampleLuminance(lum, W, H, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });
    expect(grey(out, 3, 2)).toEqual([32, 32, 32, 255]);
  });

  it('samples between pixels bilinearly and paints what falls outside the image mid grey', () => {
    const half = resampleLuminance(lum, W, H, { a: 1, b: 0, c: 0, d: 1, e: 0.5, f: 0 });
    expect(grey(half, 1, 0)[0]).toBe(15);
    const outside = resampleLuminance(lum, W, H, { a: 1, b: 0, c: 0, d: 1, e: -3, f: 0 });
    expect(grey(outside, 0, 1)[0]).toBe(128);
    expect(grey(outside, 4, 1)[0]).toBe(11); // source x = 1
  });

  it('zoom stretches the central rows: a ramp stays a ramp at half the slope, rows unchanged', () => {
    const out = zoomLuminance(lum, W, H, 2);
    expect([out.width, out.height]).toEqual([W, 2]);
    const row = [1, 2, 3, 4].map((x) => grey(out, x, 0)[0]!);
    const steps = row.slice(1).map((v, i) => v - row[i]!);
    for (const s of steps) expect(Math.abs(s - 5)).toBeLessThanOrEqual(1);
    expect(grey(out, 2, 1)[0]! - grey(out, 2, 0)[0]!).toBe(1); // source rows 1 and 2
    expect(grey(out, 2, 1)[3]).toBe(255);
  });

  it('rotation by 90° about the centre matches a pixel-by-pixel reference; outside the source is mid grey', () => {
    const sq = 5;
    const img = new Uint8ClampedArray(sq * sq).map((_, i) => i * 7);
    const { toSource } = passGeometry({ kind: 'rotate', degrees: 90 }, sq, sq);
    const out = resampleLuminance(img, sq, sq, toSource);
    for (let y = 0; y < sq; y++) {
      for (let x = 0; x < sq; x++) {
        const sx = Math.round(toSource.a * x + toSource.c * y + toSource.e);
        const sy = Math.round(toSource.b * x + toSource.d * y + toSource.f);
        // (The sampler's inside excludes the last row and column: it always reads the pixel after.)
        const inside = sx >= 0 && sy >= 0 && sx < sq - 1 && sy < sq - 1;
        expect(grey(out, x, y)[0], `${x},${y}`).toBe(inside ? img[sy * sq + sx] : 128);
      }
    }
  });
});
