import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import { EventCollection } from '../event-collection.ts';
import type { Movement } from '../ledger/movement.ts';
import { purchaseReference } from '../ledger/references.ts';
import { toUnits } from '../quantity.ts';
import { failure, fromZod, type Result } from '../result.ts';
import { purchasingRoom } from '../sync/rooms.ts';
import { describeZodError, type InvalidEntry } from '../validation.ts';
import { foldOrders, type OrderView, type PurchasingData } from './order-fold.ts';
import {
  lineKey,
  OrderCreated,
  OrderLine,
  OrderNumber,
  OrderState,
  type OrderTarget,
  orderId,
  orderStateId,
  Receipt,
  receiptId,
  receiptMovementId,
  returnId,
  returnMovementId,
  SupplierReturn,
} from './purchase-order.ts';

export interface PoContext {
  actor: Actor;
  now?: Date;
}

export interface DraftLine {
  sku: string;
  quantity: number;
  unitCost: number;
  expectedAt?: string;
}

export interface ReceiptLine {
  line: string;
  quantity: number;
  location: string;
  lot?: string;
  expiry?: string;
  unitCost?: number;
}

export interface ReturnLine {
  line: string;
  quantity: number;
  location: string;
  lot?: string;
  reason: string;
}

/** Where receipts and returns write their stock movements: the ledger room of now. */
export type LedgerTarget = EventCollection<Movement>;

/**
 * One `purchasing-YYYY` room: the purchase orders created in that year. Writes check the
 * order's state and return a Result; reads validate every entry and fold (order-fold.ts).
 * Receiving writes two rooms on the device: a receipt here (the order's progress, live on
 * every device receiving it) and its receive movement in the ledger (stock), both with ids
 * derived from (order, delivery, line) so the same delivery counts once whoever posts it.
 * The same class runs in the browser and on the server.
 */
export class PurchasingRoom {
  readonly room: string;
  readonly orders: EventCollection<OrderCreated>;
  readonly lines: Y.Map<unknown>;
  readonly states: EventCollection<OrderState>;
  readonly numbers: Y.Map<unknown>;
  readonly receipts: EventCollection<Receipt>;
  readonly returns: EventCollection<SupplierReturn>;

  constructor(
    readonly doc: Y.Doc,
    readonly year: number,
  ) {
    this.room = purchasingRoom(year);
    this.orders = new EventCollection(doc, 'orders', OrderCreated, this.room);
    this.lines = doc.getMap('lines');
    this.states = new EventCollection(doc, 'states', OrderState, this.room);
    this.numbers = doc.getMap('numbers');
    this.receipts = new EventCollection(doc, 'receipts', Receipt, this.room);
    this.returns = new EventCollection(doc, 'returns', SupplierReturn, this.room);
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────

  data(): PurchasingData & { invalid: InvalidEntry[] } {
    const invalid: InvalidEntry[] = [
      ...this.orders.invalidEntries(),
      ...this.states.invalidEntries(),
      ...this.receipts.invalidEntries(),
      ...this.returns.invalidEntries(),
    ];
    const parseAll = <T>(map: Y.Map<unknown>, schema: z.ZodType<T>) => {
      const out: T[] = [];
      for (const [key, raw] of map) {
        const p = schema.safeParse(raw);
        if (p.success) out.push(p.data);
        else invalid.push({ room: this.room, key, problem: describeZodError(p.error) });
      }
      return out;
    };
    return {
      orders: [...this.orders.values()],
      lines: parseAll(this.lines, OrderLine),
      states: [...this.states.values()],
      numbers: parseAll<OrderNumber>(this.numbers, OrderNumber),
      receipts: [...this.receipts.values()],
      returns: [...this.returns.values()],
      invalid,
    };
  }

  view(now = new Date()): Map<string, OrderView> {
    return foldOrders(this.data(), now.toISOString().slice(0, 10));
  }

  order(id: string, now = new Date()): OrderView | undefined {
    return this.view(now).get(id);
  }

  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  destroy(): void {
    this.orders.destroy();
    this.states.destroy();
    this.receipts.destroy();
    this.returns.destroy();
  }

  // ── drafting ──────────────────────────────────────────────────────────────────────────

  /** A new draft for one supplier (its lines written with it). */
  draft(
    input: {
      supplier: string;
      lines: DraftLine[];
      expectedAt?: string;
      note?: string;
      source?: 'manual' | 'suggestions';
    },
    ctx: PoContext,
  ): Result<OrderView> {
    const at = (ctx.now ?? new Date()).toISOString();
    const id = orderId(this.year);
    const created = fromZod(
      OrderCreated.safeParse({
        id,
        supplier: input.supplier,
        ...(input.expectedAt ? { expectedAt: input.expectedAt } : {}),
        ...(input.note ? { note: input.note } : {}),
        source: input.source ?? 'manual',
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      }),
    );
    if (!created.ok) return created;
    const lines: OrderLine[] = [];
    for (const [i, l] of input.lines.entries()) {
      const parsed = OrderLine.safeParse({
        po: id,
        line: String(i + 1),
        ...l,
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      });
      if (!parsed.success) {
        const r = fromZod(parsed);
        if (!r.ok) return { ...r, fields: r.fields.map((f) => ({ ...f, path: `lines.${i}.${f.path}` })) };
      } else lines.push(parsed.data);
    }
    this.doc.transact(() => {
      this.orders.append(created.value);
      for (const l of lines) this.lines.set(lineKey(id, l.line), l);
    });
    return { ok: true, value: this.order(id, ctx.now)! };
  }

  /** Adds or edits a line of a draft (`line` omitted: a new line). */
  setLine(po: string, line: string | null, input: DraftLine, ctx: PoContext): Result<OrderView> {
    const guard = this.requireStatus(po, ['draft'], ctx);
    if (!guard.ok) return guard;
    const id = line ?? String(Math.max(0, ...guard.value.lines.map((l) => Number(l.line) || 0)) + 1);
    const parsed = fromZod(
      OrderLine.safeParse({
        po,
        line: id,
        ...input,
        user: ctx.actor.user,
        device: ctx.actor.device,
        at: (ctx.now ?? new Date()).toISOString(),
      }),
    );
    if (!parsed.ok) return parsed;
    this.lines.set(lineKey(po, id), parsed.value);
    return { ok: true, value: this.order(po, ctx.now)! };
  }

  removeLine(po: string, line: string, ctx: PoContext): Result<OrderView> {
    const guard = this.requireStatus(po, ['draft'], ctx);
    if (!guard.ok) return guard;
    const current = OrderLine.safeParse(this.lines.get(lineKey(po, line)));
    if (!current.success) return failure('not_found', `order ${po} has no line ${line}`, 'line');
    this.lines.set(lineKey(po, line), {
      ...current.data,
      removed: true,
      user: ctx.actor.user,
      device: ctx.actor.device,
      at: (ctx.now ?? new Date()).toISOString(),
    });
    return { ok: true, value: this.order(po, ctx.now)! };
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────

  send(po: string, ctx: PoContext): Result<OrderView> {
    const guard = this.requireStatus(po, ['draft', 'sent', 'partially_received', 'received'], ctx);
    if (!guard.ok) return guard;
    if (guard.value.status !== 'draft') return { ok: true, value: guard.value }; // sending again changes nothing
    if (guard.value.lines.length === 0)
      return failure('conflict', 'an order without lines cannot be sent', 'lines');
    return this.transition(po, 'sent', ctx);
  }

  close(po: string, ctx: PoContext & { reason?: string }): Result<OrderView> {
    const guard = this.requireStatus(po, ['sent', 'partially_received', 'received', 'closed'], ctx);
    if (!guard.ok) return guard;
    return this.transition(po, 'closed', ctx, ctx.reason);
  }

  /** Drafts and sent orders nothing arrived for; anything received is closed instead. */
  cancel(po: string, ctx: PoContext & { reason?: string }): Result<OrderView> {
    const guard = this.requireStatus(po, ['draft', 'sent', 'cancelled'], ctx);
    if (!guard.ok) return guard;
    return this.transition(po, 'cancelled', ctx, ctx.reason);
  }

  // ── receiving and returns ─────────────────────────────────────────────────────────────

  /**
   * Posts one delivery: a receipt per line here, a receive movement per line in `ledger`.
   * The delivery id makes it idempotent: posted again (a retry, another device, an offline
   * replay) it adds nothing and says so. Receiving beyond a line's open quantity needs
   * `allowOver`.
   */
  receive(
    po: string,
    delivery: string,
    lines: ReceiptLine[],
    ledger: LedgerTarget,
    ctx: PoContext & { allowOver?: boolean },
  ): Result<{ order: OrderView; receipts: Receipt[]; alreadyPosted: boolean }> {
    const guard = this.requireStatus(po, ['sent', 'partially_received', 'received'], ctx);
    if (!guard.ok) return guard;
    const order = guard.value;
    if (lines.length === 0) return failure('invalid', 'give at least one line', 'lines');
    const already = lines.every((l) => this.receipts.has(receiptId(po, delivery, l.line)));
    if (already) return { ok: true, value: { order, receipts: [], alreadyPosted: true } };
    const at = (ctx.now ?? new Date()).toISOString();
    const receipts: Receipt[] = [];
    const pending = new Map<string, number>();
    for (const [i, l] of lines.entries()) {
      const line = order.lines.find((x) => x.line === l.line);
      if (!line) return failure('not_found', `order ${po} has no line ${l.line}`, `lines.${i}.line`);
      if (this.receipts.has(receiptId(po, delivery, l.line))) continue;
      const units = (pending.get(l.line) ?? 0) + toUnits(l.quantity);
      pending.set(l.line, units);
      const over = units > toUnits(line.open);
      if (over && !ctx.allowOver) {
        return failure(
          'conflict',
          `line ${l.line} (${line.sku}): receiving ${l.quantity} would exceed the ${line.open} still open — confirm the over-receipt`,
          `lines.${i}.quantity`,
        );
      }
      const parsed = Receipt.safeParse({
        id: receiptId(po, delivery, l.line),
        po,
        line: l.line,
        delivery,
        sku: line.sku,
        quantity: l.quantity,
        location: l.location,
        ...(l.lot ? { lot: l.lot } : {}),
        ...(l.expiry ? { expiry: l.expiry } : {}),
        unitCost: l.unitCost ?? line.unitCost,
        movement: receiptMovementId(po, delivery, l.line),
        ...(over ? { overReceipt: true } : {}),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      });
      if (!parsed.success) {
        const r = fromZod(parsed);
        if (!r.ok) return { ...r, fields: r.fields.map((f) => ({ ...f, path: `lines.${i}.${f.path}` })) };
      } else receipts.push(parsed.data);
    }
    ledger.doc.transact(() => {
      for (const r of receipts) {
        ledger.append({
          id: r.movement,
          type: 'receive',
          sku: r.sku,
          location: r.location,
          quantity: r.quantity,
          ...(r.lot ? { lot: r.lot } : {}),
          // The lot's expiry goes with the stock (lots/ derives it from the ledger, not from here).
          ...(r.lot && r.expiry ? { expiry: r.expiry } : {}),
          unitCost: r.unitCost,
          reference: purchaseReference(po, r.line),
          user: r.user,
          device: r.device,
          at,
        });
      }
    });
    this.doc.transact(() => {
      for (const r of receipts) this.receipts.append(r);
    });
    return { ok: true, value: { order: this.order(po, ctx.now)!, receipts, alreadyPosted: false } };
  }

  /** Goods sent back to the supplier: stock goes down and the line's net received with it. */
  returnGoods(
    po: string,
    request: string,
    lines: ReturnLine[],
    ledger: LedgerTarget,
    ctx: PoContext,
  ): Result<{ order: OrderView; returns: SupplierReturn[]; alreadyPosted: boolean }> {
    const guard = this.requireStatus(po, ['sent', 'partially_received', 'received', 'closed'], ctx);
    if (!guard.ok) return guard;
    const order = guard.value;
    if (lines.every((l) => this.returns.has(returnId(po, request, l.line))))
      return { ok: true, value: { order, returns: [], alreadyPosted: true } };
    const at = (ctx.now ?? new Date()).toISOString();
    const out: SupplierReturn[] = [];
    for (const [i, l] of lines.entries()) {
      const line = order.lines.find((x) => x.line === l.line);
      if (!line) return failure('not_found', `order ${po} has no line ${l.line}`, `lines.${i}.line`);
      if (toUnits(l.quantity) > toUnits(line.net))
        return failure(
          'conflict',
          `line ${l.line}: only ${line.net} of ${line.sku} arrived`,
          `lines.${i}.quantity`,
        );
      const parsed = SupplierReturn.safeParse({
        id: returnId(po, request, l.line),
        po,
        line: l.line,
        request,
        sku: line.sku,
        quantity: l.quantity,
        location: l.location,
        ...(l.lot ? { lot: l.lot } : {}),
        reason: l.reason,
        movement: returnMovementId(po, request, l.line),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at,
      });
      if (!parsed.success) {
        const r = fromZod(parsed);
        if (!r.ok) return { ...r, fields: r.fields.map((f) => ({ ...f, path: `lines.${i}.${f.path}` })) };
      } else out.push(parsed.data);
    }
    ledger.doc.transact(() => {
      for (const r of out) {
        ledger.append({
          id: r.movement,
          type: 'issue',
          sku: r.sku,
          location: r.location,
          quantity: r.quantity,
          ...(r.lot ? { lot: r.lot } : {}),
          reason: `returned to supplier: ${r.reason}`.slice(0, 500),
          reference: purchaseReference(po, r.line),
          user: r.user,
          device: r.device,
          at,
        });
      }
    });
    this.doc.transact(() => {
      for (const r of out) this.returns.append(r);
    });
    return { ok: true, value: { order: this.order(po, ctx.now)!, returns: out, alreadyPosted: false } };
  }

  /** The server's number for an order (written by the server only; write-rules.ts). */
  setNumber(po: string, number: string, now = new Date()): void {
    if (!this.numbers.has(po)) this.numbers.set(po, OrderNumber.parse({ po, number, at: now.toISOString() }));
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────

  private requireStatus(po: string, allowed: OrderView['status'][], ctx: PoContext): Result<OrderView> {
    const order = this.order(po, ctx.now);
    if (!order) return failure('not_found', `no purchase order ${po}`, 'id');
    if (!allowed.includes(order.status))
      return failure('conflict', `a ${order.status.replace('_', ' ')} order cannot do that`, 'status');
    return { ok: true, value: order };
  }

  private transition(po: string, to: OrderTarget, ctx: PoContext, reason?: string): Result<OrderView> {
    const parsed = fromZod(
      OrderState.safeParse({
        id: orderStateId(po, to),
        po,
        to,
        ...(reason ? { reason } : {}),
        user: ctx.actor.user,
        device: ctx.actor.device,
        at: (ctx.now ?? new Date()).toISOString(),
      }),
    );
    if (!parsed.ok) return parsed;
    this.states.append(parsed.value);
    return { ok: true, value: this.order(po, ctx.now)! };
  }
}
