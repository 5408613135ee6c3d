/**
 * Where rooms' Yjs updates live. Small on purpose (the tldraw / Hocuspocus shape): the sync
 * core only ever loads a room, appends an update, and replaces a room's rows by one merged
 * state. Every method is synchronous so that `append` has returned — and the row is
 * durable — before the update is broadcast or acknowledged.
 */
export interface UpdateStore {
  /** Every stored update of the room, oldest first (empty for a room never written). */
  load(room: string): Uint8Array[];
  /** Durably appends one update. Throws if it cannot be stored. */
  append(room: string, update: Uint8Array): void;
  /** Atomically replaces all of the room's rows by one merged state. */
  compact(room: string, mergedState: Uint8Array): void;
  /** Names of every room with stored updates. */
  rooms(): string[];
  /** Whether the room has stored updates. */
  has(room: string): boolean;
  /** Runs `fn` (appends) as one transaction: one commit, one fsync. Optional. */
  batch?(fn: () => void): void;
}

/** Keeps updates in memory: for unit tests and benchmarks of the sync core without disk. */
export class MemoryUpdateStore implements UpdateStore {
  private readonly data = new Map<string, Uint8Array[]>();

  load(room: string): Uint8Array[] {
    return [...(this.data.get(room) ?? [])];
  }

  append(room: string, update: Uint8Array): void {
    const rows = this.data.get(room) ?? [];
    rows.push(update.slice());
    this.data.set(room, rows);
  }

  compact(room: string, mergedState: Uint8Array): void {
    this.data.set(room, [mergedState.slice()]);
  }

  rooms(): string[] {
    return [...this.data.keys()].sort();
  }

  has(room: string): boolean {
    return this.data.has(room);
  }
}
