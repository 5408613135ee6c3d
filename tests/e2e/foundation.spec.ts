import { expect, test } from '@playwright/test';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { Device, type MovementInput } from './support/device.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';

let server: ServerProcess;
const devices: Device[] = [];
const proxies: TcpProxy[] = [];

/** A loopback proxy in front of the server: the one network link a test can cut. */
async function proxyToServer(): Promise<TcpProxy> {
  const proxy = new TcpProxy(server.port);
  proxies.push(proxy);
  await proxy.start();
  return proxy;
}

const WAREHOUSE = {
  locations: [
    { code: 'WH1', kind: 'site' as const, name: 'Main warehouse' },
    { code: 'WH1-01', kind: 'bin' as const, parent: 'WH1' },
    { code: 'WH1-02', kind: 'bin' as const, parent: 'WH1' },
  ],
  items: [
    { sku: 'SKU-A', name: 'Widget A' },
    { sku: 'SKU-B', name: 'Widget B' },
  ],
};

test.beforeEach(async () => {
  server = await startAppServer();
});

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  for (const p of proxies.splice(0)) await p.stop();
  await server.cleanup();
});

async function device(browser: import('@playwright/test').Browser, name: string, baseUrl = server.url) {
  const d = await Device.open(browser, baseUrl, name);
  devices.push(d);
  await d.login('admin', server.adminPassword);
  return d;
}

test('two devices editing at the same time converge', async ({ browser }) => {
  const a = await device(browser, 'A');
  const b = await device(browser, 'B');
  await a.expectSaved();
  await b.expectSaved();

  // A defines the warehouse; B sees it appear without reloading.
  await a.createSite('WH1', 'Main warehouse');
  await a.createLocation('WH1', 'WH1-A', 'zone', 'Zone A');
  await a.createLocation('WH1-A', 'WH1-A-01', 'bin');
  await a.createItem({ sku: 'BOLT-M8', name: 'Hex bolt M8', reorderPoint: 5 });
  await a.createItem({ sku: 'NUT-M8', name: 'Hex nut M8' });
  await a.expectSaved();

  await b.go('#/locations');
  await expect(b.locationRow('WH1')).toBeVisible();
  await expect(b.locationRow('WH1-A')).toHaveAttribute('data-kind', 'zone');
  await expect(b.locationRow('WH1-A-01')).toHaveAttribute('data-kind', 'bin');
  await b.go('#/items');
  await expect(b.itemRow('BOLT-M8').getByTestId('item-name')).toContainText('Hex bolt M8');
  await expect(b.itemRow('NUT-M8').getByTestId('item-name')).toContainText('Hex nut M8');

  // Both open the same item, each changes a different field, both save at once.
  const formA = await a.openItem('BOLT-M8');
  const formB = await b.openItem('BOLT-M8');
  await formA.getByTestId('item-form-name').fill('Hex bolt M8 x 40, zinc');
  await formB.getByTestId('item-form-reorder-point').fill('25');
  await Promise.all([
    formA.getByTestId('item-form-submit').click(),
    formB.getByTestId('item-form-submit').click(),
  ]);
  await expect(formA.getByTestId('item-form-saved')).toHaveText('Saved on this device');
  await expect(formB.getByTestId('item-form-saved')).toHaveText('Saved on this device');
  await a.expectSaved();
  await b.expectSaved();
  for (const d of [a, b]) {
    await d.go('#/items');
    await expect(d.itemRow('BOLT-M8').getByTestId('item-name')).toContainText('Hex bolt M8 x 40, zinc');
    const form = await d.openItem('BOLT-M8');
    await expect(form.getByTestId('item-form-name')).toHaveValue('Hex bolt M8 x 40, zinc');
    await expect(form.getByTestId('item-form-reorder-point')).toHaveValue('25');
  }

  // A receives 10; once B sees them, B issues 3 of the same item at the same location.
  await a.record({ type: 'receive', sku: 'BOLT-M8', location: 'WH1-A-01', quantity: 10, reference: 'PO-1' });
  await b.go('#/move/issue');
  await b.page.getByTestId('move-sku').fill('BOLT-M8');
  await b.page.getByTestId('move-location').fill('WH1-A-01');
  await expect(b.page.getByTestId('move-onhand')).toHaveAttribute('data-quantity', '10');
  await b.record({ type: 'issue', sku: 'BOLT-M8', location: 'WH1-A-01', quantity: 3, reference: 'WO-7' });
  await a.expectSaved();
  await b.expectSaved();
  for (const d of [a, b]) {
    await d.expectOnHand('BOLT-M8', 'WH1-A-01', '7');
    await d.go('#/items');
    await expect(d.itemRow('BOLT-M8').getByTestId('item-onhand')).toHaveText('7');
  }
  // 7 is at or below the reorder point B set (25), on both devices.
  await expect(a.itemRow('BOLT-M8').getByTestId('item-reorder')).toBeVisible();
  await expect(b.itemRow('BOLT-M8').getByTestId('item-reorder')).toBeVisible();
});

test('a device that loses its connection keeps working, reloads offline and syncs when back', async ({
  browser,
}) => {
  await seedCatalog(server, WAREHOUSE);
  const proxy = await proxyToServer();
  const a = await device(browser, 'A');
  const b = await device(browser, 'B', `http://127.0.0.1:${proxy.port}`);
  await a.record({ type: 'receive', sku: 'SKU-A', location: 'WH1-01', quantity: 20 });
  await a.expectSaved();
  await b.expectOnHand('SKU-A', 'WH1-01', '20');
  await b.expectSaved();
  await b.expectInstalledForOffline();

  // The Wi-Fi drops for B: its sockets die and reconnects are refused.
  proxy.cut();
  await b.expectOffline(0);

  const bMovements: MovementInput[] = [
    { type: 'receive', sku: 'SKU-A', location: 'WH1-01', quantity: 5, reference: 'PO-77' },
    { type: 'issue', sku: 'SKU-A', location: 'WH1-01', quantity: 4, reference: 'WO-12' },
    { type: 'transfer', sku: 'SKU-A', location: 'WH1-01', toLocation: 'WH1-02', quantity: 3 },
    { type: 'adjust', sku: 'SKU-A', location: 'WH1-02', quantity: 1, direction: 'remove', reason: 'damaged' },
  ];
  const bIds: string[] = [];
  let pending = 0;
  for (const m of bMovements) {
    bIds.push(await b.record(m));
    await expect(b.page.getByTestId('move-status')).toHaveAttribute('data-state', 'device');
    await expect(b.page.getByTestId('move-status-text')).toHaveText('Saved on this device');
    pending = await b.expectPendingAbove(pending);
    await b.expectOffline(pending);
  }

  // Meanwhile A, still online, records its own movements.
  const aIds = [await a.record({ type: 'issue', sku: 'SKU-A', location: 'WH1-01', quantity: 6 })];

  // B reloads with the network still cut: the service worker serves the app, IndexedDB the data.
  await b.reload();
  await b.expectOffline(pending);
  await b.openHistory('SKU-A');
  for (const id of bIds) {
    await expect(b.historyRow(id).getByTestId('history-saved')).toHaveAttribute('data-state', 'device');
  }
  await expect(b.page.getByTestId('history-count')).toHaveAttribute('data-count', '5');
  await b.expectOnHand('SKU-A', 'WH1-01', '18'); // 20 + 5 - 4 - 3 (A's issue has not reached B)
  await b.expectOnHand('SKU-A', 'WH1-02', '2'); // 3 - 1

  bIds.push(await b.record({ type: 'receive', sku: 'SKU-B', location: 'WH1-02', quantity: 2 }));
  pending = await b.expectPendingAbove(pending);
  await b.expectOffline(pending);

  aIds.push(await a.record({ type: 'receive', sku: 'SKU-B', location: 'WH1-02', quantity: 10 }));
  await a.expectSaved();
  // Nothing of B's has reached A.
  await a.expectOnHand('SKU-A', 'WH1-01', '14'); // 20 - 6
  await a.openHistory('');
  await expect(a.page.getByTestId('history-count')).toHaveAttribute('data-count', '3');

  // The network comes back.
  proxy.restore();
  await b.expectSaved();
  for (const d of [a, b]) {
    await d.expectOnHand('SKU-A', 'WH1-01', '12'); // 20 + 5 - 4 - 3 - 6
    await d.expectOnHand('SKU-A', 'WH1-02', '2');
    await d.expectOnHand('SKU-B', 'WH1-02', '12'); // 2 + 10
    await d.openHistory('');
    await expect(d.page.getByTestId('history-count')).toHaveAttribute('data-count', '8');
    for (const id of [...bIds, ...aIds]) {
      await expect(d.historyRow(id).getByTestId('history-saved')).toHaveAttribute('data-state', 'server');
    }
  }
  // Each of B's movements arrived at A exactly as B recorded it.
  await expect(a.historyRow(bIds[3]!)).toHaveAttribute('data-type', 'adjust');
  await expect(a.historyRow(bIds[3]!).getByTestId('history-qty')).toHaveText('−1');
  await expect(a.historyRow(bIds[2]!)).toHaveAttribute('data-type', 'transfer');
});

test('a movement survives a reload right after it, and the server keeps everything across a kill -9', async ({
  browser,
}) => {
  await seedCatalog(server, WAREHOUSE);
  const proxy = await proxyToServer();
  const a = await device(browser, 'A');
  const b = await device(browser, 'B', `http://127.0.0.1:${proxy.port}`);
  await b.expectSaved();
  await b.expectInstalledForOffline();

  // Online: reload the instant the movement is written, without waiting for the server.
  const received = await a.record({ type: 'receive', sku: 'SKU-A', location: 'WH1-01', quantity: 7 });
  await a.reload();
  await a.openHistory('');
  await expect(a.historyRow(received)).toHaveAttribute('data-type', 'receive');
  await a.expectSaved();
  await expect(a.historyRow(received).getByTestId('history-saved')).toHaveAttribute('data-state', 'server');
  await b.expectOnHand('SKU-A', 'WH1-01', '7');

  // Offline: IndexedDB is the only copy, and the page reloads right away.
  proxy.cut();
  await b.expectOffline(0);
  const issued = await b.record({ type: 'issue', sku: 'SKU-A', location: 'WH1-01', quantity: 2 });
  await b.reload();
  await b.openHistory('');
  await expect(b.historyRow(issued).getByTestId('history-saved')).toHaveAttribute('data-state', 'device');
  const pending = await b.expectPendingAbove(0);
  await b.expectOffline(pending);
  await b.expectOnHand('SKU-A', 'WH1-01', '5');
  proxy.restore();
  await b.expectSaved();
  await a.expectOnHand('SKU-A', 'WH1-01', '5');
  await a.expectSaved();

  // Every device goes away (none can upload the data again), then the server is killed.
  for (const open of devices.splice(0)) await open.close();
  const exit = await server.restart('SIGKILL');
  expect(exit.signal).toBe('SIGKILL');

  const c = await device(browser, 'C (fresh)');
  await c.expectSaved();
  await c.go('#/items');
  await expect(c.itemRow('SKU-A').getByTestId('item-onhand')).toHaveText('5');
  await expect(c.itemRow('SKU-B')).toBeVisible();
  await c.expectOnHand('SKU-A', 'WH1-01', '5');
  await c.openHistory('');
  await expect(c.page.getByTestId('history-count')).toHaveAttribute('data-count', '2');
  await expect(c.historyRow(received)).toHaveAttribute('data-type', 'receive');
  await expect(c.historyRow(issued)).toHaveAttribute('data-type', 'issue');

  // The restarted server syncs new work live.
  const d = await device(browser, 'D (fresh)');
  await d.record({ type: 'receive', sku: 'SKU-B', location: 'WH1-02', quantity: 4 });
  await d.expectSaved();
  await c.expectOnHand('SKU-B', 'WH1-02', '4');
});

test('the install manifest offers PNG icons (192, 512, maskable) and the page a PNG apple-touch-icon', async ({
  page,
}) => {
  await page.goto(server.url);
  const manifest = (await (await page.request.get(`${server.url}/manifest.webmanifest`)).json()) as {
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  const png = manifest.icons.filter((i) => i.type === 'image/png');
  expect(png.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
  const touch = await page.locator('link[rel=apple-touch-icon]').getAttribute('href');
  for (const src of [...png.map((i) => i.src), touch!]) {
    const res = await page.request.get(new URL(src, `${server.url}/`).href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    // The PNG header's width (bytes 16–19) is the size the manifest claims.
    const width = (await res.body()).readUInt32BE(16);
    const declared = png.find((i) => i.src === src)?.sizes ?? '180x180';
    expect(`${width}x${width}`).toBe(declared);
  }
});
