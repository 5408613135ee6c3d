import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { causeId } from '../ids.ts';
import { UnitCost } from '../ledger/movement.ts';
import type { OrderView } from '../purchasing/order-fold.ts';
import {
  Day,
  lineKey,
  OrderCreated,
  OrderLine,
  OrderState,
  orderStateId,
} from '../purchasing/purchase-order.ts';
import type { PurchasingRoom } from '../purchasing/purchasing-room.ts';
import { PositiveQuantity } from '../quantity.ts';
import { text } from '../text.ts';
import type { ImportRecord } from './cells.ts';

/**
 * Open purchase orders from another system: one row per order line, the rows of one order
 * sharing its supplier and its number there (`reference`). The PO number is the server's
 * (PO-YYYY-NNNN, server/src/purchasing/order-numbers.ts) like for any other order; the
 * other system's number is kept as the order's reference and in its note, never as its number.
 *
 * An order is written whole or not at all: a sent order's lines never change, so importing
 * the good lines of an order with a bad one would leave a sent order short of a line for
 * good. Its id derives from (supplier, reference), so a re-import — the same file, or the
 * corrected rejected rows — finds the order it wrote before instead of making another.
 */

export interface OrdersOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; field: string; message: string }[];
}

export interface OrdersTarget {
  catalog: Catalog;
  /** The room of the import's year (orders live in the room of the year they were created). */
  purchasing?: (year: number) => PurchasingRoom;
  actor: Actor;
  now: Date;
}

export const ImportedStatus = z.enum(['draft', 'sent']);

const Reference = text({ max: 100, required: true });
/** Room for "Imported order <reference> — " within the order note's 1,000 characters. */
const Note = text({ max: 850, multiline: true });

/** The id of an imported order: the same supplier's same order number is the same order. */
export function importedOrderId(year: number, supplier: string, reference: string): string {
  return `${year}-${causeId('import-po', supplier, reference)}`;
}

interface GoodRow {
  row: number;
  sku: string;
  quantity: number;
  unitCost: number;
  expectedAt?: string;
  status: 'draft' | 'sent';
  note?: string;
}

interface Group {
  supplier: string;
  reference: string;
  rows: ImportRecord[];
  good: GoodRow[];
  refused: number[];
}

const firstIssue = (e: z.ZodError) => e.issues[0]?.message ?? 'is not valid';

/** One row checked on its own: what is wrong with it, or the line it becomes. */
function checkRow(
  r: ImportRecord,
  catalog: Catalog,
  supplier: string,
  reject: (field: string, message: string) => void,
): GoodRow | null {
  const v = r.values;
  const sku = typeof v.sku === 'string' ? catalog.skuOf(v.sku) : undefined;
  const item = sku ? catalog.items.get(sku) : undefined;
  let ok = true;
  const bad = (field: string, message: string) => {
    reject(field, message);
    ok = false;
  };
  if (!catalog.suppliers.get(supplier)) bad('supplier', `no supplier ${supplier}`);
  if (!item) bad('sku', v.sku === undefined ? 'is required' : `no item with SKU ${String(v.sku)}`);
  const quantity = PositiveQuantity.safeParse(v.quantity);
  if (!quantity.success)
    bad('quantity', v.quantity === undefined ? 'is required' : firstIssue(quantity.error));
  const cost = v.unitCost === undefined ? null : UnitCost.safeParse(v.unitCost);
  if (cost && !cost.success)
    bad('unitCost', typeof v.unitCost === 'string' ? 'must be a number' : firstIssue(cost.error));
  const expected = v.expectedAt === undefined ? null : Day.safeParse(v.expectedAt);
  if (expected && !expected.success) bad('expectedAt', firstIssue(expected.error));
  const status = ImportedStatus.safeParse(
    typeof v.status === 'string' ? v.status.toLowerCase() : (v.status ?? 'sent'),
  );
  if (!status.success) bad('status', 'must be draft or sent');
  const note = v.note === undefined ? null : Note.safeParse(v.note);
  if (note && !note.success) bad('note', firstIssue(note.error));
  if (!ok || !item) return null;
  // As a hand-made draft: the supplier's price for the item, else the item's cost.
  const ref = item.suppliers.find((s) => s.supplier === supplier);
  return {
    row: r.row,
    sku: item.sku,
    quantity: quantity.data!,
    unitCost: cost?.data ?? ref?.unitCost ?? item.unitCost,
    ...(expected?.data ? { expectedAt: expected.data } : {}),
    status: status.data!,
    ...(note?.data ? { note: note.data } : {}),
  };
}

/** The rows grouped by order (supplier × reference), in the order the orders first appear. */
function groupsOf(
  records: readonly ImportRecord[],
  catalog: Catalog,
  out: OrdersOutcome,
): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const r of records) {
    const reject = (field: string, message: string) => out.rejected.push({ row: r.row, field, message });
    const ref = Reference.safeParse(r.values.reference);
    const supplier = typeof r.values.supplier === 'string' ? r.values.supplier : '';
    if (!ref.success) reject('reference', firstIssue(ref.error));
    if (!supplier) reject('supplier', 'is required');
    if (!ref.success || !supplier) continue;
    const key = `${supplier}\u001f${ref.data}`;
    let g = groups.get(key);
    if (!g) {
      g = { supplier, reference: ref.data, rows: [], good: [], refused: [] };
      groups.set(key, g);
    }
    g.rows.push(r);
    const before = out.rejected.length;
    const good = checkRow(r, catalog, supplier, reject);
    if (good && g.good[0] && good.status !== g.good[0].status) {
      reject('status', `order ${g.reference} is ${g.good[0].status} on row ${g.good[0].row}`);
    } else if (good) g.good.push(good);
    if (out.rejected.length > before) g.refused.push(r.row);
  }
  return groups;
}

const sameLine = (a: OrderView['lines'][number], b: GoodRow) =>
  a.sku === b.sku &&
  a.quantity === b.quantity &&
  a.unitCost === b.unitCost &&
  (a.expectedAt ?? undefined) === b.expectedAt;

/** Imports open purchase orders into the room of the import's year (see the top of this file). */
export function importPurchaseOrders(
  records: readonly ImportRecord[],
  t: OrdersTarget,
  out: OrdersOutcome,
): void {
  const year = t.now.getUTCFullYear();
  const p = t.purchasing?.(year);
  if (!p) {
    for (const r of records) out.rejected.push({ row: r.row, field: 'row', message: 'no purchasing room' });
    return;
  }
  const at = t.now.toISOString();
  const stamp = { user: t.actor.user, device: t.actor.device, at };
  // Folded once: the rows of one order are one group, so no order is looked up after it is written.
  const view = p.view(t.now);
  for (const g of groupsOf(records, t.catalog, out).values()) {
    if (g.refused.length) {
      const first = g.refused[0]!;
      for (const r of g.rows)
        if (!g.refused.includes(r.row))
          out.rejected.push({
            row: r.row,
            field: 'reference',
            message: `order ${g.reference} is imported whole: fix row ${first} first`,
          });
      continue;
    }
    const id = importedOrderId(year, g.supplier, g.reference);
    const status = g.good[0]!.status;
    const existing = view.get(id);
    const lineOf = (good: GoodRow, i: number) =>
      OrderLine.parse({
        po: id,
        line: String(i + 1),
        sku: good.sku,
        quantity: good.quantity,
        unitCost: good.unitCost,
        ...(good.expectedAt ? { expectedAt: good.expectedAt } : {}),
        ...stamp,
      });
    if (!existing) {
      const note = g.good.find((x) => x.note)?.note;
      const created = OrderCreated.parse({
        id,
        supplier: g.supplier,
        note: `Imported order ${g.reference}${note ? ` — ${note}` : ''}`,
        reference: g.reference,
        source: 'manual',
        ...stamp,
      });
      p.doc.transact(() => {
        p.orders.append(created);
        for (const [i, good] of g.good.entries()) p.lines.set(lineKey(id, String(i + 1)), lineOf(good, i));
        if (status === 'sent')
          p.states.append(OrderState.parse({ id: orderStateId(id, 'sent'), po: id, to: 'sent', ...stamp }));
      });
      out.created += g.good.length;
      continue;
    }
    // Imported before: an unchanged line is unchanged; a draft takes the file's lines; a sent
    // (or later) order's lines are fixed, so a row that differs is refused, saying why.
    const draft = existing.status === 'draft';
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const writes: (() => void)[] = [];
    g.good.forEach((good, i) => {
      const held = existing.lines.find((l) => l.line === String(i + 1));
      if (held && sameLine(held, good)) counts.unchanged++;
      else if (!draft)
        out.rejected.push({
          row: good.row,
          field: held ? 'quantity' : 'sku',
          message: `order ${g.reference} (${existing.number ?? 'being numbered'}) is ${existing.status.replace('_', ' ')}: its lines no longer change`,
        });
      else {
        counts[held ? 'updated' : 'created']++;
        writes.push(() => p.lines.set(lineKey(id, String(i + 1)), lineOf(good, i)));
      }
    });
    if (draft && status === 'sent') {
      writes.push(() =>
        p.states.append(OrderState.parse({ id: orderStateId(id, 'sent'), po: id, to: 'sent', ...stamp })),
      );
      // Sending is a change of the order: its first unchanged row says so.
      if (counts.unchanged > 0) {
        counts.unchanged--;
        counts.updated++;
      }
    }
    if (writes.length)
      p.doc.transact(() => {
        for (const w of writes) w();
      });
    out.created += counts.created;
    out.updated += counts.updated;
    out.unchanged += counts.unchanged;
  }
}
