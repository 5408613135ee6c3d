import { type ApiClient, loginAdmin, userWithRole } from './api-client.ts';
import type { ServerProcess } from './server-process.ts';

/** One small warehouse: two bins with stock, and the people who count it. */
export interface StocktakeSetup {
  admin: ApiClient;
  manager: ApiClient;
  alice: ApiClient;
  bob: ApiClient;
  /** A counter who is never assigned. */
  carol: ApiClient;
  viewer: ApiClient;
}

export const BOLT_BARCODE = '4000000000001';

/** Catalog (A-1, A-2; BOLT with a barcode, NUT), opening stock by receipts, and users. */
export async function setUpWarehouse(server: ServerProcess, prefix = ''): Promise<StocktakeSetup> {
  const admin = await loginAdmin(server);
  const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
    const res = await p;
    if (res.status !== status) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await ok(admin.post('/api/locations', { code: 'WH', kind: 'site' }));
  await ok(admin.post('/api/locations', { code: 'A-1', kind: 'bin', parent: 'WH' }));
  await ok(admin.post('/api/locations', { code: 'A-2', kind: 'bin', parent: 'WH' }));
  await ok(admin.post('/api/locations', { code: 'B-1', kind: 'bin', parent: 'WH' }));
  await ok(admin.post('/api/items', { sku: 'BOLT', name: 'Bolt', barcodes: [BOLT_BARCODE], unitCost: 0.5 }));
  await ok(admin.post('/api/items', { sku: 'NUT', name: 'Nut', unitCost: 0.1 }));
  await ok(admin.post('/api/movements', { type: 'receive', sku: 'BOLT', location: 'A-1', quantity: 100 }));
  await ok(admin.post('/api/movements', { type: 'receive', sku: 'NUT', location: 'A-1', quantity: 40 }));
  await ok(admin.post('/api/movements', { type: 'receive', sku: 'NUT', location: 'A-2', quantity: 10 }));
  await ok(admin.post('/api/movements', { type: 'receive', sku: 'BOLT', location: 'B-1', quantity: 7 }));
  return {
    admin,
    manager: await userWithRole(server, admin, `${prefix}maria`, 'manager'),
    alice: await userWithRole(server, admin, `${prefix}alice`, 'counter'),
    bob: await userWithRole(server, admin, `${prefix}bob`, 'counter'),
    carol: await userWithRole(server, admin, `${prefix}carol`, 'counter'),
    viewer: await userWithRole(server, admin, `${prefix}vic`, 'viewer'),
  };
}
