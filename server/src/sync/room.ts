import type { RoomRef } from '@stockroom/shared/sync/rooms';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { CommitQueue } from '../storage/commit-queue.ts';
import type { UpdateStore } from '../storage/update-store.ts';
import { awarenessMessage, updateMessage } from './messages.ts';
import { dropStalePendingStructs } from './pending-structs.ts';

/** Something in a room that receives broadcasts: a client connection. */
export interface RoomPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness clientIDs this peer speaks for; removed when it leaves. */
  readonly awarenessClients: Set<number>;
}

/** Origin of writes the server makes itself (API requests, opening balances). */
export class ServerWrite {
  constructor(readonly reason: string) {}
}

/** Origin of structs integrated when parked duplicates were dropped (sent to every peer). */
const PARKED_RETRY = new ServerWrite('parked-structs-retry');

/** Called after an update is stored; `transaction` is the Yjs transaction that produced it. */
export type UpdateListener = (
  update: Uint8Array,
  origin: unknown,
  room: Room,
  transaction: Y.Transaction,
) => void;

export interface RoomOptions {
  /** Merge the room's rows into one after this many appends. */
  compactEvery: number;
  log: Logger;
  /** Called when an update could not be stored: the room must be dropped, not flushed. */
  onFailure: (room: Room, error: unknown) => void;
  /**
   * Group commit for client updates (many share one fsync). Without it every update is
   * committed on its own, synchronously.
   */
  commits?: CommitQueue;
}

/**
 * One loaded Yjs document and the peers editing it. Every update — from a client or from
 * the server itself — is stored before anyone else hears of it: broadcasts, listeners and
 * acknowledgements (afterCommit) wait for its commit, so they always describe stored data.
 * Client updates of one event-loop turn share a commit (CommitQueue); the server's own
 * writes are committed before write()/transact() return.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly peers = new Set<RoomPeer>();
  private rowsSinceCompaction: number;
  /** Bytes stored for the room (its rows), for the room size limit. */
  storedBytes: number;
  private compactionQueued = false;
  private failure: unknown = null;
  private destroyed = false;
  /** Updates applied to the doc whose commit has not completed yet. */
  private uncommitted = 0;
  private readonly afterCommitWaiters: (() => void)[] = [];
  private readonly attachments = new Map<string, { value: unknown; destroy?: () => void }>();
  private readonly updateListeners = new Set<UpdateListener>();

  constructor(
    readonly name: string,
    readonly ref: RoomRef,
    private readonly store: UpdateStore,
    private readonly options: RoomOptions,
  ) {
    const rows = store.load(name);
    this.rowsSinceCompaction = rows.length;
    this.storedBytes = rows.reduce((n, r) => n + r.byteLength, 0);
    this.applyStored(rows);
    this.awareness = new Awareness(this.doc);
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwareness);
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** A per-room view (Catalog, LedgerPeriod...) built once while the room is loaded. */
  attachment<T>(key: string, create: (doc: Y.Doc) => T, destroy?: (value: T) => void): T {
    const existing = this.attachments.get(key);
    if (existing) return existing.value as T;
    const value = create(this.doc);
    this.attachments.set(key, { value, destroy: destroy ? () => destroy(value) : undefined });
    return value;
  }

  onUpdate(listener: UpdateListener): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /**
   * A write by the server itself through domain code (which opens its own transactions).
   * Not wrapped in an outer transaction on purpose: domain methods read their result back
   * after writing, and inside an enclosing transaction their observers would not have run
   * yet, so they would return the old record. Throws if the write could not be stored.
   */
  write<T>(fn: () => T): T {
    this.assertUsable();
    const result = fn();
    this.assertUsable();
    return result;
  }

  /** A write by the server in one transaction with a recognisable origin; throws if it could not be stored. */
  transact<T>(fn: () => T, origin: ServerWrite): T {
    this.assertUsable();
    const result = this.doc.transact(fn, origin);
    this.assertUsable();
    return result;
  }

  /** Applies a client's (already validated) update; it is stored when this returns without throwing. */
  applyClientUpdate(update: Uint8Array, from: RoomPeer): void {
    this.assertUsable();
    try {
      Y.applyUpdate(this.doc, update, from);
    } catch (error) {
      // Yjs emits 'update' at the end of its transaction cleanup; an update that breaks the
      // cleanup itself leaves the document unable to emit any later update — acknowledged
      // changes would never be stored. Such a room is dropped and reloaded from storage.
      if (cleanupStuck(this.doc) && this.failure === null) {
        this.failure = error;
        this.options.log.error('an update broke the room document; reloading it from storage', {
          room: this.name,
          error,
        });
        queueMicrotask(() => this.options.onFailure(this, error));
      }
      throw error;
    }
    this.assertUsable();
    if (dropStalePendingStructs(this.doc, PARKED_RETRY)) {
      this.options.log.warn('dropped parked structs the room already holds (a broken or forged update)', {
        room: this.name,
      });
    }
  }

  /**
   * Runs `fn` once every update applied so far is stored (at once when nothing is waiting):
   * at that moment the doc's state is exactly what is on disk, so acknowledgements computed
   * from it are true. Never runs if the room fails first.
   */
  afterCommit(fn: () => void): void {
    if (this.uncommitted === 0) fn();
    else this.afterCommitWaiters.push(fn);
  }

  addPeer(peer: RoomPeer): void {
    this.peers.add(peer);
  }

  removePeer(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessClients.size) removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
  }

  /** Merges all stored rows into one (the doc's full state, pending structs included). */
  compact(): void {
    if (this.failed || this.destroyed) return;
    // Queued rows first, or they would land after the merged row (harmless, but wasted).
    if (this.uncommitted > 0) this.options.commits?.flush();
    if (this.failed) return;
    // encodeStateAsUpdate includes store.pendingStructs / pendingDs (yjs 13.6): updates
    // still waiting for a missing dependency are kept, not dropped.
    const merged = Y.encodeStateAsUpdate(this.doc);
    this.store.compact(this.name, merged);
    this.rowsSinceCompaction = 1;
    this.storedBytes = merged.byteLength;
  }

  /** Closes every peer (they reconnect), writes the merged state and frees the document. */
  unload(closeCode: number, reason: string): void {
    if (this.destroyed) return;
    for (const peer of [...this.peers]) peer.close(closeCode, reason);
    try {
      // Pending structs never reach an update row (Yjs only emits what it integrated),
      // so a room holding some is written out even if it has a single row.
      const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
      if (this.rowsSinceCompaction > 1 || pending || this.uncommitted > 0) this.compact();
    } catch (error) {
      // The rows themselves are intact; only the merge failed. Nothing stored is lost.
      this.options.log.error('compaction on unload failed', { room: this.name, error });
    }
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const a of this.attachments.values()) a.destroy?.();
    this.attachments.clear();
    this.updateListeners.clear();
    this.awareness.off('update', this.handleAwareness);
    this.awareness.destroy();
    this.doc.off('update', this.handleDocUpdate);
    this.doc.destroy();
    this.peers.clear();
    this.afterCommitWaiters.length = 0;
  }

  private applyStored(rows: Uint8Array[]): void {
    if (!rows.length) return;
    this.applyRows(rows);
    // Rows written before parked duplicates were dropped on arrival may still hold some.
    dropStalePendingStructs(this.doc);
  }

  private applyRows(rows: Uint8Array[]): void {
    try {
      Y.applyUpdate(this.doc, rows.length === 1 ? rows[0]! : Y.mergeUpdates(rows));
    } catch (error) {
      // A damaged row must not make the whole room unreadable: apply the rows one by one.
      this.options.log.error('stored updates do not merge; applying rows one by one', {
        room: this.name,
        error,
      });
      rows.forEach((row, i) => {
        try {
          Y.applyUpdate(this.doc, row);
        } catch (rowError) {
          this.options.log.error('skipping unreadable stored update', {
            room: this.name,
            row: i,
            error: rowError,
          });
        }
      });
    }
  }

  private readonly handleDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ) => {
    if (this.failed) return;
    const commits = this.options.commits;
    if (!commits) {
      try {
        this.store.append(this.name, update);
      } catch (error) {
        this.fail(error);
        return;
      }
      this.announce(update, origin, transaction);
      return;
    }
    this.uncommitted++;
    commits.enqueue(this.name, update, (error) => {
      this.uncommitted--;
      if (error !== null) {
        this.fail(error);
        return;
      }
      this.announce(update, origin, transaction);
      if (this.uncommitted === 0 && this.afterCommitWaiters.length) {
        for (const fn of this.afterCommitWaiters.splice(0)) {
          try {
            fn();
          } catch (failure) {
            this.options.log.error('after-commit callback failed', { room: this.name, error: failure });
          }
        }
      }
    });
    // The server's own writes (API requests, openings) are on disk when write()/transact() return.
    if (!this.peers.has(origin as RoomPeer)) commits.flush();
  };

  /** Not stored means not broadcast and not acknowledged; the room is dropped and every client resends on reconnect. */
  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.afterCommitWaiters.length = 0;
    this.options.log.error('could not store update', { room: this.name, error });
    queueMicrotask(() => this.options.onFailure(this, error));
  }

  /** A stored update: to every other peer, then to the listeners. */
  private announce(update: Uint8Array, origin: unknown, transaction: Y.Transaction): void {
    if (this.destroyed || this.failed) return;
    this.rowsSinceCompaction++;
    this.storedBytes += update.byteLength;
    if (this.rowsSinceCompaction >= this.options.compactEvery) this.queueCompaction();
    const message = updateMessage(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    for (const listener of this.updateListeners) {
      try {
        listener(update, origin, this, transaction);
      } catch (error) {
        this.options.log.error('room update listener failed', { room: this.name, error });
      }
    }
  }

  private readonly handleAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin && this.peers.has(origin as RoomPeer)) {
      const peer = origin as RoomPeer;
      for (const id of added) peer.awarenessClients.add(id);
      for (const id of updated) peer.awarenessClients.add(id);
      for (const id of removed) peer.awarenessClients.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (!changed.length) return;
    // Sent to every peer, the sender included: a client's own renewed state is what keeps
    // its "no message for 30 s" watchdog quiet in an otherwise idle room.
    const message = awarenessMessage(this.awareness, changed);
    for (const peer of this.peers) peer.send(message);
  };

  private queueCompaction(): void {
    if (this.compactionQueued) return;
    this.compactionQueued = true;
    setImmediate(() => {
      this.compactionQueued = false;
      try {
        this.compact();
      } catch (error) {
        this.options.log.error('compaction failed', { room: this.name, error });
      }
    });
  }

  private assertUsable(): void {
    if (this.failure !== null) throw new RoomUnavailableError(this.name);
    if (this.destroyed) throw new RoomUnavailableError(this.name);
  }
}

/** True when a Yjs transaction cleanup was cut short (the doc would never emit 'update' again). */
function cleanupStuck(doc: Y.Doc): boolean {
  // _transactionCleanups is internal: Yjs empties it at the end of every successful cleanup.
  return (doc as unknown as { _transactionCleanups: unknown[] })._transactionCleanups.length > 0;
}

export class RoomUnavailableError extends Error {
  constructor(room: string) {
    super(`room ${room} is unavailable (its updates could not be stored)`);
  }
}
