import { expect, test } from '@playwright/test';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { Device } from './support/device.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';

/**
 * Every screen but the start screens is a chunk fetched the first time it is shown. One
 * online visit must still be enough: the service worker precaches every chunk (and the
 * scanner's worker and .wasm), so screens never opened online render with the network cut.
 */

let server: ServerProcess;
let proxy: TcpProxy;
let device: Device | undefined;

test.beforeEach(async () => {
  server = await startAppServer();
  proxy = new TcpProxy(server.port);
  await proxy.start();
});

test.afterEach(async () => {
  await device?.close().catch(() => undefined);
  device = undefined;
  await proxy.stop();
  await server.cleanup();
});

test('screens never opened online load from the precache after the network is cut', async ({ browser }) => {
  await seedCatalog(server, {
    locations: [
      { code: 'WH1', kind: 'site', name: 'Main warehouse' },
      { code: 'WH1-01', kind: 'bin', parent: 'WH1' },
    ],
    items: [{ sku: 'SKU-A', name: 'Widget A' }],
  });
  const d = await Device.open(browser, `http://127.0.0.1:${proxy.port}`, 'A');
  device = d;
  await d.login('admin', server.adminPassword);
  await expect(d.page.getByTestId('home-screen')).toBeVisible(); // login lands on the role's home
  await d.go('#/items');
  await expect(d.page.locator('[data-testid=item-row][data-sku="SKU-A"]')).toBeVisible();
  await d.expectSaved();
  await d.expectInstalledForOffline();

  // What the worker was built to precache: every file of the build, lazy chunks included.
  const precache = await d.page.evaluate(async () => {
    const source = await (await fetch('./sw.js', { cache: 'no-store' })).text();
    const list = /const PRECACHE = (\[.*?\]);/.exec(source)?.[1];
    return list ? (JSON.parse(list) as string[]) : [];
  });
  expect(precache.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
  expect(precache.some((f) => /^assets\/decoder\.worker-.*\.js$/.test(f))).toBe(true);
  expect(precache.some((f) => /^assets\/LabelsScreen-.*\.js$/.test(f))).toBe(true);
  expect(precache.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
  const missing = await d.page.evaluate(async (files) => {
    const out: string[] = [];
    for (const f of files) if (!(await caches.match(new URL(f, window.location.href).href))) out.push(f);
    return out;
  }, precache);
  expect(missing).toEqual([]);

  proxy.cut();
  await d.reload();
  await d.expectOffline(0);
  const failed: string[] = [];
  d.page.on('requestfailed', (r) => failed.push(r.url()));

  const screens: [nav: string, testId: string][] = [
    ['nav-locations', 'locations-screen'],
    ['nav-stock', 'stock-screen'],
    ['nav-move', 'move-screen'],
    ['nav-history', 'history-screen'],
    ['nav-suppliers', 'suppliers-screen'],
    ['nav-stocktakes', 'stocktakes-screen'],
    ['nav-labels', 'labels-screen'],
    ['nav-scanner', 'scanner-settings'],
    ['nav-audit', 'needs-server'], // the audit trail lives on the server; its screen still loads
  ];
  for (const [nav, testId] of screens) {
    await d.page.getByTestId(nav).click();
    await expect(d.page.getByTestId(testId), `${nav} offline`).toBeVisible();
  }
  // Labels: bwip-js draws the preview, pdf-lib writes the file, both from their chunk.
  await d.page.getByTestId('nav-labels').click();
  await d.page.getByTestId('labels-choices').getByText('SKU-A · Widget A').click();
  await expect(d.page.getByTestId('label-preview').getByTestId('label-slot').first()).toBeVisible();
  const pdf = d.page.waitForEvent('download');
  await d.page.getByTestId('labels-download').click();
  expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);

  await d.go('#/items/edit/SKU-A');
  await expect(d.page.getByTestId('item-screen')).toBeVisible();
  await expect(d.page.getByTestId('screen-unavailable')).toHaveCount(0);
  expect(failed.filter((url) => !/\/(api|sync)\//.test(url))).toEqual([]);
});
