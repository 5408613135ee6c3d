import { fromUnits, toUnits } from '../quantity.ts';
import type {
  OrderCreated,
  OrderLine,
  OrderNumber,
  OrderState,
  Receipt,
  SupplierReturn,
} from './purchase-order.ts';

export type OrderStatus = 'draft' | 'sent' | 'partially_received' | 'received' | 'closed' | 'cancelled';

/** Everything the room holds, validated, as plain values: every fold takes this. */
export interface PurchasingData {
  orders: OrderCreated[];
  lines: OrderLine[];
  states: OrderState[];
  numbers: OrderNumber[];
  receipts: Receipt[];
  returns: SupplierReturn[];
}

export interface OrderLineView {
  line: string;
  sku: string;
  quantity: number;
  unitCost: number;
  expectedAt: string | null;
  /** Received, all deliveries. */
  received: number;
  returned: number;
  /** received − returned: what the order has brought into stock. */
  net: number;
  /** Still to come: ordered − net, never below 0. */
  open: number;
  firstReceiptAt: string | null;
}

export interface OrderView {
  id: string;
  /** Null until the server has numbered it. */
  number: string | null;
  supplier: string;
  status: OrderStatus;
  source: OrderCreated['source'];
  createdAt: string;
  createdBy: string;
  expectedAt: string | null;
  note: string | null;
  /** An imported order's number in the other system. */
  reference: string | null;
  sentAt: string | null;
  closedAt: string | null;
  lines: OrderLineView[];
  receipts: Receipt[];
  returns: SupplierReturn[];
  /** Due (a line's or the order's expected day is past) and not all received. */
  overdue: boolean;
  total: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Status rules, applied to the set of events (order of arrival never matters): closed wins
 * over everything, then cancelled; a sent order is received when every line has its
 * quantity (net of returns), partially received when anything arrived; otherwise draft.
 */
export function foldOrders(data: PurchasingData, today: string): Map<string, OrderView> {
  const byOrder = <T extends { po: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.po, [...(m.get(x.po) ?? []), x]);
    return m;
  };
  const lines = byOrder(data.lines);
  const states = byOrder(data.states);
  const receipts = byOrder(data.receipts);
  const returns = byOrder(data.returns);
  const numbers = new Map(data.numbers.map((n) => [n.po, n.number]));
  const out = new Map<string, OrderView>();
  for (const o of [...data.orders].sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id))) {
    const st = states.get(o.id) ?? [];
    const when = (to: OrderState['to']) =>
      st.filter((s) => s.to === to).sort((a, b) => cmp(a.at, b.at))[0]?.at ?? null;
    const rs = (receipts.get(o.id) ?? []).sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
    const ret = (returns.get(o.id) ?? []).sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
    const view: OrderLineView[] = [];
    for (const l of (lines.get(o.id) ?? []).sort((a, b) => cmp(a.line, b.line))) {
      if (l.removed) continue;
      const mine = rs.filter((r) => r.line === l.line);
      const received = mine.reduce((n, r) => n + toUnits(r.quantity), 0);
      const returned = ret.filter((r) => r.line === l.line).reduce((n, r) => n + toUnits(r.quantity), 0);
      const net = received - returned;
      view.push({
        line: l.line,
        sku: l.sku,
        quantity: l.quantity,
        unitCost: l.unitCost,
        expectedAt: l.expectedAt ?? o.expectedAt ?? null,
        received: fromUnits(received),
        returned: fromUnits(returned),
        net: fromUnits(net),
        open: fromUnits(Math.max(0, toUnits(l.quantity) - net)),
        firstReceiptAt: mine[0]?.at ?? null,
      });
    }
    const sentAt = when('sent');
    const closedAt = when('closed');
    let status: OrderStatus;
    if (closedAt) status = 'closed';
    else if (when('cancelled')) status = 'cancelled';
    else if (sentAt) {
      const complete = view.length > 0 && view.every((l) => l.open === 0);
      status = complete ? 'received' : rs.length > 0 ? 'partially_received' : 'sent';
    } else status = 'draft';
    const due = view.filter((l) => l.open > 0).some((l) => l.expectedAt !== null && l.expectedAt < today);
    out.set(o.id, {
      id: o.id,
      number: numbers.get(o.id) ?? null,
      supplier: o.supplier,
      status,
      source: o.source,
      createdAt: o.at,
      createdBy: o.user,
      expectedAt: o.expectedAt ?? null,
      note: o.note ?? null,
      reference: o.reference ?? null,
      sentAt,
      closedAt,
      lines: view,
      receipts: rs,
      returns: ret,
      overdue: (status === 'sent' || status === 'partially_received') && due,
      total: fromUnits(view.reduce((n, l) => n + Math.round(toUnits(l.quantity) * l.unitCost), 0)),
    });
  }
  return out;
}

/** Orders that still bring stock: drafts included (a draft is on order, or it would be drafted again). */
export function isOpen(status: OrderStatus): boolean {
  return status === 'draft' || status === 'sent' || status === 'partially_received';
}

/** Per SKU, what open orders have not brought yet. */
export function onOrderBySku(orders: Iterable<OrderView>): Map<string, number> {
  const units = new Map<string, number>();
  for (const o of orders) {
    if (!isOpen(o.status)) continue;
    for (const l of o.lines) units.set(l.sku, (units.get(l.sku) ?? 0) + toUnits(l.open));
  }
  return new Map([...units].map(([sku, u]) => [sku, fromUnits(u)]));
}

/** Observed lead times in days (sent → first receipt of a line), per supplier and SKU. */
export function leadTimes(orders: Iterable<OrderView>, supplier: string, sku?: string): number[] {
  const out: number[] = [];
  for (const o of orders) {
    if (o.supplier !== supplier || !o.sentAt) continue;
    for (const l of o.lines) {
      if ((sku !== undefined && l.sku !== sku) || !l.firstReceiptAt) continue;
      out.push((Date.parse(l.firstReceiptAt) - Date.parse(o.sentAt)) / 86_400_000);
    }
  }
  return out;
}
