import { expect, type Locator, test } from '@playwright/test';
import { loginAdmin } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import { StocktakeDevice } from './support/stocktake-device.ts';
import { PASSWORD } from './support/stocktake-world.ts';

/*
 * Reports end to end, in real Chromium. Movements with costs are posted through the API,
 * back-dated into earlier months (so the device reads those months as the server's period
 * stats rooms, following the chain from this month's opening) plus one issue today (folded
 * on the device). Hand-computed:
 *   BOLT  d40 +10 @ 2.00, d35 +10 @ 4.00 → average 3.00; d30 −5, today −3 → 12 on hand = 36.00
 *   NUT   d40 +100 @ 0.50 → 50.00, never issued
 *   Stock value 86.00; BOLT consumed 8 (value 24.00): the only A item; NUT is C.
 *   BOLT reorder point 20, max 40, packs of 10, MOQ 30: position 12 → suggest 30 from ACME.
 * The dashboard, valuation, consumption, ABC and dead stock show these figures and their
 * charts (turnover and count accuracy are opened online), then the same after
 * the network is cut (a proxy that drops the WebSockets) and the page reloaded from the
 * service worker; offline, a draft PO is made from the suggestion and reaches the server
 * once the network is back.
 */

test.use({ actionTimeout: 20_000 });

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

let server: ServerProcess;
let proxy: TcpProxy | null = null;
let device: StocktakeDevice | null = null;

test.afterEach(async () => {
  await device?.close().catch(() => undefined);
  device = null;
  await proxy?.stop();
  proxy = null;
  await server?.cleanup();
});

function value(page: StocktakeDevice['page'], testid: string): Locator {
  return page.getByTestId(`${testid}-value`);
}

test('dashboard, valuation, consumption and ABC show the exact figures online and offline; replenishment drafts a PO', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  server = await startAppServer();
  const admin = await loginAdmin(server);
  expect(
    (await admin.post('/api/users', { username: 'maria', password: PASSWORD, role: 'manager' })).status,
  ).toBe(201);
  expect((await admin.post('/api/suppliers', { code: 'ACME', name: 'Acme Fasteners' })).status).toBe(201);
  await seedCatalog(server, {
    locations: [
      { code: 'WH', kind: 'site', name: 'Main warehouse' },
      { code: 'A-01', kind: 'bin', parent: 'WH' },
    ],
    items: [],
  });
  for (const item of [
    {
      sku: 'BOLT',
      name: 'Hex bolt M8',
      unitCost: 1,
      reorderPoint: 20,
      maxQty: 40,
      suppliers: [{ supplier: 'ACME', packSize: 10, minOrderQty: 30, preferred: true }],
    },
    { sku: 'NUT', name: 'Hex nut M8', unitCost: 0.1 },
  ])
    expect((await admin.post('/api/items', item)).status).toBe(201);
  const move = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/movements', { location: 'A-01', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  await move({ type: 'receive', sku: 'BOLT', quantity: 10, unitCost: 2, occurredAt: daysAgo(40) });
  await move({ type: 'receive', sku: 'NUT', quantity: 100, unitCost: 0.5, occurredAt: daysAgo(40) });
  await move({ type: 'receive', sku: 'BOLT', quantity: 10, unitCost: 4, occurredAt: daysAgo(35) });
  await move({ type: 'issue', sku: 'BOLT', quantity: 5, occurredAt: daysAgo(30) });
  await move({ type: 'issue', sku: 'BOLT', quantity: 3 });
  // The API answers from the same shared code: the device must agree with it.
  expect((await admin.get('/api/reports/valuation')).body.total).toBe(86);

  proxy = new TcpProxy(server.port);
  await proxy.start();
  device = await StocktakeDevice.open(browser, `http://127.0.0.1:${proxy.port}`, 'maria', {
    width: 1280,
    height: 1200,
  });
  const page = device.page;
  await device.login('maria', PASSWORD);
  await device.expectInstalledForOffline();

  // Screenshots of what was checked, for review (attached to the test's report).
  const shot = async (name: string, when: string) => {
    const path = testInfo.outputPath(`${name}-${when}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name} (${when})`, { path, contentType: 'image/png' });
  };

  const checkReports = async (when: string) => {
    await page.getByTestId('nav-dashboard').click();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(value(page, 'tile-stock-value')).toHaveText('86.00');
    await expect(value(page, 'tile-below-rop')).toHaveText('1');
    await expect(value(page, 'tile-open-pos')).toHaveText('0');
    await expect(page.getByTestId('report-incomplete')).toHaveCount(0);
    await expect(page.locator('[data-testid=dashboard-trend-chart] canvas')).toBeVisible();
    await shot('dashboard', when);

    await page.getByTestId('tile-stock-value').click();
    await expect(page.getByTestId('report-valuation')).toBeVisible();
    await expect(page.getByTestId('valuation-total')).toHaveAttribute('data-value', '86');
    const bolt = page.locator('[data-testid=valuation-rows] tr[data-key=BOLT]');
    await expect(bolt.locator('[data-col=quantity]')).toHaveText('12');
    await expect(bolt.locator('[data-col=value]')).toHaveText('36.00');
    await expect(page.locator('[data-testid=valuation-rows] tr[data-key=NUT] [data-col=value]')).toHaveText(
      '50.00',
    );
    await expect(page.locator('[data-testid=valuation-chart] canvas')).toBeVisible();
    await shot('valuation', when);

    await device!.go('#/reports/consumption?sku=BOLT&interval=month');
    await expect(page.getByTestId('consumption-total')).toHaveText('8');
    await expect(page.getByTestId('consumption-on-hand')).toHaveText('12');
    await expect(page.getByTestId('consumption-forecast')).toHaveAttribute('data-method', /^(ses|sba)$/);
    await expect(page.locator('[data-testid=consumption-chart] canvas')).toBeVisible();
    await shot('consumption', when);

    await page.getByTestId('report-tab-abc').click();
    await expect(page.getByTestId('abc-class-A')).toHaveAttribute('data-items', '1');
    await expect(page.getByTestId('abc-class-A')).toHaveAttribute('data-value', '24');
    await expect(page.getByTestId('abc-class-C')).toHaveAttribute('data-items', '1');
    await expect(page.locator('[data-testid=abc-rows] tr[data-key=BOLT] [data-col=class]')).toHaveText('A');
    await expect(page.locator('[data-testid=abc-chart] canvas')).toBeVisible();
    await shot('abc', when);

    // NUT: received 40 days ago, never issued; BOLT was issued today.
    await device!.go('#/reports/dead-stock?days=30');
    await expect(page.getByTestId('dead-stock-rows')).toHaveAttribute('data-count', '1');
    await expect(page.locator('[data-testid=dead-stock-rows] tr[data-key=NUT] [data-col=value]')).toHaveText(
      '50.00',
    );
    await expect(page.locator('[data-testid=ageing-chart] canvas')).toBeVisible();
  };

  await checkReports('online');
  // At the end of the day 33 days ago: both receipts, not yet the issues → 20 × 3.00 + 50.00.
  const past = daysAgo(33).slice(0, 10);
  expect((await admin.get(`/api/reports/valuation?at=${past}`)).body.total).toBe(110);
  await device.go(`#/reports/valuation?at=${past}`);
  await expect(page.getByTestId('valuation-total')).toHaveAttribute('data-value', '110');
  await expect(page.locator('[data-testid=valuation-rows] tr[data-key=BOLT] [data-col=quantity]')).toHaveText(
    '20',
  );
  await page.getByTestId('report-tab-turnover').click();
  await expect(page.locator('[data-testid=turnover-rows] tr[data-key=BOLT]')).toBeVisible();
  await expect(page.getByTestId('excess-rows-empty')).toBeVisible(); // BOLT 12 is below its max 40
  await page.getByTestId('report-tab-count-accuracy').click();
  await expect(page.getByTestId('count-accuracy-rows-empty')).toBeVisible();
  await expect(page.getByTestId('count-accuracy-overall')).toHaveText('—');

  // ── The network goes (open WebSockets dropped too); the page reloads from the service worker. ──
  proxy.cut();
  await page.reload();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');
  await checkReports('offline');

  // ── Offline, the suggestion becomes a draft purchase order. ──
  await page.getByTestId('nav-replenishment').click();
  const row = page.locator('[data-testid=replenishment-row][data-key=BOLT]');
  await expect(row.locator('[data-col=suggested]')).toHaveText('30');
  await expect(row.locator('[data-col=on-hand]')).toHaveText('12');
  await expect(row.locator('[data-col=rop]')).toHaveText('20');
  await expect(row.locator('[data-col=supplier]')).toHaveText('ACME');
  // The sparkline: 13 weeks of the 90-day window, the 5 issued 30 days ago in one of them
  // (today's 3 are not in the window: the day is not over).
  const weeks = (await row.getByTestId('replenishment-sparkline').getAttribute('data-weeks'))!.split(',');
  expect(weeks).toHaveLength(13);
  expect(weeks.map(Number).reduce((a, b) => a + b, 0)).toBe(5);
  await row.getByTestId('replenishment-select').check();
  await page.getByTestId('replenishment-create').click();
  await expect(page.getByTestId('replenishment-draft-link')).toHaveCount(1);
  await shot('replenishment', 'offline');
  // The draft is on order now: nothing is suggested twice.
  await expect(page.getByTestId('replenishment-empty')).toBeVisible();

  proxy.restore();
  await expect
    .poll(
      async () => {
        const orders = (await admin.get('/api/purchase-orders?status=draft')).body as {
          supplier: string;
          lines: { sku: string; quantity: number }[];
        }[];
        return orders.map((o) => ({ supplier: o.supplier, lines: o.lines.map((l) => [l.sku, l.quantity]) }));
      },
      { timeout: 30_000 },
    )
    .toEqual([{ supplier: 'ACME', lines: [['BOLT', 30]] }]);
  await page.getByTestId('replenishment-draft-link').click();
  await expect(page.getByTestId('po-screen')).toHaveAttribute('data-status', 'draft');
});
