// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { expectedOf, findOrder, listOrders, mergeViews, orderProgress } from './order-list.ts';
import { clerk, day, sentOrder } from './test-fixtures.ts';

describe('order list', () => {
  it('shows progress net of returns, an over-delivered line counting as full', () => {
    const { room, ledger, id, order } = sentOrder();
    expect(orderProgress(order())).toEqual({ received: 0, ordered: 30 });
    room.receive(
      id,
      'DN-1',
      [
        { line: '1', quantity: 12, location: 'A-01' },
        { line: '2', quantity: 5, location: 'A-01' },
      ],
      ledger,
      { actor: clerk, allowOver: true, now: day('03-04') },
    );
    expect(orderProgress(order())).toEqual({ received: 15, ordered: 30 });
    room.returnGoods(id, 'r1', [{ line: '2', quantity: 2, location: 'A-01', reason: 'damaged' }], ledger, {
      actor: clerk,
    });
    expect(orderProgress(order())).toEqual({ received: 13, ordered: 30 });
  });

  it('filters by status (open = draft, sent, partially received) and supplier, newest first', () => {
    const a = sentOrder();
    const b = sentOrder();
    const orders = mergeViews([a.room.view(), b.room.view()]);
    const all = listOrders(orders.values(), { status: '', supplier: '' });
    expect(all).toHaveLength(2);
    expect(listOrders(orders.values(), { status: 'open', supplier: 'ACME' })).toHaveLength(2);
    expect(listOrders(orders.values(), { status: 'draft', supplier: '' })).toHaveLength(0);
    expect(listOrders(orders.values(), { status: 'sent', supplier: 'OTHER' })).toHaveLength(0);
  });

  it('finds an order by its id (the barcode) or its number in any case', () => {
    const { order } = sentOrder();
    const o = { ...order(), number: 'PO-2026-0007' };
    expect(findOrder([o], o.id)).toBe(o);
    expect(findOrder([o], ` ${o.id}\n`)).toBe(o);
    expect(findOrder([o], 'po-2026-0007')).toBe(o);
    expect(findOrder([o], 'PO-2026-0008')).toBeNull();
    expect(findOrder([o], '')).toBeNull();
  });

  it('says when the goods are due: the order’s day, else the earliest line’s', () => {
    const line = { expectedAt: null as string | null };
    expect(expectedOf({ expectedAt: '2026-03-10', lines: [] })).toBe('2026-03-10');
    expect(
      expectedOf({
        expectedAt: null,
        lines: [{ ...line, expectedAt: '2026-05-01' }, { ...line, expectedAt: '2026-04-01' }, line] as never,
      }),
    ).toBe('2026-04-01');
    expect(expectedOf({ expectedAt: null, lines: [line] as never })).toBeNull();
  });
});
