import { expect, test } from '@playwright/test';
import { type ApiClient, loginAdmin, userWithRole } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { Device } from './support/device.ts';
import { startAppServer } from './support/server.ts';

/*
 * Issue 18, the major findings of a new team's walk through every screen: each failed before
 * its fix. Move stock follows the address; stocktake counters are picked from the users who
 * may count; item and location codes are found whatever their case; history shows any range.
 */

const PASSWORD = 'walkthrough-pass-1';
let server: ServerProcess;
let admin: ApiClient;
const devices: Device[] = [];

test.beforeEach(async () => {
  server = await startAppServer();
  admin = await loginAdmin(server);
  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    if (r.status !== 201) throw new Error(`seed: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await ok(admin.post('/api/locations', { code: 'WH', kind: 'site', name: 'Warehouse' }));
  await ok(admin.post('/api/locations', { code: 'A-01', kind: 'bin', parent: 'WH', name: 'Aisle A, bin 1' }));
  await ok(admin.post('/api/items', { sku: 'BOLT-M8X40', name: 'Hex bolt M8 × 40', unit: 'ea' }));
  await ok(
    admin.post('/api/movements', { type: 'receive', sku: 'BOLT-M8X40', location: 'A-01', quantity: 50 }),
  );
  const earlier = new Date(Date.now() - 45 * 86_400_000).toISOString();
  await ok(
    admin.post('/api/movements', {
      type: 'receive',
      sku: 'BOLT-M8X40',
      location: 'A-01',
      quantity: 7,
      occurredAt: earlier,
    }),
  );
  for (const [name, role] of [
    ['maria', 'manager'],
    ['ben', 'counter'],
    ['vic', 'viewer'],
  ] as const)
    await userWithRole(server, admin, name, role, PASSWORD);
});

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  await server?.cleanup();
});

async function open(browser: import('@playwright/test').Browser, user: string): Promise<Device> {
  const d = await Device.open(browser, server.url, user);
  devices.push(d);
  await d.login(user, PASSWORD);
  return d;
}

test('Move stock shows the type the address names, and the button says what it records', async ({
  browser,
}) => {
  const maria = await open(browser, 'maria');
  await maria.go('#/move/receive');
  const screen = maria.page.getByTestId('move-screen');
  await expect(screen).toHaveAttribute('data-type', 'receive');
  await maria.go('#/move/issue');
  await expect(screen).toHaveAttribute('data-type', 'issue');
  const form = maria.page.getByTestId('move-form');
  await form.getByTestId('move-sku').fill('bolt-m8x40'); // any case
  await form.getByTestId('move-location').fill('a-01');
  await form.getByTestId('move-quantity').fill('5');
  await expect(form.getByTestId('move-submit')).toHaveText('Issue 5 ea');
  await form.getByTestId('move-submit').click();
  await expect(maria.page.getByTestId('move-status')).toHaveAttribute('data-id', /.+/);
  await maria.expectSaved();
  const issues = (await admin.get('/api/movements?type=issue')).body as {
    sku: string;
    location: string;
    quantity: number;
  }[];
  expect(issues.map((m) => `${m.sku} ${m.location} ${m.quantity}`)).toEqual(['BOLT-M8X40 A-01 5']);
});

test('stocktake counters are picked from the users who may count; a name that is not one is refused by name', async ({
  browser,
}) => {
  const maria = await open(browser, 'maria');
  await maria.go('#/stocktakes');
  await maria.page.getByTestId('stocktakes-new').click();
  const choices = maria.page.getByTestId('stocktake-form-counter');
  await expect(choices).toHaveCount(3); // admin, maria (managers count too) and ben — not the viewer
  await expect(maria.page.locator('[data-testid=stocktake-form-counter][data-username="vic"]')).toHaveCount(
    0,
  );
  await maria.page.getByTestId('stocktake-form-name').fill('Walk');
  await maria.page.locator('[data-testid=stocktake-form-location][data-code="A-01"]').check();
  await maria.page.getByTestId('stocktake-form-counters').fill('nobody');
  await maria.page.getByTestId('stocktake-form-submit').click();
  await expect(maria.page.getByTestId('stocktake-form')).toContainText('nobody: is not a user who may count');
  await maria.page.getByTestId('stocktake-form-counters').fill('');
  await maria.page.locator('[data-testid=stocktake-form-counter][data-username="ben"]').check();
  await expect(maria.page.getByTestId('stocktake-form-counters')).toHaveValue('ben');
  await maria.page.getByTestId('stocktake-form-submit').click();
  await expect(maria.page.getByTestId('stocktake-screen')).toBeVisible();
  await maria.expectSaved();
  const ben = await open(browser, 'ben');
  await ben.go('#/stocktakes');
  await expect(ben.page.getByTestId('stocktake-row')).toHaveCount(1);
});

test('history shows any date range and exports what it shows', async ({ browser }) => {
  const maria = await open(browser, 'maria');
  await maria.go('#/history');
  await expect(maria.page.getByTestId('history-row')).toHaveCount(1); // this month: the receipt of 50
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  await maria.page.getByTestId('history-filter-from').fill(from);
  await expect(maria.page.getByTestId('history-row')).toHaveCount(2); // and the one of 45 days ago
  await expect(maria.page.getByTestId('history-range')).toContainText(`from ${from}`);
  const download = maria.page.waitForEvent('download');
  await maria.page.getByTestId('history-export').click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n').filter(Boolean)).toHaveLength(3); // header + 2
  expect(text).toContain('BOLT-M8X40');
});

test('a stocktake that does not exist says so; a reload on the count screen keeps the location being counted', async ({
  browser,
}) => {
  const created = await admin.post('/api/stocktakes', {
    name: 'Reload',
    locations: ['A-01'],
    counters: ['ben'],
  });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  expect((await admin.post(`/api/stocktakes/${id}/start`)).status).toBe(200);

  const maria = await open(browser, 'maria');
  await maria.go('#/stocktakes/no-such-stocktake');
  await expect(maria.page.getByTestId('stocktake-missing')).toHaveAttribute('data-reason', 'not-found');
  await expect(maria.page.getByTestId('stocktake-missing')).toContainText('No such stocktake');
  await expect(maria.page.getByTestId('stocktake-status')).toHaveCount(0);

  const ben = await open(browser, 'ben');
  await ben.go(`#/stocktakes/${id}/count`);
  await ben.page.locator('[data-testid=count-pick-location][data-code="A-01"]').click();
  await expect(ben.page.getByTestId('count-location')).toBeVisible();
  await ben.reload();
  await expect(ben.page.getByTestId('count-location')).toBeVisible();
  await expect(ben.page.getByTestId('count-location')).toHaveAttribute('data-code', 'A-01');
});

test('archiving an item with stock on hand asks first and says how much is on hand', async ({ browser }) => {
  const maria = await open(browser, 'maria');
  await maria.openItem('BOLT-M8X40');
  await expect(maria.page.getByTestId('item-status')).toHaveText('Active');
  await maria.page.getByTestId('item-archive').click();
  await expect(maria.page.getByTestId('item-archive-confirm')).toContainText('57 ea of BOLT-M8X40');
  await expect(maria.page.getByTestId('item-status')).toHaveText('Active');
  await maria.page.getByTestId('item-archive').click();
  await expect(maria.page.getByTestId('item-status')).toHaveText('Archived');
  await expect(maria.page.getByTestId('item-archive-confirm')).toHaveCount(0);
});

test('suppliers can be edited and locations renamed and re-barcoded; codes stay', async ({ browser }) => {
  expect((await admin.post('/api/suppliers', { code: 'ACME', name: 'Acme' })).status).toBe(201);
  const maria = await open(browser, 'maria');
  await maria.go('#/suppliers');
  await maria.page
    .locator('[data-testid=supplier-row][data-code="ACME"] [data-testid=supplier-edit]')
    .click();
  await expect(maria.page.getByTestId('supplier-form-code')).toBeDisabled();
  await maria.page.getByTestId('supplier-form-name').fill('Acme Fasteners Ltd');
  await maria.page.getByTestId('supplier-form-lead-time').fill('12');
  await maria.page.getByTestId('supplier-form-submit').click();
  const row = maria.page.locator('[data-testid=supplier-row][data-code="ACME"]');
  await expect(row).toContainText('Acme Fasteners Ltd');
  await expect(row).toContainText('12 d');

  await maria.go('#/locations');
  const bin = maria.page.locator('[data-testid=location-row][data-code="A-01"]');
  await bin.getByTestId('location-edit').click();
  await expect(maria.page.getByTestId('location-form-code')).toBeDisabled();
  await maria.page.getByTestId('location-form-name').fill('Aisle A, bin 1 (top)');
  await maria.page.getByTestId('location-form-barcode').fill('LOC A 01');
  await maria.page.getByTestId('location-form-submit').click();
  await expect(maria.page.getByTestId('location-form-barcode-error')).toContainText(
    'must not contain spaces',
  );
  await maria.page.getByTestId('location-form-barcode').fill('LOC-A-01');
  await maria.page.getByTestId('location-form-submit').click();
  await expect(maria.page.getByTestId('location-form')).toHaveCount(0);
  await expect(bin).toContainText('Aisle A, bin 1 (top)');
  await maria.expectSaved();
  await expect
    .poll(async () => (await admin.get('/api/locations/A-01')).body)
    .toMatchObject({ name: 'Aisle A, bin 1 (top)', barcode: 'LOC-A-01' });
  await expect
    .poll(async () => (await admin.get('/api/suppliers')).body)
    .toEqual(expect.arrayContaining([expect.objectContaining({ code: 'ACME', leadTimeDays: 12 })]));
});

test('keyboard: a skip link to the content, Escape closes the sync panel, the brand link has a name', async ({
  browser,
}) => {
  const maria = await open(browser, 'maria');
  await maria.go('#/items');
  // The skip link comes first in the tab order (the first focusable element of the page) …
  const first = await maria.page.evaluate(
    () =>
      document
        .querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')
        ?.getAttribute('data-testid') ?? null,
  );
  expect(first).toBe('skip-link');
  // … shows when focused and moves focus to the screen's content.
  const skip = maria.page.getByTestId('skip-link');
  await skip.focus();
  await expect(skip).toBeInViewport();
  await maria.page.keyboard.press('Enter');
  await expect(maria.page.getByTestId('main')).toBeFocused();
  await expect(maria.page.getByTestId('brand')).toHaveAccessibleName('Stockroom, home');
  await maria.page.getByTestId('sync-indicator').click();
  await expect(maria.page.getByTestId('sync-panel')).toBeVisible();
  await maria.page.keyboard.press('Escape');
  await expect(maria.page.getByTestId('sync-panel')).toHaveCount(0);
});
