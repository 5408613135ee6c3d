import { describe, expect, it } from 'vitest';
import { ScanConfirmer } from './scan-confirmer.ts';

const A = { text: 'SKU-1' };
const B = { text: 'BIN-2' };

/** Frames every `step` ms from `start`; returns [time, accepted texts] for frames that accepted something. */
function play(c: ScanConfirmer<{ text: string }>, frames: { text: string }[][], start = 0, step = 100) {
  const out: [number, string[]][] = [];
  frames.forEach((codes, i) => {
    const accepted = c.push(codes, start + i * step);
    if (accepted.length) out.push([start + i * step, accepted.map((a) => a.text)]);
  });
  return out;
}

describe('ScanConfirmer', () => {
  it('accepts a code on its second frame, not its first', () => {
    const c = new ScanConfirmer();
    expect(c.push([A], 0)).toEqual([]);
    expect(c.push([A], 100)).toEqual([A]);
  });

  it('ignores a one-frame misread', () => {
    const c = new ScanConfirmer();
    expect(play(c, [[A], [], [], [B], [B]])).toEqual([[400, ['BIN-2']]]);
  });

  it('needs the two reads within the window', () => {
    const c = new ScanConfirmer({ windowMs: 500 });
    expect(c.push([A], 0)).toEqual([]);
    expect(c.push([A], 900)).toEqual([]); // too late: counts as a first read again
    expect(c.push([A], 1000)).toEqual([A]);
  });

  it('does not accept the same code again within the cooldown while it stays in view', () => {
    const c = new ScanConfirmer({ cooldownMs: 1000 });
    const frames = Array.from({ length: 15 }, () => [A]); // 0..1400 ms
    expect(play(c, frames)).toEqual([
      [100, ['SKU-1']],
      [1100, ['SKU-1']], // still read in every frame: accepted again as soon as the cooldown is over
    ]);
  });

  it('does not accept it again within the cooldown even after it left and came back', () => {
    const c = new ScanConfirmer({ cooldownMs: 3000 });
    expect(play(c, [[A], [A], [], [], [], [], [A], [A], [A]])).toEqual([[100, ['SKU-1']]]);
  });

  it('repeat mode: accepts the same code again each time it comes back into view', () => {
    const c = new ScanConfirmer({ repeat: true, rearmAfterMs: 300 });
    const frames = [[A], [A], [A], [A], [], [], [], [A], [A], [A], [], [A], [A]];
    expect(play(c, frames)).toEqual([
      [100, ['SKU-1']], // held in view at 200, 300: not again
      [800, ['SKU-1']], // back after 400 ms away
      // 100 ms away at 1000 is shorter than rearmAfterMs: a flicker, not a new scan
    ]);
  });

  it('handles several codes in one frame independently, and duplicates within a frame once', () => {
    const c = new ScanConfirmer();
    expect(c.push([A, B, A], 0)).toEqual([]);
    expect(c.push([B, A], 100)).toEqual([B, A]);
  });

  it('reset() forgets cooldowns', () => {
    const c = new ScanConfirmer({ cooldownMs: 10_000 });
    play(c, [[A], [A]]);
    c.reset();
    expect(play(c, [[A], [A]], 300)).toEqual([[400, ['SKU-1']]]);
  });

  it('validates its options', () => {
    expect(() => new ScanConfirmer({ framesToConfirm: 0 })).toThrow();
  });
});
