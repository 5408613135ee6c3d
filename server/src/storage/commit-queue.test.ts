import { describe, expect, it } from 'vitest';
import { CommitQueue } from './commit-queue.ts';
import { MemoryUpdateStore } from './update-store.ts';

class CountingStore extends MemoryUpdateStore {
  batches = 0;
  failNext = false;
  batch(fn: () => void): void {
    this.batches++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    fn();
  }
}

const u = (n: number) => new Uint8Array([n]);

describe('CommitQueue', () => {
  it('commits what arrives in one turn of the event loop together, then reports in order', async () => {
    const store = new CountingStore();
    const queue = new CommitQueue(store);
    const events: string[] = [];
    for (let i = 0; i < 5; i++) queue.enqueue(i % 2 ? 'a' : 'b', u(i), (e) => events.push(`${i}:${e}`));
    expect(events).toEqual([]); // nothing is announced before the commit
    expect(store.load('a')).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(store.batches).toBe(1);
    expect(events).toEqual(['0:null', '1:null', '2:null', '3:null', '4:null']);
    expect(store.load('b').map((x) => x[0])).toEqual([0, 2, 4]);
  });

  it('flush() commits at once; a flush inside a callback keeps the callbacks in enqueue order', () => {
    const store = new CountingStore();
    const queue = new CommitQueue(store);
    const events: string[] = [];
    queue.enqueue('r', u(1), () => {
      events.push('1');
      queue.enqueue('r', u(3), () => events.push('3'));
      queue.flush();
      expect(store.load('r')).toHaveLength(3); // committed already, announced later
    });
    queue.enqueue('r', u(2), () => events.push('2'));
    queue.flush();
    expect(events).toEqual(['1', '2', '3']);
    expect(queue.pending).toBe(0);
  });

  it('a failed commit stores nothing of its batch and reports the error to each at once', () => {
    const store = new CountingStore();
    const queue = new CommitQueue(store);
    const errors: unknown[] = [];
    store.failNext = true;
    queue.enqueue('r', u(1), (e) => errors.push(e));
    queue.enqueue('s', u(2), (e) => errors.push(e));
    queue.flush();
    expect(errors.map(String)).toEqual(['Error: disk full', 'Error: disk full']);
    expect(store.rooms()).toEqual([]);
  });
});
