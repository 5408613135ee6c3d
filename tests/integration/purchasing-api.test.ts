// @vitest-environment node
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { periodOf } from '@stockroom/shared/ledger/period';
import { PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import { ledgerRoom, purchasingRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { TEST_DEVICE } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

describe('purchase orders over the HTTP API and sync (real server, real SQLite)', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let manager: ApiClient;
  let clerk: ApiClient;
  let counter: ApiClient;
  const clients: SyncClient[] = [];
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    manager = await userWithRole(server, admin, 'mia', 'manager');
    clerk = await userWithRole(server, admin, 'clara', 'clerk');
    counter = await userWithRole(server, admin, 'cole', 'counter');
    const ok = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      if (r.status !== 201) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await ok(admin.post('/api/locations', { code: 'DOCK', kind: 'site' }));
    await ok(admin.post('/api/locations', { code: 'A-1', kind: 'bin', parent: 'DOCK' }));
    await ok(admin.post('/api/suppliers', { code: 'ACME', name: 'Acme Fasteners' }));
    await ok(
      admin.post('/api/items', {
        sku: 'BOLT',
        name: 'Bolt',
        unitCost: 0.4,
        suppliers: [{ supplier: 'ACME', unitCost: 0.5, packSize: 50, preferred: true }],
      }),
    );
    await ok(admin.post('/api/items', { sku: 'NUT', name: 'Nut', unitCost: 0.1 }));
    await ok(admin.post('/api/items', { sku: 'SEAL', name: 'Seal', tracking: 'lot', unitCost: 2 }));
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  let poId = '';

  it('drafts a numbered order with costs from the supplier reference; roles are checked', async () => {
    const bad = await manager.post('/api/purchase-orders', { supplier: 'ACME', lines: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ path: 'lines', message: 'give at least one line' });
    expect(
      (
        await manager.post('/api/purchase-orders', {
          supplier: 'NOPE',
          lines: [{ sku: 'BOLT', quantity: 1 }],
        })
      ).status,
    ).toBe(404);
    expect(
      (await clerk.post('/api/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'BOLT', quantity: 1 }] }))
        .status,
    ).toBe(403);
    expect((await counter.get('/api/purchase-orders')).status).toBe(403);
    const res = await manager.post('/api/purchase-orders', {
      supplier: 'ACME',
      expectedAt: '2030-01-10',
      lines: [
        { sku: 'BOLT', quantity: 100 },
        { sku: 'NUT', quantity: 50, unitCost: 0.12 },
        { sku: 'SEAL', quantity: 4 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      number: `PO-${year}-0001`,
      lines: [
        { line: '1', sku: 'BOLT', quantity: 100, unitCost: 0.5, received: 0 },
        { line: '2', sku: 'NUT', quantity: 50, unitCost: 0.12, received: 0 },
        { line: '3', sku: 'SEAL', quantity: 4, unitCost: 2, received: 0 },
      ],
    });
    poId = res.body.id;
    expect(
      (
        await clerk.post(`/api/purchase-orders/${poId}/receipts`, {
          delivery: 'DN-0',
          lines: [{ line: '1', quantity: 1, location: 'A-1' }],
        })
      ).status,
    ).toBe(409);
  });

  it('sends, receives a delivery once however often it is posted, refuses over-receipt without allowOver', async () => {
    expect((await clerk.post(`/api/purchase-orders/${poId}/send`)).status).toBe(403);
    expect((await manager.post(`/api/purchase-orders/${poId}/send`)).body.status).toBe('sent');
    const delivery = { delivery: 'DN-77', lines: [{ line: '1', quantity: 60, location: 'A-1' }] };
    const [a, b, c] = await Promise.all([
      clerk.post(`/api/purchase-orders/${poId}/receipts`, delivery),
      clerk.post(`/api/purchase-orders/${poId}/receipts`, delivery),
      manager.post(`/api/purchase-orders/${poId}/receipts`, delivery),
    ]);
    expect([a.status, b.status, c.status].sort()).toEqual([200, 200, 201]);
    const after = (await clerk.get(`/api/purchase-orders/${poId}`)).body;
    expect(after.status).toBe('partially_received');
    expect(after.lines[0]).toMatchObject({ received: 60, open: 40 });
    expect(after.receipts).toHaveLength(1);

    const over = await clerk.post(`/api/purchase-orders/${poId}/receipts`, {
      delivery: 'DN-78',
      lines: [{ line: '1', quantity: 45, location: 'A-1' }],
    });
    expect(over.status).toBe(409);
    expect(over.body.message).toMatch(/exceed the 40 still open/);
    const lotMissing = await clerk.post(`/api/purchase-orders/${poId}/receipts`, {
      delivery: 'DN-78',
      lines: [{ line: '3', quantity: 4, location: 'A-1' }],
    });
    expect(lotMissing.status).toBe(400);
    const confirmed = await clerk.post(`/api/purchase-orders/${poId}/receipts`, {
      delivery: 'DN-78',
      allowOver: true,
      lines: [
        { line: '1', quantity: 45, location: 'A-1' },
        { line: '2', quantity: 50, location: 'A-1' },
        { line: '3', quantity: 4, location: 'A-1', lot: 'L-9', expiry: '2027-06-30' },
      ],
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.status).toBe('received');
    expect(
      confirmed.body.receipts.find(
        (r: { line: string; overReceipt?: boolean }) => r.line === '1' && r.overReceipt,
      ),
    ).toBeTruthy();

    const stock = (await admin.get('/api/stock?location=A-1')).body as {
      sku: string;
      lot?: string;
      quantity: number;
    }[];
    expect(stock.map((l) => `${l.sku}${l.lot ? `/${l.lot}` : ''} ${l.quantity}`).sort()).toEqual([
      'BOLT 105',
      'NUT 50',
      'SEAL/L-9 4',
    ]);
    const movements = (await admin.get('/api/movements?type=receive')).body as {
      reference?: string;
      unitCost?: number;
      sku: string;
    }[];
    expect(
      movements
        .filter((m) => m.reference?.startsWith(`po:${poId}:`))
        .map((m) => [m.sku, m.unitCost])
        .sort(),
    ).toEqual([
      ['BOLT', 0.5],
      ['BOLT', 0.5],
      ['NUT', 0.12],
      ['SEAL', 2],
    ]);
  });

  it('returns goods with a reason (once per request), then closes; cancel is refused once goods arrived', async () => {
    const body = {
      request: 'ret-1',
      lines: [{ line: '2', quantity: 5, location: 'A-1', reason: 'damaged' }],
    };
    expect(
      (
        await clerk.post(`/api/purchase-orders/${poId}/returns`, {
          lines: [{ line: '2', quantity: 5, location: 'A-1' }],
        })
      ).status,
    ).toBe(400);
    expect((await clerk.post(`/api/purchase-orders/${poId}/returns`, body)).status).toBe(201);
    const again = await clerk.post(`/api/purchase-orders/${poId}/returns`, body);
    expect(again.status).toBe(200);
    expect(again.body.lines[1]).toMatchObject({ received: 50, returned: 5, open: 5 });
    expect(
      (
        await clerk.post(`/api/purchase-orders/${poId}/returns`, {
          lines: [{ line: '2', quantity: 99, location: 'A-1', reason: 'x' }],
        })
      ).status,
    ).toBe(409);
    expect((await manager.post(`/api/purchase-orders/${poId}/cancel`)).status).toBe(409);
    expect((await manager.post(`/api/purchase-orders/${poId}/close`)).body.status).toBe('closed');
    expect((await admin.get('/api/stock?sku=NUT')).body[0].quantity).toBe(45);
    const perf = (await manager.get('/api/suppliers/ACME/performance')).body;
    expect(perf).toMatchObject({ receipts: 2, onTimeRate: 1 });
    expect(perf.fillRate).toBeCloseTo((100 + 45 + 4) / 154, 10);
    expect((await manager.get('/api/suppliers/NOPE/performance')).status).toBe(404);
  });

  it('two devices drafting offline at once get different numbers; receipts made offline on two devices sync without doubles', async () => {
    const a = await connect(server.wsUrl, purchasingRoom(year), manager.token!);
    const b = await connect(server.wsUrl, purchasingRoom(year), manager.token!);
    clients.push(a, b);
    a.provider.disconnect();
    b.provider.disconnect();
    const me = { user: 'mia', device: TEST_DEVICE };
    const pa = new PurchasingRoom(a.doc, year);
    const pb = new PurchasingRoom(b.doc, year);
    const da = pa.draft(
      { supplier: 'ACME', lines: [{ sku: 'BOLT', quantity: 10, unitCost: 0.5 }] },
      { actor: me },
    );
    const db = pb.draft(
      { supplier: 'ACME', lines: [{ sku: 'NUT', quantity: 10, unitCost: 0.1 }] },
      { actor: me },
    );
    if (!da.ok || !db.ok) throw new Error('draft failed');
    a.provider.connect();
    b.provider.connect();
    await waitFor(
      () => pa.order(da.value.id)?.number != null && pa.order(db.value.id)?.number != null,
      'numbers on device A',
    );
    const numbers = [pa.order(da.value.id)!.number, pa.order(db.value.id)!.number];
    expect(new Set(numbers).size).toBe(2);
    expect(numbers.every((n) => /^PO-\d{4}-\d{4}$/.test(n!))).toBe(true);
    await waitFor(() => pb.order(da.value.id)?.number === numbers[0], 'the same numbers on device B');

    // Both clerks' devices receive the same delivery of the first order offline.
    expect(pa.send(da.value.id, { actor: me }).ok).toBe(true);
    await a.waitSaved();
    await waitFor(() => pb.order(da.value.id)?.status === 'sent', 'sent on B');
    const ledgers = await Promise.all(
      [clerk, clerk].map((c) => connect(server.wsUrl, ledgerRoom(periodOf(new Date())), c.token!)),
    );
    const rooms = await Promise.all(
      [clerk, clerk].map((c) => connect(server.wsUrl, purchasingRoom(year), c.token!)),
    );
    clients.push(...ledgers, ...rooms);
    const clara = { user: 'clara', device: TEST_DEVICE };
    for (const [i, r] of rooms.entries()) {
      r.provider.disconnect();
      ledgers[i]!.provider.disconnect();
      const p = new PurchasingRoom(r.doc, year);
      const ledger = new LedgerPeriod(ledgers[i]!.doc, periodOf(new Date()));
      const res = p.receive(
        da.value.id,
        'DN-OFF',
        [{ line: '1', quantity: 10, location: 'A-1' }],
        ledger.movements,
        { actor: clara },
      );
      expect(res.ok).toBe(true);
    }
    for (const [i, r] of rooms.entries()) {
      r.provider.connect();
      ledgers[i]!.provider.connect();
    }
    for (const c of [...rooms, ...ledgers]) await c.waitSaved();
    const po = (await manager.get(`/api/purchase-orders/${da.value.id}`)).body;
    expect(po).toMatchObject({ status: 'received', lines: [{ received: 10 }] });
    expect(po.receipts).toHaveLength(1);
    const refs = ((await admin.get('/api/movements')).body as { reference?: string }[]).filter(
      (m) => m.reference === `po:${da.value.id}:1`,
    );
    expect(refs).toHaveLength(1);
  });
});
