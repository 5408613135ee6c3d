// @vitest-environment node
import { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import { addDays, dayOf } from '@stockroom/shared/lots/fefo';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { TEST_DEVICE } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect } from './support/sync-client.ts';

/**
 * Lots, the manager's side, through the real server: an expiry conflict made by an offline
 * device and settled by a decision (recorded, audited, the receipts untouched), the expiry
 * alert CSV with its values, and the category filter.
 */
describe('resolving lot conflicts, expiry alerts as CSV, per category', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let manager: ApiClient;
  let clerk: ApiClient;
  const today = dayOf(new Date());
  const FIRST = addDays(today, 40);
  const SECOND = addDays(today, 10);
  const OTHER = addDays(today, 90);
  const OLD = addDays(today, -3);

  const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, unknown>;
  };
  const receive = (sku: string, lot: string, quantity: number, extra: Record<string, unknown> = {}) =>
    clerk.post('/api/movements', { type: 'receive', sku, location: 'A', lot, quantity, ...extra });

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    manager = await userWithRole(server, admin, 'mia', 'manager');
    clerk = await userWithRole(server, admin, 'clara', 'clerk');
    await ok(admin.post('/api/locations', { code: 'SITE', kind: 'site' }));
    for (const code of ['A', 'B'])
      await ok(admin.post('/api/locations', { code, kind: 'bin', parent: 'SITE' }));
    await ok(
      admin.post('/api/items', {
        sku: 'RESIN',
        name: 'Epoxy resin',
        unit: 'kg',
        tracking: 'lot',
        unitCost: 12.5,
        category: 'Chemicals',
      }),
    );
    await ok(
      admin.post('/api/items', {
        sku: 'GLUE',
        name: 'Wood glue',
        tracking: 'lot',
        unitCost: 2.2,
        category: 'Adhesives',
      }),
    );
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('an expiry conflict from an offline device is settled by a manager’s decision', async () => {
    await ok(receive('RESIN', 'L1', 10, { expiry: FIRST }));
    // A second device, offline when it received more of L1, read another date off its label.
    const c = await connect(server.wsUrl, ledgerRoom(periodOf(new Date())), clerk.token!);
    const late = Movement.parse({
      id: 'offline-receipt-1',
      type: 'receive',
      sku: 'RESIN',
      location: 'B',
      lot: 'L1',
      quantity: 4,
      expiry: SECOND,
      user: 'clara',
      device: TEST_DEVICE,
      at: new Date().toISOString(),
    });
    c.doc.getMap('movements').set(late.id, late);
    await c.waitSaved();
    c.destroy();

    const conflicts = (await clerk.get('/api/lots/conflicts')).body as Record<string, unknown>[];
    expect(conflicts).toEqual([
      {
        kind: 'expiry',
        sku: 'RESIN',
        lot: 'L1',
        kept: { expiry: FIRST, movement: expect.any(String) },
        others: [{ expiry: SECOND, movement: 'offline-receipt-1' }],
      },
    ]);
    const path = '/api/lots/RESIN/L1/expiry';
    expect((await clerk.post(path, { expiry: SECOND })).status).toBe(403);
    const bad = await manager.post(path, { expiry: OTHER });
    expect([bad.status, bad.body.fields]).toEqual([
      400,
      [{ path: 'expiry', message: `must be one of ${SECOND}, ${FIRST}` }],
    ]);
    expect((await manager.post(path, { expiry: '2027-02-30' })).status).toBe(400);
    expect((await manager.post('/api/lots/RESIN/NOPE/expiry', { expiry: SECOND })).status).toBe(404);

    const decided = await ok(
      manager.post(path, { expiry: SECOND, reason: 'checked the supplier certificate' }),
    );
    expect(decided).toMatchObject({
      lot: 'L1',
      expiry: SECOND,
      onHand: 14,
      value: 175,
      category: 'Chemicals',
      expiryDecidedBy: { user: 'mia' },
      conflicts: [],
    });
    expect((await clerk.get('/api/lots/conflicts')).body).toEqual([]);
    const again = await manager.post(path, { expiry: FIRST });
    expect([again.status, again.body.message]).toEqual([
      409,
      `lot L1 of RESIN has no expiry conflict to resolve (it expires on ${SECOND})`,
    ]);

    // Never an overwrite: the receipts still say what they said; the decision is beside them.
    const trace = (await clerk.get('/api/trace?sku=RESIN&lot=L1')).body;
    expect(trace.expiry).toBe(SECOND);
    expect(trace.movements.map((m: { expiry?: string }) => m.expiry)).toEqual([FIRST, SECOND]);
    expect(trace.expiryDecisions).toMatchObject([
      {
        action: 'expiry',
        expiry: SECOND,
        over: [SECOND, FIRST],
        user: 'mia',
        reason: 'checked the supplier certificate',
      },
    ]);
    const audit = (await admin.get('/api/audit?subject=item:RESIN')).body as {
      action: string;
      details?: unknown;
    }[];
    expect(audit.map((e) => e.action)).toContain('lot.expiry');

    // From now on the decided date is the lot's: receipts stating the other one are refused.
    const restated = await receive('RESIN', 'L1', 1, { expiry: FIRST });
    expect(restated.status).toBe(409);
    expect(restated.body.message).toContain(`already expires on ${SECOND}`);
    await ok(receive('RESIN', 'L1', 1, { expiry: SECOND }));
  });

  it('lists and exports expiring lots with their value, per category', async () => {
    await ok(receive('GLUE', 'G-OLD', 4, { expiry: OLD }));
    await ok(receive('GLUE', 'G-LATER', 3, { expiry: OTHER }));

    const glue = (await clerk.get('/api/lots?category=Adhesives&expiringWithinDays=30')).body as Record<
      string,
      unknown
    >[];
    expect(glue.map((l) => [l.lot, l.onHand, l.value, l.expired, l.category])).toEqual([
      ['G-OLD', 4, 8.8, true, 'Adhesives'],
    ]);
    const all = (await clerk.get('/api/lots?expiringWithinDays=30')).body as Record<string, unknown>[];
    expect(all.map((l) => [l.sku, l.lot, l.onHand, l.value])).toEqual([
      ['GLUE', 'G-OLD', 4, 8.8],
      ['RESIN', 'L1', 15, 187.5],
    ]);
    expect(((await clerk.get('/api/lots?category=Nothing')).body as unknown[]).length).toBe(0);

    const csv = await clerk.get('/api/lots/expiring.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="expiring-lots-${today}.csv"`);
    expect((csv.body as string).split('\r\n')).toEqual([
      'sku,lot,category,expiry,days_left,expired,blocked,on_hand,unit_cost,value,locations',
      `GLUE,G-OLD,Adhesives,${OLD},-3,yes,no,4,2.2,8.8,A: 4`,
      `RESIN,L1,Chemicals,${SECOND},10,no,no,15,12.5,187.5,A: 11; B: 4`,
      '(expired value),,,,,,,,,8.8,',
      '(not yet expired value),,,,,,,,,187.5,',
      '',
    ]);
    const within100 = (await clerk.get('/api/lots/expiring.csv?expiringWithinDays=100&category=Adhesives'))
      .body as string;
    expect(within100.split('\r\n').slice(1, 3)).toEqual([
      `GLUE,G-OLD,Adhesives,${OLD},-3,yes,no,4,2.2,8.8,A: 4`,
      `GLUE,G-LATER,Adhesives,${OTHER},90,no,no,3,2.2,6.6,A: 3`,
    ]);
    const badDays = await clerk.get('/api/lots/expiring.csv?expiringWithinDays=-1');
    expect(badDays.status).toBe(400);
    expect((await clerk.withToken(null).get('/api/lots/expiring.csv')).status).toBe(401);
  });
});
