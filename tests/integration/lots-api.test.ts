// @vitest-environment node
import { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import { addDays, dayOf } from '@stockroom/shared/lots/fefo';
import { LOT_HOLDS_MAP, newLotHold } from '@stockroom/shared/lots/lot-hold';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { TEST_DEVICE } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

/** Lots, serials, FEFO, blocks and trace through the real server (real SQLite, real sync). */
describe('lots over the HTTP API and sync', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let manager: ApiClient;
  let clerk: ApiClient;
  let managerToken = '';
  let clerkToken = '';
  const clients: SyncClient[] = [];
  const today = dayOf(new Date());
  const EARLY = addDays(today, 20);
  const LATE = addDays(today, 200);
  const OLD = addDays(today, -3);
  const room = ledgerRoom(periodOf(new Date()));

  const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const receive = (lot: string, quantity: number, extra: Record<string, unknown> = {}) =>
    clerk.post('/api/movements', { type: 'receive', sku: 'RESIN', location: 'A', lot, quantity, ...extra });
  const lotsOf = async (query: string) =>
    (await clerk.get(`/api/lots?${query}`)).body as Record<string, unknown>[];
  const brief = (lots: Record<string, unknown>[]) =>
    lots.map(({ lot, expiry, onHand, blocked, locations }) => ({ lot, expiry, onHand, blocked, locations }));

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    manager = await userWithRole(server, admin, 'mia', 'manager');
    clerk = await userWithRole(server, admin, 'clara', 'clerk');
    managerToken = manager.token!;
    clerkToken = clerk.token!;
    await ok(admin.post('/api/locations', { code: 'SITE', kind: 'site' }));
    for (const code of ['A', 'B', 'Q'])
      await ok(admin.post('/api/locations', { code, kind: 'bin', parent: 'SITE' }));
    await ok(admin.post('/api/suppliers', { code: 'ACME', name: 'Acme Chemicals' }));
    await ok(
      admin.post('/api/items', {
        sku: 'RESIN',
        name: 'Epoxy resin',
        unit: 'kg',
        tracking: 'lot',
        unitCost: 12,
      }),
    );
    await ok(
      admin.post('/api/items', { sku: 'DRILL', name: 'Cordless drill', tracking: 'serial', unitCost: 150 }),
    );
    await ok(admin.post('/api/items', { sku: 'BOLT', name: 'Bolt M6' }));
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('receives lots with their expiry; one lot keeps one expiry', async () => {
    const first = await ok(receive('L-EARLY', 10, { expiry: EARLY }));
    expect(first).toMatchObject({ lot: 'L-EARLY', expiry: EARLY });
    await ok(receive('L-LATE', 6, { expiry: LATE }));
    await ok(receive('L-OLD', 4, { expiry: OLD }));
    await ok(receive('L-NONE', 1));

    const untracked = await clerk.post('/api/movements', {
      type: 'receive',
      sku: 'BOLT',
      location: 'A',
      quantity: 1,
      expiry: EARLY,
    });
    expect(untracked.status).toBe(400);
    expect(untracked.body.fields).toEqual([
      { path: 'expiry', message: 'item BOLT is not tracked by lot or serial: it has no expiry' },
    ]);
    expect((await receive('L-X', 1, { expiry: '2027-02-30' })).status).toBe(400);

    const restated = await receive('L-EARLY', 1, { expiry: LATE });
    expect(restated.status).toBe(409);
    expect(restated.body.message).toBe(
      `lot L-EARLY of RESIN already expires on ${EARLY}: a lot has one expiry (receive it as another lot, or leave the expiry out)`,
    );
    await ok(receive('L-EARLY', 2, { expiry: EARLY, location: 'B' }));
  });

  it('lists lots first to expire first, per location and expiring within N days', async () => {
    await ok(
      clerk.post('/api/movements', {
        type: 'transfer',
        sku: 'RESIN',
        location: 'A',
        toLocation: 'B',
        lot: 'L-LATE',
        quantity: 2,
      }),
    );
    await ok(
      clerk.post('/api/movements', {
        type: 'issue',
        sku: 'RESIN',
        location: 'A',
        lot: 'L-EARLY',
        quantity: 3,
        reference: 'JOB-12',
      }),
    );

    expect(brief(await lotsOf('sku=RESIN'))).toEqual([
      { lot: 'L-OLD', expiry: OLD, onHand: 4, blocked: false, locations: [{ location: 'A', quantity: 4 }] },
      {
        lot: 'L-EARLY',
        expiry: EARLY,
        onHand: 9,
        blocked: false,
        locations: [
          { location: 'A', quantity: 7 },
          { location: 'B', quantity: 2 },
        ],
      },
      {
        lot: 'L-LATE',
        expiry: LATE,
        onHand: 6,
        blocked: false,
        locations: [
          { location: 'A', quantity: 4 },
          { location: 'B', quantity: 2 },
        ],
      },
      { lot: 'L-NONE', expiry: null, onHand: 1, blocked: false, locations: [{ location: 'A', quantity: 1 }] },
    ]);
    expect((await lotsOf('sku=RESIN'))[0]).toMatchObject({ expired: true });
    expect(brief(await lotsOf('sku=RESIN&location=B'))).toEqual([
      {
        lot: 'L-EARLY',
        expiry: EARLY,
        onHand: 2,
        blocked: false,
        locations: [{ location: 'B', quantity: 2 }],
      },
      { lot: 'L-LATE', expiry: LATE, onHand: 2, blocked: false, locations: [{ location: 'B', quantity: 2 }] },
    ]);
    expect((await lotsOf('expiringWithinDays=30')).map((l) => [l.lot, l.onHand])).toEqual([
      ['L-OLD', 4],
      ['L-EARLY', 9],
    ]);
    expect((await clerk.get('/api/lots?expiringWithinDays=soon')).status).toBe(400);
  });

  it('issues an expired lot only with a reason', async () => {
    const bare = await clerk.post('/api/movements', {
      type: 'issue',
      sku: 'RESIN',
      location: 'A',
      lot: 'L-OLD',
      quantity: 1,
    });
    expect(bare.status).toBe(400);
    expect(bare.body.fields).toEqual([
      { path: 'reason', message: `lot L-OLD of RESIN expired on ${OLD}: give a reason to issue it` },
    ]);
    await ok(
      clerk.post('/api/movements', {
        type: 'issue',
        sku: 'RESIN',
        location: 'A',
        lot: 'L-OLD',
        quantity: 1,
        reason: 'test rig, not for production',
      }),
    );
    expect((await lotsOf('sku=RESIN'))[0]).toMatchObject({ lot: 'L-OLD', onHand: 3 });
  });

  it('blocks a lot (managers, audited): it is not issued until released', async () => {
    const path = '/api/lots/RESIN/L-EARLY';
    expect((await clerk.post(`${path}/block`, { reason: 'recall' })).status).toBe(403);
    expect((await manager.post(`${path}/block`, {})).status).toBe(400);
    const blocked = await ok(manager.post(`${path}/block`, { reason: 'Supplier recall R-7' }));
    expect(blocked).toMatchObject({
      lot: 'L-EARLY',
      blocked: true,
      onHand: 9,
      hold: { action: 'block', reason: 'Supplier recall R-7', user: 'mia' },
    });
    // Blocking again changes nothing.
    expect(await ok(manager.post(`${path}/block`, { reason: 'again' }), 200)).toMatchObject({
      hold: { reason: 'Supplier recall R-7' },
    });

    const refused = await clerk.post('/api/movements', {
      type: 'issue',
      sku: 'RESIN',
      location: 'A',
      lot: 'L-EARLY',
      quantity: 1,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'lot L-EARLY of RESIN is blocked (Supplier recall R-7): release it before issuing',
    );
    // allowNegative is about quantities, not about holds.
    const forced = await clerk.post('/api/movements', {
      type: 'issue',
      sku: 'RESIN',
      location: 'A',
      lot: 'L-EARLY',
      quantity: 1,
      allowNegative: true,
    });
    expect(forced.status).toBe(409);
    // Quarantining it stays possible.
    await ok(
      clerk.post('/api/movements', {
        type: 'transfer',
        sku: 'RESIN',
        location: 'A',
        toLocation: 'Q',
        lot: 'L-EARLY',
        quantity: 7,
      }),
    );

    expect((await clerk.post(`${path}/release`, { reason: 'ok' })).status).toBe(403);
    expect(await ok(manager.post(`${path}/release`, { reason: 'Supplier cleared the lot' }))).toMatchObject({
      blocked: false,
      hold: { action: 'release' },
    });
    const again = await manager.post(`${path}/release`, { reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('lot L-EARLY of RESIN is not blocked');
    await ok(
      clerk.post('/api/movements', {
        type: 'issue',
        sku: 'RESIN',
        location: 'Q',
        lot: 'L-EARLY',
        quantity: 1,
        reference: 'WO-2026-0003',
      }),
    );
    expect((await manager.post('/api/lots/NOPE/L-1/block', { reason: 'x' })).status).toBe(404);

    const audit = (await admin.get('/api/audit?subject=item:RESIN')).body as {
      action: string;
      user: string;
      details: { lot: string; reason: string };
    }[];
    expect(
      audit
        .filter((e) => e.action.startsWith('lot.'))
        .map((e) => [e.action, e.user, e.details.lot, e.details.reason]),
    ).toEqual([
      ['lot.release', 'mia', 'L-EARLY', 'Supplier cleared the lot'],
      ['lot.block', 'mia', 'L-EARLY', 'Supplier recall R-7'],
    ]);
  });

  it('traces a lot: every movement in order, its holds, what is left where', async () => {
    const trace = (await clerk.get('/api/trace?sku=RESIN&lot=L-EARLY')).body;
    expect(trace).toMatchObject({
      sku: 'RESIN',
      lot: 'L-EARLY',
      serial: false,
      expiry: EARLY,
      blocked: false,
    });
    expect(
      trace.movements.map((m: Movement) => [m.type, m.location, m.quantity, m.reference ?? null]),
    ).toEqual([
      ['receive', 'A', 10, null],
      ['receive', 'B', 2, null],
      ['issue', 'A', 3, 'JOB-12'],
      ['transfer', 'A', 7, null],
      ['issue', 'Q', 1, 'WO-2026-0003'],
    ]);
    expect(trace.holds.map((h: { action: string }) => h.action)).toEqual(['block', 'release']);
    expect(trace.onHand).toEqual([
      { location: 'B', quantity: 2 },
      { location: 'Q', quantity: 6 },
    ]);
    expect((await clerk.get('/api/trace?sku=RESIN&lot=NOPE')).status).toBe(404);
    expect((await clerk.get('/api/trace?sku=RESIN')).status).toBe(400);
  });

  it('traces a lot received on a purchase order to its supplier and order number', async () => {
    const po = await ok(
      manager.post('/api/purchase-orders', {
        supplier: 'ACME',
        lines: [{ sku: 'RESIN', quantity: 5, unitCost: 11 }],
      }),
    );
    const { id, number } = po as { id: string; number: string };
    await ok(manager.post(`/api/purchase-orders/${id}/send`), 200);
    await ok(
      clerk.post(`/api/purchase-orders/${id}/receipts`, {
        delivery: 'DN-1',
        lines: [{ line: '1', quantity: 5, location: 'A', lot: 'L-PO' }],
      }),
    );
    const trace = (await clerk.get('/api/trace?sku=RESIN&lot=L-PO')).body;
    expect(trace).toMatchObject({
      supplier: 'ACME',
      purchaseOrder: number,
      onHand: [{ location: 'A', quantity: 5 }],
    });
    expect(trace.movements).toHaveLength(1);
  });

  it('refuses receiving a serial already on hand and issuing one that is not', async () => {
    const drill = (type: string, location: string, lot: string, extra: Record<string, unknown> = {}) =>
      clerk.post('/api/movements', { type, sku: 'DRILL', location, lot, quantity: 1, ...extra });
    await ok(drill('receive', 'A', 'SN-1'));
    const twice = await drill('receive', 'B', 'SN-1');
    expect([twice.status, twice.body.message]).toEqual([
      409,
      'serial SN-1 of DRILL is already in stock at A',
    ]);
    const absent = await drill('issue', 'A', 'SN-2');
    expect([absent.status, absent.body.message]).toEqual([409, 'serial SN-2 of DRILL is not on hand at A']);
    const elsewhere = await drill('transfer', 'B', 'SN-1', { toLocation: 'Q' });
    expect([elsewhere.status, elsewhere.body.message]).toEqual([
      409,
      'serial SN-1 of DRILL is not on hand at B (it is at A)',
    ]);
    const trace = (await clerk.get('/api/trace?sku=DRILL&serial=SN-1')).body;
    expect(trace).toMatchObject({ serial: true, onHand: [{ location: 'A', quantity: 1 }], conflicts: [] });
  });

  it('a serial received on two devices offline is surfaced as a conflict, on hand once', async () => {
    const a = await connect(server.wsUrl, room, clerkToken);
    const b = await connect(server.wsUrl, room, managerToken);
    clients.push(a, b);
    const at = new Date().toISOString();
    // Both devices write before either hears of the other: what two offline devices do.
    for (const [c, user, location, id] of [
      [a, 'clara', 'A', 'sn9-a'],
      [b, 'mia', 'B', 'sn9-b'],
    ] as const) {
      const m = Movement.parse({
        id,
        type: 'receive',
        sku: 'DRILL',
        location,
        lot: 'SN-9',
        quantity: 1,
        user,
        device: TEST_DEVICE,
        at,
      });
      c.doc.getMap('movements').set(id, m);
    }
    await a.waitSaved();
    await b.waitSaved();
    const lots = await lotsOf('sku=DRILL');
    expect(brief(lots.filter((l) => l.lot === 'SN-9'))).toEqual([
      {
        lot: 'SN-9',
        expiry: null,
        onHand: 1,
        blocked: false,
        locations: [
          { location: 'A', quantity: 1 },
          { location: 'B', quantity: 1 },
        ],
      },
    ]);
    expect((await clerk.get('/api/lots/conflicts')).body).toEqual([
      {
        kind: 'serial-duplicate',
        sku: 'DRILL',
        lot: 'SN-9',
        locations: [
          { location: 'A', quantity: 1 },
          { location: 'B', quantity: 1 },
        ],
        receipts: ['sn9-a', 'sn9-b'],
      },
    ]);
  });

  it('a manager blocks over sync; a clerk device that tries is refused and closed', async () => {
    const m = await connect(server.wsUrl, room, managerToken);
    clients.push(m);
    const hold = newLotHold(
      { action: 'block', sku: 'RESIN', lot: 'L-LATE', reason: 'quality hold' },
      { user: 'mia', device: TEST_DEVICE },
      new Date(),
    );
    m.doc.getMap(LOT_HOLDS_MAP).set(hold.id, hold);
    await m.waitSaved();
    expect((await lotsOf('sku=RESIN&location=B')).find((l) => l.lot === 'L-LATE')).toMatchObject({
      blocked: true,
    });
    const issue = await clerk.post('/api/movements', {
      type: 'issue',
      sku: 'RESIN',
      location: 'B',
      lot: 'L-LATE',
      quantity: 1,
    });
    expect(issue.status).toBe(409);

    const c = await connect(server.wsUrl, room, clerkToken);
    clients.push(c);
    const sneaky = newLotHold(
      { action: 'release', sku: 'RESIN', lot: 'L-LATE', reason: 'need it' },
      { user: 'clara', device: TEST_DEVICE },
      new Date(),
    );
    c.doc.getMap(LOT_HOLDS_MAP).set(sneaky.id, sneaky);
    await waitFor(() => c.closeCodes.includes(CLOSE.forbidden), 'the clerk to be refused');
    expect((await lotsOf('sku=RESIN&location=B')).find((l) => l.lot === 'L-LATE')).toMatchObject({
      blocked: true,
    });
  });
});
