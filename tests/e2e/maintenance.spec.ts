import { expect, type Locator, test } from '@playwright/test';
import { loginAdmin } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { Devices } from './support/devices.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import type { StocktakeDevice } from './support/stocktake-device.ts';
import { PASSWORD, serverStock } from './support/stocktake-world.ts';

/**
 * Maintenance end to end, in real Chromium: a planner reserves parts for a work order (more
 * than is available only warns); a technician's phone loses its network (a TCP proxy we cut:
 * setOffline would leave the WebSockets open), he scans the pump's asset tag, the bin and the
 * parts, issuing some and returning one — all on the phone only; back online, the planner's
 * screen shows the exact reserved, issued, returned and cost figures, and so does the server.
 */

const BOLT = '4006381333931';
const PUMP_TAG = 'TAG-PUMP-1';

test.use({ actionTimeout: 20_000 });

let server: ServerProcess;
let proxy: TcpProxy | null = null;
const devices = new Devices();

test.afterEach(async () => {
  await devices.closeAll();
  await proxy?.stop();
  proxy = null;
  await server?.cleanup();
});

const open = devices.open.bind(devices);

function part(d: StocktakeDevice, sku: string): Locator {
  return d.page.locator(`[data-testid=wo-part][data-sku="${sku}"]`);
}

async function expectFigures(
  line: Locator,
  f: { planned: number; reserved: number; issued: number; returned: number; cost: number },
) {
  for (const [k, v] of Object.entries(f)) await expect(line).toHaveAttribute(`data-${k}`, String(v));
}

async function issueScan(d: StocktakeDevice, code: string, text: string) {
  await d.scan(code);
  await expect(d.page.getByTestId('issue-last-text')).toHaveText(text);
}

test('a technician issues parts by scan while offline; the planner sees the exact figures', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  server = await startAppServer();
  const admin = await loginAdmin(server);
  for (const [username, role] of [
    ['maria', 'manager'],
    ['tom', 'technician'],
  ] as const) {
    expect((await admin.post('/api/users', { username, password: PASSWORD, role })).status).toBe(201);
  }
  await seedCatalog(server, {
    locations: [
      { code: 'WH', kind: 'site', name: 'Main warehouse' },
      { code: 'A-01', kind: 'bin', parent: 'WH' },
    ],
    items: [],
  });
  const item = { sku: 'BOLT', name: 'Hex bolt M8', barcodes: [BOLT], unitCost: 0.5 };
  expect((await admin.post('/api/items', item)).status).toBe(201);
  const receipt = { type: 'receive', sku: 'BOLT', location: 'A-01', quantity: 10, unitCost: 0.5 };
  expect((await admin.post('/api/movements', receipt)).status).toBe(201);
  const asset = {
    code: 'PUMP-1',
    name: 'Coolant pump',
    criticality: 'high',
    barcode: PUMP_TAG,
    spares: [{ sku: 'BOLT', quantity: 2 }],
  };
  expect((await admin.post('/api/assets', asset)).status).toBe(201);
  const created = await admin.post('/api/work-orders', {
    asset: 'PUMP-1',
    title: 'Replace the seals',
    priority: 'high',
    parts: [{ sku: 'BOLT', quantity: 4 }],
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const number: string = created.body.number;
  expect(number).toMatch(/^WO-\d{4}-0001$/);
  proxy = new TcpProxy(server.port);
  await proxy.start();

  // ── The planner opens the work order from the list, reserves parts and starts the work. ──
  const maria = await open(browser, 'maria', server.url, { width: 1280, height: 1400 });
  await maria.go('#/work-orders');
  const row = maria.page.locator(`[data-testid=wo-row][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-number', number);
  await row.getByRole('link').click();
  const detail = maria.page.getByTestId('wo-screen');
  await expect(detail).toHaveAttribute('data-status', 'open');
  await expectFigures(part(maria, 'BOLT'), { planned: 4, reserved: 0, issued: 0, returned: 0, cost: 0 });

  // More than the 10 available only warns; nothing is reserved until confirmed.
  await maria.page.getByTestId('wo-reserve-sku').fill('BOLT');
  await maria.page.getByTestId('wo-reserve-quantity').fill('12');
  await expect(maria.page.getByTestId('wo-reserve-available')).toHaveAttribute('data-available', '10');
  await maria.page.getByTestId('wo-reserve-submit').click();
  await expect(maria.page.getByTestId('wo-reserve-warning')).toContainText('only 10 of BOLT are available');
  await expect(maria.page.getByTestId('wo-reserve-anyway')).toBeVisible();
  await expect(part(maria, 'BOLT')).toHaveAttribute('data-reserved', '0');
  await maria.page.getByTestId('wo-reserve-quantity').fill('4');
  await expect(maria.page.getByTestId('wo-reserve-warning')).toHaveCount(0);
  await maria.page.getByTestId('wo-reserve-submit').click();
  await expect(part(maria, 'BOLT')).toHaveAttribute('data-reserved', '4');
  await expect(maria.page.getByTestId('wo-status-complete')).toHaveCount(0); // not from "open"
  await maria.page.getByTestId('wo-status-in_progress').click();
  await expect(detail).toHaveAttribute('data-status', 'in_progress');
  await expect(maria.page.getByTestId('wo-sync')).toHaveAttribute('data-state', 'saved');

  // ── The technician sees the job on his phone; then his network drops. ──
  const tom = await open(browser, 'tom', `http://127.0.0.1:${proxy.port}`);
  // On his phone work orders are one of the bottom bar's main jobs (the menu is behind More).
  await expect(tom.page.getByTestId('bottom-work-orders')).toBeVisible();
  await expect(tom.page.getByTestId('nav-schedules')).toHaveCount(0); // planners only
  await tom.go('#/work-orders');
  await expect(tom.page.locator(`[data-testid=wo-row][data-id="${id}"]`)).toHaveAttribute(
    'data-status',
    'in_progress',
  );
  await expect(tom.page.getByTestId('wo-new')).toHaveCount(0);
  // The list's badge covers the assets room too: the pump's tag resolves from it offline.
  await expect(tom.page.getByTestId('wo-list-sync')).toHaveAttribute('data-state', 'saved');
  proxy.cut();
  await expect(tom.page.getByTestId('wo-list-sync')).toHaveAttribute('data-state', 'offline');

  // The pump's tag opens its work order's issue screen; then the bin and the parts.
  await tom.scan(PUMP_TAG);
  await expect(tom.page.getByTestId('issue-screen')).toHaveAttribute('data-id', id);
  await expect(tom.page.getByTestId('issue-number')).toHaveAttribute('data-number', number);
  await issueScan(tom, BOLT, 'Scan or choose the bin first');
  await issueScan(tom, 'A-01', 'From A-01');
  await tom.page.getByTestId('issue-quantity').fill('2');
  await issueScan(tom, BOLT, 'Issued 2 BOLT − A-01');
  await expect(tom.page.getByTestId('issue-quantity')).toHaveValue('1');
  await issueScan(tom, BOLT, 'Issued 1 BOLT − A-01');
  // One bolt was not needed: it goes back.
  await tom.page.getByTestId('issue-mode-return').click();
  await expect(tom.page.getByTestId('issue-screen')).toHaveAttribute('data-mode', 'return');
  await issueScan(tom, BOLT, 'Returned 1 BOLT + A-01');
  await tom.page.getByTestId('issue-quantity').fill('5');
  await issueScan(tom, BOLT, 'Only 2 of BOLT was issued to this work order and not returned');

  await expectFigures(part(tom, 'BOLT'), { planned: 4, reserved: 2, issued: 3, returned: 1, cost: 1 });
  await expect(tom.page.getByTestId('issue-record')).toHaveCount(3);
  for (const r of await tom.page.getByTestId('issue-record').all())
    await expect(r).toHaveAttribute('data-saved', 'device');
  await expect(tom.page.getByTestId('issue-sync')).toHaveAttribute('data-state', 'offline');
  expect(Number(await tom.page.getByTestId('issue-sync').getAttribute('data-pending'))).toBeGreaterThan(0);
  // Nothing has reached the planner.
  await expectFigures(part(maria, 'BOLT'), { planned: 4, reserved: 4, issued: 0, returned: 0, cost: 0 });

  // ── Back online: the phone's issues reach the server, the planner's screen follows. ──
  proxy.restore();
  await expect(tom.page.getByTestId('issue-sync')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  for (const r of await tom.page.getByTestId('issue-record').all())
    await expect(r).toHaveAttribute('data-saved', 'server');
  await expectFigures(part(maria, 'BOLT'), { planned: 4, reserved: 2, issued: 3, returned: 1, cost: 1 });
  await expect(maria.page.getByTestId('wo-total-cost')).toHaveAttribute('data-total', '1');

  // The server agrees, to the unit and the cent; the stock went down by the net 2.
  const wo = (await admin.get(`/api/work-orders/${id}`)).body;
  expect(wo.status).toBe('in_progress');
  expect(wo.parts).toEqual([
    expect.objectContaining({ sku: 'BOLT', reserved: 2, issued: 3, returned: 1, cost: 1 }),
  ]);
  expect(wo.totalCost).toBe(1);
  expect(await serverStock(admin)).toEqual({ 'BOLT@A-01': 8 });

  // The asset's page shows what its upkeep cost.
  await maria.go('#/assets/PUMP-1');
  await expect(maria.page.getByTestId('asset-parts-cost')).toHaveAttribute('data-cost', '1');
  await expect(maria.page.locator('[data-testid=asset-spare][data-sku="BOLT"]')).toHaveAttribute(
    'data-available',
    '6', // 8 on hand − 2 still reserved
  );
  // So does the stock screen: on hand, reserved and available.
  await maria.go('#/stock');
  const bolt = maria.page.locator('[data-testid=stock-group][data-code="BOLT"]');
  await expect(bolt.getByTestId('stock-group-qty')).toHaveText('8');
  await expect(bolt.getByTestId('stock-group-reserved')).toHaveAttribute('data-reserved', '2');
  await expect(bolt.getByTestId('stock-group-reserved')).toHaveAttribute('data-available', '6');
});
