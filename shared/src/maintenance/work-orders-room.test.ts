// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventCollection } from '../event-collection.ts';
import { Movement } from '../ledger/movement.ts';
import { workOrderReference } from '../ledger/references.ts';
import { StockFold } from '../ledger/stock.ts';
import type { Result } from '../result.ts';
import { dueWorkOrders, type Schedule } from './schedule.ts';
import { nextWorkOrderNumber, partMovementId, type StatusEvent } from './work-order.ts';
import {
  availability,
  availableBySku,
  foldStatus,
  partsCostByAsset,
  reservedByLocation,
  reservedBySku,
} from './work-order-fold.ts';
import { WorkOrdersRoom } from './work-orders-room.ts';

const mia = { user: 'mia', device: 'desk' }; // planner
const tom = { user: 'tom', device: 'phone-t' }; // technician
const at = (day: string, time = '10:00') => new Date(`2026-${day}T${time}:00.000Z`);

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.value;
}

function setup() {
  const doc = new Y.Doc();
  const room = new WorkOrdersRoom(doc, 2026);
  const ledgerDoc = new Y.Doc();
  const ledger = new EventCollection(ledgerDoc, 'movements', Movement, 'ledger-2026-03');
  return { doc, room, ledgerDoc, ledger };
}

const ev = (to: StatusEvent['to'], time: string, id: string): StatusEvent => ({
  id,
  wo: 'w',
  to,
  user: 'mia',
  device: 'desk',
  at: `2026-03-01T${time}:00.000Z`,
});

describe('the status fold', () => {
  it('complete beats cancelled beats everything; otherwise the latest by (at, id)', () => {
    expect(foldStatus([])).toEqual({ status: 'open', at: null });
    expect(foldStatus([ev('in_progress', '10:00', 'a'), ev('on_hold', '11:00', 'b')]).status).toBe('on_hold');
    // Back from on hold to in progress: the later event wins, in any order of arrival.
    const back = [
      ev('in_progress', '10:00', 'a'),
      ev('on_hold', '11:00', 'b'),
      ev('in_progress', '12:00', 'c'),
    ];
    expect(foldStatus(back).status).toBe('in_progress');
    expect(foldStatus([...back].reverse())).toEqual(foldStatus(back));
    // Same instant: the id breaks the tie, on every replica alike.
    expect(foldStatus([ev('on_hold', '10:00', 'b'), ev('in_progress', '10:00', 'a')]).status).toBe('on_hold');
    // Cancelled wins over a later resume; complete wins over a cancel (even a later one).
    expect(foldStatus([ev('cancelled', '10:00', 'x'), ev('in_progress', '12:00', 'y')]).status).toBe(
      'cancelled',
    );
    expect(foldStatus([ev('cancelled', '13:00', 'x'), ev('complete', '12:00', 'y')])).toEqual({
      status: 'complete',
      at: '2026-03-01T12:00:00.000Z',
    });
  });
});

describe('work orders', () => {
  it('move open → in progress ⇄ on hold → complete; complete and cancelled are terminal', () => {
    const { room } = setup();
    const wo = value(
      room.create({ asset: 'PUMP-1', title: 'Replace seal', priority: 'high' }, { actor: mia }),
    );
    expect(wo).toMatchObject({ status: 'open', number: null, priority: 'high', statusAt: null });
    expect(room.setStatus(wo.id, 'complete', { actor: mia })).toMatchObject({
      ok: false,
      kind: 'conflict',
      message: 'a work order open cannot go to complete',
    });
    value(room.setStatus(wo.id, 'in_progress', { actor: mia, now: at('03-01', '10:00') }));
    value(
      room.setStatus(wo.id, 'on_hold', {
        actor: mia,
        now: at('03-01', '11:00'),
        reason: 'waiting for parts',
      }),
    );
    expect(room.setStatus(wo.id, 'complete', { actor: mia })).toMatchObject({ ok: false, kind: 'conflict' });
    value(room.setStatus(wo.id, 'in_progress', { actor: mia, now: at('03-02', '08:00') }));
    expect(value(room.setStatus(wo.id, 'in_progress', { actor: mia })).history).toHaveLength(3); // no-op
    const done = value(room.setStatus(wo.id, 'complete', { actor: mia, now: at('03-02', '12:00') }));
    expect(done).toMatchObject({ status: 'complete', statusAt: '2026-03-02T12:00:00.000Z' });
    expect(done.history.map((h) => h.to)).toEqual(['in_progress', 'on_hold', 'in_progress', 'complete']);
    expect(room.setStatus(wo.id, 'cancelled', { actor: mia })).toMatchObject({
      kind: 'conflict',
      message: 'a complete work order cannot change',
    });
    expect(room.edit(wo.id, { title: 'x' }, { actor: mia })).toMatchObject({ kind: 'conflict' });
    const other = value(room.create({ asset: 'PUMP-1', title: 'x' }, { actor: mia }));
    expect(value(room.setStatus(other.id, 'cancelled', { actor: mia })).status).toBe('cancelled');
    expect(room.setStatus(other.id, 'in_progress', { actor: mia })).toMatchObject({ kind: 'conflict' });
  });

  it('edits are one value per field; null clears; unknown fields and bad values are refused in plain words', () => {
    const { room } = setup();
    const wo = value(
      room.create(
        { asset: 'PUMP-1', title: 'Inspect', description: 'look at it', due: '2026-03-10', assignee: 'tom' },
        { actor: mia },
      ),
    );
    const edited = value(
      room.edit(wo.id, { title: 'Inspect pump', due: null, priority: 'urgent' }, { actor: mia }),
    );
    expect(edited).toMatchObject({ title: 'Inspect pump', due: null, priority: 'urgent', assignee: 'tom' });
    expect(room.edits.size).toBe(3);
    value(room.edit(wo.id, { title: 'Inspect pump' }, { actor: mia })); // unchanged: nothing written
    expect(room.edits.size).toBe(3);
    expect(room.edit(wo.id, { due: '2026-02-30' }, { actor: mia })).toMatchObject({
      kind: 'invalid',
      message: 'due: must be a date (YYYY-MM-DD)',
    });
    expect(room.edit(wo.id, { asset: 'X' } as never, { actor: mia })).toMatchObject({ kind: 'invalid' });
    expect(room.create({ asset: 'PUMP-1', title: '' }, { actor: mia })).toMatchObject({
      kind: 'invalid',
      message: 'title: is required',
    });
    expect(
      room.create({ asset: 'NOPE', title: 'x' }, { actor: mia, assetExists: () => false }),
    ).toMatchObject({
      kind: 'not_found',
    });
    // Planned parts: one value per SKU; 0 takes a part off the plan.
    value(
      room.planParts(
        wo.id,
        [
          { sku: 'SEAL', quantity: 2 },
          { sku: 'OIL', quantity: 1 },
        ],
        { actor: mia },
      ),
    );
    value(room.planParts(wo.id, [{ sku: 'OIL', quantity: 0 }], { actor: mia }));
    expect(room.order(wo.id)!.parts.map((p) => [p.sku, p.planned])).toEqual([['SEAL', 2]]);
    expect(room.planParts(wo.id, [{ sku: 'SEAL', quantity: -1 }], { actor: mia })).toMatchObject({
      kind: 'invalid',
      message: 'parts.0.quantity: must not be negative',
    });
    // Overdue: due before today, not terminal.
    value(room.edit(wo.id, { due: '2026-03-01' }, { actor: mia }));
    expect(room.order(wo.id, at('03-02'))!.overdue).toBe(true);
    expect(room.order(wo.id, at('03-01'))!.overdue).toBe(false);
  });

  it('reservations: more than available fails unless confirmed as a shortage; release never below zero', () => {
    const { room } = setup();
    const wo = value(
      room.create(
        { asset: 'PUMP-1', title: 'Overhaul', parts: [{ sku: 'SEAL', quantity: 4 }] },
        { actor: mia },
      ),
    );
    expect(wo.parts).toEqual([
      {
        sku: 'SEAL',
        planned: 4,
        reserved: 0,
        reservedAt: [],
        issued: 0,
        returned: 0,
        cost: 0,
        shortage: false,
      },
    ]);
    expect(room.reserve(wo.id, { sku: 'SEAL', quantity: 4 }, 3, { actor: mia })).toMatchObject({
      ok: false,
      kind: 'insufficient',
      message:
        'only 3 of SEAL are available: reserving 4 would leave the work order short — confirm to reserve it anyway as a shortage',
    });
    expect(room.reserve(wo.id, { sku: 'SEAL', quantity: 4 }, 0, { actor: mia })).toMatchObject({
      message: expect.stringMatching(/^none of SEAL is available \(0\)/),
    });
    const short = value(
      room.reserve(wo.id, { sku: 'SEAL', quantity: 4 }, 3, { actor: mia, allowShortage: true }),
    );
    expect(short.reservation).toMatchObject({ quantity: 4, shortage: true });
    expect(short.order.parts[0]).toMatchObject({ reserved: 4, shortage: true });
    // A retried form with the same request id reserves once.
    value(
      room.reserve(wo.id, { sku: 'BOLT', quantity: 10, request: 'r1', location: 'A-1' }, 50, { actor: mia }),
    );
    expect(
      value(
        room.reserve(wo.id, { sku: 'BOLT', quantity: 10, request: 'r1', location: 'A-1' }, 40, {
          actor: mia,
        }),
      ).alreadyPosted,
    ).toBe(true);
    expect(room.order(wo.id)!.parts.find((p) => p.sku === 'BOLT')!.reserved).toBe(10);
    expect(room.release(wo.id, { sku: 'BOLT', quantity: 11 }, { actor: mia })).toMatchObject({
      kind: 'conflict',
      message: 'only 10 of BOLT is reserved for this work order',
    });
    value(room.release(wo.id, { sku: 'BOLT', quantity: 4 }, { actor: mia }));
    value(room.release(wo.id, { sku: 'BOLT' }, { actor: mia })); // the rest
    expect(room.order(wo.id)!.parts.find((p) => p.sku === 'BOLT')!.reserved).toBe(0);
    expect(room.release(wo.id, { sku: 'BOLT' }, { actor: mia })).toMatchObject({ kind: 'conflict' });

    // Availability: on hand − reserved, negative when short.
    const onHand = new Map([
      ['SEAL', 3],
      ['OIL', 5],
    ]);
    expect(room.availability(onHand)).toEqual([
      { sku: 'OIL', onHand: 5, reserved: 0, available: 5 },
      { sku: 'SEAL', onHand: 3, reserved: 4, available: -1 },
    ]);
    // Completing or cancelling releases what is still reserved.
    value(room.setStatus(wo.id, 'cancelled', { actor: mia }));
    expect(room.order(wo.id)!.parts[0]).toMatchObject({ reserved: 0, shortage: false });
    expect(room.reservedBySku()).toEqual(new Map());
    expect(room.reserve(wo.id, { sku: 'SEAL', quantity: 1 }, 10, { actor: mia })).toMatchObject({
      kind: 'conflict',
    });
  });

  it('issuing consumes the reservation first; issue and return write the ledger, once per request', () => {
    const { room, ledger } = setup();
    const wo = value(room.create({ asset: 'PUMP-1', title: 'Overhaul' }, { actor: mia }));
    value(room.reserve(wo.id, { sku: 'SEAL', quantity: 5, location: 'A-1' }, 10, { actor: mia }));
    const issue = { request: 'req-1', sku: 'SEAL', quantity: 3, location: 'A-1', unitCost: 2.5 };
    const first = value(room.issue(wo.id, issue, ledger, { actor: tom, now: at('03-03') }));
    expect(first.alreadyPosted).toBe(false);
    expect(first.order.parts[0]).toMatchObject({ reserved: 2, issued: 3, returned: 0, cost: 7.5 });
    expect(first.order.parts[0]!.reservedAt).toEqual([{ location: 'A-1', reserved: 2 }]);
    // A retry, or the same request replayed offline: nothing more.
    const again = value(room.issue(wo.id, issue, ledger, { actor: tom, now: at('03-04') }));
    expect(again.alreadyPosted).toBe(true);
    expect(room.parts.size).toBe(1);
    expect([...ledger.values()]).toEqual([
      {
        id: partMovementId(wo.id, 'req-1'),
        type: 'issue',
        sku: 'SEAL',
        location: 'A-1',
        quantity: 3,
        reference: workOrderReference(wo.id),
        user: 'tom',
        device: 'phone-t',
        at: '2026-03-03T10:00:00.000Z',
      },
    ]);
    // Issuing beyond the reservation is fine; reserved stays at 0, never negative.
    value(
      room.issue(wo.id, { ...issue, request: 'req-2', quantity: 4, unitCost: 3 }, ledger, { actor: tom }),
    );
    expect(room.order(wo.id)!.parts[0]).toMatchObject({ reserved: 0, issued: 7, cost: 19.5 });
    // With stock on hand given, not more than is there.
    expect(
      room.issue(wo.id, { ...issue, request: 'req-3', quantity: 2 }, ledger, { actor: tom, onHand: 1 }),
    ).toMatchObject({ kind: 'insufficient', message: 'only 1 of SEAL on hand at A-1' });

    // Returns: never more than net issued, at the average issue cost by default.
    expect(
      room.returnPart(wo.id, { request: 'ret-1', sku: 'SEAL', quantity: 8, location: 'A-1' }, ledger, {
        actor: tom,
      }),
    ).toMatchObject({
      kind: 'conflict',
      message: 'only 7 of SEAL was issued to this work order and not returned',
    });
    expect(
      room.returnPart(wo.id, { request: 'ret-x', sku: 'OIL', quantity: 1, location: 'A-1' }, ledger, {
        actor: tom,
      }),
    ).toMatchObject({ kind: 'conflict', message: 'no OIL was issued to this work order' });
    const ret = value(
      room.returnPart(wo.id, { request: 'ret-1', sku: 'SEAL', quantity: 2, location: 'B-1' }, ledger, {
        actor: tom,
      }),
    );
    expect(ret.record).toMatchObject({ kind: 'return', unitCost: 2.785714 });
    expect(
      value(
        room.returnPart(wo.id, { request: 'ret-1', sku: 'SEAL', quantity: 2, location: 'B-1' }, ledger, {
          actor: tom,
        }),
      ).alreadyPosted,
    ).toBe(true);
    // A request id used for an issue is not a return.
    expect(
      room.returnPart(wo.id, { request: 'req-1', sku: 'SEAL', quantity: 1, location: 'A-1' }, ledger, {
        actor: tom,
      }),
    ).toMatchObject({ kind: 'conflict' });
    const after = room.order(wo.id)!;
    // reserved = max(0, 5 − (7 − 2)) = 0; cost = 7.5 + 12 − 2 × 2.785714
    expect(after.parts[0]).toMatchObject({ reserved: 0, issued: 7, returned: 2, cost: 13.9286 });
    expect(after.totalCost).toBe(13.9286);
    const movements = [...ledger.values()];
    expect(movements.map((m) => [m.type, m.quantity, m.location, m.reference])).toEqual([
      ['issue', 3, 'A-1', `wo:${wo.id}`],
      ['issue', 4, 'A-1', `wo:${wo.id}`],
      ['receive', 2, 'B-1', `wo:${wo.id}`],
    ]);
    expect(
      new StockFold([{ sku: 'SEAL', location: 'A-1', quantity: 10 }]).applyAll(movements).totalsBySku(),
    ).toEqual(new Map([['SEAL', 5]]));
    // A complete work order takes no more parts, nor returns.
    value(room.setStatus(wo.id, 'in_progress', { actor: mia }));
    value(room.setStatus(wo.id, 'complete', { actor: mia }));
    expect(room.issue(wo.id, { ...issue, request: 'req-9' }, ledger, { actor: tom })).toMatchObject({
      kind: 'conflict',
      message: 'a complete work order cannot do that',
    });
  });

  it('a ledger movement written before a crash is still one when the issue is replayed', () => {
    const { room, ledger } = setup();
    const wo = value(room.create({ asset: 'PUMP-1', title: 'Fix' }, { actor: mia }));
    const issue = { request: 'req-1', sku: 'SEAL', quantity: 1, location: 'A-1', unitCost: 1 };
    // The device wrote the movement, then stopped before the part record (simulated: the record removed).
    value(room.issue(wo.id, issue, ledger, { actor: tom }));
    room.doc.transact(() => room.parts.map.delete([...room.parts.map.keys()][0]!));
    expect(room.parts.size).toBe(0);
    value(room.issue(wo.id, issue, ledger, { actor: tom }));
    expect(room.parts.size).toBe(1);
    expect(ledger.size).toBe(1);
  });

  it('reserved per SKU and per SKU × location across work orders; parts cost per asset over a period', () => {
    const { room, ledger } = setup();
    const a = value(room.create({ asset: 'PUMP-1', title: 'a' }, { actor: mia }));
    const b = value(room.create({ asset: 'PUMP-2', title: 'b' }, { actor: mia }));
    value(room.reserve(a.id, { sku: 'SEAL', quantity: 3, location: 'A-1' }, 100, { actor: mia }));
    value(room.reserve(a.id, { sku: 'SEAL', quantity: 2 }, 100, { actor: mia }));
    value(room.reserve(b.id, { sku: 'SEAL', quantity: 4, location: 'B-1' }, 100, { actor: mia }));
    value(room.reserve(b.id, { sku: 'OIL', quantity: 1.5, location: 'A-1' }, 100, { actor: mia }));
    // 1 issued from A-1 for a: A-1 keeps 2, 2 without a location.
    value(
      room.issue(a.id, { request: 'i1', sku: 'SEAL', quantity: 1, location: 'A-1', unitCost: 10 }, ledger, {
        actor: tom,
        now: at('03-05'),
      }),
    );
    // 3 issued from C-9 for b (not where it was reserved): b's 4 at B-1 shrink to its 1 reserved.
    value(
      room.issue(b.id, { request: 'i2', sku: 'SEAL', quantity: 3, location: 'C-9', unitCost: 10 }, ledger, {
        actor: tom,
        now: at('04-02'),
      }),
    );
    const orders = [...room.view().values()];
    expect(reservedBySku(orders)).toEqual(
      new Map([
        ['OIL', 1.5],
        ['SEAL', 5],
      ]),
    );
    expect(reservedByLocation(orders)).toEqual([
      { sku: 'OIL', location: 'A-1', reserved: 1.5 },
      { sku: 'SEAL', location: 'A-1', reserved: 2 },
      { sku: 'SEAL', location: 'B-1', reserved: 1 },
      { sku: 'SEAL', location: null, reserved: 2 },
    ]);
    const lines = availability(
      new Map([
        ['SEAL', 4],
        ['OIL', 2],
      ]),
      reservedBySku(orders),
    );
    expect(availableBySku(lines)).toEqual(
      new Map([
        ['OIL', 0.5],
        ['SEAL', -1],
      ]),
    );
    expect(partsCostByAsset(orders, '2026-03-01', '2026-03-31')).toEqual(new Map([['PUMP-1', 10]]));
    expect(partsCostByAsset(orders, '2026-03-01', '2026-04-30')).toEqual(
      new Map([
        ['PUMP-1', 10],
        ['PUMP-2', 30],
      ]),
    );
  });

  it('a schedule’s occurrence created on two nodes is one work order; the server numbers it', () => {
    const schedule: Schedule = {
      id: 'sch-1',
      asset: 'PUMP-1',
      title: 'Grease',
      recurrence: { unit: 'days', every: 7 },
      start: '2026-03-02',
      parts: [{ sku: 'GREASE', quantity: 1 }],
      reserveDaysAhead: 7,
      priority: 'low',
      active: true,
      createdAt: '2026-03-01T00:00:00.000Z',
      createdBy: 'mia',
    };
    const [due] = dueWorkOrders(schedule, '2026-03-01');
    const one = setup();
    const two = setup();
    const server = { user: 'server', device: 'node-1' };
    expect(
      value(one.room.createFromSchedule(due!, { actor: server, now: at('03-01', '00:05') })).created,
    ).toBe(true);
    expect(value(one.room.createFromSchedule(due!, { actor: server })).created).toBe(false);
    value(
      two.room.createFromSchedule(due!, {
        actor: { user: 'server', device: 'node-2' },
        now: at('03-01', '00:06'),
      }),
    );
    Y.applyUpdate(one.doc, Y.encodeStateAsUpdate(two.doc));
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    expect(one.room.orders.size).toBe(1);
    const wo = one.room.order(due!.id)!;
    expect(wo).toMatchObject({ schedule: 'sch-1', due: '2026-03-02', priority: 'low', title: 'Grease' });
    expect(wo.parts).toMatchObject([{ sku: 'GREASE', planned: 1 }]);
    expect(two.room.view()).toEqual(one.room.view());
    const wrongYear = new WorkOrdersRoom(new Y.Doc(), 2027);
    expect(wrongYear.createFromSchedule(due!, { actor: server })).toMatchObject({ kind: 'invalid' });

    const number = nextWorkOrderNumber(2026, ['WO-2026-0009', 'WO-2025-0100', 'WO-2026-0011']);
    expect(number).toBe('WO-2026-0012');
    one.room.setNumber(due!.id, number);
    one.room.setNumber(due!.id, 'WO-2026-0099'); // numbered once
    expect(one.room.order(due!.id)!.number).toBe('WO-2026-0012');
    expect(nextWorkOrderNumber(2026, [])).toBe('WO-2026-0001');
  });
});
