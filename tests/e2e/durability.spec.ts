import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type ApiClient, loginAdmin } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { Device } from './support/device.ts';
import { startAppServer } from './support/server.ts';

/*
 * Browser durability (issue 4): a scan recorded in the movement form survives a reload or a
 * closed tab right after it and reaches the server; and the app keeps syncing past the
 * access token's lifetime without asking anybody to log in (refresh tokens).
 */

const GS = String.fromCharCode(29);
const GS_SPLIT = new RegExp(`(${GS})`);
const GTIN = '09501101530003';

let server: ServerProcess;
const devices: Device[] = [];

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  await server.cleanup();
});

async function seed(api: ApiClient): Promise<void> {
  const created = [
    await api.post('/api/locations', { code: 'WH', kind: 'site', name: 'Warehouse', parent: null }),
    await api.post('/api/locations', { code: 'WH-01', kind: 'bin', parent: 'WH', barcode: 'BIN-WH-01' }),
    await api.post('/api/items', { sku: 'MILK', name: 'Milk 1 l', tracking: 'lot', barcodes: [GTIN] }),
    await api.post('/api/items', { sku: 'BOLT', name: 'Hex bolt', barcodes: ['4006381333931'] }),
  ];
  for (const res of created)
    if (res.status !== 201) throw new Error(`seed: ${res.status} ${JSON.stringify(res.body)}`);
}

async function device(browser: import('@playwright/test').Browser, name: string): Promise<Device> {
  const d = await Device.open(browser, server.url, name);
  devices.push(d);
  // Playwright's keystrokes travel one by one over CDP; on a loaded CI machine gaps between
  // them can exceed the default 50 ms a real scanner never reaches. This device's scanner
  // setting (the scanner page's "longest gap between keys") is widened accordingly.
  await d.context.addInitScript(() => {
    const key = 'stockroom.scanner-settings';
    if (!localStorage.getItem(key)) localStorage.setItem(key, JSON.stringify({ wedge: { maxGapMs: 400 } }));
  });
  await d.login('admin', server.adminPassword);
  return d;
}

/** Types like a keyboard-wedge scanner: a fast burst of keys ending in Enter, GS as Ctrl+]. */
async function wedgeScan(page: Page, code: string): Promise<void> {
  for (const part of code.split(GS_SPLIT)) {
    if (part === GS) await page.keyboard.press('Control+BracketRight');
    else if (part) await page.keyboard.type(part, { delay: 5 });
  }
  await page.keyboard.press('Enter');
}

/**
 * Receives a GS1-labelled item into a bin by scanning both labels into the movement form and
 * submitting; returns the movement id the moment it is written on the device.
 */
async function scanReceipt(page: Page, lot: string, quantity: number): Promise<string> {
  await page.evaluate(() => {
    window.location.hash = '#/move/receive';
  });
  await expect(page.getByTestId('move-screen')).toBeVisible();
  await wedgeScan(page, `01${GTIN}17261231${GS}10${lot}${GS}30${quantity}`);
  await expect(page.getByTestId('move-scan')).toHaveAttribute('data-kind', 'item');
  await wedgeScan(page, 'BIN-WH-01');
  await expect(page.getByTestId('move-scan')).toHaveAttribute('data-kind', 'location');
  const form = page.getByTestId('move-form');
  await expect(form.getByTestId('move-sku')).toHaveValue('MILK');
  await expect(form.getByTestId('move-location')).toHaveValue('WH-01');
  await expect(form.getByTestId('move-lot')).toHaveValue(lot);
  await expect(form.getByTestId('move-quantity')).toHaveValue(String(quantity));
  const token = await form.getAttribute('data-token');
  await form.getByTestId('move-submit').click();
  await expect(form).not.toHaveAttribute('data-token', token ?? '');
  const id = await page.getByTestId('move-status').getAttribute('data-id');
  if (!id) throw new Error('no movement id after submitting the scan');
  return id;
}

async function historyRow(page: Page, id: string) {
  await page.evaluate(() => {
    window.location.hash = '#/history';
  });
  await expect(page.getByTestId('history-screen')).toBeVisible();
  return page.locator(`[data-testid=history-row][data-id="${id}"]`);
}

/** The server holds the movement in its ledger room (read back through its API). */
async function expectOnServer(id: string, lot: string, quantity: number): Promise<void> {
  // A fresh login each time: with the short token lifetime of the refresh test an API
  // client's own token would expire between two polls.
  await expect
    .poll(async () => {
      const api = await loginAdmin(server);
      const res =
        await api.get<{ id: string; lot?: string; quantity: number; sku: string }[]>('/api/movements');
      return res.body.find((m) => m.id === id) ?? null;
    })
    .toMatchObject({ id, sku: 'MILK', lot, quantity, location: 'WH-01', type: 'receive' });
}

async function setWorkOffline(page: Page, offline: boolean): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  const toggle = page.getByTestId('sync-toggle-offline');
  if ((await toggle.getAttribute('data-offline')) !== String(offline)) await toggle.click();
  await expect(toggle).toHaveAttribute('data-offline', String(offline));
  await page.getByTestId('sync-panel-close').click();
}

/** A new tab in the same browser profile (same IndexedDB and localStorage) opening the app. */
async function reopen(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId('sync-indicator')).toBeVisible();
  return page;
}

test('a scanned movement survives a reload right after it and reaches the server', async ({ browser }) => {
  server = await startAppServer();
  const api = await loginAdmin(server);
  await seed(api);
  const a = await device(browser, 'A');
  await a.expectSaved();

  const id = await scanReceipt(a.page, 'L-RELOAD', 12);
  await a.page.reload(); // at once: neither IndexedDB nor the server was waited for
  await expect(a.indicator).toBeVisible();
  const row = await historyRow(a.page, id);
  await expect(row).toHaveAttribute('data-type', 'receive');
  await a.expectSaved();
  await expect(row.getByTestId('history-saved')).toHaveAttribute('data-state', 'server');
  await expectOnServer(id, 'L-RELOAD', 12);
});

test('a scanned movement survives closing the tab right after it, online and offline, and reaches the server', async ({
  browser,
}) => {
  server = await startAppServer();
  const api = await loginAdmin(server);
  await seed(api);
  const a = await device(browser, 'A');
  await a.expectSaved();
  await a.expectInstalledForOffline();

  // Online: the tab is closed the instant the movement is written.
  const online = await scanReceipt(a.page, 'L-CLOSE', 5);
  await a.page.close();
  let page = await reopen(a.context);
  await expect(await historyRow(page, online)).toHaveAttribute('data-type', 'receive');
  await expectOnServer(online, 'L-CLOSE', 5);

  // Offline ("Work offline" closes every socket): IndexedDB is the only copy when the tab closes.
  await setWorkOffline(page, true);
  const offline = await scanReceipt(page, 'L-OFFLINE', 7);
  await page.close();
  page = await reopen(a.context);
  const row = await historyRow(page, offline);
  await expect(row.getByTestId('history-saved')).toHaveAttribute('data-state', 'device');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');
  const before = await api.get<{ id: string }[]>('/api/movements');
  expect(before.body.map((m) => m.id)).not.toContain(offline);
  await setWorkOffline(page, false);
  await expect(row.getByTestId('history-saved')).toHaveAttribute('data-state', 'server');
  await expectOnServer(offline, 'L-OFFLINE', 7);
});

test('the app keeps syncing past the access token lifetime, in two tabs, without asking to log in', async ({
  browser,
}) => {
  // Access tokens live 6 s here (15 min in production): several refreshes happen in one test.
  server = await startAppServer({ env: { ACCESS_TOKEN_TTL_MS: '6000' } });
  const api = await loginAdmin(server);
  await seed(api);
  const a = await device(browser, 'A');
  await a.expectSaved();
  const second = await reopen(a.context); // a second tab of the same profile and session
  await expect(second.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'saved');

  const storedToken = (page: Page) =>
    page.evaluate(
      () => (JSON.parse(localStorage.getItem('stockroom/session') ?? '{}') as { token?: string }).token,
    );
  const tokenAccepted = async (token: string) =>
    (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status === 200;

  // Both tabs refresh at the same moment: the pair is rotated three times and the session lives on.
  const first = await storedToken(a.page);
  if (!first) throw new Error('no stored token');
  const seen = new Set([first]);
  await expect
    .poll(
      async () => {
        const now = await storedToken(a.page);
        if (now) seen.add(now);
        return seen.size;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(4);
  expect(await tokenAccepted(first)).toBe(false); // the first access token has expired by now

  // Both tabs still sync: a movement from the first tab reaches the second through the server.
  const id = await scanReceipt(a.page, 'L-TOKENS', 3);
  await a.expectSaved();
  await expect(await historyRow(second, id)).toHaveAttribute('data-type', 'receive');
  await expectOnServer(id, 'L-TOKENS', 3);

  // Offline for longer than a token lives; back online the expired token is renewed, nothing lost.
  await setWorkOffline(a.page, true);
  const offlineToken = await storedToken(a.page);
  if (!offlineToken) throw new Error('no stored token');
  await expect.poll(() => tokenAccepted(offlineToken), { timeout: 30_000 }).toBe(false);
  const offline = await scanReceipt(a.page, 'L-LATER', 4);
  await setWorkOffline(a.page, false);
  await a.expectSaved();
  await expectOnServer(offline, 'L-LATER', 4);

  for (const page of [a.page, second]) {
    await expect(page.getByTestId('session-expired')).toHaveCount(0);
    await expect(page.getByTestId('login-screen')).toHaveCount(0);
  }
  expect(server.logs()).not.toContain('refresh token reused');
});
