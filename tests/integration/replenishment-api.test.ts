// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

const DAY = 86_400_000;
/** Noon UTC `n` days ago: the window ends yesterday, so today's issues are not in it. */
const daysAgo = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY - n * DAY + DAY / 2).toISOString();

describe('replenishment from real consumption (API, real server)', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let manager: ApiClient;

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    manager = await userWithRole(server, admin, 'mia', 'manager');
    const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
      const r = await p;
      if (r.status !== status) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await ok(admin.post('/api/locations', { code: 'WH', kind: 'site' }));
    await ok(admin.post('/api/locations', { code: 'A-1', kind: 'bin', parent: 'WH' }));
    await ok(admin.post('/api/suppliers', { code: 'ACME', name: 'Acme' }));
    await ok(
      admin.post('/api/items', {
        sku: 'BOLT',
        name: 'Bolt',
        unitCost: 0.5,
        suppliers: [
          {
            supplier: 'ACME',
            unitCost: 0.45,
            packSize: 10,
            minOrderQty: 20,
            leadTimeDays: 5,
            preferred: true,
          },
        ],
      }),
    );
    await ok(
      admin.patch('/api/items/BOLT', {
        replenishment: { method: 'computed', serviceLevel: 0.95, windowDays: 90, reviewDays: 14 },
      }),
      200,
    );
    // 1000 received 100 days ago, then 10 issued every day of the 90-day window (back-dated).
    await ok(
      admin.post('/api/movements', {
        type: 'receive',
        sku: 'BOLT',
        location: 'A-1',
        quantity: 1000,
        occurredAt: daysAgo(100),
      }),
    );
    for (let d = 90; d >= 1; d--)
      await ok(
        admin.post('/api/movements', {
          type: 'issue',
          sku: 'BOLT',
          location: 'A-1',
          quantity: 10,
          occurredAt: daysAgo(d),
        }),
      );
  }, 120_000);
  afterAll(async () => {
    await server?.cleanup();
  });

  const line = async () => (await manager.get('/api/replenishment?sku=BOLT')).body[0];

  it('computes the figures from 90 days of back-dated issues, exactly', async () => {
    expect(await line()).toMatchObject({
      sku: 'BOLT',
      supplier: 'ACME',
      method: 'computed',
      intermittent: false,
      onHand: 100,
      onOrder: 0,
      reserved: 0,
      position: 100,
      averageDailyDemand: 10,
      demandStdDev: 0,
      leadTimeDays: 5,
      leadTimeStdDev: 0,
      leadTimeSource: 'supplier-item',
      safetyStock: 0,
      reorderPoint: 50,
      suggestedQuantity: 0,
    });
    expect((await manager.get('/api/replenishment?below=true')).body).toEqual([]);
  });

  it('below the reorder point: up to ROP + d̄ × review days in whole packs; drafting twice orders once', async () => {
    // Today's issue is not demand in the window (the day is not over) but it is gone from stock.
    const r = await admin.post('/api/movements', {
      type: 'issue',
      sku: 'BOLT',
      location: 'A-1',
      quantity: 60,
    });
    expect(r.status).toBe(201);
    expect(await line()).toMatchObject({
      onHand: 40,
      position: 40,
      reorderPoint: 50,
      suggestedQuantity: 150,
    });
    expect(
      (await manager.get('/api/replenishment?below=true')).body.map((l: { sku: string }) => l.sku),
    ).toEqual(['BOLT']);

    const first = await manager.post('/api/purchase-orders/from-suggestions', {});
    expect(first.status).toBe(201);
    expect(first.body).toHaveLength(1);
    expect(first.body[0]).toMatchObject({
      supplier: 'ACME',
      status: 'draft',
      source: 'suggestions',
      lines: [{ sku: 'BOLT', quantity: 150, unitCost: 0.45 }],
    });
    const second = await manager.post('/api/purchase-orders/from-suggestions', {});
    expect(second.body).toEqual([]);
    expect(await line()).toMatchObject({ onOrder: 150, position: 190, suggestedQuantity: 0 });
    expect((await admin.get('/api/replenishment')).status).toBe(200);
  });
});
