import { describe, expect, it } from 'vitest';
import { Throttle, type Timers } from './throttle.ts';

/** A clock the test moves by hand: no real time passes, nothing depends on timing. */
function manualTimers() {
  let now = 0;
  let pending: { at: number; fn: () => void } | null = null;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      pending = { at: now + ms, fn };
      return pending;
    },
    clearTimeout: (h) => {
      if (pending === h) pending = null;
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const p = pending;
    if (p && p.at <= now) {
      pending = null;
      p.fn();
    }
  };
  return { timers, advance };
}

describe('Throttle', () => {
  it('runs the first request at once and collapses a burst into one trailing run', () => {
    const { timers, advance } = manualTimers();
    let runs = 0;
    const t = new Throttle(() => runs++, 500, timers);
    t.request();
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) t.request();
    expect(runs).toBe(1);
    advance(499);
    expect(runs).toBe(1);
    advance(1);
    expect(runs).toBe(2);
    advance(10_000);
    expect(runs).toBe(2);
  });

  it('never runs more than once per interval however requests are spread', () => {
    const { timers, advance } = manualTimers();
    const at: number[] = [];
    let clock = 0;
    const t = new Throttle(() => at.push(clock), 500, timers);
    for (let i = 0; i < 40; i++) {
      t.request();
      advance(70);
      clock += 70;
    }
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(490);
    expect(at.length).toBeGreaterThan(4);
  });

  it('flush runs now; cancel drops the pending run', () => {
    const { timers, advance } = manualTimers();
    let runs = 0;
    const t = new Throttle(() => runs++, 500, timers);
    t.request();
    t.request();
    t.flush();
    expect(runs).toBe(2);
    t.request();
    t.cancel();
    advance(1000);
    expect(runs).toBe(2);
  });
});
