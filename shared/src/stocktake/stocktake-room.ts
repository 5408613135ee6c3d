import type * as Y from 'yjs';
import type { Actor } from '../actor.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { EventCollection } from '../event-collection.ts';
import { randomId } from '../ids.ts';
import type { Movement } from '../ledger/movement.ts';
import type { StockLine } from '../ledger/stock.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { failure, fromZod, type Result } from '../result.ts';
import { stocktakeRoom } from '../sync/rooms.ts';
import type { InvalidEntry } from '../validation.ts';
import { BarcodeResolution } from './barcode-resolution.ts';
import {
  type AttributedCount,
  type CountEntry,
  CountInput,
  newEntryId,
  wholeSeconds,
} from './count-entry.ts';
import { CountLog } from './count-log.ts';
import { CountVoid, voidId } from './count-void.ts';
import { assignedCounters, CounterAssignment, liveAssignments } from './counters.ts';
import {
  CREATED_EVENT_ID,
  cycleCountLocations,
  type Definition,
  DefinitionEvent,
  DefinitionPatch,
  foldDefinition,
  locationInScope,
  StocktakeInput,
  scopeOf,
} from './definition.ts';
import {
  acceptsCounts,
  canTransition,
  foldStatus,
  StateEvent,
  type StocktakeStatus,
  stateEventId,
  type TargetState,
} from './lifecycle.ts';
import { autoRecountId, doneId, emptyId, LocationEvent, startId } from './location-events.ts';
import { type Posting, postedEvent, postingMovements } from './posting.ts';
import { type FoldOptions, foldLocations, type LocationFold } from './rounds.ts';
import { Session, sessionId } from './session.ts';
import { ExpectedSnapshots, type Snapshot } from './snapshot.ts';
import { UserId } from './stamp.ts';
import type { StocktakeData } from './stocktake-data.ts';
import { type StocktakeSummary, type SummaryContext, summarize } from './summary.ts';

/** A line of on-hand stock for a snapshot: ledger StockLines (other locations are skipped) or plain lines. */
export interface SnapshotLine {
  sku: string;
  lot?: string;
  quantity: number;
  location?: string;
}

/** Who writes, when, and (optionally) the catalog to check codes and expand zones against. */
export interface WriteContext {
  actor: Actor;
  now?: Date;
  catalog?: Catalog;
}

/**
 * One stocktake room (`stocktake-<id>`, one Y.Doc): the definition, state changes,
 * counter assignments, counting sessions, count entries, voids, location events and
 * barcode resolutions, each an append-only collection of immutable events. Writes check
 * the current state and return a Result; reads validate every entry and fold.
 * The same class runs in the browser and on the server.
 */
export class StocktakeRoom {
  readonly room: string;
  readonly definitionEvents: EventCollection<DefinitionEvent>;
  readonly states: EventCollection<StateEvent>;
  readonly assignments: EventCollection<CounterAssignment>;
  readonly sessions: EventCollection<Session>;
  readonly entries: CountLog;
  readonly voids: EventCollection<CountVoid>;
  readonly locationEvents: EventCollection<LocationEvent>;
  readonly resolutions: EventCollection<BarcodeResolution>;
  /** Highest round seen per location, kept up to date so that a scan does not scan every entry. */
  private readonly maxRound = new Map<string, number>();

  /**
   * `expected`: where snapshots are read and written when a caller hands stock lines to
   * startLocation/count. The server passes the stocktake's expected room; devices pass null
   * (only the server takes snapshots) and give summaries the snapshots they may read. The
   * default, the same document, is for tests of the folds.
   */
  constructor(
    readonly doc: Y.Doc,
    readonly id: string,
    readonly expected: ExpectedSnapshots | null = new ExpectedSnapshots(doc, id),
  ) {
    this.room = stocktakeRoom(id);
    this.definitionEvents = new EventCollection(doc, 'definition', DefinitionEvent, this.room);
    this.states = new EventCollection(doc, 'states', StateEvent, this.room);
    this.assignments = new EventCollection(doc, 'counters', CounterAssignment, this.room);
    this.sessions = new EventCollection(doc, 'sessions', Session, this.room);
    this.entries = new CountLog(doc, this.room);
    this.voids = new EventCollection(doc, 'voids', CountVoid, this.room);
    this.locationEvents = new EventCollection(doc, 'locations', LocationEvent, this.room);
    this.resolutions = new EventCollection(doc, 'resolutions', BarcodeResolution, this.room);
    const note = (added: Iterable<{ location: string; round: number }>) => {
      for (const e of added) {
        if (e.round > (this.maxRound.get(e.location) ?? 0)) this.maxRound.set(e.location, e.round);
      }
    };
    note(this.entries.values());
    note(this.locationEvents.values());
    this.entries.onChange(note);
    this.locationEvents.onChange(note);
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────

  definition(): Definition | null {
    return foldDefinition(this.definitionEvents.values());
  }

  status(): StocktakeStatus {
    return foldStatus(this.states.values());
  }

  counters(): string[] {
    return assignedCounters(this.assignments.values());
  }

  /** Entries with their session's user and device ("unknown" if the session is missing or invalid). */
  attributedEntries(): AttributedCount[] {
    const out: AttributedCount[] = [];
    for (const e of this.entries.values()) {
      const s = this.sessions.get(e.session);
      out.push({ ...e, user: s?.user ?? 'unknown', device: s?.device ?? e.session });
    }
    return out;
  }

  /** Everything, validated; `snapshots` when the caller holds them (default: this room's expected snapshots). */
  data(snapshots?: Iterable<Snapshot>): StocktakeData {
    return {
      id: this.id,
      definition: this.definition(),
      states: [...this.states.values()],
      assignments: [...this.assignments.values()],
      entries: this.attributedEntries(),
      voids: [...this.voids.values()],
      locationEvents: [...this.locationEvents.values()],
      resolutions: [...this.resolutions.values()],
      snapshots: [...(snapshots ?? this.expected?.values() ?? [])],
    };
  }

  /** The live view; with a catalog, zones expand, progress per area shows and unit costs come from items. */
  summary(
    ctx: SummaryContext & { catalog?: Catalog; snapshots?: Iterable<Snapshot> } = {},
  ): StocktakeSummary {
    const { catalog } = ctx;
    return summarize(this.data(ctx.snapshots), {
      ...ctx,
      locations: ctx.locations ?? catalog?.locations.values(),
      unitCost: ctx.unitCost ?? (catalog ? (sku) => catalog.items.get(sku)?.unitCost ?? 0 : undefined),
    });
  }

  /** One location's rounds (each kept as evidence), or undefined before anything happened there. */
  location(
    location: string,
    ctx: { catalog?: Catalog; snapshots?: Iterable<Snapshot> } = {},
  ): LocationFold | undefined {
    return foldLocations(this.data(ctx.snapshots), this.foldOptions(ctx)).get(location);
  }

  invalidEntries(): InvalidEntry[] {
    return [
      ...this.definitionEvents.invalidEntries(),
      ...this.states.invalidEntries(),
      ...this.assignments.invalidEntries(),
      ...this.sessions.invalidEntries(),
      ...this.entries.invalidEntries(),
      ...this.voids.invalidEntries(),
      ...this.locationEvents.invalidEntries(),
      ...this.resolutions.invalidEntries(),
    ];
  }

  /** Called after any change to the room (local or remote), once per transaction. */
  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  destroy(): void {
    if (this.expected?.doc === this.doc) this.expected.destroy();
    this.definitionEvents.destroy();
    this.states.destroy();
    this.assignments.destroy();
    this.sessions.destroy();
    this.entries.destroy();
    this.voids.destroy();
    this.locationEvents.destroy();
    this.resolutions.destroy();
  }

  // ── definition and lifecycle ──────────────────────────────────────────────────────────

  /**
   * Defines the stocktake (once). A cycle count given SKUs but no locations counts them
   * wherever `stock` says they are.
   */
  define(input: unknown, ctx: WriteContext & { stock?: Iterable<StockLine> }): Result<Definition> {
    const parsed = fromZod(StocktakeInput.safeParse(input));
    if (!parsed.ok) return parsed;
    if (this.definitionEvents.has(CREATED_EVENT_ID)) {
      return failure('conflict', `stocktake ${this.id} already exists`, 'id');
    }
    const value = parsed.value;
    if (value.skus && !value.locations?.length && ctx.stock) {
      value.locations = cycleCountLocations(ctx.stock, value.skus);
    }
    if (ctx.catalog) {
      for (const code of value.locations ?? []) {
        if (!ctx.catalog.locations.get(code)) return failure('not_found', `no location ${code}`, 'locations');
      }
      for (const sku of value.skus ?? []) {
        if (!ctx.catalog.items.get(sku)) return failure('not_found', `no item with SKU ${sku}`, 'skus');
      }
    }
    const now = (ctx.now ?? new Date()).toISOString();
    this.doc.transact(() => {
      this.definitionEvents.append({
        type: 'created',
        id: CREATED_EVENT_ID,
        stocktake: this.id,
        name: value.name,
        scope: scopeOf(value),
        blind: value.blind,
        tolerance: value.tolerance,
        user: ctx.actor.user,
        device: ctx.actor.device,
        at: now,
      });
      for (const counter of new Set(value.counters)) this.appendAssignment(counter, ctx, now);
    });
    return { ok: true, value: this.definition()! };
  }

  /** Name and tolerance can change until posted; scope and blind only while a draft. */
  edit(patch: unknown, ctx: WriteContext): Result<Definition> {
    const parsed = fromZod(DefinitionPatch.safeParse(patch));
    if (!parsed.ok) return parsed;
    const guard = this.requireDefined();
    if (!guard.ok) return guard;
    const status = this.status();
    if (status === 'posted' || status === 'cancelled') {
      return failure('conflict', `a ${status} stocktake cannot be changed`, 'status');
    }
    if (status !== 'draft' && (parsed.value.scope !== undefined || parsed.value.blind !== undefined)) {
      return failure('conflict', 'scope and blind can only change before counting starts', 'status');
    }
    this.definitionEvents.append({
      type: 'edited',
      id: randomId(),
      patch: parsed.value,
      user: ctx.actor.user,
      device: ctx.actor.device,
      at: (ctx.now ?? new Date()).toISOString(),
    });
    return { ok: true, value: this.definition()! };
  }

  assign(counter: string, ctx: WriteContext): Result<string[]> {
    const guard = this.requireOpen();
    if (!guard.ok) return guard;
    const parsed = fromZod(UserId.safeParse(counter));
    if (!parsed.ok) return parsed;
    if (!this.counters().includes(counter)) {
      this.appendAssignment(counter, ctx, (ctx.now ?? new Date()).toISOString());
    }
    return { ok: true, value: this.counters() };
  }

  unassign(counter: string, ctx: WriteContext): Result<string[]> {
    const guard = this.requireOpen();
    if (!guard.ok) return guard;
    const removes = liveAssignments(this.assignments.values(), counter);
    if (removes.length) {
      this.assignments.append({
        type: 'unassign',
        id: randomId(),
        counter,
        removes,
        user: ctx.actor.user,
        device: ctx.actor.device,
        at: (ctx.now ?? new Date()).toISOString(),
      });
    }
    return { ok: true, value: this.counters() };
  }

  /** draft → counting. */
  start(ctx: WriteContext): Result<StocktakeStatus> {
    return this.transition('counting', ctx);
  }

  /** counting → review: counting closes; recounts requested in review are still counted. */
  close(ctx: WriteContext): Result<StocktakeStatus> {
    return this.transition('review', ctx);
  }

  cancel(ctx: WriteContext & { reason?: string }): Result<StocktakeStatus> {
    return this.transition('cancelled', ctx, ctx.reason);
  }

  // ── counting ──────────────────────────────────────────────────────────────────────────

  /**
   * A counter begins a location. Starting again is a no-op. `expected` (the stock lines at
   * this location) is the server's: it records the round's snapshot in the expected room.
   */
  startLocation(
    location: string,
    ctx: WriteContext & { expected?: Iterable<SnapshotLine>; round?: number },
  ): Result<LocationEvent> {
    const guard = this.requireCounting(location, ctx);
    if (!guard.ok) return guard;
    const start = this.buildStart(location, ctx.round ?? this.activeRound(location), ctx);
    if (!start.ok) return start;
    const existing = this.locationEvents.get(start.value.id);
    const event = existing && existing.type === 'start' ? existing : start.value;
    if (!existing) this.locationEvents.append(start.value);
    if (ctx.expected) this.snapshot(event as Extract<LocationEvent, { type: 'start' }>, ctx.expected, ctx);
    return { ok: true, value: event };
  }

  /** Records the expected stock for a start (the server's job; see snapshot.ts). */
  snapshot(
    start: Extract<LocationEvent, { type: 'start' }>,
    lines: Iterable<SnapshotLine>,
    ctx: { now?: Date } = {},
  ): Snapshot | null {
    if (!this.expected || !this.expected.needs(start)) return null;
    const here = [...lines].filter((l) => l.location === undefined || l.location === start.location);
    return this.expected.record(start, here, ctx.now);
  }

  /**
   * Records one count (a scan adds 1, a keypad or GS1 quantity adds that). An `entryId`
   * already recorded returns the existing entry (safe retries). With a catalog, a barcode
   * is resolved to its item (else kept as an unknown barcode), SKUs and lot rules are
   * checked; a pack barcode counts `quantity` packs (1 by default) of its pack quantity.
   * The location is started for this counter in the same step when they had not (with
   * `expected`, the server's stock lines, its snapshot is taken too).
   */
  count(
    input: unknown,
    ctx: WriteContext & { expected?: Iterable<SnapshotLine> },
  ): Result<{ entry: AttributedCount; created: boolean }> {
    const parsed = fromZod(CountInput.safeParse(input));
    if (!parsed.ok) return parsed;
    const c = parsed.value;
    if (c.entryId && this.entries.has(c.entryId)) {
      const existing = this.entries.get(c.entryId);
      if (!existing) return failure('conflict', `entry ${c.entryId} exists but is not readable`, 'entryId');
      return { ok: true, value: { entry: this.attribute(existing), created: false } };
    }
    const guard = this.requireCounting(c.location, ctx);
    if (!guard.ok) return guard;

    let sku = c.sku;
    let barcode = c.barcode;
    let quantity = c.quantity;
    const catalog = ctx.catalog;
    if (catalog) {
      if (barcode !== undefined) {
        const found = catalog.codeMatch(barcode);
        if (found !== undefined) {
          sku = found.sku;
          barcode = undefined;
          if (found.packQuantity !== undefined)
            quantity = fromUnits(Math.round(toUnits(quantity) * found.packQuantity));
        }
      }
      if (sku !== undefined) {
        const item = catalog.items.get(sku);
        if (!item) return failure('not_found', `no item with SKU ${sku}`, 'sku');
        if (item.tracking !== 'none' && !c.lot) {
          return failure(
            'invalid',
            `item ${sku} is tracked by ${item.tracking}: give the ${item.tracking} number`,
            'lot',
          );
        }
        if (item.tracking === 'serial' && quantity !== 1) {
          return failure('invalid', 'a serial-numbered item is counted one at a time', 'quantity');
        }
      }
    }

    const round = c.round ?? this.activeRound(c.location);
    if (round > this.activeRound(c.location)) {
      return failure('invalid', `round ${round} has not been opened at ${c.location}`, 'round');
    }
    const mine = startId(this.id, c.location, round, ctx.actor.user, ctx.actor.device);
    const session = sessionId(ctx.actor.user, ctx.actor.device);
    const now = ctx.now ?? new Date();
    const entry: CountEntry = {
      id: c.entryId ?? newEntryId(),
      session,
      location: c.location,
      ...(sku !== undefined ? { sku } : { barcode: barcode! }),
      quantity,
      ...(c.lot !== undefined ? { lot: c.lot } : {}),
      round,
      at: wholeSeconds(now),
      source: c.source,
    };
    const start = this.locationEvents.has(mine) ? null : this.buildStart(c.location, round, ctx);
    if (start && !start.ok) return start;
    this.doc.transact(() => {
      if (start) this.locationEvents.append(start.value);
      if (!this.sessions.has(session)) {
        this.sessions.append({ id: session, user: ctx.actor.user, device: ctx.actor.device });
      }
      this.entries.append(entry);
    });
    const begun = this.locationEvents.get(mine);
    if (ctx.expected && begun?.type === 'start') this.snapshot(begun, ctx.expected, ctx);
    return {
      ok: true,
      value: { entry: { ...entry, user: ctx.actor.user, device: ctx.actor.device }, created: true },
    };
  }

  /** One-tap undo: voids an entry (idempotent: voiding twice is one void). */
  voidEntry(entryId: string, ctx: WriteContext): Result<{ void: CountVoid; created: boolean }> {
    const entry = this.entries.get(entryId);
    if (!entry) return failure('not_found', `no count entry ${entryId}`, 'entry');
    const guard = this.requireAcceptsCounts();
    if (!guard.ok) return guard;
    const id = voidId(this.id, entryId);
    const existing = this.voids.get(id);
    if (existing) return { ok: true, value: { void: existing, created: false } };
    const v: CountVoid = { id, entry: entryId, ...this.stampOf(ctx) };
    this.voids.append(v);
    return { ok: true, value: { void: v, created: true } };
  }

  /** "Location done" for this counter (forAll: a manager closes the round for everyone). */
  done(location: string, ctx: WriteContext & { round?: number; forAll?: boolean }): Result<LocationEvent> {
    const guard = this.requireCounting(location, ctx);
    if (!guard.ok) return guard;
    const round = ctx.round ?? this.activeRound(location);
    const forAll = ctx.forAll ?? false;
    const id = doneId(this.id, location, round, forAll ? null : ctx.actor.user);
    return this.appendLocationEvent({ type: 'done', id, location, round, forAll, ...this.stampOf(ctx) });
  }

  /** The counter confirms the location is empty (done, with nothing counted). */
  confirmEmpty(
    location: string,
    ctx: WriteContext & { round?: number; expected?: Iterable<SnapshotLine> },
  ): Result<LocationEvent> {
    const guard = this.requireCounting(location, ctx);
    if (!guard.ok) return guard;
    const round = ctx.round ?? this.activeRound(location);
    const s = this.startLocation(location, { ...ctx, round });
    if (!s.ok) return s;
    const id = emptyId(this.id, location, round, ctx.actor.user);
    return this.appendLocationEvent({ type: 'empty', id, location, round, ...this.stampOf(ctx) });
  }

  /** A new round at the location, for one counter or anyone; blind by default. */
  requestRecount(
    location: string,
    ctx: WriteContext & { assignee?: string; blind?: boolean; reason?: string },
  ): Result<LocationEvent> {
    const guard = this.requireCounting(location, ctx);
    if (!guard.ok) return guard;
    return this.appendLocationEvent({
      type: 'recount',
      id: randomId(),
      location,
      round: this.nextRound(location),
      assignee: ctx.assignee ?? null,
      blind: ctx.blind ?? true,
      ...(ctx.reason ? { reason: ctx.reason } : {}),
      ...this.stampOf(ctx),
    });
  }

  /**
   * A second blind count of the location's counted round, by another counter, to compare with
   * it. An assignee who counted that round is refused: they would not be checking anything.
   */
  requestVerification(location: string, ctx: WriteContext & { assignee?: string }): Result<LocationEvent> {
    const guard = this.requireCounting(location, ctx);
    if (!guard.ok) return guard;
    const counted = this.location(location, ctx)?.counted;
    if (!counted) return failure('conflict', `${location} has no complete count to verify yet`, 'location');
    if (ctx.assignee !== undefined && counted.contributors.includes(ctx.assignee)) {
      return failure(
        'invalid',
        `${ctx.assignee} counted round ${counted.round} of ${location}: a verification needs another counter`,
        'assignee',
      );
    }
    return this.appendLocationEvent({
      type: 'verify',
      id: randomId(),
      location,
      round: this.nextRound(location),
      of: counted.round,
      assignee: ctx.assignee ?? null,
      ...this.stampOf(ctx),
    });
  }

  /**
   * Requests the recounts that failed verifications call for. Ids are derived from the
   * verification round, so replicas doing this at the same time request one recount.
   */
  requestRecountsAfterVerification(ctx: WriteContext): Result<LocationEvent[]> {
    if (!acceptsCounts(this.status())) return { ok: true, value: [] };
    const folds = foldLocations(this.data(), this.foldOptions(ctx));
    const out: LocationEvent[] = [];
    for (const fold of folds.values()) {
      if (fold.verification !== 'disagrees' || !fold.current) continue;
      const check = fold.rounds.filter((r) => r.kind === 'verify' && r.of === fold.current!.round).at(-1)!;
      const id = autoRecountId(this.id, fold.location, check.round);
      if (this.locationEvents.has(id)) continue;
      const r = this.appendLocationEvent({
        type: 'recount',
        id,
        location: fold.location,
        round: Math.max(...fold.rounds.map((x) => x.round)) + 1,
        assignee: null,
        blind: true,
        reason: `verification round ${check.round} disagrees with round ${fold.current.round}`,
        ...this.stampOf(ctx),
      });
      if (r.ok) out.push(r.value);
    }
    return { ok: true, value: out };
  }

  /** Counts recorded under an unknown barcode count as this SKU from now on (latest resolution wins). */
  resolveBarcode(barcode: string, sku: string, ctx: WriteContext): Result<BarcodeResolution> {
    const status = this.status();
    if (status === 'posted' || status === 'cancelled') {
      return failure('conflict', `the stocktake is ${status}`, 'status');
    }
    if (ctx.catalog && !ctx.catalog.items.get(sku))
      return failure('not_found', `no item with SKU ${sku}`, 'sku');
    const parsed = fromZod(
      BarcodeResolution.safeParse({ barcode, sku, id: randomId(), ...this.stampOf(ctx) }),
    );
    if (!parsed.ok) return parsed;
    this.resolutions.append(parsed.value);
    return parsed;
  }

  // ── posting ───────────────────────────────────────────────────────────────────────────

  /**
   * Approves: appends the adjustments to the ledger (the caller opens the ledger room of
   * the period asked for), then the review (if still counting) and posted events here.
   * Approving again, or from two replicas at once, writes the same ids: one adjustment set.
   * An already posted stocktake is left alone (its ledger is not touched again).
   */
  approve(
    ledgerFor: (period: string) => EventCollection<Movement>,
    ctx: WriteContext &
      SummaryContext & {
        snapshots?: Iterable<Snapshot>;
        /** Post although some locations' counts are not complete, for this reason (audited). */
        postAnyway?: string;
      },
  ): Result<{ posting: Posting; appended: number; alreadyPosted: boolean }> {
    const status = this.status();
    const summary = this.summary(ctx);
    const posting = postingMovements(summary, ctx.actor);
    if (!posting.ok) return posting;
    if (status === 'posted')
      return { ok: true, value: { posting: posting.value, appended: 0, alreadyPosted: true } };
    if (status !== 'counting' && status !== 'review') {
      return failure('conflict', `a ${status} stocktake cannot be approved`, 'status');
    }
    const anyway = ctx.postAnyway?.trim();
    const { incomplete } = posting.value;
    if (incomplete.length && !anyway) {
      const list = incomplete.slice(0, 20).join(', ') + (incomplete.length > 20 ? ', …' : '');
      return failure(
        'conflict',
        `counts at ${list} are not complete and would not be posted: mark them done, or post anyway with a reason`,
        'locations',
      );
    }
    const ledger = ledgerFor(posting.value.period);
    let appended = 0;
    ledger.doc.transact(() => {
      for (const m of posting.value.movements) if (ledger.append(m)) appended++;
    });
    this.markPosted(posting.value, ctx, incomplete.length ? anyway : undefined);
    return { ok: true, value: { posting: posting.value, appended, alreadyPosted: false } };
  }

  /** Records the posting here, after its movements are in the ledger (see approve()). */
  markPosted(posting: Posting, ctx: WriteContext, reason?: string): void {
    this.doc.transact(() => {
      if (this.status() === 'counting') this.states.append(this.stateEvent('review', ctx));
      this.states.append(postedEvent(posting, ctx.actor, ctx.now, reason));
    });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────

  /** The round counting happens in now at the location: its highest round, 1 before any. */
  activeRound(location: string): number {
    return this.maxRound.get(location) ?? 1;
  }

  private nextRound(location: string): number {
    return this.activeRound(location) + 1;
  }

  private foldOptions(ctx: { catalog?: Catalog }): FoldOptions {
    const { catalog } = ctx;
    return {
      tolerance: this.definition()?.tolerance ?? {},
      ...(catalog ? { unitCost: (sku: string) => catalog.items.get(sku)?.unitCost ?? 0 } : {}),
    };
  }

  private attribute(e: CountEntry): AttributedCount {
    const s = this.sessions.get(e.session);
    return { ...e, user: s?.user ?? 'unknown', device: s?.device ?? e.session };
  }

  private stampOf(ctx: WriteContext): { user: string; device: string; at: string } {
    return { user: ctx.actor.user, device: ctx.actor.device, at: (ctx.now ?? new Date()).toISOString() };
  }

  private buildStart(location: string, round: number, ctx: WriteContext): Result<LocationEvent> {
    return fromZod(
      LocationEvent.safeParse({
        type: 'start',
        id: startId(this.id, location, round, ctx.actor.user, ctx.actor.device),
        location,
        round,
        ...this.stampOf(ctx),
      }),
    );
  }

  private stateEvent(to: Exclude<TargetState, 'posted'>, ctx: WriteContext, reason?: string): StateEvent {
    return { id: stateEventId(this.id, to), to, ...this.stampOf(ctx), ...(reason ? { reason } : {}) };
  }

  private transition(
    to: Exclude<TargetState, 'posted'>,
    ctx: WriteContext,
    reason?: string,
  ): Result<StocktakeStatus> {
    const guard = this.requireDefined();
    if (!guard.ok) return guard;
    const from = this.status();
    if (from === to) return { ok: true, value: from };
    if (!canTransition(from, to)) return failure('conflict', `cannot go from ${from} to ${to}`, 'status');
    const parsed = fromZod(StateEvent.safeParse(this.stateEvent(to, ctx, reason)));
    if (!parsed.ok) return parsed;
    this.states.append(parsed.value);
    return { ok: true, value: this.status() };
  }

  private appendAssignment(counter: string, ctx: WriteContext, at: string): void {
    this.assignments.append({
      type: 'assign',
      id: randomId(),
      counter,
      user: ctx.actor.user,
      device: ctx.actor.device,
      at,
    });
  }

  private appendLocationEvent(event: unknown): Result<LocationEvent> {
    const parsed = fromZod(LocationEvent.safeParse(event));
    if (!parsed.ok) return parsed;
    const existing = this.locationEvents.get(parsed.value.id);
    if (existing) return { ok: true, value: existing };
    this.locationEvents.append(parsed.value);
    return parsed;
  }

  private requireDefined(): Result<Definition> {
    const def = this.definition();
    return def ? { ok: true, value: def } : failure('not_found', `no stocktake ${this.id}`, 'id');
  }

  private requireOpen(): Result<Definition> {
    const def = this.requireDefined();
    if (!def.ok) return def;
    const status = this.status();
    if (status === 'posted' || status === 'cancelled') {
      return failure('conflict', `the stocktake is ${status}`, 'status');
    }
    return def;
  }

  private requireAcceptsCounts(): Result<Definition> {
    const def = this.requireDefined();
    if (!def.ok) return def;
    const status = this.status();
    if (!acceptsCounts(status)) {
      return failure('conflict', `the stocktake is ${status}: counts are not accepted`, 'status');
    }
    return def;
  }

  /**
   * Counting-time writes: the stocktake is counting or in review, and the location is in
   * scope (zones in scope expand to what is below them only when the catalog is given).
   */
  private requireCounting(location: string, ctx: { catalog?: Catalog }): Result<Definition> {
    const def = this.requireAcceptsCounts();
    if (!def.ok) return def;
    const catalog = ctx.catalog ? [...ctx.catalog.locations.values()] : undefined;
    if (!locationInScope(def.value, location, catalog)) {
      return failure('invalid', `${location} is not part of this stocktake`, 'location');
    }
    if (ctx.catalog && !ctx.catalog.locations.get(location)) {
      return failure('not_found', `no location ${location}`, 'location');
    }
    return def;
  }
}
