import { CLOSE, MESSAGE_SAVED, MESSAGE_SYNC, readSaved } from '@stockroom/shared/sync/protocol';
import { SavedState } from '@stockroom/shared/sync/saved-state';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { messageYjsSyncStep1, messageYjsSyncStep2 } from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { KeyValueStore } from '../session/key-value-store.ts';
import { afterPaint } from '../ui/after-paint.ts';
import { loadSavedClocks, loadWriters, saveSavedClocks, saveWriters } from './device-writers.ts';
import { ownChangesSince, readStateVector } from './own-changes.ts';
import { type EntrySaved, entrySaved, pendingChanges, writersToKeep } from './pending.ts';
import type { RoomStatus } from './sync-summary.ts';

export interface RoomConnectionOptions {
  room: string;
  /** `ws(s)://host/sync` */
  wsBase: string;
  token: string;
  store: KeyValueStore;
  workOffline: boolean;
  /**
   * The server closed the connection with 4401 (token expired or revoked). With a handler,
   * the room waits for `setToken` (the handler refreshes and decides); without one it is rejected.
   */
  onUnauthorized?: () => void;
  /** Never connect: a room this user may not read (a counter's ledger), kept only so screens have a doc. */
  localOnly?: boolean;
  /**
   * Connect only once this settles (and the local copy is loaded). Connecting broadcasts the
   * whole room to the other tabs (y-websocket's BroadcastChannel step 2: ≈0.3 s of main thread
   * for a 50k-item catalog), so the app holds it until its first screen with data is painted.
   */
  connectAfter?: Promise<void>;
}

/**
 * One room on this device: a Y.Doc kept in IndexedDB (`stockroom/<room>`) and synced with
 * the server over the y-websocket protocol, asking for durability acknowledgements.
 *
 * The websocket connects only after the local copy has loaded, so the first sync exchanges
 * a diff instead of the whole room, and nothing is ever written before local data is there.
 */
export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly room: string;
  readonly whenLocal: Promise<void>;
  private readonly persistence: IndexeddbPersistence;
  private readonly provider: WebsocketProvider;
  private readonly saved = new SavedState();
  private readonly store: KeyValueStore;
  private writers: Set<number>;
  private localLoaded = false;
  private destroyed = false;
  /** False until `connectAfter` settled: nothing connects the socket before that. */
  private released: boolean;
  private workOffline: boolean;
  private readonly localOnly: boolean;
  private status: RoomStatus;
  private readonly listeners = new Set<() => void>();
  private readonly rejectionListeners = new Set<() => void>();
  private readonly onUnauthorized: (() => void) | undefined;

  constructor(options: RoomConnectionOptions) {
    this.room = options.room;
    this.onUnauthorized = options.onUnauthorized;
    this.store = options.store;
    this.workOffline = options.workOffline;
    this.localOnly = options.localOnly ?? false;
    this.released = options.connectAfter === undefined;
    this.writers = new Set(loadWriters(this.store, this.room));
    this.saved.acknowledge(loadSavedClocks(this.store, this.room));
    this.status = {
      room: this.room,
      connection: 'disconnected',
      failedAttempts: 0,
      synced: false,
      workOffline: this.workOffline,
      rejected: false,
      pending: 0,
    };

    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      // Remember the clientID as soon as it writes anything, so its changes count as pending
      // even if the tab is closed before the server answers.
      if (!tr.local) return;
      const client = this.doc.clientID;
      if (tr.afterState.get(client) !== tr.beforeState.get(client) && !this.writers.has(client)) {
        this.writers.add(client);
        saveWriters(this.store, this.room, this.writers);
      }
    });
    this.persistence = new IndexeddbPersistence(`stockroom/${this.room}`, this.doc);
    this.provider = new WebsocketProvider(options.wsBase, this.room, this.doc, {
      connect: false,
      params: { token: options.token, ack: '1' },
    });
    // The server's SyncStep1 is answered with this device's own changes only (own-changes.ts);
    // other tabs of this device (BroadcastChannel, emitSynced false) get everything as usual.
    const stockSync = this.provider.messageHandlers[MESSAGE_SYNC]!;
    this.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, type) => {
      if (!emitSynced || decoding.peekVarUint(decoder) !== messageYjsSyncStep1) {
        stockSync(encoder, decoder, provider, emitSynced, type);
        return;
      }
      decoding.readVarUint(decoder);
      const serverState = readStateVector(decoder);
      const own = new Set([...this.writers, this.doc.clientID]);
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, ownChangesSince(this.doc, serverState, own));
    };
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      let clocks: Map<number, number>;
      try {
        clocks = readSaved(decoder);
      } catch {
        return; // a malformed acknowledgement proves nothing; keep counting changes as pending
      }
      this.acknowledge(clocks);
    };
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.status.failedAttempts = 0;
      this.status.connection = status;
      this.refresh();
    });
    this.provider.on('sync', (synced: boolean) => {
      this.status.synced = synced;
      this.refresh();
    });
    this.provider.on('connection-close', (event) => {
      if (event) this.status.failedAttempts++;
      this.status.synced = false;
      if (event?.code === CLOSE.unauthorized && this.onUnauthorized) {
        // y-websocket stops retrying after a 44xx close; setToken() reconnects with the new token.
        this.refresh();
        this.onUnauthorized();
      } else if (event?.code === CLOSE.unauthorized) this.reject();
      else if (event && event.code >= 4400 && event.code <= 4499) {
        // A permanent refusal (no access, a write the room's rules refuse, a limit): y-websocket
        // stops retrying; say why, and keep the local changes.
        this.forbid(event.reason || `refused (${event.code})`);
      } else this.refresh();
    });

    // Loading a room from IndexedDB applies its whole stored state in one transaction; Yjs
    // re-encodes that state for every 'update' listener (≈0.6 s for a 50k-item catalog).
    // Nothing writes to the doc before local data is loaded (the UI waits for it), so the
    // listeners are attached only afterwards.
    const listeners = [this.persistence._storeUpdate, this.provider._updateHandler];
    for (const l of listeners) this.doc.off('update', l);
    this.whenLocal = this.persistence.whenSynced.then(() => {
      for (const l of listeners) this.doc.on('update', l);
      this.doc.on('update', () => this.refresh());
      this.localLoaded = true;
      this.refresh();
    });
    const connectNow = () => {
      this.released = true;
      if (this.mayConnect()) this.provider.connect();
    };
    if (options.connectAfter)
      void Promise.all([this.whenLocal, options.connectAfter]).then(connectNow, connectNow);
    // Connecting broadcasts the whole document to other tabs; do it after the first paint.
    else void this.whenLocal.then(() => afterPaint(connectNow));
  }

  private mayConnect(): boolean {
    return (
      this.localLoaded &&
      this.released &&
      !this.localOnly &&
      !this.workOffline &&
      !this.status.rejected &&
      !this.destroyed
    );
  }

  /** Presence (who is where) shared with everyone in the room while connected; never stored. */
  get awareness(): WebsocketProvider['awareness'] {
    return this.provider.awareness;
  }

  get statusSnapshot(): RoomStatus {
    return { ...this.status };
  }

  /** Called whenever the status, the pending count or the acknowledgements change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onRejected(listener: () => void): () => void {
    this.rejectionListeners.add(listener);
    return () => this.rejectionListeners.delete(listener);
  }

  setWorkOffline(offline: boolean): void {
    this.workOffline = offline;
    this.status.workOffline = offline;
    if (offline) this.provider.disconnect();
    else if (this.mayConnect()) this.provider.connect();
    this.refresh();
  }

  /**
   * A new access token (refreshed, or a new login). The server closes a socket when the
   * token it was opened with expires, so an open connection moves to the new token now.
   */
  setToken(token: string): void {
    const changed = this.provider.params.token !== token;
    this.provider.params = { ...this.provider.params, token };
    this.status.rejected = false;
    this.status.forbidden = false; // permissions may have changed with the new token
    this.status.refusal = undefined;
    this.status.failedAttempts = 0;
    if (changed && this.provider.wsconnected) this.provider.disconnect();
    if (this.mayConnect()) this.provider.connect();
    this.refresh();
  }

  /** The server refused this room only: stop retrying it, keep its local changes, leave the rest alone. */
  forbid(reason?: string): void {
    this.status.forbidden = true;
    this.status.refusal = reason;
    this.provider.disconnect();
    this.refresh();
  }

  /** The server refused the token: stop retrying, keep every local change. */
  reject(): void {
    if (this.status.rejected) return;
    this.status.rejected = true;
    this.provider.disconnect();
    this.refresh();
    for (const l of this.rejectionListeners) l();
  }

  /** Whether the entry at `key` of a top-level map is on the server or only on this device. */
  entrySaved(map: Y.Map<unknown>, key: string): EntrySaved | undefined {
    const item = map._map.get(key);
    if (!item) return undefined;
    return entrySaved({ client: item.id.client, clock: item.id.clock }, this.writers, this.saved);
  }

  /** True once nothing this device wrote in the room is waiting for the server. */
  get fullySaved(): boolean {
    return this.localLoaded && this.status.pending === 0;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.listeners.clear();
    this.rejectionListeners.clear();
    this.provider.destroy();
    await this.persistence.destroy();
    this.doc.destroy();
  }

  private acknowledge(clocks: Map<number, number>): void {
    this.saved.acknowledge(clocks);
    const own = new Map<number, number>();
    for (const client of this.writers) {
      const clock = this.saved.clockOf(client);
      if (clock > 0) own.set(client, clock);
    }
    saveSavedClocks(this.store, this.room, own);
    this.refresh();
  }

  private refresh(): void {
    const localClock = (client: number) => Y.getState(this.doc.store, client);
    this.status.pending = pendingChanges(this.saved, localClock, this.writers);
    if (this.localLoaded) {
      const keep = writersToKeep(this.writers, this.doc.clientID, this.saved, localClock);
      if (keep.length !== this.writers.size) {
        this.writers = new Set(keep);
        saveWriters(this.store, this.room, this.writers);
      }
    }
    for (const l of this.listeners) l();
  }
}
