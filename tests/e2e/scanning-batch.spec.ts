import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { loginAdmin } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { backdrop } from '../scanning/fixtures/gray-image.ts';
import { writeY4m } from '../scanning/fixtures/y4m.ts';
import {
  buildScanningHarness,
  HARNESS_DIR,
  type HarnessServer,
  SCANNER_PAGE,
  serveHarness,
} from '../scanning/harness/harness-server.ts';
import { BATCH_H, BATCH_LABELS, BATCH_W, batchScene } from './support/batch-scene.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import { StocktakeDevice } from './support/stocktake-device.ts';
import { PASSWORD } from './support/stocktake-world.ts';

/**
 * Issue 15, batch mode end to end: Chromium's fake camera plays one 1280×720 frame holding
 * twelve labels (made by the project's label renderer) into the real batch scanner. Every code
 * is read and counted once, with the right text and symbology, and highlighted where it is;
 * codes that stay in view — and come back when the video loops — are not counted again; a
 * tap on a code excludes it (its count is undone) and it stays out.
 */

const FPS = 10;
const TEXTS = BATCH_LABELS.map((l) => l.data);
const SYMBOLOGY: Record<string, string> = {
  code128: 'code128',
  ean13: 'ean13',
  qr: 'qr',
  datamatrix: 'datamatrix',
};

let dir: string;
let server: HarnessServer;
let video: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stockroom-scan-batch-'));
  video = join(dir, 'batch.y4m');
  const shelf = batchScene();
  // 1 s of desk, then the shelf for 8 s; the fake camera loops the file, so the codes also
  // leave the view and come back.
  writeY4m(
    video,
    [
      ...Array.from({ length: FPS }, () => backdrop(BATCH_W, BATCH_H, 5)),
      ...Array.from({ length: FPS * 8 }, () => shelf),
    ],
    FPS,
  );
  server = await serveHarness(await buildScanningHarness(`${HARNESS_DIR}-batch`));
});

test.afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function launchWithCamera(file: string): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  });
}

/** How often each text was counted so far. */
async function countsOf(page: Page): Promise<Record<string, number>> {
  const scans = (await page.evaluate(() => window.__scans)) as { raw: string }[];
  const out: Record<string, number> = {};
  for (const s of scans) out[s.raw] = (out[s.raw] ?? 0) + 1;
  return out;
}

/** Waits until the scanner has decoded `n` more frames (the codes stay in view meanwhile). */
async function moreFrames(page: Page, n: number): Promise<void> {
  const start = (await page.evaluate(() => window.__frames)) as number;
  await expect
    .poll(async () => ((await page.evaluate(() => window.__frames)) as number) - start, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(n);
}

test('batch mode counts each of twelve codes in one frame once, and a tap excludes one', async () => {
  test.setTimeout(180_000);
  const browser = await launchWithCamera(video);
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${SCANNER_PAGE}?engine=zxing-wasm&batch=1`);
    await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');

    await expect
      .poll(
        async () => {
          const counts = await countsOf(page);
          return TEXTS.filter((t) => !(t in counts));
        },
        { timeout: 60_000 },
      )
      .toEqual([]);
    const scans = (await page.evaluate(() => window.__scans)) as { raw: string; symbology: string }[];
    for (const label of BATCH_LABELS) {
      expect(scans.find((s) => s.raw === label.data)?.symbology, label.data).toBe(SYMBOLOGY[label.symbology]);
    }
    // Every code highlighted where it is, with its text and symbology, counted.
    for (const text of TEXTS) {
      const marker = page.locator(`[data-testid=batch-marker][data-text="${text}"]`);
      await expect(marker, text).toHaveAttribute('data-state', 'counted');
      await expect(marker.locator('text')).toContainText(text);
    }
    await expect(page.getByTestId('harness-batch-counted')).toHaveAttribute('data-counted', '12');

    // The shelf stays in view (and, as the video loops, leaves and comes back): nothing counts twice.
    await moreFrames(page, 40);
    expect(await countsOf(page)).toEqual(Object.fromEntries(TEXTS.map((t) => [t, 1])));

    // A tap on one code leaves it out: its count is undone and it is not counted again.
    await page.locator('[data-testid=batch-marker][data-text="PUMP-1"]').click();
    await expect(page.locator('[data-testid=batch-marker][data-text="PUMP-1"]')).toHaveAttribute(
      'data-state',
      'excluded',
    );
    expect(await page.evaluate(() => window.__undone)).toEqual(['PUMP-1']);
    await expect(page.getByTestId('harness-batch-counted')).toHaveAttribute('data-counted', '11');
    await expect(page.getByTestId('harness-batch-counted')).toHaveAttribute('data-excluded', '1');
    await moreFrames(page, 30);
    expect(await countsOf(page)).toEqual(Object.fromEntries(TEXTS.map((t) => [t, 1])));
    await expect(page.locator('[data-testid=harness-batch-row]')).toHaveCount(11);
    expect(await page.evaluate(() => window.__errors)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a counter counts a shelf in batch mode: each code its own entry at the location, once', async () => {
  test.setTimeout(180_000);
  let app: ServerProcess | undefined;
  const browser = await launchWithCamera(video);
  try {
    app = await startAppServer();
    const admin = await loginAdmin(app);
    expect(
      (await admin.post('/api/users', { username: 'cora', password: PASSWORD, role: 'counter' })).status,
    ).toBe(201);
    await seedCatalog(app, {
      locations: [
        { code: 'WH', kind: 'site', name: 'Main warehouse' },
        { code: 'A-01-01', kind: 'bin', parent: 'WH' },
        { code: 'A-01-02', kind: 'bin', parent: 'WH' },
      ],
      items: [],
    });
    // Every item label of the shelf is a known item but GEAR-12: that one is counted as unknown.
    const items = [
      ['BOLT-M6'],
      ['NUT-M6'],
      ['WASHER-6'],
      ['BEARING-6204', '5901234123457'],
      ['SEAL-40', '4006381333931'],
      ['PUMP-1'],
      ['VALVE-2'],
      ['HOSE-3'],
      ['FILTER-4'],
    ] as const;
    for (const [sku, gtin] of items) {
      const res = await admin.post('/api/items', { sku, name: sku, ...(gtin ? { barcodes: [gtin] } : {}) });
      expect(res.status, sku).toBe(201);
    }
    const created = await admin.post('/api/stocktakes', {
      name: 'Shelf',
      locations: ['A-01-01'],
      counters: ['cora'],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await admin.post(`/api/stocktakes/${id}/start`)).status).toBe(200);

    const cora = await StocktakeDevice.open(browser, app.url, 'cora');
    await cora.login('cora', PASSWORD);
    await cora.go(`#/stocktakes/${id}/count`);
    await cora.page.locator('[data-testid=count-pick-location][data-code="A-01-01"]').click();
    await cora.expectLocation('A-01-01');
    await cora.page.getByTestId('count-batch').click();
    await expect(cora.page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');
    // Ten item codes: nine counted, GEAR-12 as unknown; the two bin labels are not counts.
    await expect(cora.page.getByTestId('count-batch-counted')).toHaveAttribute('data-counted', '10', {
      timeout: 60_000,
    });
    await expect(cora.page.locator('[data-testid=count-batch-row][data-kind=refused]')).toHaveCount(2);
    await expect(cora.page.locator('[data-testid=batch-marker][data-text="GEAR-12"]')).toHaveAttribute(
      'data-outcome',
      'unknown',
    );
    await expect(cora.page.locator('[data-testid=batch-marker][data-text="A-01-02"]')).toHaveAttribute(
      'data-outcome',
      'refused',
    );
    // Kept in view a while longer: nothing more is counted.
    await cora.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=batch-marker]').length === 12,
    );
    await cora.page.waitForTimeout(3000); // ~20 more frames of the same shelf
    await expect(cora.page.getByTestId('count-batch-counted')).toHaveAttribute('data-counted', '10');
    await cora.page.getByTestId('count-batch-close').click();
    await expect(cora.page.getByTestId('camera-scanner')).toHaveCount(0);

    const totals = cora.page.locator('[data-testid=count-total]');
    await expect(totals).toHaveCount(10);
    for (const [sku] of items) await expect(cora.total(sku), sku).toHaveAttribute('data-mine', '1');
    await expect(cora.page.locator('[data-testid=count-total][data-barcode="GEAR-12"]')).toHaveAttribute(
      'data-mine',
      '1',
    );
    await expect(cora.page.getByTestId('count-location')).toHaveAttribute('data-code', 'A-01-01');
  } finally {
    await browser.close();
    await app?.cleanup();
  }
});

test('a clerk receives a purchase order in batch mode: each line of the order in view once', async () => {
  test.setTimeout(180_000);
  let app: ServerProcess | undefined;
  const browser = await launchWithCamera(video);
  try {
    app = await startAppServer();
    const admin = await loginAdmin(app);
    expect(
      (await admin.post('/api/users', { username: 'clara', password: PASSWORD, role: 'clerk' })).status,
    ).toBe(201);
    expect((await admin.post('/api/suppliers', { code: 'ACME', name: 'Acme' })).status).toBe(201);
    await seedCatalog(app, {
      locations: [
        { code: 'WH', kind: 'site', name: 'Main warehouse' },
        { code: 'A-01-01', kind: 'bin', parent: 'WH' },
        { code: 'A-01-02', kind: 'bin', parent: 'WH' },
        { code: 'DOCK', kind: 'bin', parent: 'WH' },
      ],
      items: [],
    });
    // Four items of the shelf are on the order, NUT-M6 is an item not on it; the rest are unknown here.
    const items = [['BOLT-M6'], ['SEAL-40', '4006381333931'], ['PUMP-1'], ['HOSE-3'], ['NUT-M6']] as const;
    for (const [sku, gtin] of items) {
      const res = await admin.post('/api/items', { sku, name: sku, ...(gtin ? { barcodes: [gtin] } : {}) });
      expect(res.status, sku).toBe(201);
    }
    const ordered = ['BOLT-M6', 'SEAL-40', 'PUMP-1', 'HOSE-3'];
    const order = await admin.post('/api/purchase-orders', {
      supplier: 'ACME',
      lines: ordered.map((sku) => ({ sku, quantity: 5 })),
    });
    expect(order.status).toBe(201);
    const id = (order.body as { id: string }).id;
    expect((await admin.post(`/api/purchase-orders/${id}/send`)).status).toBe(200);

    const clara = await StocktakeDevice.open(browser, app.url, 'clara');
    await clara.login('clara', PASSWORD);
    await clara.go(`#/purchase-orders/${id}/receive`);
    await clara.page.getByTestId('receive-delivery').fill('DN-BATCH-1');
    await clara.page.getByTestId('receive-bin').fill('DOCK');
    await expect(clara.page.getByTestId('receive-screen')).toHaveAttribute('data-bin', 'DOCK');
    await clara.page.getByTestId('receive-batch').click();
    await expect(clara.page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');
    await expect(clara.page.getByTestId('receive-batch-counted')).toHaveAttribute('data-counted', '4', {
      timeout: 60_000,
    });
    await expect(clara.page.locator('[data-testid=batch-marker][data-text="NUT-M6"]')).toHaveAttribute(
      'data-outcome',
      'refused',
    );
    await expect(clara.page.locator('[data-testid=batch-marker][data-text="GEAR-12"]')).toHaveAttribute(
      'data-outcome',
      'unknown',
    );
    await clara.page.waitForTimeout(3000); // ~20 more frames of the same shelf
    await clara.page.getByTestId('receive-batch-close').click();
    await expect(clara.page.getByTestId('receive-scan')).toHaveCount(4);
    for (const sku of ordered) {
      await expect(clara.page.locator(`[data-testid=receive-line][data-sku="${sku}"]`), sku).toHaveAttribute(
        'data-session',
        '1',
      );
    }
    await clara.page.getByTestId('receive-confirm').click();
    await expect(clara.page.getByTestId('receive-posted')).toHaveAttribute('data-state', 'server', {
      timeout: 30_000,
    });
    const received = (await admin.get(`/api/purchase-orders/${id}`)).body as {
      lines: { sku: string; received: number }[];
    };
    expect(received.lines.map((l) => [l.sku, l.received])).toEqual(ordered.map((sku) => [sku, 1]));
  } finally {
    await browser.close();
    await app?.cleanup();
  }
});
