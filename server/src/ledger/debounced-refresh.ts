import type { Logger } from '../log.ts';

interface RefreshState {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  dirty: boolean;
}

/**
 * Work recomputed per key (a ledger period) after changes, debounced: a burst of changes
 * is one recomputation; a change while one runs schedules another once it ends; `settle`
 * waits until nothing is pending for a key (a request that must read fresh figures).
 */
export class DebouncedRefresh {
  private readonly states = new Map<string, RefreshState>();
  private closed = false;

  constructor(
    private readonly refresh: (key: string) => Promise<void>,
    private readonly log: Logger,
    private readonly what: string,
    private readonly debounceMs: number,
  ) {}

  schedule(key: string): void {
    if (this.closed) return;
    const st = this.stateOf(key);
    st.dirty = true;
    if (!st.timer && !st.running) {
      st.timer = setTimeout(() => void this.run(key), this.debounceMs);
      st.timer.unref();
    }
  }

  /** Runs a pending recomputation now (or joins the running one). */
  run(key: string): Promise<void> {
    const st = this.stateOf(key);
    if (st.timer) {
      clearTimeout(st.timer);
      st.timer = null;
    }
    if (st.running) return st.running;
    if (!st.dirty || this.closed) return Promise.resolve();
    st.dirty = false;
    st.running = this.refresh(key)
      .catch((error) => this.log.error(`${this.what} refresh failed`, { key, error }))
      .finally(() => {
        st.running = null;
        if (st.dirty && !this.closed) this.schedule(key);
        else if (!st.timer) this.states.delete(key);
      });
    return st.running;
  }

  /** Marks a key dirty and runs it now. */
  async now(key: string): Promise<void> {
    this.stateOf(key).dirty = true;
    await this.run(key);
  }

  /** Waits until no recomputation of this key is pending or running. */
  async settle(key: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const st = this.states.get(key);
      if (!st) return;
      if (st.timer || st.dirty) await this.run(key);
      else if (st.running) await st.running;
      else return;
    }
  }

  close(): void {
    this.closed = true;
    for (const st of this.states.values()) if (st.timer) clearTimeout(st.timer);
    this.states.clear();
  }

  private stateOf(key: string): RefreshState {
    let st = this.states.get(key);
    if (!st) {
      st = { timer: null, running: null, dirty: false };
      this.states.set(key, st);
    }
    return st;
  }
}
