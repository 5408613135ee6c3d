// @vitest-environment node
import type { Movement } from '@stockroom/shared/ledger/movement';
import { scheduleWorkOrderId } from '@stockroom/shared/maintenance/work-order';
import { ledgerRoom, MAINTENANCE_ROOM, workOrdersRoom } from '@stockroom/shared/sync/rooms';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit/audit-log.ts';
import { LedgerService } from '../ledger/ledger-service.ts';
import { periodViewOf } from '../ledger/period-view.ts';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { ServerWrite } from '../sync/room.ts';
import { RoomRegistry } from '../sync/room-registry.ts';
import { withMaintenance, withWorkOrders } from './maintenance-rooms.ts';
import { PreventiveSchedules, SCHEDULER } from './preventive-schedules.ts';
import { WorkOrderNumbers } from './work-order-numbers.ts';

const log = createLogger('silent');
const CLIENT = new ServerWrite('test-client');
const planner = { user: 'mia', device: 'd1' };

describe('PreventiveSchedules', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function setup(now: string) {
    const store = new MemoryUpdateStore();
    const clock = { now: new Date(now) };
    const rooms = new RoomRegistry({ store, log, idleMs: 60_000 });
    const ledger = new LedgerService(rooms, store, log, { debounceMs: 5, now: () => clock.now });
    const audits: AuditRecord[] = [];
    const numbers = new WorkOrderNumbers(rooms, log);
    const preventive = new PreventiveSchedules(
      {
        rooms,
        ledger,
        audit: { record: (e) => audits.push(e) },
        numbers,
        storedRooms: () => store.rooms(),
        log,
      },
      { debounceMs: 5, now: () => clock.now },
    );
    cleanups.push(() => {
      preventive.close();
      ledger.close();
      rooms.closeAll(1001, 'test over');
    });
    return { store, rooms, ledger, preventive, audits, clock };
  }

  async function receive(rooms: RoomRegistry, period: string, sku: string, quantity: number) {
    const m: Movement = {
      id: `r-${sku}-${quantity}`,
      type: 'receive',
      sku,
      location: 'B-1',
      quantity,
      user: 'ann',
      device: 'd1',
      at: `${period}-01T08:00:00.000Z`,
    };
    await rooms.with(ledgerRoom(period), (room) => {
      room.transact(() => periodViewOf(room).ledger.movements.append(m), CLIENT);
    });
  }

  async function schedule(
    rooms: RoomRegistry,
    now: Date,
    input: { every: number; start: string; reserveDaysAhead?: number; active?: boolean },
  ): Promise<string> {
    return withMaintenance(rooms, (m, room) => {
      if (!m.assets.get('PRESS-1'))
        room.write(() =>
          m.createAsset({ code: 'PRESS-1', name: 'Press', criticality: 'critical' }, planner, now),
        );
      const r = room.write(() =>
        m.createSchedule(
          {
            asset: 'PRESS-1',
            title: 'Lubricate',
            recurrence: { unit: 'days', every: input.every },
            start: input.start,
            parts: [
              { sku: 'BEARING', quantity: 2 },
              { sku: 'FILTER', quantity: 3 },
            ],
            reserveDaysAhead: input.reserveDaysAhead ?? 7,
            active: input.active ?? true,
          },
          planner,
          now,
        ),
      );
      if (!r.ok) throw new Error(r.message);
      return r.value.id;
    });
  }

  it('does nothing, and creates no room, while nobody has written the maintenance room', async () => {
    const { store, preventive } = setup('2026-03-10T09:00:00Z');
    expect(await preventive.run()).toEqual({ created: [], reserved: [] });
    expect(store.has(MAINTENANCE_ROOM)).toBe(false);
    expect(store.rooms().some((r) => r.startsWith('work-orders-'))).toBe(false);
  });

  it('creates the work order due today, numbered, with its parts reserved (a shortage flagged), once', async () => {
    const { rooms, preventive, audits, clock } = setup('2026-03-10T09:00:00Z');
    await receive(rooms, '2026-03', 'BEARING', 5);
    await receive(rooms, '2026-03', 'FILTER', 1);
    const id = await schedule(rooms, clock.now, { every: 14, start: '2026-03-10' });
    const wo = scheduleWorkOrderId(id, '2026-03-10');

    const first = await preventive.run();
    expect(first.created).toEqual([wo]);
    expect(first.reserved).toEqual([
      { wo, sku: 'BEARING', quantity: 2, shortage: false },
      { wo, sku: 'FILTER', quantity: 3, shortage: true },
    ]);
    const order = await withWorkOrders(rooms, 2026, (w) => w.order(wo, clock.now));
    expect(order).toMatchObject({
      number: 'WO-2026-0001',
      schedule: id,
      due: '2026-03-10',
      status: 'open',
      createdBy: SCHEDULER.user,
    });
    expect(order!.parts.map((p) => [p.sku, p.planned, p.reserved, p.shortage])).toEqual([
      ['BEARING', 2, 2, false],
      ['FILTER', 3, 3, true],
    ]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ user: null, action: 'work_order.schedule', subject: `wo:${wo}` });

    // Again (a restart, an hourly run): nothing new, nothing reserved twice.
    expect(await preventive.run()).toEqual({ created: [], reserved: [] });
    expect((await withWorkOrders(rooms, 2026, (w) => w.reservedBySku())).get('FILTER')).toBe(3);
    expect(audits).toHaveLength(1);

    // The next occurrence (14 days on) is created once it is within 7 days.
    clock.now = new Date('2026-03-17T09:00:00Z');
    const later = await preventive.run();
    expect(later.created).toEqual([scheduleWorkOrderId(id, '2026-03-24')]);
    expect(later.reserved.map((r) => [r.sku, r.shortage])).toEqual([
      ['BEARING', false], // 5 on hand − 2 − 2
      ['FILTER', true],
    ]);
  });

  it('puts an occurrence due next year in next year’s room', async () => {
    const { rooms, preventive, clock } = setup('2026-12-30T09:00:00Z');
    const id = await schedule(rooms, clock.now, { every: 7, start: '2027-01-02', reserveDaysAhead: 5 });
    const run = await preventive.run();
    const wo = scheduleWorkOrderId(id, '2027-01-02');
    expect(run.created).toEqual([wo]);
    expect(await withWorkOrders(rooms, 2027, (w) => w.order(wo, clock.now)?.number)).toBe('WO-2027-0001');
    expect(await withWorkOrders(rooms, 2026, (w) => w.orders.size)).toBe(0);
  });

  it('runs when the maintenance room changes, and not for inactive schedules or work orders closed since', async () => {
    const { rooms, preventive, clock } = setup('2026-03-10T09:00:00Z');
    await schedule(rooms, clock.now, { every: 7, start: '2026-03-10', active: false });
    expect((await preventive.run()).created).toEqual([]);

    // Reserving 3 days ahead: only the occurrence due today (the next is a week on).
    const id = await schedule(rooms, clock.now, { every: 7, start: '2026-03-10', reserveDaysAhead: 3 });
    const wo = scheduleWorkOrderId(id, '2026-03-10');
    // The change of the maintenance room triggered a run (debounced).
    await expect
      .poll(() => withWorkOrders(rooms, 2026, (w) => w.orders.has(wo)), { timeout: 2000 })
      .toBe(true);
    await preventive.settle();
    await withWorkOrders(rooms, 2026, (w, room) => {
      const r = room.write(() => w.setStatus(wo, 'cancelled', { actor: planner, now: clock.now }));
      expect(r.ok).toBe(true);
    });
    expect(await preventive.run()).toEqual({ created: [], reserved: [] });
    expect((await withWorkOrders(rooms, 2026, (w) => w.reservedBySku())).size).toBe(0);
    expect(await withWorkOrders(rooms, 2026, (w) => w.room)).toBe(workOrdersRoom(2026));
  });
});
