import { type Browser, test } from '@playwright/test';
import { type ApiClient, loginAdmin } from '../../integration/support/api-client.ts';
import type { ServerProcess } from '../../integration/support/server-process.ts';
import { seedCatalog } from './seed.ts';
import { startAppServer } from './server.ts';
import { StocktakeDevice } from './stocktake-device.ts';

export const PASSWORD = 'counting-pass-123';

/** A small warehouse: zone Z1 with three bins, zone Z2 with one, four items, stock in most bins. */
export const WAREHOUSE = {
  locations: [
    { code: 'WH', kind: 'site' as const, name: 'Main warehouse' },
    { code: 'Z1', kind: 'zone' as const, parent: 'WH', name: 'Zone 1' },
    { code: 'A-01', kind: 'bin' as const, parent: 'Z1' },
    { code: 'A-02', kind: 'bin' as const, parent: 'Z1' },
    { code: 'A-03', kind: 'bin' as const, parent: 'Z1' },
    { code: 'Z2', kind: 'zone' as const, parent: 'WH', name: 'Zone 2' },
    { code: 'B-01', kind: 'bin' as const, parent: 'Z2' },
    { code: 'B-02', kind: 'bin' as const, parent: 'Z2' },
  ],
  items: [
    { sku: 'BOLT', name: 'Hex bolt M8', barcodes: ['4006381333931'], unitCost: 0.5 },
    { sku: 'NUT', name: 'Hex nut M8', barcodes: ['4000000000017'], unitCost: 0.1 },
    { sku: 'WASHER', name: 'Washer M8', barcodes: ['09501101530003'], unitCost: 0.05 },
    { sku: 'SCREW', name: 'Wood screw 4x40', unitCost: 0.2 },
  ],
  stock: [
    { sku: 'BOLT', location: 'A-01', quantity: 5 },
    { sku: 'NUT', location: 'A-01', quantity: 5 },
    { sku: 'WASHER', location: 'A-01', quantity: 10 },
    { sku: 'BOLT', location: 'A-02', quantity: 4 },
    { sku: 'NUT', location: 'A-02', quantity: 2 },
    { sku: 'NUT', location: 'A-03', quantity: 3 },
    { sku: 'BOLT', location: 'B-01', quantity: 7 },
    { sku: 'SCREW', location: 'B-02', quantity: 9 },
  ],
};

export interface World {
  admin: ApiClient;
}

/** Users (one manager, counters), the catalog and opening stock, through the HTTP API. */
export async function seedWorld(
  server: ServerProcess,
  users: { username: string; role: 'manager' | 'counter' }[],
): Promise<World> {
  const admin = await loginAdmin(server);
  for (const u of users) {
    const res = await admin.post('/api/users', { username: u.username, password: PASSWORD, role: u.role });
    if (res.status !== 201)
      throw new Error(`creating ${u.username}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await seedCatalog(server, { locations: WAREHOUSE.locations, items: [] });
  for (const item of WAREHOUSE.items) {
    const res = await admin.post('/api/items', item);
    if (res.status !== 201) throw new Error(`seeding ${item.sku}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const s of WAREHOUSE.stock) {
    const res = await admin.post('/api/movements', { type: 'receive', ...s });
    if (res.status !== 201) throw new Error(`receiving ${s.sku}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { admin };
}

/** Stock on hand as the server folds it: `sku@location` → quantity (lines with 0 left out). */
export async function serverStock(admin: ApiClient): Promise<Record<string, number>> {
  const res = await admin.get('/api/stock');
  if (res.status !== 200) throw new Error(`GET /api/stock: ${res.status}`);
  const out: Record<string, number> = {};
  for (const l of res.body as { sku: string; location: string; lot?: string; quantity: number }[]) {
    if (l.quantity !== 0) out[`${l.sku}@${l.location}${l.lot ? `#${l.lot}` : ''}`] = l.quantity;
  }
  return out;
}

/**
 * One server and the browser devices of a stocktake test, closed after each test. Call at the
 * top of a spec file (it registers an afterEach hook).
 */
export function stocktakeTest() {
  let server: ServerProcess | undefined;
  const devices: StocktakeDevice[] = [];

  test.afterEach(async () => {
    for (const d of devices.splice(0)) await d.close().catch(() => undefined);
    await server?.cleanup();
    server = undefined;
  });

  return {
    async start(): Promise<ServerProcess> {
      server = await startAppServer();
      return server;
    },
    /** A device logged in as `name` (password PASSWORD). */
    async open(
      browser: Browser,
      name: string,
      viewport?: { width: number; height: number },
    ): Promise<StocktakeDevice> {
      if (!server) throw new Error('start() the server first');
      const d = await StocktakeDevice.open(browser, server.url, name, viewport);
      devices.push(d);
      await d.login(name, PASSWORD);
      return d;
    },
  };
}
