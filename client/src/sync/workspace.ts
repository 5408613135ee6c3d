import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { periodOf } from '@stockroom/shared/ledger/period';
import { CATALOG_ROOM, ledgerRoom, parseRoom, practiceRoom } from '@stockroom/shared/sync/rooms';
import type { InvalidEntry } from '@stockroom/shared/validation';
import type { KeyValueStore } from '../session/key-value-store.ts';
import { saveWorkOffline } from '../session/session.ts';
import { rememberedRooms } from './device-writers.ts';
import { RoomConnection } from './room-connection.ts';

export interface WorkspaceOptions {
  wsBase: string;
  token: string;
  store: KeyValueStore;
  workOffline: boolean;
  now?: () => Date;
  /**
   * Somebody will listen with `onUnauthorized` and refresh the token: a 4401 then waits for
   * `setToken` (or `reject`) instead of rejecting every room at once.
   */
  refreshesTokens?: boolean;
  /**
   * No room connects before this settles: the app releases it once its first screen with
   * data is painted, so the sync start (a whole-room broadcast to other tabs) does not delay it.
   */
  connectAfter?: Promise<void>;
  /**
   * False for roles that may not read stock (counters): the ledger room stays an empty
   * local document and never connects (the server would refuse it).
   */
  readsLedger?: boolean;
  /** The practice workspace (training/): every room opened is its `practice-` copy. */
  practice?: boolean;
}

/**
 * The rooms this device works in: the catalog and the current month's ledger. Rooms this
 * device wrote to earlier (last month's ledger, say) and that still hold changes the server
 * has not stored are opened in the background until they are saved, so nothing stays behind.
 */
export class Workspace {
  readonly catalogRoom: RoomConnection;
  readonly catalog: Catalog;
  ledgerRoom: RoomConnection;
  ledger: LedgerPeriod;
  private readonly background = new Map<string, RoomConnection>();
  /** Rooms screens opened with acquire() (stocktakes), with how many holders each has. */
  private readonly acquired = new Map<string, { connection: RoomConnection; holders: number }>();
  private readonly listeners = new Set<() => void>();
  private readonly rejectionListeners = new Set<() => void>();
  private readonly unauthorizedListeners = new Set<() => void>();
  private unauthorizedPending = false;
  private token: string;
  private workOffline: boolean;
  private rejected = false;
  private closed = false;

  private constructor(
    private readonly options: WorkspaceOptions,
    catalogRoom: RoomConnection,
    ledgerRoom: RoomConnection,
    period: string,
  ) {
    this.token = options.token;
    this.workOffline = options.workOffline;
    this.catalogRoom = catalogRoom;
    // Items are validated when first read: the first screen of the list renders before the
    // whole catalog is checked (the shell validates the rest right after the first paint).
    this.catalog = new Catalog(catalogRoom.doc, { lazyItems: true });
    this.ledgerRoom = ledgerRoom;
    this.ledger = new LedgerPeriod(ledgerRoom.doc, period);
    this.watch(catalogRoom);
    this.watch(ledgerRoom);
  }

  /** Opens the rooms and resolves once their local copies are loaded (never waits for the network). */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const period = periodOf((options.now ?? (() => new Date()))());
    let workspace: Workspace | undefined;
    let early = false; // a 4401 that arrived before the workspace existed
    const forward = () => {
      if (workspace) workspace.unauthorized();
      else early = true;
    };
    const name = (room: string) => (options.practice ? practiceRoom(room) : room);
    const catalogRoom = Workspace.connect(options, name(CATALOG_ROOM), forward);
    const ledger = Workspace.connect(
      options,
      name(ledgerRoom(period)),
      forward,
      options.readsLedger === false,
    );
    await Promise.all([catalogRoom.whenLocal, ledger.whenLocal]);
    workspace = new Workspace(options, catalogRoom, ledger, period);
    // Other months' rooms with unsaved changes load (from IndexedDB) once the first screen is
    // up: they only wait to be pushed to the server, which does not start before that either.
    const opened = workspace;
    if (options.connectAfter) void options.connectAfter.then(() => opened.openUnsavedRooms());
    else workspace.openUnsavedRooms();
    if (early) workspace.unauthorized();
    return workspace;
  }

  get rooms(): RoomConnection[] {
    return [
      this.catalogRoom,
      ...(this.readsLedger ? [this.ledgerRoom] : []),
      ...[...this.acquired.values()].map((a) => a.connection),
      ...this.background.values(),
    ];
  }

  get readsLedger(): boolean {
    return this.options.readsLedger !== false;
  }

  /** Working in the practice workspace: demo data, no real stock touched. */
  get isPractice(): boolean {
    return this.options.practice === true;
  }

  /** The room a screen asks for, as this workspace opens it (its practice copy in practice). */
  nameOf(room: string): string {
    return this.isPractice ? practiceRoom(room) : room;
  }

  get isWorkingOffline(): boolean {
    return this.workOffline;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once when the server refuses the token on any room. */
  onRejected(listener: () => void): () => void {
    this.rejectionListeners.add(listener);
    return () => this.rejectionListeners.delete(listener);
  }

  /**
   * Called when a room is closed with 4401 (the access token expired or was revoked while
   * connected). While somebody listens, rooms wait for `setToken` instead of giving up: the
   * listener refreshes the token, or calls `reject()` when the server refuses the refresh.
   */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.add(listener);
    if (this.unauthorizedPending) {
      this.unauthorizedPending = false;
      queueMicrotask(listener);
    }
    return () => this.unauthorizedListeners.delete(listener);
  }

  /** The rooms were refused and wait for a new login. */
  get isRejected(): boolean {
    return this.rejected;
  }

  /** The access token rooms connect with (the latest one given to `setToken`). */
  get currentToken(): string {
    return this.token;
  }

  /** Disconnects or reconnects every room; the choice is kept across reloads. */
  setWorkOffline(offline: boolean): void {
    this.workOffline = offline;
    saveWorkOffline(this.options.store, offline);
    for (const room of this.rooms) room.setWorkOffline(offline);
    this.emit();
  }

  setToken(token: string): void {
    this.token = token;
    this.rejected = false;
    for (const room of this.rooms) room.setToken(token);
    this.emit();
  }

  /** Marks every room as refused (e.g. /api/me answered 401 while sockets kept failing). */
  reject(): void {
    for (const room of this.rooms) room.reject();
  }

  invalidEntries(): InvalidEntry[] {
    return [...this.catalog.invalidEntries(), ...this.ledger.invalidEntries()];
  }

  /**
   * Moves to a new month's ledger room when the calendar says so. Returns true when it
   * switched; the old room keeps syncing in the background until its changes are stored.
   */
  async followPeriod(now = new Date()): Promise<boolean> {
    const period = periodOf(now);
    if (period === this.ledger.period || this.closed) return false;
    const next = this.readsLedger
      ? this.open(this.nameOf(ledgerRoom(period)))
      : Workspace.connect(this.connectOptions(), this.nameOf(ledgerRoom(period)), undefined, true);
    await next.whenLocal;
    const old = this.ledgerRoom;
    this.ledger.destroy();
    this.ledgerRoom = next;
    this.ledger = new LedgerPeriod(next.doc, period);
    if (this.readsLedger) {
      this.watch(next);
      this.keepInBackground(old);
    } else void old.destroy();
    this.emit();
    return true;
  }

  /**
   * Opens a room a screen needs (a stocktake, the stocktake index, another month's ledger),
   * or shares the copy already open. `release()` when done: the room stays open in the
   * background until everything written in it is on the server.
   */
  acquire(asked: string): { connection: RoomConnection; release: () => void } {
    const room = this.nameOf(asked);
    let entry = this.acquired.get(room);
    if (!entry) {
      const open =
        room === this.ledgerRoom.room
          ? this.ledgerRoom
          : room === this.catalogRoom.room
            ? this.catalogRoom
            : undefined;
      const background = this.background.get(room);
      if (background) this.background.delete(room);
      const connection = open ?? background ?? this.open(room);
      if (!open && !background) this.watch(connection);
      entry = { connection, holders: 0 };
      if (!open) this.acquired.set(room, entry);
      this.emit();
    }
    entry.holders++;
    const held = entry;
    let released = false;
    return {
      connection: held.connection,
      release: () => {
        if (released) return;
        released = true;
        held.holders--;
        if (held.holders > 0 || this.acquired.get(room) !== held || this.closed) return;
        this.acquired.delete(room);
        this.keepInBackground(held.connection, true);
        this.emit();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.catalog.destroy();
    this.ledger.destroy();
    await Promise.all(
      [...this.rooms, ...(this.readsLedger ? [] : [this.ledgerRoom])].map((r) => r.destroy()),
    );
    this.listeners.clear();
  }

  private static connect(
    options: WorkspaceOptions,
    room: string,
    onUnauthorized?: () => void,
    localOnly = false,
  ): RoomConnection {
    return new RoomConnection({
      room,
      localOnly,
      wsBase: options.wsBase,
      token: options.token,
      store: options.store,
      workOffline: options.workOffline,
      ...(onUnauthorized ? { onUnauthorized } : {}),
      ...(options.connectAfter ? { connectAfter: options.connectAfter } : {}),
    });
  }

  /** A room of this workspace: a 4401 goes to the unauthorized listeners, or rejects without any. */
  private open(room: string): RoomConnection {
    return Workspace.connect(this.connectOptions(), room, () => this.unauthorized());
  }

  private unauthorized(): void {
    if (this.unauthorizedListeners.size > 0) for (const l of [...this.unauthorizedListeners]) l();
    else if (this.options.refreshesTokens)
      this.unauthorizedPending = true; // the listener comes later
    else this.reject();
  }

  private connectOptions(): WorkspaceOptions {
    return { ...this.options, token: this.token, workOffline: this.workOffline };
  }

  private openUnsavedRooms(): void {
    if (this.closed) return;
    const open = new Set(this.rooms.map((r) => r.room));
    for (const room of rememberedRooms(this.options.store)) {
      // Only rooms this app knows how to open (ledgers, stocktakes and their index).
      const ref = parseRoom(room);
      if (open.has(room) || !ref || ref.kind === 'catalog') continue;
      if (ref.kind === 'ledger' && !this.readsLedger) continue;
      const connection = this.open(room);
      this.keepInBackground(connection);
    }
  }

  private keepInBackground(connection: RoomConnection, watched = false): void {
    this.background.set(connection.room, connection);
    if (!watched) this.watch(connection);
    const check = () => {
      if (this.background.get(connection.room) !== connection) {
        off(); // taken back by acquire(): that holder decides now
        return;
      }
      if (connection.fullySaved) {
        off();
        this.background.delete(connection.room);
        void connection.destroy();
        this.emit();
      }
    };
    const off = connection.onChange(check);
    void connection.whenLocal.then(check);
  }

  private watch(connection: RoomConnection): void {
    connection.onChange(() => this.emit());
    connection.onRejected(() => {
      if (this.rejected) return;
      this.rejected = true;
      for (const room of this.rooms) room.reject();
      for (const l of this.rejectionListeners) l();
    });
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
