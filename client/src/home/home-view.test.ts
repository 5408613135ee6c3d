// @vitest-environment node
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { describe, expect, it } from 'vitest';
import { order as wo } from '../maintenance/test-fixtures.ts';
import { myWorkOrders, ordersToReceive } from './home-view.ts';

function po(over: Partial<OrderView> & { id: string }): OrderView {
  return {
    number: null,
    supplier: 'ACME',
    status: 'sent',
    source: 'manual',
    createdAt: '2026-03-01T08:00:00.000Z',
    createdBy: 'maria',
    expectedAt: null,
    note: null,
    sentAt: '2026-03-01T09:00:00.000Z',
    closedAt: null,
    lines: [],
    receipts: [],
    returns: [],
    overdue: false,
    total: 0,
    ...over,
  } as OrderView;
}

describe('ordersToReceive', () => {
  it('lists sent orders due today or before, oldest first, then those with no date', () => {
    const list = ordersToReceive(
      [
        po({ id: 'later', expectedAt: '2026-03-11' }),
        po({ id: 'today', expectedAt: '2026-03-10' }),
        po({ id: 'nodate' }),
        po({ id: 'overdue', expectedAt: '2026-03-02', status: 'partially_received' }),
      ],
      '2026-03-10',
    );
    expect(list.map((d) => [d.order.id, d.due])).toEqual([
      ['overdue', '2026-03-02'],
      ['today', '2026-03-10'],
      ['nodate', null],
    ]);
  });

  it('leaves out drafts, orders received in full, closed and cancelled ones', () => {
    const statuses = ['draft', 'received', 'closed', 'cancelled'] as const;
    const list = ordersToReceive(
      statuses.map((status) => po({ id: status, status, expectedAt: '2026-03-01' })),
      '2026-03-10',
    );
    expect(list).toEqual([]);
  });

  it('takes the earliest line date when the order itself has none', () => {
    const line = (expectedAt: string | null) => ({ expectedAt }) as OrderView['lines'][number];
    const [due] = ordersToReceive(
      [po({ id: 'a', lines: [line('2026-03-12'), line('2026-03-05')] })],
      '2026-03-10',
    );
    expect(due?.due).toBe('2026-03-05');
  });
});

describe('myWorkOrders', () => {
  it('lists my active jobs first, then unassigned ones, by priority then due day', () => {
    const list = myWorkOrders(
      [
        wo({ id: 'free-urgent', priority: 'urgent' }),
        wo({ id: 'mine-low', assignee: 'tom', priority: 'low' }),
        wo({ id: 'mine-high-late', assignee: 'tom', priority: 'high', due: '2026-03-20' }),
        wo({ id: 'mine-high-soon', assignee: 'tom', priority: 'high', due: '2026-03-08' }),
        wo({ id: 'mine-high-nodate', assignee: 'tom', priority: 'high' }),
      ],
      'tom',
    );
    expect(list.map((o) => o.id)).toEqual([
      'mine-high-soon',
      'mine-high-late',
      'mine-high-nodate',
      'mine-low',
      'free-urgent',
    ]);
  });

  it('leaves out someone else’s jobs and finished or cancelled ones', () => {
    const list = myWorkOrders(
      [
        wo({ id: 'theirs', assignee: 'ann' }),
        wo({ id: 'done', assignee: 'tom', status: 'complete' }),
        wo({ id: 'gone', status: 'cancelled' }),
        wo({ id: 'paused', assignee: 'tom', status: 'on_hold' }),
      ],
      'tom',
    );
    expect(list.map((o) => o.id)).toEqual(['paused']);
  });
});
