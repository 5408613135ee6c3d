import { parseRoom } from '@stockroom/shared/sync/rooms';
import type { Logger } from '../log.ts';
import type { CommitQueue } from '../storage/commit-queue.ts';
import type { UpdateStore } from '../storage/update-store.ts';
import { Room } from './room.ts';

/** Why a room is being opened; hooks may treat a dependency read differently from real use. */
export type LeasePurpose = 'use' | 'dependency';

export interface RoomLease {
  readonly room: Promise<Room>;
  /** Idempotent. The room may unload once nobody holds it for ROOM_IDLE_MS. */
  release(): void;
}

export interface RoomRegistryOptions {
  store: UpdateStore;
  log: Logger;
  idleMs: number;
  compactEvery?: number;
  /** Group commit for client updates (see Room). */
  commits?: CommitQueue;
}

/** Runs once per load, before anybody gets the room. */
export type LoadHook = (room: Room, purpose: LeasePurpose) => void;

interface Entry {
  name: string;
  promise: Promise<Room>;
  room: Room | null;
  holders: number;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * The loaded rooms. Exactly one entry (one promise) per room name, so concurrent connects
 * share one load. A room is held by leases (connections, API requests); when the last
 * lease goes it is unloaded after the idle delay. Unload is synchronous — flush, destroy,
 * forget — so a reconnect either finds the room still loaded or loads the flushed state.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly loadHooks: LoadHook[] = [];
  private closed = false;

  constructor(private readonly options: RoomRegistryOptions) {}

  onLoad(hook: LoadHook): void {
    this.loadHooks.push(hook);
  }

  /** Holds a room (loading it if needed) until `release()`. */
  lease(name: string, purpose: LeasePurpose = 'use'): RoomLease {
    if (this.closed) {
      return { room: Promise.reject(new Error('server is shutting down')), release: () => {} };
    }
    const entry = this.entries.get(name) ?? this.load(name, purpose);
    entry.holders++;
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    let released = false;
    return {
      room: entry.promise,
      release: () => {
        if (released) return;
        released = true;
        entry.holders--;
        if (entry.holders === 0 && this.entries.get(name) === entry) this.scheduleIdle(entry);
      },
    };
  }

  /** Runs `fn` with the room held, releasing it afterwards. */
  async with<T>(name: string, fn: (room: Room) => T | Promise<T>, purpose: LeasePurpose = 'use'): Promise<T> {
    const lease = this.lease(name, purpose);
    try {
      return await fn(await lease.room);
    } finally {
      lease.release();
    }
  }

  /** The room if it is loaded right now (no load is started). */
  loaded(name: string): Room | undefined {
    return this.entries.get(name)?.room ?? undefined;
  }

  loadedNames(): string[] {
    return [...this.entries.values()].filter((e) => e.room).map((e) => e.name);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Shutdown: closes every peer with `code`, flushes and frees every room. */
  closeAll(code: number, reason: string): void {
    this.closed = true;
    for (const entry of [...this.entries.values()]) this.unload(entry, code, reason);
  }

  private load(name: string, purpose: LeasePurpose): Entry {
    const ref = parseRoom(name);
    const entry: Entry = {
      name,
      promise: Promise.resolve(null as unknown as Room),
      room: null,
      holders: 0,
      idleTimer: null,
    };
    entry.promise = (async () => {
      if (!ref) throw new Error(`not a room: ${name}`);
      // Loading is synchronous with SQLite; the await still lets callers (and queued client
      // messages) line up behind one promise, which is what an async store would need too.
      await Promise.resolve();
      const room = new Room(name, ref, this.options.store, {
        compactEvery: this.options.compactEvery ?? 500,
        log: this.options.log,
        onFailure: (failed) => this.drop(failed),
        commits: this.options.commits,
      });
      if (this.entries.get(name) !== entry) {
        // Shut down (or dropped) while loading: nothing new was written, just free it.
        room.destroy();
        throw new Error('server is shutting down');
      }
      entry.room = room;
      for (const hook of this.loadHooks) {
        try {
          hook(room, purpose);
        } catch (error) {
          this.options.log.error('room load hook failed', { room: name, error });
        }
      }
      this.options.log.debug('room loaded', { room: name, purpose });
      return room;
    })();
    entry.promise.catch((error) => {
      this.options.log.error('room load failed', { room: name, error });
      if (this.entries.get(name) === entry) this.entries.delete(name);
    });
    this.entries.set(name, entry);
    return entry;
  }

  private scheduleIdle(entry: Entry): void {
    if (this.closed) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (entry.holders === 0 && this.entries.get(entry.name) === entry)
        this.unload(entry, 1001, 'room idle');
    }, this.options.idleMs);
    entry.idleTimer.unref();
  }

  private unload(entry: Entry, code: number, reason: string): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    if (this.entries.get(entry.name) === entry) this.entries.delete(entry.name);
    if (entry.room) {
      entry.room.unload(code, reason);
      this.options.log.debug('room unloaded', { room: entry.name, reason });
    }
  }

  /** A room whose storage failed: forget it without flushing; the next lease reloads from disk. */
  private drop(room: Room): void {
    const entry = this.entries.get(room.name);
    if (entry?.room === room) this.entries.delete(room.name);
    for (const peer of [...room.peers]) peer.close(1011, 'storage error');
    room.destroy();
  }
}
