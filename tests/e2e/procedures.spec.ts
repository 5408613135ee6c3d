import { expect, test } from '@playwright/test';
import { type ApiClient, loginAdmin, userWithRole } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { Device } from './support/device.ts';
import { startAppServer } from './support/server.ts';

/**
 * Procedures end to end, in real Chromium: the move-stock screen shows the job's checklist;
 * an adjustment above its category's threshold typed on a clerk's device is held (no stock
 * changes, on the device or the server) until a manager on another session approves it;
 * then it is posted once and the clerk's device sees the new stock live.
 */

test.use({ actionTimeout: 20_000 });

const PASSWORD = 'procedures-pass-123';
let server: ServerProcess;
const devices: Device[] = [];

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  await server?.cleanup();
});

const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field.
  return r.body as any;
};

async function onHand(api: ApiClient, sku: string): Promise<number> {
  const lines = (await api.get(`/api/stock?sku=${sku}`)).body as { quantity: number }[];
  return lines.reduce((s, l) => s + l.quantity, 0);
}

test('a held adjustment changes no stock until a manager approves it, then posts once', async ({
  browser,
}) => {
  server = await startAppServer();
  const admin = await loginAdmin(server);
  await userWithRole(server, admin, 'clara', 'clerk', PASSWORD);
  const manager = await userWithRole(server, admin, 'mia', 'manager', PASSWORD);
  await ok(admin.post('/api/locations', { code: 'WH', kind: 'site' }));
  await ok(admin.post('/api/locations', { code: 'WH-01', kind: 'bin', parent: 'WH' }));
  await ok(admin.post('/api/items', { sku: 'FUSE', name: 'Fuse 5A', category: 'Electrical', unitCost: 2 }));
  await ok(admin.post('/api/movements', { type: 'receive', sku: 'FUSE', location: 'WH-01', quantity: 100 }));
  await ok(admin.request('PUT', '/api/settings/thresholds', [{ category: 'Electrical', quantity: 10 }]), 200);

  const clerk = await Device.open(browser, server.url, 'clerk');
  devices.push(clerk);
  await clerk.login('clara', PASSWORD);
  const page = clerk.page;
  await clerk.go('#/move/adjust');
  await expect(page.getByTestId('move-screen')).toHaveAttribute('data-type', 'adjust');
  // The adjust procedure is shown where the job is done; the damage note is checked by the app.
  await expect(page.getByTestId('checklist')).toHaveAttribute('data-job', 'adjust');
  await expect(page.locator('[data-testid=checklist-step][data-check=damage-note]')).toHaveCount(1);

  // Within the limit: recorded at once.
  await clerk.record({
    type: 'adjust',
    sku: 'FUSE',
    location: 'WH-01',
    quantity: 5,
    reason: 'Damaged: dropped',
  });
  await clerk.expectSaved();
  await expect.poll(() => onHand(admin, 'FUSE')).toBe(95);

  // Above it: held.
  const form = page.getByTestId('move-form');
  await form.getByTestId('move-sku').fill('FUSE');
  await form.getByTestId('move-location').fill('WH-01');
  await form.getByTestId('move-direction-remove').click();
  await form.getByTestId('move-quantity').fill('40');
  await form.getByTestId('move-reason').fill('Expired');
  await form.getByTestId('move-submit').click();
  await expect(page.getByTestId('move-held')).toContainText('quantity 40 is above the limit of 10');
  await expect(form.getByTestId('move-onhand')).toHaveCount(0); // the form was cleared
  await clerk.expectSaved();

  // The manager sees it pending; nothing changed on the server.
  await expect
    .poll(async () => ((await manager.get('/api/approvals?status=pending')).body as unknown[]).length)
    .toBe(1);
  const pending = (await manager.get('/api/approvals?status=pending')).body;
  expect(pending[0].request).toMatchObject({
    user: 'clara',
    adjustment: { sku: 'FUSE', quantity: -40, reasonCode: 'expired' },
  });
  expect(await onHand(admin, 'FUSE')).toBe(95);

  // The manager approves it on another device's approvals screen, then a retry through the
  // API: posted once.
  const id = pending[0].request.id as string;
  const mia = await Device.open(browser, server.url, 'manager');
  devices.push(mia);
  await mia.login('mia', PASSWORD);
  await mia.go('#/approvals');
  const row = mia.page.locator(`[data-testid=approval][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', 'pending');
  await row.getByTestId('approval-approve').click();
  await expect(mia.page.locator(`[data-testid=approval][data-id="${id}"]`)).toHaveAttribute(
    'data-status',
    'approved',
  );
  await ok(manager.post(`/api/approvals/${id}/approve`, {}), 200);
  expect(await onHand(admin, 'FUSE')).toBe(55);
  // The clerk's device receives the approved movement live.
  await clerk.expectOnHand('FUSE', 'WH-01', '55');
});
