// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BatchTracker } from './batch-tracker.ts';

const c = (text: string, x = 0) => ({ text, x });
const kinds = (events: { kind: string; key: string }[]) => events.map((e) => `${e.kind}:${e.key}`);

describe('BatchTracker', () => {
  it('counts every distinct code of a frame once it is read in two frames', () => {
    const t = new BatchTracker<{ text: string; x: number }>();
    const frame = ['A', 'B', 'C'].map((s) => c(s));
    expect(t.push(frame, 0)).toEqual([]);
    expect(kinds(t.push(frame, 100))).toEqual(['count:A', 'count:B', 'count:C']);
    expect(t.counted().map((x) => x.key)).toEqual(['A', 'B', 'C']);
  });

  it('does not count a code again while it stays in view, whatever the frames', () => {
    const t = new BatchTracker<{ text: string; x: number }>();
    let counts = 0;
    for (let i = 0; i < 300; i++) {
      // The camera drifts: positions change, and a frame misses a code now and then.
      const frame = [c('A', i), ...(i % 7 === 3 ? [] : [c('B', -i)])];
      counts += t.push(frame, i * 100).filter((e) => e.kind === 'count').length;
    }
    expect(counts).toBe(2);
    expect(t.get('A')?.code.x).toBe(299); // the latest sighting, for the overlay
  });

  it('reports a counted code that left the view and came back as "again", once per return', () => {
    const t = new BatchTracker<{ text: string; x: number }>({ lostAfterMs: 800 });
    t.push([c('A')], 0);
    expect(kinds(t.push([c('A')], 100))).toEqual(['count:A']);
    t.push([], 500);
    expect(t.push([c('A')], 600)).toEqual([]); // a gap of 500 ms: a missed frame, not a return
    t.push([], 1000);
    expect(kinds(t.push([c('A')], 1500))).toEqual(['again:A']);
    expect(t.push([c('A')], 1600)).toEqual([]);
    expect(t.counted()).toHaveLength(1);
  });

  it('needs its two reads within the window: a one-frame misread is never counted', () => {
    const t = new BatchTracker<{ text: string; x: number }>({ windowMs: 1000 });
    expect(t.push([c('GLINT')], 0)).toEqual([]);
    expect(t.push([c('GLINT')], 1500)).toEqual([]); // too late: starts over
    expect(kinds(t.push([c('GLINT')], 1600))).toEqual(['count:GLINT']);
  });

  it('treats the same text twice in one frame as one code', () => {
    const t = new BatchTracker<{ text: string; x: number }>();
    t.push([c('A', 1), c('A', 2)], 0);
    expect(kinds(t.push([c('A', 1), c('A', 2)], 100))).toEqual(['count:A']);
  });

  it('never counts an excluded code; excluding a counted one says so, so its count is undone', () => {
    const t = new BatchTracker<{ text: string; x: number }>();
    t.push([c('A'), c('B')], 0);
    expect(t.exclude('B')).toBe('pending');
    expect(kinds(t.push([c('A'), c('B')], 100))).toEqual(['count:A']);
    expect(t.exclude('A')).toBe('counted');
    for (let i = 2; i < 30; i++) expect(t.push([c('A'), c('B')], i * 100)).toEqual([]);
    expect(t.counted()).toEqual([]);
    expect(t.visible().map((v) => `${v.key}:${v.state}`)).toEqual(['A:excluded', 'B:excluded']);
    expect(t.exclude('nope')).toBeUndefined();
  });

  it('counts an excluded code tapped back in, after it is confirmed again', () => {
    const t = new BatchTracker<{ text: string; x: number }>();
    t.push([c('A')], 0);
    t.exclude('A');
    t.push([c('A')], 100);
    t.include('A');
    expect(t.push([c('A')], 200)).toEqual([]);
    expect(kinds(t.push([c('A')], 300))).toEqual(['count:A']);
  });

  it('shows the codes read lately with their state and outcome, and forgets them from view', () => {
    const t = new BatchTracker<{ text: string; x: number }>({ showForMs: 600 });
    t.push([c('A'), c('B')], 0);
    t.push([c('A'), c('B')], 100);
    t.setOutcome('A', 'unknown');
    t.push([c('A')], 500);
    expect(t.visible().map((v) => [v.key, v.state, v.outcome ?? '', v.inView])).toEqual([
      ['A', 'counted', 'unknown', true],
      ['B', 'counted', '', false],
    ]);
    t.push([], 800);
    expect(t.visible().map((v) => v.key)).toEqual(['A']);
    t.push([], 2000);
    expect(t.visible()).toEqual([]);
    expect(t.counted()).toHaveLength(2); // out of view, still counted
  });

  it('holds at most maxCodes codes and reset() starts a new batch', () => {
    const t = new BatchTracker<{ text: string; x: number }>({ maxCodes: 2, framesToConfirm: 1 });
    expect(kinds(t.push([c('A'), c('B'), c('C')], 0))).toEqual(['count:A', 'count:B', 'full:C']);
    t.reset();
    expect(kinds(t.push([c('C')], 100))).toEqual(['count:C']);
  });

  it('refuses options out of range', () => {
    expect(() => new BatchTracker({ framesToConfirm: 0 })).toThrow();
  });
});
