import { expect, test } from '@playwright/test';
import { loginAdmin } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import { StocktakeDevice } from './support/stocktake-device.ts';
import { PASSWORD } from './support/stocktake-world.ts';

/**
 * A home for every role and navigation by job, in real Chromium on a phone (390×844) and a
 * desktop (1280×800): each role lands on its own home after login, the menu lists exactly the
 * screens the role may use (a bottom bar of four jobs and "More" on the phone, a side bar on
 * the desktop), and a handheld scan on the home opens what the code names.
 */

const BOLT = '4006381333931';
const BIN_LABEL = 'LOC:A-01';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

type Role = 'admin' | 'manager' | 'clerk' | 'counter' | 'technician' | 'viewer';

const STOCK = ['items', 'stock', 'move', 'history', 'locations', 'lots', 'labels'];
/** Managers and admins also decide held adjustments (issue 13). */
const STOCK_DECIDING = ['items', 'stock', 'move', 'history', 'locations', 'lots', 'approvals', 'labels'];
const BUY = ['purchase-orders', 'replenishment', 'suppliers'];
const MAINTAIN = ['work-orders', 'assets', 'schedules', 'critical-spares'];

/** What each role's menu lists, written out here rather than read from the app's own model. */
const EXPECTED: Record<Role, { home: string; nav: string[]; bottom: string[] }> = {
  admin: {
    home: 'admin',
    nav: [
      'home',
      ...STOCK_DECIDING,
      'stocktakes',
      ...BUY,
      ...MAINTAIN,
      'dashboard',
      'admin',
      'audit',
      'import',
      'procedures',
      'training',
      'scanner',
    ],
    bottom: ['home', 'stock', 'purchase-orders', 'admin'],
  },
  manager: {
    home: 'manager',
    nav: [
      'home',
      ...STOCK_DECIDING,
      'stocktakes',
      ...BUY,
      ...MAINTAIN,
      'dashboard',
      'audit',
      'import',
      'training',
      'scanner',
    ],
    bottom: ['home', 'stock', 'purchase-orders', 'stocktakes'],
  },
  clerk: {
    home: 'clerk',
    nav: [
      'home',
      ...STOCK,
      'stocktakes',
      ...BUY,
      'work-orders',
      'assets',
      'critical-spares',
      'training',
      'scanner',
    ],
    bottom: ['home', 'purchase-orders', 'move', 'stock'],
  },
  counter: {
    home: 'counter',
    nav: ['home', 'items', 'locations', 'stocktakes', 'scanner'],
    bottom: ['home', 'stocktakes', 'items', 'locations'],
  },
  technician: {
    home: 'technician',
    nav: [
      'home',
      'items',
      'stock',
      'history',
      'locations',
      'lots',
      'work-orders',
      'assets',
      'critical-spares',
      'scanner',
    ],
    bottom: ['home', 'work-orders', 'stock', 'assets'],
  },
  viewer: {
    home: 'manager',
    nav: [
      'home',
      'items',
      'stock',
      'history',
      'locations',
      'lots',
      'stocktakes',
      ...BUY,
      'work-orders',
      'assets',
      'critical-spares',
      'dashboard',
      'scanner',
    ],
    bottom: ['home', 'stock', 'purchase-orders', 'work-orders'],
  },
};
const ROLES = Object.keys(EXPECTED) as Role[];

test.use({ actionTimeout: 20_000 });

let server: ServerProcess;
let workOrder: { id: string; number: string };
const devices: StocktakeDevice[] = [];

test.beforeAll(async () => {
  server = await startAppServer();
  const admin = await loginAdmin(server);
  for (const role of ROLES) {
    if (role === 'admin') continue;
    expect((await admin.post('/api/users', { username: role, password: PASSWORD, role })).status).toBe(201);
  }
  await seedCatalog(server, {
    locations: [{ code: 'WH', kind: 'site', name: 'Main warehouse' }],
    items: [],
  });
  const bin = { code: 'A-01', kind: 'bin', parent: 'WH', barcode: BIN_LABEL };
  expect((await admin.post('/api/locations', bin)).status).toBe(201);
  expect(
    (await admin.post('/api/items', { sku: 'BOLT', name: 'Hex bolt M8', barcodes: [BOLT] })).status,
  ).toBe(201);
  const receipt = { type: 'receive', sku: 'BOLT', location: 'A-01', quantity: 10 };
  expect((await admin.post('/api/movements', receipt)).status).toBe(201);
  expect((await admin.post('/api/assets', { code: 'PUMP-1', name: 'Coolant pump' })).status).toBe(201);
  const created = await admin.post('/api/work-orders', { asset: 'PUMP-1', title: 'Replace the seals' });
  expect(created.status).toBe(201);
  workOrder = { id: created.body.id, number: created.body.number };
});

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
});

test.afterAll(async () => {
  await server?.cleanup();
});

async function open(
  browser: import('@playwright/test').Browser,
  role: Role,
  viewport: { width: number; height: number },
): Promise<StocktakeDevice> {
  const d = await StocktakeDevice.open(browser, server.url, role, viewport);
  devices.push(d);
  await d.login(role === 'admin' ? 'admin' : role, role === 'admin' ? server.adminPassword : PASSWORD);
  return d;
}

/** The `nav-…` test ids of the links in the menu, in order. */
async function navSections(d: StocktakeDevice): Promise<string[]> {
  const ids = await d.page
    .getByTestId('nav')
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.dataset.testid));
  return ids.map((id) => String(id).replace(/^nav-/, ''));
}

async function bottomSections(d: StocktakeDevice): Promise<string[]> {
  const ids = await d.page
    .getByTestId('bottombar')
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.dataset.testid));
  return ids.map((id) => String(id).replace(/^bottom-/, ''));
}

async function shot(d: StocktakeDevice, name: string, testInfo: import('@playwright/test').TestInfo) {
  const path = testInfo.outputPath(`${name}.png`);
  await d.page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const role of ROLES) {
  test(`${role}: lands on its home and sees only its jobs, on a phone and a desktop`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(90_000);
    const want = EXPECTED[role];

    const phone = await open(browser, role, PHONE);
    await expect(phone.page.getByTestId('home-screen')).toHaveAttribute('data-home', want.home);
    expect(new URL(phone.page.url()).hash).toBe('');
    // The phone: a bottom bar of the role's four jobs; the rest of the menu behind "More".
    await expect(phone.page.getByTestId('bottombar')).toBeVisible();
    expect(await bottomSections(phone)).toEqual(want.bottom);
    await expect(phone.page.getByTestId('bottom-home')).toHaveAttribute('aria-current', 'page');
    await expect(phone.page.getByTestId('nav')).toBeHidden();
    await shot(phone, `home-${role}-phone`, testInfo);
    await phone.page.getByTestId('bottom-more').click();
    await expect(phone.page.getByTestId('nav')).toBeVisible();
    expect(await navSections(phone)).toEqual(want.nav);
    const last = want.nav.at(-1)!;
    await phone.page.getByTestId(`nav-${last}`).click();
    await expect(phone.page.getByTestId('nav')).toBeHidden(); // following a link closes the menu
    await expect(phone.page.getByTestId('bottom-more')).toHaveAttribute('aria-current', 'page');
    await phone.close();
    devices.splice(devices.indexOf(phone), 1);

    const desktop = await open(browser, role, DESKTOP);
    await expect(desktop.page.getByTestId('home-screen')).toHaveAttribute('data-home', want.home);
    await expect(desktop.page.getByTestId('bottombar')).toBeHidden();
    await expect(desktop.page.getByTestId('nav')).toBeVisible();
    expect(await navSections(desktop)).toEqual(want.nav);
    await shot(desktop, `home-${role}-desktop`, testInfo);

    // Every home's tiles and lists come from what the role does.
    const home = desktop.page.getByTestId('home-screen');
    if (want.home === 'manager' || want.home === 'admin')
      await expect(home.getByTestId('dashboard')).toBeVisible();
    if (want.home === 'admin')
      await expect(home.getByTestId('home-tile-users')).toHaveAttribute('href', '#/admin/users');
    if (want.home === 'counter') await expect(home.getByTestId('stocktakes-screen')).toBeVisible();
    if (want.home === 'clerk') {
      await expect(home.getByTestId('home-tile-receive-value')).toHaveText('0');
      await expect(home.getByTestId('home-tile-issue')).toHaveAttribute('href', '#/move/issue');
    }
    if (want.home === 'technician') {
      await expect(home.locator(`[data-testid=home-work-order][data-id="${workOrder.id}"]`)).toContainText(
        workOrder.number,
      );
    }
    // Deep links keep working, and the brand leads home.
    await desktop.go('#/items');
    await expect(desktop.page.getByTestId('nav-items')).toHaveAttribute('aria-current', 'page');
    await desktop.page.getByTestId('brand').click();
    await expect(desktop.page.getByTestId('home-screen')).toBeVisible();
  });
}

for (const [size, viewport] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const) {
  test(`scan anything from the home (${size}): an item, a bin, a work order, an unknown code`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const clerk = await open(browser, 'clerk', viewport);
    await expect(clerk.page.getByTestId('home-screen')).toBeVisible();

    await clerk.scan(BOLT);
    await expect(clerk.page.getByTestId('stock-screen')).toHaveAttribute('data-by', 'item');
    await expect(clerk.page.getByTestId('stock-search')).toHaveValue('BOLT');
    await expect(clerk.page.locator('[data-testid=stock-group][data-code=BOLT]')).toBeVisible();

    await clerk.go('#/home');
    await expect(clerk.page.getByTestId('home-screen')).toBeVisible();
    await clerk.scan(BIN_LABEL);
    await expect(clerk.page.getByTestId('stock-screen')).toHaveAttribute('data-by', 'location');
    await expect(clerk.page.getByTestId('stock-search')).toHaveValue('A-01');

    // A work order's number opens the rooms it lives in first, then the work order.
    await clerk.go('#/home');
    await clerk.scan(workOrder.number);
    await expect(clerk.page).toHaveURL(new RegExp(`#/work-orders/${workOrder.id}/issue$`));

    // Typed into the items search, a scan is the field's: the items list opens the item's own
    // page (with its stock) and the global scanner does not send it to the stock screen.
    await clerk.go('#/items');
    await clerk.page.getByTestId('items-search').focus();
    await clerk.page.keyboard.type(BOLT, { delay: 5 });
    await clerk.page.keyboard.press('Enter');
    await expect(clerk.page.getByTestId('item-screen')).toBeVisible();
    await expect(clerk.page.getByTestId('stock-screen')).toHaveCount(0);

    await clerk.go('#/home');
    await clerk.scan('NOPE-123');
    await expect(clerk.page.getByTestId('scan-unknown')).toHaveAttribute('data-raw', 'NOPE-123');
    await expect(clerk.page.getByTestId('scan-unknown-create')).toHaveCount(0); // clerks do not edit the catalog
  });
}

test('an admin creates an item from an unknown scan, and opens items by the scan button', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const admin = await open(browser, 'admin', PHONE);
  await expect(admin.page.getByTestId('home-screen')).toBeVisible();
  await admin.scan('5012345678900');
  await expect(admin.page.getByTestId('scan-unknown')).toHaveAttribute('data-raw', '5012345678900');
  await admin.page.getByTestId('scan-unknown-create').click();
  const form = admin.page.getByTestId('scan-create').getByTestId('item-form');
  await expect(form.getByTestId('item-form-barcodes')).toHaveValue('5012345678900');
  await form.getByTestId('item-form-sku').fill('GLUE');
  await form.getByTestId('item-form-name').fill('Glue');
  await form.getByTestId('item-form-submit').click();
  await expect(admin.page).toHaveURL(/#\/items\/edit\/GLUE$/);

  // The header's scan button: typing the code in its sheet resolves it like a scan.
  await admin.go('#/home');
  await admin.page.getByTestId('scan-button').click();
  const sheet = admin.page.getByTestId('scan-sheet');
  await expect(sheet).toBeVisible();
  await sheet.getByRole('textbox').fill('5012345678900');
  await sheet.getByRole('textbox').press('Enter');
  await expect(admin.page.getByTestId('stock-screen')).toHaveAttribute('data-by', 'item');
  await expect(admin.page.getByTestId('stock-search')).toHaveValue('GLUE');
});
