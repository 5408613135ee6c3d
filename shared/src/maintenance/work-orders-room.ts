import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import { EventCollection } from '../event-collection.ts';
import { randomId } from '../ids.ts';
import { Movement } from '../ledger/movement.ts';
import { workOrderReference } from '../ledger/references.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { type Failure, failure, fromZod, invalid, type Result } from '../result.ts';
import { workOrdersRoom } from '../sync/rooms.ts';
import { describeZodError, type InvalidEntry } from '../validation.ts';
import type { DueWorkOrder } from './schedule.ts';
import {
  type EditableField,
  editKey,
  PartRecord,
  PlannedPart,
  type Priority,
  partId,
  partMovementId,
  plannedKey,
  Reservation,
  reservationId,
  StatusEvent,
  WorkOrderCreated,
  WorkOrderEdit,
  WorkOrderNumber,
  type WorkOrderStatus,
} from './work-order.ts';
import {
  type AvailabilityLine,
  availability,
  costUnits,
  foldWorkOrders,
  isTerminal,
  reservedBySku,
  type WorkOrderData,
  type WorkOrderView,
} from './work-order-fold.ts';

export interface WoContext {
  actor: Actor;
  now?: Date;
}

/** Where issues and returns write their stock movements: the ledger room of now. */
export type LedgerTarget = EventCollection<Movement>;

export interface NewWorkOrder {
  asset: string;
  title: string;
  description?: string;
  priority?: Priority;
  due?: string;
  assignee?: string;
  /** Planned parts, written with it. */
  parts?: { sku: string; quantity: number }[];
}

/** An edit of a work order's fields: null clears description, due or assignee. */
export interface WorkOrderPatch {
  title?: string;
  description?: string | null;
  priority?: Priority;
  due?: string | null;
  assignee?: string | null;
}

export interface ReserveInput {
  sku: string;
  quantity: number;
  location?: string;
  lot?: string;
  /** A device-chosen id: the same reservation submitted again reserves once. */
  request?: string;
}

export interface ReleaseInput {
  sku: string;
  /** Default: all that is still reserved of the SKU for this work order. */
  quantity?: number;
  location?: string;
  lot?: string;
  request?: string;
}

export interface PartInput {
  /** Chosen by the device for this issue or return: a retry or an offline replay counts once. */
  request: string;
  sku: string;
  quantity: number;
  location: string;
  lot?: string;
}

export interface IssueInput extends PartInput {
  /** The item's moving-average cost per unit now (the caller knows the ledger). */
  unitCost: number;
}

export interface ReturnInput extends PartInput {
  /** Default: the average unit cost at which this work order was issued the SKU. */
  unitCost?: number;
}

export interface PartPosted {
  order: WorkOrderView;
  record: PartRecord;
  /** The request was posted before (here or on a device this one synced with): nothing was written. */
  alreadyPosted: boolean;
}

/**
 * Which status a work order may go to from which (setStatus): in progress and on hold
 * alternate as the work stops and resumes; complete only from in progress; cancelled from
 * anything not terminal. Complete and cancelled are terminal.
 */
export const STATUS_TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  open: ['in_progress', 'cancelled'],
  in_progress: ['on_hold', 'complete', 'cancelled'],
  on_hold: ['in_progress', 'cancelled'],
  complete: [],
  cancelled: [],
};

const OPEN_STATES: WorkOrderStatus[] = ['open', 'in_progress', 'on_hold'];
const words = (s: WorkOrderStatus) => s.replace('_', ' ');

/**
 * One `work-orders-YYYY` room: the work orders created in that year (a schedule's in the
 * year they are due). Writes check the order's state and return a Result; reads validate
 * every entry and fold (work-order-fold.ts). Issuing writes two rooms on the device: a part
 * record here (the order's progress and cost) and its stock movement in the ledger, both
 * with ids derived from (work order, request) so a retry or replay counts once.
 * The same class runs in the browser and on the server.
 */
export class WorkOrdersRoom {
  readonly room: string;
  readonly orders: EventCollection<WorkOrderCreated>;
  readonly edits: Y.Map<unknown>;
  readonly planned: Y.Map<unknown>;
  readonly states: EventCollection<StatusEvent>;
  readonly reservations: EventCollection<Reservation>;
  readonly parts: EventCollection<PartRecord>;
  readonly numbers: Y.Map<unknown>;

  constructor(
    readonly doc: Y.Doc,
    readonly year: number,
  ) {
    this.room = workOrdersRoom(year);
    this.orders = new EventCollection(doc, 'orders', WorkOrderCreated, this.room);
    this.edits = doc.getMap('edits');
    this.planned = doc.getMap('planned');
    this.states = new EventCollection(doc, 'states', StatusEvent, this.room);
    this.reservations = new EventCollection(doc, 'reservations', Reservation, this.room);
    this.parts = new EventCollection(doc, 'parts', PartRecord, this.room);
    this.numbers = doc.getMap('numbers');
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────

  data(): WorkOrderData & { invalid: InvalidEntry[] } {
    const invalid: InvalidEntry[] = [
      ...this.orders.invalidEntries(),
      ...this.states.invalidEntries(),
      ...this.reservations.invalidEntries(),
      ...this.parts.invalidEntries(),
    ];
    const parseAll = <T>(map: Y.Map<unknown>, schema: z.ZodType<T>, keyOf: ((v: T) => string) | null) => {
      const out: T[] = [];
      for (const [key, raw] of map) {
        const p = schema.safeParse(raw);
        if (!p.success) invalid.push({ room: this.room, key, problem: describeZodError(p.error) });
        else if (keyOf && keyOf(p.data) !== key)
          invalid.push({ room: this.room, key, problem: 'its key does not match what it edits' });
        else out.push(p.data);
      }
      return out;
    };
    return {
      orders: [...this.orders.values()],
      edits: parseAll(this.edits, WorkOrderEdit, (e) => editKey(e.wo, e.field)),
      planned: parseAll(this.planned, PlannedPart, (p) => plannedKey(p.wo, p.sku)),
      states: [...this.states.values()],
      reservations: [...this.reservations.values()],
      parts: [...this.parts.values()],
      numbers: parseAll<WorkOrderNumber>(this.numbers, WorkOrderNumber, (n) => n.wo),
      invalid,
    };
  }

  view(now = new Date()): Map<string, WorkOrderView> {
    return foldWorkOrders(this.data(), now.toISOString().slice(0, 10));
  }

  order(id: string, now = new Date()): WorkOrderView | undefined {
    return this.view(now).get(id);
  }

  /** What this room's work orders hold reserved, per SKU. */
  reservedBySku(): Map<string, number> {
    return reservedBySku(this.view().values());
  }

  /** On hand (from the ledger) against what this room reserves. Several rooms: use work-order-fold's availability. */
  availability(onHand: ReadonlyMap<string, number>): AvailabilityLine[] {
    return availability(onHand, this.reservedBySku());
  }

  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  destroy(): void {
    this.orders.destroy();
    this.states.destroy();
    this.reservations.destroy();
    this.parts.destroy();
  }

  // ── creating and editing ──────────────────────────────────────────────────────────────

  create(
    input: NewWorkOrder,
    ctx: WoContext & { assetExists?: (code: string) => boolean },
  ): Result<WorkOrderView> {
    const r = this.write(randomId(), input, undefined, ctx);
    return r.ok ? { ok: true, value: r.value.order } : r;
  }

  /**
   * Creates the work order of a schedule's occurrence (schedule.ts dueWorkOrders) with its
   * deterministic id and planned parts. Already there (created before, on this node or
   * another): nothing is written, so a planner's edits to it stay.
   */
  createFromSchedule(due: DueWorkOrder, ctx: WoContext): Result<{ order: WorkOrderView; created: boolean }> {
    if (due.year !== this.year)
      return failure('invalid', `a work order due ${due.due} belongs in work-orders-${due.year}`, 'due');
    return this.write(
      due.id,
      { asset: due.asset, title: due.title, priority: due.priority, due: due.due, parts: due.parts },
      due.schedule,
      ctx,
    );
  }

  edit(wo: string, patch: WorkOrderPatch, ctx: WoContext): Result<WorkOrderView> {
    const guard = this.requireStatus(wo, OPEN_STATES, ctx);
    if (!guard.ok) return guard;
    const current = guard.value;
    const at = (ctx.now ?? new Date()).toISOString();
    const edits: WorkOrderEdit[] = [];
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const parsed = WorkOrderEdit.safeParse({
        wo,
        field,
        value,
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      });
      if (!parsed.success) {
        const r = fromZod(parsed) as Failure;
        return invalid(r.fields.map((f) => ({ ...f, path: f.path === 'value' ? field : f.path })));
      }
      if (current[parsed.data.field] !== parsed.data.value) edits.push(parsed.data);
    }
    if (edits.length === 0 && Object.keys(patch).length === 0) return failure('invalid', 'nothing to change');
    this.doc.transact(() => {
      for (const e of edits) this.edits.set(editKey(wo, e.field as EditableField), e);
    });
    return { ok: true, value: this.order(wo, ctx.now)! };
  }

  /** Sets the planned quantity of each part given (0 takes it off the plan). */
  planParts(wo: string, parts: { sku: string; quantity: number }[], ctx: WoContext): Result<WorkOrderView> {
    const guard = this.requireStatus(wo, OPEN_STATES, ctx);
    if (!guard.ok) return guard;
    const planned = this.plannedParts(wo, parts, ctx);
    if (!planned.ok) return planned;
    const current = new Map(guard.value.parts.map((p) => [p.sku, p.planned]));
    this.doc.transact(() => {
      for (const p of planned.value)
        if ((current.get(p.sku) ?? 0) !== p.quantity) this.planned.set(plannedKey(wo, p.sku), p);
    });
    return { ok: true, value: this.order(wo, ctx.now)! };
  }

  // ── status ────────────────────────────────────────────────────────────────────────────

  /**
   * Moves a work order on (STATUS_TRANSITIONS). Asking for the status it has changes
   * nothing; anything else not allowed is a conflict. Completing or cancelling releases
   * what is still reserved (the fold reserves nothing for a terminal order).
   */
  setStatus(wo: string, to: WorkOrderStatus, ctx: WoContext & { reason?: string }): Result<WorkOrderView> {
    const order = this.order(wo, ctx.now);
    if (!order) return failure('not_found', `no work order ${wo}`, 'id');
    if (order.status === to) return { ok: true, value: order };
    if (!STATUS_TRANSITIONS[order.status].includes(to))
      return failure(
        'conflict',
        isTerminal(order.status)
          ? `a ${words(order.status)} work order cannot change`
          : `a work order ${words(order.status)} cannot go to ${words(to)}`,
        'status',
      );
    const parsed = fromZod(
      StatusEvent.safeParse({
        id: randomId(),
        wo,
        to,
        ...(ctx.reason ? { reason: ctx.reason } : {}),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at: (ctx.now ?? new Date()).toISOString(),
      }),
    );
    if (!parsed.ok) return parsed;
    this.states.append(parsed.value);
    return { ok: true, value: this.order(wo, ctx.now)! };
  }

  // ── reservations ──────────────────────────────────────────────────────────────────────

  /**
   * Reserves parts for a work order. `available` is the SKU's available quantity now (on
   * hand − reserved by every work order: work-order-fold's availability). Reserving more
   * fails, unless `allowShortage`: then it is reserved and flagged as a shortage.
   */
  reserve(
    wo: string,
    input: ReserveInput,
    available: number,
    ctx: WoContext & { allowShortage?: boolean },
  ): Result<{ order: WorkOrderView; reservation: Reservation | null; alreadyPosted: boolean }> {
    const guard = this.requireStatus(wo, OPEN_STATES, ctx);
    if (!guard.ok) return guard;
    if (!(input.quantity > 0)) return failure('invalid', 'must be greater than 0', 'quantity');
    const id = input.request ? reservationId(wo, input.request) : randomId();
    if (this.reservations.has(id))
      return { ok: true, value: { order: guard.value, reservation: null, alreadyPosted: true } };
    const short = toUnits(input.quantity) > toUnits(available);
    if (short && !ctx.allowShortage) {
      const have =
        available > 0
          ? `only ${available} of ${input.sku} ${available === 1 ? 'is' : 'are'} available`
          : `none of ${input.sku} is available (${available})`;
      return failure(
        'insufficient',
        `${have}: reserving ${input.quantity} would leave the work order short — confirm to reserve it anyway as a shortage`,
        'quantity',
      );
    }
    return this.appendReservation(wo, id, input, input.quantity, short, ctx);
  }

  /** Releases reserved parts (all of the SKU by default); never more than is still reserved. */
  release(
    wo: string,
    input: ReleaseInput,
    ctx: WoContext,
  ): Result<{ order: WorkOrderView; reservation: Reservation | null; alreadyPosted: boolean }> {
    const guard = this.requireStatus(wo, OPEN_STATES, ctx);
    if (!guard.ok) return guard;
    const id = input.request ? reservationId(wo, input.request) : randomId();
    if (this.reservations.has(id))
      return { ok: true, value: { order: guard.value, reservation: null, alreadyPosted: true } };
    const reserved = guard.value.parts.find((p) => p.sku === input.sku)?.reserved ?? 0;
    if (reserved <= 0)
      return failure('conflict', `nothing of ${input.sku} is reserved for this work order`, 'sku');
    const quantity = input.quantity ?? reserved;
    if (!(quantity > 0)) return failure('invalid', 'must be greater than 0', 'quantity');
    if (toUnits(quantity) > toUnits(reserved))
      return failure(
        'conflict',
        `only ${reserved} of ${input.sku} is reserved for this work order`,
        'quantity',
      );
    return this.appendReservation(wo, id, input, -quantity, false, ctx);
  }

  // ── parts issued and returned ─────────────────────────────────────────────────────────

  /**
   * Issues parts to an open, in-progress or on-hold work order: a part record here and an
   * `issue` movement referencing the work order in `ledger`, both with ids derived from
   * (work order, request), the same on every device. Posted again with the same request
   * (a retry, an offline replay) it writes nothing and says so. With `onHand` (stock at the
   * location), issuing more than is there fails unless `allowNegative`.
   */
  issue(
    wo: string,
    input: IssueInput,
    ledger: LedgerTarget,
    ctx: WoContext & { onHand?: number; allowNegative?: boolean },
  ): Result<PartPosted> {
    const guard = this.requireStatus(wo, OPEN_STATES, ctx);
    if (!guard.ok) return guard;
    const held = this.parts.get(partId(wo, input.request));
    if (held) return this.alreadyPosted(guard.value, held, 'issue');
    if (ctx.onHand !== undefined && !ctx.allowNegative && toUnits(input.quantity) > toUnits(ctx.onHand))
      return failure(
        'insufficient',
        `only ${ctx.onHand} of ${input.sku} on hand at ${input.location}${input.lot ? ` (lot ${input.lot})` : ''}`,
        'quantity',
      );
    return this.post(wo, 'issue', input, input.unitCost, ledger, ctx);
  }

  /**
   * Takes unused parts back from a work order that is not complete or cancelled: a part
   * record here and a `receive` movement referencing the work order in `ledger`. Never more
   * than the work order was issued of the SKU, net of earlier returns.
   */
  returnPart(wo: string, input: ReturnInput, ledger: LedgerTarget, ctx: WoContext): Result<PartPosted> {
    const guard = this.requireStatus(wo, OPEN_STATES, ctx);
    if (!guard.ok) return guard;
    const held = this.parts.get(partId(wo, input.request));
    if (held) return this.alreadyPosted(guard.value, held, 'return');
    const line = guard.value.parts.find((p) => p.sku === input.sku);
    const net = line ? toUnits(line.issued) - toUnits(line.returned) : 0;
    if (toUnits(input.quantity) > net)
      return failure(
        'conflict',
        net > 0
          ? `only ${fromUnits(net)} of ${input.sku} was issued to this work order and not returned`
          : `no ${input.sku} was issued to this work order`,
        'quantity',
      );
    return this.post(
      wo,
      'return',
      input,
      input.unitCost ?? averageIssueCost(guard.value, input.sku),
      ledger,
      ctx,
    );
  }

  /** The server's number for a work order (written by the server only; write-rules.ts). */
  setNumber(wo: string, number: string, now = new Date()): void {
    if (!this.numbers.has(wo))
      this.numbers.set(wo, WorkOrderNumber.parse({ wo, number, at: now.toISOString() }));
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────

  private write(
    id: string,
    input: NewWorkOrder,
    schedule: string | undefined,
    ctx: WoContext & { assetExists?: (code: string) => boolean },
  ): Result<{ order: WorkOrderView; created: boolean }> {
    if (this.orders.has(id)) {
      const existing = this.order(id, ctx.now);
      if (existing) return { ok: true, value: { order: existing, created: false } };
      return failure('conflict', `work order ${id} is there but not readable`, 'id');
    }
    const at = (ctx.now ?? new Date()).toISOString();
    const created = fromZod(
      WorkOrderCreated.safeParse({
        id,
        asset: input.asset,
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        priority: input.priority ?? 'medium',
        ...(input.due ? { due: input.due } : {}),
        ...(input.assignee ? { assignee: input.assignee } : {}),
        ...(schedule ? { schedule } : {}),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      }),
    );
    if (!created.ok) return created;
    if (ctx.assetExists && !ctx.assetExists(created.value.asset))
      return failure('not_found', `no asset ${created.value.asset}`, 'asset');
    const planned = this.plannedParts(id, input.parts ?? [], ctx, at);
    if (!planned.ok)
      return { ...planned, fields: planned.fields.map((f) => ({ ...f, path: `parts.${f.path}` })) };
    this.doc.transact(() => {
      this.orders.append(created.value);
      for (const p of planned.value) if (p.quantity > 0) this.planned.set(plannedKey(id, p.sku), p);
    });
    return { ok: true, value: { order: this.order(id, ctx.now)!, created: true } };
  }

  private plannedParts(
    wo: string,
    parts: { sku: string; quantity: number }[],
    ctx: WoContext,
    at = (ctx.now ?? new Date()).toISOString(),
  ): Result<PlannedPart[]> {
    const out: PlannedPart[] = [];
    const seen = new Set<string>();
    for (const [i, p] of parts.entries()) {
      const parsed = PlannedPart.safeParse({ wo, ...p, user: ctx.actor.user, device: ctx.actor.device, at });
      if (!parsed.success) {
        const r = fromZod(parsed) as Failure;
        return invalid(r.fields.map((f) => ({ ...f, path: `parts.${i}.${f.path}` })));
      }
      if (seen.has(parsed.data.sku))
        return failure('invalid', `${parsed.data.sku} is listed twice`, `parts.${i}.sku`);
      seen.add(parsed.data.sku);
      out.push(parsed.data);
    }
    return { ok: true, value: out };
  }

  private appendReservation(
    wo: string,
    id: string,
    input: ReserveInput | ReleaseInput,
    quantity: number,
    shortage: boolean,
    ctx: WoContext,
  ): Result<{ order: WorkOrderView; reservation: Reservation; alreadyPosted: boolean }> {
    const parsed = fromZod(
      Reservation.safeParse({
        id,
        wo,
        sku: input.sku,
        quantity,
        ...(input.location ? { location: input.location } : {}),
        ...(input.lot ? { lot: input.lot } : {}),
        ...(shortage ? { shortage: true } : {}),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at: (ctx.now ?? new Date()).toISOString(),
      }),
    );
    if (!parsed.ok) return parsed;
    this.reservations.append(parsed.value);
    return {
      ok: true,
      value: { order: this.order(wo, ctx.now)!, reservation: parsed.value, alreadyPosted: false },
    };
  }

  private alreadyPosted(
    order: WorkOrderView,
    held: PartRecord,
    kind: PartRecord['kind'],
  ): Result<PartPosted> {
    if (held.kind !== kind)
      return failure(
        'conflict',
        `request ${held.request} was already used for a part ${held.kind}`,
        'request',
      );
    return { ok: true, value: { order, record: held, alreadyPosted: true } };
  }

  private post(
    wo: string,
    kind: PartRecord['kind'],
    input: PartInput,
    unitCost: number,
    ledger: LedgerTarget,
    ctx: WoContext,
  ): Result<PartPosted> {
    const at = (ctx.now ?? new Date()).toISOString();
    const record = fromZod(
      PartRecord.safeParse({
        id: partId(wo, input.request),
        wo,
        request: input.request,
        kind,
        sku: input.sku,
        quantity: input.quantity,
        location: input.location,
        ...(input.lot ? { lot: input.lot } : {}),
        unitCost,
        movement: partMovementId(wo, input.request),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      }),
    );
    if (!record.ok) return record;
    const r = record.value;
    const movement = fromZod(
      Movement.safeParse({
        id: r.movement,
        type: kind === 'issue' ? 'issue' : 'receive',
        sku: r.sku,
        location: r.location,
        quantity: r.quantity,
        ...(r.lot ? { lot: r.lot } : {}),
        ...(kind === 'return' ? { unitCost: r.unitCost } : {}),
        reference: workOrderReference(wo),
        user: r.user,
        device: r.device,
        at,
      }),
    );
    if (!movement.ok) return movement;
    // The stock first: should the device stop in between, the replay finds no part record
    // and writes both again, and the movement (same id) is still one.
    ledger.doc.transact(() => ledger.append(movement.value));
    this.doc.transact(() => this.parts.append(r));
    return { ok: true, value: { order: this.order(wo, ctx.now)!, record: r, alreadyPosted: false } };
  }

  private requireStatus(wo: string, allowed: WorkOrderStatus[], ctx: WoContext): Result<WorkOrderView> {
    const order = this.order(wo, ctx.now);
    if (!order) return failure('not_found', `no work order ${wo}`, 'id');
    if (!allowed.includes(order.status))
      return failure('conflict', `a ${words(order.status)} work order cannot do that`, 'status');
    return { ok: true, value: order };
  }
}

/** The average cost per unit at which a work order was issued a SKU (what its return goes back at). */
function averageIssueCost(order: WorkOrderView, sku: string): number {
  let qty = 0;
  let cost = 0;
  for (const r of order.records) {
    if (r.sku !== sku || r.kind !== 'issue') continue;
    qty += toUnits(r.quantity);
    cost += costUnits(r.quantity, r.unitCost);
  }
  return qty > 0 ? Math.round((cost / qty) * 1e6) / 1e6 : 0;
}
