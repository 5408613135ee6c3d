// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PasswordQueue, PasswordQueueFullError } from './password-queue.ts';

/** A check that finishes when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PasswordQueue', () => {
  it('runs at most `concurrency` checks at once; the rest wait their turn, first come first served', async () => {
    const queue = new PasswordQueue({ concurrency: 2, maxWaiting: 100 });
    const checks = Array.from({ length: 10 }, () => deferred<number>());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = checks.map((d, i) =>
      queue.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        try {
          return await d.promise;
        } finally {
          running--;
        }
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.running).toBe(2);
    expect(queue.queued).toBe(8);
    // Finish them out of order: a freed slot goes to the next waiting check.
    for (const i of [1, 0, 3, 2, 5, 4, 7, 6, 9, 8]) {
      checks[i]!.resolve(i * 10);
      await tick();
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
    expect(queue.running).toBe(0);
  });

  it('refuses at once when the queue is full, without running the check', async () => {
    const queue = new PasswordQueue({ concurrency: 1, maxWaiting: 2 });
    const first = deferred<string>();
    const accepted = [queue.run(() => first.promise), queue.run(async () => 'b'), queue.run(async () => 'c')];
    let ran = false;
    const refused = queue.run(async () => {
      ran = true;
      return 'd';
    });
    await expect(refused).rejects.toBeInstanceOf(PasswordQueueFullError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: expect.any(Number) });
    expect(ran).toBe(false);
    first.resolve('a');
    expect(await Promise.all(accepted)).toEqual(['a', 'b', 'c']);
    // Room again once the queue drained.
    expect(await queue.run(async () => 'e')).toBe('e');
  });

  it('a failing check frees its slot', async () => {
    const queue = new PasswordQueue({ concurrency: 1, maxWaiting: 5 });
    const failing = queue.run(async () => {
      throw new Error('scrypt failed');
    });
    const throwing = queue.run(() => {
      throw new Error('thrown synchronously');
    });
    const next = queue.run(async () => 'ok');
    await expect(failing).rejects.toThrow('scrypt failed');
    await expect(throwing).rejects.toThrow('thrown synchronously');
    expect(await next).toBe('ok');
    expect(queue.running).toBe(0);
    expect(queue.queued).toBe(0);
  });
});
