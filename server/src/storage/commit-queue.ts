import type { UpdateStore } from './update-store.ts';

/** Called once the update is durably stored (error null) or could not be stored. */
export type CommitDone = (error: unknown) => void;

interface Entry {
  room: string;
  update: Uint8Array;
  done: CommitDone;
}

/**
 * Group commit: updates that arrive in one turn of the event loop are appended in one
 * transaction, so many clients' updates share one fsync instead of paying one each.
 * Nothing about an update is announced before its commit: callers broadcast and
 * acknowledge in `done`, which runs after the transaction commits and in enqueue order
 * (also when a flush happens inside another's `done`).
 *
 * `flush()` commits at once; the server's own writes use it so that an API request
 * answers only after its change is on disk.
 */
export class CommitQueue {
  private queue: Entry[] = [];
  private readonly ready: { done: CommitDone; error: unknown }[] = [];
  private scheduled = false;
  private draining = false;

  constructor(private readonly store: UpdateStore) {}

  get pending(): number {
    return this.queue.length;
  }

  enqueue(room: string, update: Uint8Array, done: CommitDone): void {
    this.queue.push({ room, update, done });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits everything queued now, then runs the callbacks in order. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) {
      let error: unknown = null;
      try {
        const appendAll = () => {
          for (const e of batch) this.store.append(e.room, e.update);
        };
        if (this.store.batch) this.store.batch(appendAll);
        else appendAll();
      } catch (failure) {
        // The transaction rolled back: none of the batch is stored.
        error = failure ?? new Error('commit failed');
      }
      if (error !== null) {
        // Failures are reported at once (a server write must see it before it returns).
        for (const e of batch) e.done(error);
      } else for (const e of batch) this.ready.push({ done: e.done, error: null });
    }
    if (this.draining) return; // the outer drain runs these after the ones before them
    this.draining = true;
    try {
      for (let next = this.ready.shift(); next; next = this.ready.shift()) next.done(next.error);
    } finally {
      this.draining = false;
    }
  }
}
