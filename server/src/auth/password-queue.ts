/**
 * Runs at most `concurrency` password checks at once and lets at most `maxWaiting` more wait.
 *
 * scrypt runs on libuv's thread pool (4 threads by default), which static files, other fs
 * work and crypto share: 30 logins at once used to take every thread for seconds. Keeping
 * checks below the pool size leaves threads for everything else; bounding the queue makes a
 * flood answer "busy" at once instead of piling up requests (and memory: 128 MiB per check).
 * Checks of unknown users (burnPasswordCheck) go through the same queue, so waiting times do
 * not reveal which usernames exist.
 */
export interface PasswordQueueOptions {
  /** Checks running at once; keep it below libuv's thread pool size (UV_THREADPOOL_SIZE, 4). */
  concurrency: number;
  /** Checks waiting for a slot; one more is refused with PasswordQueueFullError. */
  maxWaiting: number;
}

export const DEFAULT_PASSWORD_QUEUE: PasswordQueueOptions = { concurrency: 2, maxWaiting: 32 };

/** The queue is full: answer "busy, try again" quickly instead of waiting. */
export class PasswordQueueFullError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('too many password checks waiting');
    this.name = 'PasswordQueueFullError';
  }
}

export class PasswordQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** How long a check takes (moving average), to suggest a Retry-After when full. */
  private averageMs = 500;

  constructor(
    private readonly options: PasswordQueueOptions = DEFAULT_PASSWORD_QUEUE,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.concurrency >= 1) || !(options.maxWaiting >= 0)) {
      throw new Error('PasswordQueue needs concurrency >= 1 and maxWaiting >= 0');
    }
  }

  /** Checks running now. */
  get running(): number {
    return this.active;
  }

  /** Checks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `check` when a slot is free. Rejects at once with PasswordQueueFullError (and never
   * calls `check`) when `maxWaiting` checks are already waiting.
   */
  run<T>(check: () => Promise<T>): Promise<T> {
    if (this.active < this.options.concurrency) return this.start(check);
    if (this.waiting.length >= this.options.maxWaiting) {
      const ahead = this.waiting.length + this.active;
      return Promise.reject(
        new PasswordQueueFullError(Math.ceil((ahead / this.options.concurrency) * this.averageMs)),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        this.start(check).then(resolve, reject);
      });
    });
  }

  private async start<T>(check: () => Promise<T>): Promise<T> {
    this.active++;
    const started = this.now();
    try {
      return await check();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * Math.max(0, this.now() - started);
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
