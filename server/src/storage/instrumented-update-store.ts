import { parseRoom } from '@stockroom/shared/sync/rooms';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { UpdateStore } from './update-store.ts';

/**
 * Wraps a store to measure it: persistence latency, updates and bytes stored per room
 * kind, load and compaction time, and storage failures. The sync core stays unaware.
 */
export class InstrumentedUpdateStore implements UpdateStore {
  constructor(
    private readonly inner: UpdateStore,
    private readonly metrics: ServerMetrics,
  ) {}

  load(room: string): Uint8Array[] {
    return this.measure(this.metrics.roomLoadSeconds, () => this.inner.load(room));
  }

  append(room: string, update: Uint8Array): void {
    // Inside a batch this times the insert only; the batch's commit is stockroom_commit_seconds.
    this.measure(this.metrics.persistSeconds, () => this.inner.append(room, update));
    this.metrics.updates.inc({ room_kind: parseRoom(room)?.kind ?? 'other' });
    this.metrics.updateBytes.inc(undefined, update.byteLength);
  }

  compact(room: string, mergedState: Uint8Array): void {
    this.measure(this.metrics.compactSeconds, () => this.inner.compact(room, mergedState));
  }

  rooms(): string[] {
    return this.inner.rooms();
  }

  has(room: string): boolean {
    return this.inner.has(room);
  }

  batch(fn: () => void): void {
    if (!this.inner.batch) {
      fn();
      return;
    }
    const inner = this.inner;
    this.measure(this.metrics.commitSeconds, () => inner.batch!(fn));
  }

  private measure<T>(histogram: { time<R>(fn: () => R): R }, fn: () => T): T {
    try {
      return histogram.time(fn);
    } catch (error) {
      this.metrics.error('storage');
      throw error;
    }
  }
}
