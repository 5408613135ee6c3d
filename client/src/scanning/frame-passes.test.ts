import { describe, expect, it } from 'vitest';
import {
  applyAffine,
  compose,
  type ExtraPass,
  IDENTITY,
  mapQuad,
  PassScheduler,
  passGeometry,
  passName,
  type Quad,
  translate,
} from './frame-passes.ts';

const close = (a: { x: number; y: number }, b: { x: number; y: number }) => {
  expect(a.x).toBeCloseTo(b.x, 6);
  expect(a.y).toBeCloseTo(b.y, 6);
};

describe('PassScheduler', () => {
  it('alternates rotations (±22.5°, ±45°) with zooms (2×, 3×): all eight variants in eight empty frames', () => {
    const s = new PassScheduler();
    const names = Array.from({ length: 8 }, () => {
      const pass = s.next();
      s.report(pass, false);
      return passName(pass);
    });
    expect(names).toEqual([
      'rotate 22.5°',
      'zoom 2×',
      'rotate -22.5°',
      'zoom 3×',
      'rotate 45°',
      'zoom 2×',
      'rotate -45°',
      'zoom 3×',
    ]);
    expect(passName(s.next())).toBe('rotate 22.5°'); // and round again
  });

  it('keeps the pass that read a code for the next frames, so the scan is confirmed in two frames', () => {
    const s = new PassScheduler();
    s.report(s.next(), false); // rotate 22.5°
    const hit = s.next(); // zoom 2×
    s.report(hit, true);
    expect(passName(s.next())).toBe('zoom 2×');
    s.report(hit, true);
    expect(passName(s.next())).toBe('zoom 2×');
  });

  it('returns to the cycle after the sticky pass misses three frames in a row, where it left off', () => {
    const s = new PassScheduler(3);
    const first = s.next(); // rotate 22.5°
    s.report(first, true);
    for (let i = 0; i < 3; i++) {
      const pass = s.next();
      expect(passName(pass)).toBe('rotate 22.5°');
      s.report(pass, false);
    }
    expect(passName(s.next())).toBe('zoom 2×');
  });

  it('does not hold on to a pass that found nothing it could read, so every variant keeps coming round', () => {
    const s = new PassScheduler();
    const names = Array.from({ length: 8 }, () => {
      const pass = s.next();
      s.report(pass, false); // e.g. only an undecodable symbol in that variant
      return passName(pass);
    });
    expect(new Set(names).size).toBe(6); // four rotations, two zooms
  });

  it('forgets the sticky pass once the plain pass reads (the code is straight and big enough now)', () => {
    const s = new PassScheduler();
    const pass = s.next();
    s.report(pass, true);
    s.plainRead();
    expect(passName(s.next())).toBe('zoom 2×');
  });
});

describe('passGeometry', () => {
  const W = 1024;
  const H = 432;
  const centre = { x: W / 2, y: H / 2 };

  it('rotation keeps the centre and turns a point by the pass angle about it', () => {
    const { toSource: m, width, height } = passGeometry({ kind: 'rotate', degrees: 90 }, W, H);
    expect([width, height]).toEqual([W, H]);
    close(applyAffine(m, centre), centre);
    // y points down: a point right of the centre in the rotated image lies below it in the frame.
    close(applyAffine(m, { x: centre.x + 100, y: centre.y }), { x: centre.x, y: centre.y + 100 });
  });

  it('a rotation pass and the opposite rotation undo each other', () => {
    const there = passGeometry({ kind: 'rotate', degrees: 22.5 }, W, H).toSource;
    const back = passGeometry({ kind: 'rotate', degrees: -22.5 }, W, H).toSource;
    const p = { x: 37, y: 401 };
    close(applyAffine(compose(back, there), p), p);
  });

  it('zoom stretches the central 1/factor of the frame to the full width, keeping its rows', () => {
    const { toSource: m, width, height } = passGeometry({ kind: 'zoom', factor: 2 }, W, H);
    expect([width, height]).toEqual([W, H / 2]);
    // Pixel edges: the output's left and right edges are a quarter in from the frame's.
    close(applyAffine(m, { x: -0.5, y: 0 }), { x: W / 4 - 0.5, y: H / 4 });
    close(applyAffine(m, { x: W - 0.5, y: H / 2 - 1 }), { x: (3 * W) / 4 - 0.5, y: (3 * H) / 4 - 1 });
  });

  it('maps a code found in a pass back into frame coordinates, then into the camera frame', () => {
    // A code seen upright in the 45° pass is a diamond in the aiming region.
    const pass: ExtraPass = { kind: 'rotate', degrees: 45 };
    const found: Quad = [
      { x: centre.x - 10, y: centre.y - 10 },
      { x: centre.x + 10, y: centre.y - 10 },
      { x: centre.x + 10, y: centre.y + 10 },
      { x: centre.x - 10, y: centre.y + 10 },
    ];
    const inRegion = mapQuad(passGeometry(pass, W, H).toSource, found);
    const r = 10 * Math.SQRT2;
    close(inRegion[0], { x: centre.x, y: centre.y - r });
    close(inRegion[1], { x: centre.x + r, y: centre.y });
    close(inRegion[2], { x: centre.x, y: centre.y + r });
    close(inRegion[3], { x: centre.x - r, y: centre.y });
    // The aiming region starts at (128, 144) of a 1280×720 frame.
    const inFrame = mapQuad(compose(translate(128, 144), IDENTITY), inRegion);
    close(inFrame[0], { x: 128 + centre.x, y: 144 + centre.y - r });
  });
});
