import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, test } from '@playwright/test';
import { itemLabel, type LabelSpec, locationLabel } from '../../client/src/labels/label-content.ts';
import { loginAdmin } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { backdrop } from '../scanning/fixtures/gray-image.ts';
import { labelScene } from '../scanning/fixtures/label-scene.ts';
import { writeY4m } from '../scanning/fixtures/y4m.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import { StocktakeDevice } from './support/stocktake-device.ts';
import { PASSWORD } from './support/stocktake-world.ts';

/*
 * Issue 9: receiving a purchase order by camera. Chromium's fake camera plays the bin label
 * and then the item label (rendered from our own label layout); the receive screen takes the
 * bin, then counts the item against the order's line; the delivery posted reaches the
 * server with exactly what the screen counted.
 */

const W = 640;
const H = 480;
const FPS = 10;

function unwrap(r: { ok: true; value: LabelSpec } | { ok: false; message: string }): LabelSpec {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

let dir: string;
let server: ServerProcess;
let browser: Browser | null = null;

test.afterEach(async () => {
  await browser?.close();
  browser = null;
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a clerk receives a purchase order line by camera: bin label, then item label', async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'stockroom-receive-camera-'));
  const video = join(dir, 'bin-then-item.y4m');
  const bin = unwrap(locationLabel({ code: 'A-01', name: 'Aisle A', barcode: null }, 'code128'));
  const item = unwrap(
    itemLabel({ sku: 'BOLT', name: 'Hex bolt M8', barcodes: [] }, { symbology: 'code128' }),
  );
  writeY4m(
    video,
    [
      ...Array.from({ length: 10 }, () => backdrop(W, H, 3)),
      ...Array.from({ length: 25 }, () => labelScene(bin, W, H)),
      ...Array.from({ length: 10 }, () => backdrop(W, H, 3)),
      ...Array.from({ length: 25 }, () => labelScene(item, W, H)),
      ...Array.from({ length: 30 }, () => backdrop(W, H, 3)),
    ],
    FPS,
  );

  server = await startAppServer();
  const admin = await loginAdmin(server);
  expect(
    (await admin.post('/api/users', { username: 'clara', password: PASSWORD, role: 'clerk' })).status,
  ).toBe(201);
  expect((await admin.post('/api/suppliers', { code: 'ACME', name: 'Acme Fasteners' })).status).toBe(201);
  await seedCatalog(server, {
    locations: [
      { code: 'WH', kind: 'site', name: 'Main warehouse' },
      { code: 'A-01', kind: 'bin', parent: 'WH' },
    ],
    items: [],
  });
  expect((await admin.post('/api/items', { sku: 'BOLT', name: 'Hex bolt M8', unitCost: 0.5 })).status).toBe(
    201,
  );
  const order = await admin.post('/api/purchase-orders', {
    supplier: 'ACME',
    lines: [{ sku: 'BOLT', quantity: 10 }],
  });
  expect(order.status).toBe(201);
  const id = (order.body as { id: string }).id;
  expect((await admin.post(`/api/purchase-orders/${id}/send`)).status).toBe(200);

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const clara = await StocktakeDevice.open(browser, server.url, 'clara');
  await clara.login('clara', PASSWORD);
  await clara.go(`#/purchase-orders/${id}/receive`);
  const line = clara.page.locator('[data-testid=receive-line][data-line="1"]');
  await expect(line).toHaveAttribute('data-ordered', '10');
  await clara.page.getByTestId('receive-delivery').fill('DN-CAM-1');

  await clara.page.getByTestId('receive-camera').click();
  await expect(clara.page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');
  // The bin label comes first in the video: the screen takes it as the bin, then counts the item.
  await expect(clara.page.getByTestId('receive-bin')).toHaveValue('A-01', { timeout: 30_000 });
  await expect
    .poll(async () => Number(await line.getAttribute('data-session')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  await clara.page.getByTestId('receive-camera-close').click();
  await expect(clara.page.getByTestId('camera-scanner')).toHaveCount(0);
  const counted = Number(await line.getAttribute('data-session'));
  await expect(clara.page.getByTestId('receive-scan').first()).toContainText('BOLT');

  await clara.page.getByTestId('receive-confirm').click();
  await expect(clara.page.getByTestId('receive-posted')).toHaveAttribute('data-state', 'server', {
    timeout: 30_000,
  });
  const received = await admin.get(`/api/purchase-orders/${id}`);
  expect((received.body as { lines: { line: string; received: number }[] }).lines[0]).toMatchObject({
    line: '1',
    received: counted,
  });
  const stock = (await admin.get('/api/stock?sku=BOLT')).body as { location: string; quantity: number }[];
  expect(stock).toEqual([expect.objectContaining({ location: 'A-01', quantity: counted })]);
});
