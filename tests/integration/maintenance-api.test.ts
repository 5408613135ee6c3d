// @vitest-environment node
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { periodOf } from '@stockroom/shared/ledger/period';
import { utcDay } from '@stockroom/shared/maintenance/days';
import { scheduleWorkOrderId } from '@stockroom/shared/maintenance/work-order';
import { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { PeriodStatsRoom } from '@stockroom/shared/reports/period-stats-room';
import { ledgerRoom, statsRoom, workOrdersRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { TEST_DEVICE } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

interface Part {
  sku: string;
  planned: number;
  reserved: number;
  issued: number;
  returned: number;
  cost: number;
  shortage: boolean;
}

/** One part line of a work order as the API shows it. */
const partOf = (order: { parts: Part[] }, sku: string) => order.parts.find((p) => p.sku === sku);

describe('maintenance over the HTTP API and sync (real server, real SQLite)', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let planner: ApiClient;
  let tech: ApiClient;
  let clerk: ApiClient;
  const clients: SyncClient[] = [];
  const year = new Date().getUTCFullYear();

  const availability = async (sku: string) => (await tech.get(`/api/stock/availability?sku=${sku}`)).body[0];

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    planner = await userWithRole(server, admin, 'mia', 'manager');
    tech = await userWithRole(server, admin, 'tom', 'technician');
    clerk = await userWithRole(server, admin, 'clara', 'clerk');
    const ok = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      if (r.status !== 201) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await ok(admin.post('/api/locations', { code: 'PLANT', kind: 'site' }));
    await ok(admin.post('/api/locations', { code: 'B-1', kind: 'bin', parent: 'PLANT' }));
    await ok(admin.post('/api/locations', { code: 'B-2', kind: 'bin', parent: 'PLANT' }));
    await ok(admin.post('/api/items', { sku: 'BEARING', name: 'Bearing 6204', unitCost: 9 }));
    await ok(admin.post('/api/items', { sku: 'FILTER', name: 'Oil filter', unitCost: 4 }));
    await ok(admin.post('/api/items', { sku: 'SEAL', name: 'Seal kit', tracking: 'lot', unitCost: 3 }));
    // Received at two different costs: the moving average is (10 × 2 + 10 × 3) / 20 = 2.5.
    await ok(
      admin.post('/api/movements', {
        type: 'receive',
        sku: 'BEARING',
        location: 'B-1',
        quantity: 10,
        unitCost: 2,
      }),
    );
    await ok(
      admin.post('/api/movements', {
        type: 'receive',
        sku: 'BEARING',
        location: 'B-1',
        quantity: 10,
        unitCost: 3,
      }),
    );
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('creates assets in a tree with spares; bad input is 400 per field, unknown references 404; technicians may not', async () => {
    expect((await planner.post('/api/assets', { code: 'LINE-1', name: 'Packing line 1' })).status).toBe(201);
    const press = await planner.post('/api/assets', {
      code: 'PRESS-1',
      name: 'Press 1',
      parent: 'LINE-1',
      location: 'PLANT',
      criticality: 'critical',
      barcode: 'TAG-PRESS-1',
      spares: [{ sku: 'BEARING', quantity: 4 }],
    });
    expect(press.status, JSON.stringify(press.body)).toBe(201);
    expect(press.body).toMatchObject({
      code: 'PRESS-1',
      parent: 'LINE-1',
      criticality: 'critical',
      active: true,
    });

    const bad = await planner.post('/api/assets', {
      code: 'X-1',
      criticality: 'vital',
      spares: [{ sku: 'BEARING', quantity: 0 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['criticality', 'name', 'spares.0.quantity'].sort(),
    );
    expect((await planner.post('/api/assets', { code: 'X-1', name: 'X', parent: 'NOPE' })).status).toBe(404);
    const noSku = await planner.post('/api/assets', {
      code: 'X-1',
      name: 'X',
      spares: [{ sku: 'NOPE', quantity: 1 }],
    });
    expect(noSku.status).toBe(404);
    expect(noSku.body.fields[0].path).toBe('spares.0.sku');
    expect((await planner.post('/api/assets', { code: 'X-1', name: 'X', location: 'NOWHERE' })).status).toBe(
      404,
    );
    expect((await planner.post('/api/assets', { code: 'PRESS-1', name: 'Again' })).status).toBe(409);
    expect(
      (await planner.post('/api/assets', { code: 'X-2', name: 'X', barcode: 'TAG-PRESS-1' })).status,
    ).toBe(409);
    expect((await tech.post('/api/assets', { code: 'T-1', name: 'By a technician' })).status).toBe(403);
    expect((await tech.patch('/api/assets/PRESS-1', { name: 'Renamed' })).status).toBe(403);

    const patched = await planner.patch('/api/assets/LINE-1', { criticality: 'high' });
    expect(patched.status).toBe(200);
    expect(patched.body.criticality).toBe('high');
    expect((await planner.patch('/api/assets/LINE-1', { parent: 'PRESS-1' })).status).toBe(400); // a cycle
    expect((await planner.patch('/api/assets/NOPE', { name: 'x' })).status).toBe(404);

    const list = await tech.get('/api/assets');
    expect(list.status).toBe(200);
    expect(list.body.map((a: { code: string }) => a.code)).toEqual(['LINE-1', 'PRESS-1']);
    const byTag = await tech.get('/api/assets?barcode=TAG-PRESS-1');
    expect(byTag.body.map((a: { code: string }) => a.code)).toEqual(['PRESS-1']);
    expect((await tech.get('/api/assets/NOPE')).status).toBe(404);
  });

  let woId = '';

  it('opens a numbered work order with planned parts; planners only; bad input 400, unknown asset or item 404', async () => {
    const bad = await planner.post('/api/work-orders', {
      asset: 'PRESS-1',
      priority: 'asap',
      due: '2026-13-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['due', 'priority', 'title']);
    expect((await planner.post('/api/work-orders', { asset: 'NOPE', title: 'x' })).status).toBe(404);
    const noItem = await planner.post('/api/work-orders', {
      asset: 'PRESS-1',
      title: 'x',
      parts: [{ sku: 'NOPE', quantity: 1 }],
    });
    expect(noItem.status).toBe(404);
    expect(noItem.body.fields[0].path).toBe('parts.0.sku');
    expect((await tech.post('/api/work-orders', { asset: 'PRESS-1', title: 'By a technician' })).status).toBe(
      403,
    );
    expect((await clerk.post('/api/work-orders', { asset: 'PRESS-1', title: 'By a clerk' })).status).toBe(
      403,
    );

    const res = await planner.post('/api/work-orders', {
      asset: 'PRESS-1',
      title: 'Replace main bearings',
      priority: 'high',
      due: '2030-01-15',
      parts: [{ sku: 'BEARING', quantity: 6 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      number: `WO-${year}-0001`,
      status: 'open',
      asset: 'PRESS-1',
      priority: 'high',
      parts: [{ sku: 'BEARING', planned: 6, reserved: 0, issued: 0, returned: 0, cost: 0 }],
      totalCost: 0,
    });
    woId = res.body.id;
    const byNumber = await tech.get(`/api/work-orders/WO-${year}-0001`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.id).toBe(woId);
    expect((await tech.get('/api/work-orders/nope')).status).toBe(404);
  });

  it('reserves parts; short without allowShortage is 409 naming what is available; a shortage is flagged and released', async () => {
    expect(
      (await tech.post(`/api/work-orders/${woId}/reservations`, { sku: 'BEARING', quantity: 6 })).status,
    ).toBe(403);
    const reserved = await planner.post(`/api/work-orders/${woId}/reservations`, {
      sku: 'BEARING',
      quantity: 6,
      location: 'B-1',
      request: 'res-1',
    });
    expect(reserved.status, JSON.stringify(reserved.body)).toBe(201);
    expect(partOf(reserved.body, 'BEARING')).toMatchObject({ planned: 6, reserved: 6, shortage: false });
    const again = await planner.post(`/api/work-orders/${woId}/reservations`, {
      sku: 'BEARING',
      quantity: 6,
      location: 'B-1',
      request: 'res-1',
    });
    expect(again.status).toBe(200);
    expect(partOf(again.body, 'BEARING')!.reserved).toBe(6);
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 20, reserved: 6, available: 14 });

    const other = (await planner.post('/api/work-orders', { asset: 'LINE-1', title: 'Overhaul' })).body;
    expect(other.number).toBe(`WO-${year}-0002`);
    const short = await planner.post(`/api/work-orders/${other.id}/reservations`, {
      sku: 'BEARING',
      quantity: 20,
    });
    expect(short.status).toBe(409);
    expect(short.body.message).toMatch(/only 14 of BEARING are available/);
    const flagged = await planner.post(`/api/work-orders/${other.id}/reservations`, {
      sku: 'BEARING',
      quantity: 20,
      allowShortage: true,
    });
    expect(flagged.status).toBe(201);
    expect(partOf(flagged.body, 'BEARING')).toMatchObject({ reserved: 20, shortage: true });
    expect(await availability('BEARING')).toEqual({
      sku: 'BEARING',
      onHand: 20,
      reserved: 26,
      available: -6,
    });
    const critical = (await tech.get('/api/critical-spares')).body;
    expect(critical).toEqual([
      { sku: 'BEARING', minimum: 4, available: -6, shortfall: 10, assets: ['PRESS-1'] },
    ]);

    const released = await planner.delete(`/api/work-orders/${other.id}/reservations/BEARING`);
    expect(released.status).toBe(200);
    expect(partOf(released.body, 'BEARING')).toMatchObject({ reserved: 0, shortage: false });
    expect((await planner.delete(`/api/work-orders/${other.id}/reservations/BEARING`)).status).toBe(409);
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 20, reserved: 6, available: 14 });
    expect((await tech.get('/api/critical-spares')).body).toEqual([]);
  });

  it('a technician issues and returns parts at the moving-average cost; a retried request counts once', async () => {
    const issue = { request: 'req-1', sku: 'BEARING', quantity: 4, location: 'B-1' };
    const first = await tech.post(`/api/work-orders/${woId}/issues`, issue);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(partOf(first.body, 'BEARING')).toMatchObject({
      planned: 6,
      reserved: 2,
      issued: 4,
      returned: 0,
      cost: 10,
    });
    expect(first.body.totalCost).toBe(10);
    const retry = await tech.post(`/api/work-orders/${woId}/issues`, issue);
    expect(retry.status).toBe(200);
    expect(partOf(retry.body, 'BEARING')).toMatchObject({ issued: 4, cost: 10 });

    // Three copies of one request at once (a double tap and a retry): one issue.
    const three = await Promise.all(
      [tech, tech, clerk].map((c) =>
        c.post(`/api/work-orders/${woId}/issues`, {
          request: 'req-2',
          sku: 'BEARING',
          quantity: 1,
          location: 'B-1',
        }),
      ),
    );
    expect(three.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const after = (await tech.get(`/api/work-orders/${woId}`)).body;
    expect(partOf(after, 'BEARING')).toMatchObject({ reserved: 1, issued: 5, returned: 0, cost: 12.5 });
    expect(after.records.map((r: { request: string; unitCost: number }) => [r.request, r.unitCost])).toEqual([
      ['req-1', 2.5],
      ['req-2', 2.5],
    ]);
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 15, reserved: 1, available: 14 });

    const bad = await tech.post(`/api/work-orders/${woId}/issues`, {
      request: 'has space',
      sku: 'BEARING',
      quantity: -1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'location',
      'quantity',
      'request',
    ]);
    const noItem = { request: 'req-x', sku: 'NOPE', quantity: 1, location: 'B-1' };
    expect((await tech.post(`/api/work-orders/${woId}/issues`, noItem)).status).toBe(404);
    expect((await tech.post('/api/work-orders/nope/issues', { ...noItem, sku: 'BEARING' })).status).toBe(404);
    const lot = await tech.post(`/api/work-orders/${woId}/issues`, {
      request: 'req-x',
      sku: 'SEAL',
      quantity: 1,
      location: 'B-1',
    });
    expect(lot.status).toBe(400);
    expect(lot.body.fields[0].path).toBe('lot');
    const tooMany = await tech.post(`/api/work-orders/${woId}/issues`, {
      request: 'req-x',
      sku: 'BEARING',
      quantity: 1,
      location: 'B-2',
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.message).toMatch(/only 0 of BEARING on hand at B-2/);

    const ret = { request: 'ret-1', sku: 'BEARING', quantity: 2, location: 'B-1' };
    const returned = await tech.post(`/api/work-orders/${woId}/returns`, ret);
    expect(returned.status, JSON.stringify(returned.body)).toBe(201);
    // Back at the cost it went out at; what comes back is held for the work order again.
    expect(partOf(returned.body, 'BEARING')).toMatchObject({
      reserved: 3,
      issued: 5,
      returned: 2,
      cost: 7.5,
    });
    expect((await tech.post(`/api/work-orders/${woId}/returns`, ret)).status).toBe(200);
    const tooMuch = await tech.post(`/api/work-orders/${woId}/returns`, {
      ...ret,
      request: 'ret-2',
      quantity: 4,
    });
    expect(tooMuch.status).toBe(409);
    expect((await tech.post(`/api/work-orders/${woId}/issues`, ret)).status).toBe(409); // request used for a return
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 17, reserved: 3, available: 14 });

    const movements = (
      (await admin.get('/api/movements?sku=BEARING')).body as {
        type: string;
        quantity: number;
        reference?: string;
        unitCost?: number;
      }[]
    ).filter((m) => m.reference === `wo:${woId}`);
    expect(movements.map((m) => [m.type, m.quantity, m.unitCost])).toEqual([
      ['issue', 4, undefined],
      ['issue', 1, undefined],
      ['receive', 2, 2.5],
    ]);
  });

  it('status changes are the planner’s; issuing to a completed work order is 409, a replay of a posted request is still 200', async () => {
    expect((await tech.post(`/api/work-orders/${woId}/status`, { to: 'in_progress' })).status).toBe(403);
    expect((await planner.post(`/api/work-orders/${woId}/status`, { to: 'done' })).status).toBe(400);
    expect((await planner.post(`/api/work-orders/${woId}/status`, { to: 'complete' })).status).toBe(409);
    expect((await planner.post(`/api/work-orders/${woId}/status`, { to: 'in_progress' })).body.status).toBe(
      'in_progress',
    );
    const done = await planner.post(`/api/work-orders/${woId}/status`, { to: 'complete' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'complete', totalCost: 7.5 });
    expect(partOf(done.body, 'BEARING')).toMatchObject({ reserved: 0, issued: 5, returned: 2, cost: 7.5 });
    expect(done.body.history.map((h: { to: string }) => h.to)).toEqual(['in_progress', 'complete']);

    const late = await tech.post(`/api/work-orders/${woId}/issues`, {
      request: 'req-3',
      sku: 'BEARING',
      quantity: 1,
      location: 'B-1',
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/complete work order/);
    expect(
      (
        await tech.post(`/api/work-orders/${woId}/returns`, {
          request: 'ret-3',
          sku: 'BEARING',
          quantity: 1,
          location: 'B-1',
        })
      ).status,
    ).toBe(409);
    const replay = await tech.post(`/api/work-orders/${woId}/issues`, {
      request: 'req-1',
      sku: 'BEARING',
      quantity: 4,
      location: 'B-1',
    });
    expect(replay.status).toBe(200);
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 17, reserved: 0, available: 17 });

    const listed = (await tech.get('/api/work-orders?status=complete')).body;
    expect(listed.map((o: { id: string }) => o.id)).toEqual([woId]);
    expect((await tech.get('/api/work-orders?status=active&asset=LINE-1')).body).toHaveLength(1);
    expect((await tech.get('/api/work-orders?status=lost')).status).toBe(400);

    const asset = (await tech.get('/api/assets/PRESS-1')).body;
    expect(asset).toMatchObject({ code: 'PRESS-1', partsCost: 7.5, partsCostWithComponents: 7.5 });
    expect(asset.workOrders.map((o: { id: string }) => o.id)).toEqual([woId]);
    expect((await tech.get('/api/assets/LINE-1')).body).toMatchObject({
      partsCost: 0,
      partsCostWithComponents: 7.5,
      children: ['PRESS-1'],
    });
  });

  it('a schedule due now creates its work order with the parts reserved (a shortage flagged), once however often it runs', async () => {
    const both = await planner.post('/api/schedules', {
      asset: 'PRESS-1',
      title: 'x',
      everyDays: 7,
      everyWeeks: 1,
    });
    expect(both.status).toBe(400);
    expect(both.body.fields[0].path).toBe('everyWeeks');
    const none = await planner.post('/api/schedules', { asset: 'PRESS-1', title: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.fields[0].path).toBe('everyDays');
    expect((await planner.post('/api/schedules', { asset: 'NOPE', title: 'x', everyDays: 7 })).status).toBe(
      404,
    );
    expect((await tech.post('/api/schedules', { asset: 'PRESS-1', title: 'x', everyDays: 7 })).status).toBe(
      403,
    );

    const today = utcDay(new Date());
    const res = await planner.post('/api/schedules', {
      asset: 'PRESS-1',
      title: 'Lubricate and change the filter',
      everyDays: 30,
      parts: [
        { sku: 'FILTER', quantity: 2 },
        { sku: 'BEARING', quantity: 1 },
      ],
      reserveDaysAhead: 3,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      start: today,
      recurrence: { unit: 'days', every: 30 },
      reserveDaysAhead: 3,
    });
    expect(res.body.nextDue[0]).toBe(today);
    const scheduleId = res.body.id as string;
    const expectedId = scheduleWorkOrderId(scheduleId, today);

    const generated = async () =>
      (
        (await tech.get('/api/work-orders?asset=PRESS-1')).body as { id: string; schedule: string | null }[]
      ).filter((o) => o.schedule === scheduleId);
    await waitFor(async () => (await generated()).length === 1, 'the scheduled work order');
    const wo = (await tech.get(`/api/work-orders/${expectedId}`)).body;
    expect(wo).toMatchObject({
      id: expectedId,
      status: 'open',
      due: today,
      title: 'Lubricate and change the filter',
    });
    expect(wo.number).toMatch(new RegExp(`^WO-${year}-\\d{4}$`));
    expect(partOf(wo, 'FILTER')).toMatchObject({ planned: 2, reserved: 2, shortage: true });
    expect(partOf(wo, 'BEARING')).toMatchObject({ planned: 1, reserved: 1, shortage: false });
    expect(await availability('FILTER')).toEqual({ sku: 'FILTER', onHand: 0, reserved: 2, available: -2 });
    // Replenishment sees the shortage as demand on the position.
    const suggestion = (await planner.get('/api/replenishment?sku=FILTER')).body[0];
    expect(suggestion).toMatchObject({ sku: 'FILTER', reserved: 2, position: -2 });

    // Generating again (a schedule edit, a restart) adds nothing.
    expect((await planner.patch(`/api/schedules/${scheduleId}`, { priority: 'high' })).status).toBe(200);
    await server.restart();
    await waitFor(async () => (await tech.get('/api/assets')).status === 200, 'the restarted server');
    expect(await generated()).toHaveLength(1);
    expect(partOf((await tech.get(`/api/work-orders/${expectedId}`)).body, 'FILTER')).toMatchObject({
      reserved: 2,
    });
    expect(await availability('FILTER')).toEqual({ sku: 'FILTER', onHand: 0, reserved: 2, available: -2 });
    const schedules = (await tech.get('/api/schedules')).body;
    expect(schedules.map((s: { id: string; priority: string }) => [s.id, s.priority])).toEqual([
      [scheduleId, 'high'],
    ]);
    // Not the planner's to wait on: cancel it so it stops holding parts for the next test.
    expect((await planner.post(`/api/work-orders/${expectedId}/status`, { to: 'cancelled' })).status).toBe(
      200,
    );
  });

  it('a technician’s devices issue parts offline over sync; after reconnecting the figures through the API are exact', async () => {
    const created = await planner.post('/api/work-orders', {
      asset: 'PRESS-1',
      title: 'Swap the idler bearings',
      parts: [{ sku: 'BEARING', quantity: 3 }],
    });
    const id = created.body.id as string;
    expect(
      (
        await planner.post(`/api/work-orders/${id}/reservations`, {
          sku: 'BEARING',
          quantity: 3,
          location: 'B-1',
        })
      ).status,
    ).toBe(201);
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 17, reserved: 3, available: 14 });

    const period = periodOf(new Date());
    // The device reads the moving-average cost from the period stats the server keeps (as the app does).
    const stats = await connect(server.wsUrl, statsRoom(period), tech.token!);
    clients.push(stats);
    const avgCost = new PeriodStatsRoom(stats.doc, period).get('BEARING')?.avgCost;
    expect(avgCost).toBe(2.5);

    const tom = { user: 'tom', device: TEST_DEVICE };
    // Two devices of the technician, both offline; both replay the first request.
    const devices = await Promise.all(
      [0, 1].map(async () => {
        const orders = await connect(server.wsUrl, workOrdersRoom(year), tech.token!);
        const ledger = await connect(server.wsUrl, ledgerRoom(period), tech.token!);
        clients.push(orders, ledger);
        return { orders, ledger };
      }),
    );
    for (const d of devices) {
      d.orders.provider.disconnect();
      d.ledger.provider.disconnect();
    }
    const posts: boolean[] = [];
    for (const [i, d] of devices.entries()) {
      const w = new WorkOrdersRoom(d.orders.doc, year);
      const ledger = new LedgerPeriod(d.ledger.doc, period);
      const issue = (request: string, quantity: number) => {
        const r = w.issue(
          id,
          { request, sku: 'BEARING', quantity, location: 'B-1', unitCost: avgCost! },
          ledger.movements,
          { actor: tom },
        );
        if (!r.ok) throw new Error(r.message);
        posts.push(r.value.alreadyPosted);
      };
      issue('dev-1', 2);
      issue('dev-1', 2); // a replay on the same device
      if (i === 1) issue('dev-2', 1);
      expect(w.order(id)!.parts[0]).toMatchObject({ issued: i === 0 ? 2 : 3 });
    }
    expect(posts).toEqual([false, true, false, true, false]);
    // Nothing reached the server yet.
    expect(partOf((await planner.get(`/api/work-orders/${id}`)).body, 'BEARING')).toMatchObject({
      issued: 0,
      reserved: 3,
    });

    for (const d of devices) {
      d.orders.provider.connect();
      d.ledger.provider.connect();
    }
    for (const d of devices) {
      await d.orders.waitSaved();
      await d.ledger.waitSaved();
    }
    const order = (await planner.get(`/api/work-orders/${id}`)).body;
    expect(partOf(order, 'BEARING')).toMatchObject({
      planned: 3,
      reserved: 0,
      issued: 3,
      returned: 0,
      cost: 7.5,
    });
    expect(order.totalCost).toBe(7.5);
    expect(
      order.records.map((r: { request: string; quantity: number }) => [r.request, r.quantity]).sort(),
    ).toEqual([
      ['dev-1', 2],
      ['dev-2', 1],
    ]);
    expect(await availability('BEARING')).toEqual({ sku: 'BEARING', onHand: 14, reserved: 0, available: 14 });
    const onServer = (
      (await admin.get('/api/movements?sku=BEARING')).body as { reference?: string }[]
    ).filter((m) => m.reference === `wo:${id}`);
    expect(onServer).toHaveLength(2);
  });
});
