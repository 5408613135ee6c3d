export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Runs `fn` at most once per `intervalMs`: the first request runs at once, requests during
 * the interval collapse into one run at its end (so the last change is never left out).
 * Summaries of a busy stocktake are recomputed this way, at most twice a second.
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;

  constructor(
    private readonly fn: () => void,
    private readonly intervalMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.intervalMs - this.timers.now();
    if (wait <= 0) this.run();
    else this.timer = this.timers.setTimeout(() => this.run(), wait);
  }

  /** Runs now (e.g. after the manager's own action, which should show at once). */
  flush(): void {
    this.run();
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.cancel();
    this.last = this.timers.now();
    this.fn();
  }
}
