/**
 * Which extra decoding passes a frame gets when the plain pass reads nothing, and where a code
 * found in a transformed image lies in the frame. Pure: no pixels, no time.
 *
 * Why extra passes: a 1D decoder scans horizontal (and, rotated, vertical) lines; a short, wide
 * code tilted ~25° has no line that crosses every bar, and bars ~1.3 px wide are lost when the
 * image is binarised. Rotating the aiming region, or enlarging its centre, fixes each case.
 * One extra pass per frame at most, so an empty frame costs at most one more decode.
 */

export type ExtraPass =
  /** The image is sampled rotated by `degrees` (counter-clockwise in image coordinates, y down). */
  | { kind: 'rotate'; degrees: number }
  /**
   * The central 1/factor of the image (both ways) stretched `factor` times horizontally only
   * (bicubic): what thin vertical bars need, at 1/factor of the pixels of a full enlargement.
   */
  | { kind: 'zoom'; factor: number };

export interface Point {
  x: number;
  y: number;
}

/** A code's corners: top-left, top-right, bottom-right, bottom-left (as the decoder reports them). */
export type Quad = [Point, Point, Point, Point];

/** x' = a·x + c·y + e, y' = b·x + d·y + f (canvas' setTransform order). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

export const ROTATIONS = [22.5, -22.5, 45, -45] as const;
/** 2× keeps more of the aiming region; 3× reads EAN-13 at 1.3–1.4 px per module, which 2× misses. */
export const ZOOMS = [2, 3] as const;

/** Equal names for equal passes (logs, benchmarks, tests). */
export function passName(pass: ExtraPass | null): string {
  if (!pass) return 'plain';
  return pass.kind === 'rotate' ? `rotate ${pass.degrees}°` : `zoom ${pass.factor}×`;
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
}

/** m1 after m2: a point goes through m2 first. */
export function compose(m1: Affine, m2: Affine): Affine {
  return {
    a: m1.a * m2.a + m1.c * m2.b,
    b: m1.b * m2.a + m1.d * m2.b,
    c: m1.a * m2.c + m1.c * m2.d,
    d: m1.b * m2.c + m1.d * m2.d,
    e: m1.a * m2.e + m1.c * m2.f + m1.e,
    f: m1.b * m2.e + m1.d * m2.f + m1.f,
  };
}

export function translate(x: number, y: number): Affine {
  return { a: 1, b: 0, c: 0, d: 1, e: x, f: y };
}

export interface PassGeometry {
  width: number;
  height: number;
  /** Takes a pixel of the pass's image to the input image (to sample it, and to map a code back). */
  toSource: Affine;
}

/** The size of the image a pass decodes, and where its pixels come from in the input. */
export function passGeometry(pass: ExtraPass, width: number, height: number): PassGeometry {
  const cx = width / 2;
  const cy = height / 2;
  if (pass.kind === 'zoom') {
    // Rows of the central band, unchanged; columns: pixel centres onto pixel centres.
    const out = Math.max(1, Math.round(height / pass.factor));
    const s = 1 / pass.factor;
    const toSource = {
      a: s,
      b: 0,
      c: 0,
      d: 1,
      e: (0.5 - cx) * s + cx - 0.5,
      f: Math.round((height - out) / 2),
    };
    return { width, height: out, toSource };
  }
  const r = (pass.degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  // Rotation about the centre: source = R·(p − c) + c.
  const toSource = {
    a: cos,
    b: sin,
    c: -sin,
    d: cos,
    e: cx - cos * cx + sin * cy,
    f: cy - sin * cx - cos * cy,
  };
  return { width, height, toSource };
}

export function mapQuad(m: Affine, quad: Quad): Quad {
  return quad.map((p) => applyAffine(m, p)) as Quad;
}

/**
 * Chooses the extra pass for each frame whose plain pass read nothing. Empty frames alternate
 * between a rotation (cycling ±22.5°, ±45°) and a zoom (2×, 3×), so every variant comes round
 * every eight empty frames. A pass that just read a code is tried again on the next frames first: phones are held at a steady angle, and a scan is
 * only accepted once it is read in two frames within a second, which a variant met once
 * every eight frames (0.8 s at 10 fps) would rarely manage.
 */
export class PassScheduler {
  private step = 0;
  private sticky: ExtraPass | null = null;
  private stickyMisses = 0;

  /** How many empty frames in a row a sticky pass may miss before the cycle resumes. */
  constructor(private readonly stickyFor = 3) {}

  /** The extra pass for a frame whose plain pass read nothing. */
  next(): ExtraPass {
    if (this.sticky) return this.sticky;
    const cycle = this.step++ % (2 * ROTATIONS.length);
    const half = Math.floor(cycle / 2);
    if (cycle % 2 === 1) return { kind: 'zoom', factor: ZOOMS[half % ZOOMS.length]! };
    return { kind: 'rotate', degrees: ROTATIONS[half]! };
  }

  /**
   * Whether the pass handed out by next() read a code. Only a read keeps a pass: one that merely
   * finds an undecodable symbol (another code's bars, seen at the wrong angle) would hold the
   * schedule for ever and starve the variant that reads it — seen in the tilted e2e.
   */
  report(pass: ExtraPass, read: boolean): void {
    if (read) {
      this.sticky = pass;
      this.stickyMisses = 0;
      return;
    }
    if (this.sticky && passName(this.sticky) === passName(pass) && ++this.stickyMisses >= this.stickyFor) {
      this.sticky = null;
    }
  }

  /** The plain pass read a code: nothing to keep trying. */
  plainRead(): void {
    this.sticky = null;
    this.stickyMisses = 0;
  }
}
