import { can, type Permission } from '../access/permissions.ts';
import {
  allOf,
  fieldOf,
  keyedById,
  type MapRule,
  parsed,
  type Refusal,
  type RoomRules,
  type RuleView,
  stampedBy,
  type Writer,
} from '../sync/write-rules.ts';
import {
  lineKey,
  OrderCreated,
  OrderLine,
  OrderState,
  orderStateId,
  Receipt,
  receiptId,
  receiptMovementId,
  returnId,
  returnMovementId,
  SupplierReturn,
} from './purchase-order.ts';

const requires = (w: Writer, p: Permission, what: string): Refusal =>
  can(w.role, p) ? null : `only ${what}`;
const MANAGERS = 'purchasing managers write this';
const RECEIVERS = 'people who receive goods write this';

/** Where the order stands, from the held states: what a line edit or a receipt may still do. */
function stateOf(po: string, view: RuleView): 'missing' | 'draft' | 'sent' | 'closed' | 'cancelled' {
  if (view.get('orders', po) === undefined) return 'missing';
  if (view.get('states', orderStateId(po, 'closed')) !== undefined) return 'closed';
  if (view.get('states', orderStateId(po, 'cancelled')) !== undefined) return 'cancelled';
  return view.get('states', orderStateId(po, 'sent')) !== undefined ? 'sent' : 'draft';
}

function managersAppend(schema: Parameters<typeof parsed>[0], what: string): MapRule {
  return {
    mode: 'append',
    add(value, key, writer) {
      const p = parsed(schema, value, what);
      if ('refusal' in p) return p.refusal;
      return allOf(
        requires(writer, 'purchasing.manage', MANAGERS),
        keyedById(value, key),
        stampedBy(value, writer),
      );
    },
    // State ids come from their cause: two managers sending one order at once write one.
    replace: (_held, _incoming, writer) => requires(writer, 'purchasing.manage', MANAGERS),
  };
}

/**
 * `purchasing-YYYY`: managers draft orders, edit their lines while they are drafts, send,
 * close and cancel them; people who receive goods post receipts and returns against sent
 * orders, stamped in their own name, with ids derived from their cause; the server numbers
 * orders.
 */
export const purchasingRules: RoomRules = {
  maps: {
    orders: managersAppend(OrderCreated, 'purchase order'),
    states: {
      ...managersAppend(OrderState, 'order state'),
      add(value, key, writer, view) {
        const p = parsed(OrderState, value, 'order state');
        if ('refusal' in p) return p.refusal;
        const s = p.value;
        return allOf(
          requires(writer, 'purchasing.manage', MANAGERS),
          keyedById(value, key),
          stampedBy(value, writer),
          key === orderStateId(s.po, s.to) ? null : 'not a state id',
          stateOf(s.po, view) === 'missing' ? 'no such order' : null,
        );
      },
    },
    lines: {
      mode: 'fields',
      add(value, key, writer, view) {
        const p = parsed(OrderLine, value, 'order line');
        if ('refusal' in p) return p.refusal;
        const l = p.value;
        const state = stateOf(l.po, view);
        return allOf(
          requires(writer, 'purchasing.manage', MANAGERS),
          key === lineKey(l.po, l.line) ? null : 'its key is not its order and line',
          stampedBy(value, writer),
          state === 'draft' ? null : state === 'missing' ? 'no such order' : 'only a draft’s lines change',
        );
      },
    },
    numbers: { mode: 'server' },
    receipts: {
      mode: 'append',
      add(value, key, writer, view) {
        const p = parsed(Receipt, value, 'receipt');
        if ('refusal' in p) return p.refusal;
        const r = p.value;
        return allOf(
          requires(writer, 'purchasing.receive', RECEIVERS),
          keyedById(value, key),
          stampedBy(value, writer),
          key === receiptId(r.po, r.delivery, r.line) ? null : 'not a receipt id',
          r.movement === receiptMovementId(r.po, r.delivery, r.line) ? null : 'not its movement id',
          view.get('lines', lineKey(r.po, r.line)) === undefined ? 'no such order line' : null,
          stateOf(r.po, view) === 'sent' ? null : 'only a sent order is received',
        );
      },
      // One delivery posted by two people: either copy stays (same lines, same quantities intended).
      replace: (held, incoming, writer) =>
        requires(writer, 'purchasing.receive', RECEIVERS) ??
        (fieldOf(held, 'delivery') === fieldOf(incoming, 'delivery') ? null : 'another delivery'),
    },
    returns: {
      mode: 'append',
      add(value, key, writer, view) {
        const p = parsed(SupplierReturn, value, 'return');
        if ('refusal' in p) return p.refusal;
        const r = p.value;
        const state = stateOf(r.po, view);
        return allOf(
          requires(writer, 'purchasing.receive', RECEIVERS),
          keyedById(value, key),
          stampedBy(value, writer),
          key === returnId(r.po, r.request, r.line) ? null : 'not a return id',
          r.movement === returnMovementId(r.po, r.request, r.line) ? null : 'not its movement id',
          state === 'sent' || state === 'closed' ? null : 'nothing was received on this order',
        );
      },
    },
  },
};
