import {
  fieldOf,
  type MapRule,
  type RoomRules,
  type RuleView,
  requires,
  type StampedRule,
  stampedAdd,
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

const MANAGERS = 'purchasing managers write this';
const RECEIVERS = 'people who receive goods write this';
const byManagers = { permission: 'purchasing.manage', who: MANAGERS } as const;
const byReceivers = { permission: 'purchasing.receive', who: RECEIVERS } as const;

/** Where the order stands, from the held states: what a line edit or a receipt may still do. */
function stateOf(po: string, view: RuleView): 'missing' | 'draft' | 'sent' | 'closed' | 'cancelled' {
  if (view.get('orders', po) === undefined) return 'missing';
  if (view.get('states', orderStateId(po, 'closed')) !== undefined) return 'closed';
  if (view.get('states', orderStateId(po, 'cancelled')) !== undefined) return 'cancelled';
  return view.get('states', orderStateId(po, 'sent')) !== undefined ? 'sent' : 'draft';
}

function managersAppend<T>(rule: Omit<StampedRule<T>, 'permission' | 'who'>): MapRule {
  return {
    mode: 'append',
    add: stampedAdd({ ...rule, ...byManagers }),
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
    orders: managersAppend({ schema: OrderCreated, what: 'purchase order' }),
    states: managersAppend({
      schema: OrderState,
      what: 'order state',
      also: (s, key, view) => [
        key === orderStateId(s.po, s.to) ? null : 'not a state id',
        stateOf(s.po, view) === 'missing' ? 'no such order' : null,
      ],
    }),
    lines: {
      mode: 'fields',
      add: stampedAdd({
        schema: OrderLine,
        what: 'order line',
        ...byManagers,
        key: (l, key) => (key === lineKey(l.po, l.line) ? null : 'its key is not its order and line'),
        also: (l, _key, view) => {
          const state = stateOf(l.po, view);
          return [
            state === 'draft' ? null : state === 'missing' ? 'no such order' : 'only a draft’s lines change',
          ];
        },
      }),
    },
    numbers: { mode: 'server' },
    receipts: {
      mode: 'append',
      add: stampedAdd({
        schema: Receipt,
        what: 'receipt',
        ...byReceivers,
        also: (r, key, view) => [
          key === receiptId(r.po, r.delivery, r.line) ? null : 'not a receipt id',
          r.movement === receiptMovementId(r.po, r.delivery, r.line) ? null : 'not its movement id',
          view.get('lines', lineKey(r.po, r.line)) === undefined ? 'no such order line' : null,
          stateOf(r.po, view) === 'sent' ? null : 'only a sent order is received',
        ],
      }),
      // One delivery posted by two people: either copy stays (same lines, same quantities intended).
      replace: (held, incoming, writer) =>
        requires(writer, 'purchasing.receive', RECEIVERS) ??
        (fieldOf(held, 'delivery') === fieldOf(incoming, 'delivery') ? null : 'another delivery'),
    },
    returns: {
      mode: 'append',
      add: stampedAdd({
        schema: SupplierReturn,
        what: 'return',
        ...byReceivers,
        also: (r, key, view) => {
          const state = stateOf(r.po, view);
          return [
            key === returnId(r.po, r.request, r.line) ? null : 'not a return id',
            r.movement === returnMovementId(r.po, r.request, r.line) ? null : 'not its movement id',
            state === 'sent' || state === 'closed' ? null : 'nothing was received on this order',
          ];
        },
      }),
    },
  },
};
