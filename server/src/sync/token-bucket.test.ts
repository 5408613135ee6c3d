import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([true, true, true, true, true, false]);
    now += 100; // 10/s → one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than the burst, however long it was idle', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 3, () => now);
    now += 60_000;
    expect(Array.from({ length: 4 }, () => bucket.take())).toEqual([true, true, true, false]);
  });

  it('a sender at the sustained rate is never refused', () => {
    let now = 0;
    const bucket = new TokenBucket(50, 1, () => now);
    for (let i = 0; i < 1000; i++) {
      expect(bucket.take()).toBe(true);
      now += 20;
    }
  });
});
