import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { itemLabel, type LabelSpec, locationLabel } from '../../client/src/labels/label-content.ts';
import type { EngineName } from '../../client/src/scanning/decoder-engine.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { backdrop, type GrayImage } from '../scanning/fixtures/gray-image.ts';
import { labelScene } from '../scanning/fixtures/label-scene.ts';
import { writeY4m } from '../scanning/fixtures/y4m.ts';
import {
  buildScanningHarness,
  HARNESS_DIR,
  type HarnessServer,
  SCANNER_PAGE,
  serveHarness,
} from '../scanning/harness/harness-server.ts';

/**
 * Issue 5 end to end: Chromium's fake camera plays a video of a bin label, then an item label
 * (generated here from our label layout and bwip-js); the camera scanner records both scans,
 * in that order, and nothing is fetched from anywhere but our own origin.
 */

const FPS = 10;
const W = 640;
const H = 480;

function unwrap(r: { ok: true; value: LabelSpec } | { ok: false; message: string }): LabelSpec {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const BIN = unwrap(locationLabel({ code: 'A-01-03', name: 'Aisle A', barcode: 'LOC:A-01-03' }, 'code128'));
const ITEM = unwrap(
  itemLabel(
    { sku: 'SKU-1001', name: 'Hex bolt M6', barcodes: ['4006381333931'] },
    { symbology: 'gs1-datamatrix', lot: 'LOT-42', expiry: '2027-12-31' },
  ),
);

const sceneWith = (spec: LabelSpec): GrayImage => labelScene(spec, W, H);

/** A bin scan followed (later) by the item scan: the order the video shows them in. */
function binThenItem(scans: RecordedScan[]): [number, number] | null {
  const bin = scans.findIndex((s) => s.raw === 'LOC:A-01-03');
  const item = scans.findIndex((s, i) => i > bin && s.gs1?.lot === 'LOT-42');
  return bin >= 0 && item > bin ? [bin, item] : null;
}

let dir: string;
let server: HarnessServer;
let video: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stockroom-scan-e2e-'));
  video = join(dir, 'bin-then-item.y4m');
  const empty = backdrop(W, H, 3);
  const frames = [
    ...Array.from({ length: 10 }, () => empty), // 1 s of desk
    ...Array.from({ length: 25 }, () => sceneWith(BIN)), // 2.5 s on the bin label
    ...Array.from({ length: 25 }, () => sceneWith(ITEM)), // then 2.5 s on the item label
  ];
  writeY4m(video, frames, FPS);
  const built = await buildScanningHarness(`${HARNESS_DIR}-camera`);
  server = await serveHarness(built);
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

/** Every request the page makes that is not to our own origin. */
function watchForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))
      foreign.push(url);
  });
  return foreign;
}

interface RecordedScan {
  raw: string;
  at: string;
  source: string;
  symbology: string;
  gs1?: { gtin?: string; lot?: string; expiry?: string };
}

for (const engine of ['zxing-wasm', 'zxing-js'] as EngineName[]) {
  test(`camera scanner (${engine}) records a bin label then an item label, all from our origin`, async () => {
    const browser = await launchWithCamera(video);
    try {
      const page = await browser.newPage();
      const foreign = watchForeignRequests(page, server.origin);
      await page.goto(`${server.origin}${SCANNER_PAGE}?engine=${engine}`);
      await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');
      const recorded = () => page.evaluate(() => window.__scans) as Promise<RecordedScan[]>;
      await expect.poll(async () => binThenItem(await recorded()) !== null, { timeout: 30_000 }).toBe(true);
      const scans = await recorded();
      const [bin, item] = binThenItem(scans)!;
      expect(scans[bin]).toMatchObject({ source: 'camera', symbology: 'code128' });
      expect(scans[item]).toMatchObject({
        source: 'camera',
        symbology: 'datamatrix',
        gs1: { gtin: '04006381333931', lot: 'LOT-42', expiry: '2027-12-31' },
      });
      // Two-frame confirmation + cooldown: a label held in view is not accepted again within 3 s.
      for (const [i, a] of scans.entries()) {
        const again = scans.slice(i + 1).find((b) => b.raw === a.raw);
        if (again) expect(Date.parse(again.at) - Date.parse(a.at)).toBeGreaterThanOrEqual(3000);
      }
      await expect(page.getByTestId('scan-log').locator('li')).toHaveCount(scans.length);
      expect(await page.evaluate(() => window.__errors)).toEqual([]);
      expect(foreign).toEqual([]);
      if (engine === 'zxing-wasm') expect(server.requests.some((p) => p.endsWith('.wasm'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
}

test('the camera is released when the scanner closes, also when it closes before the camera started', async () => {
  const browser = await launchWithCamera(video);
  try {
    const page = await browser.newPage();
    // Keep every stream the page gets, and make the camera slow to start (as phones are).
    await page.addInitScript(() => {
      const streams: MediaStream[] = [];
      (window as unknown as { __streams: MediaStream[] }).__streams = streams;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await original(constraints);
        streams.push(stream);
        await new Promise((r) => setTimeout(r, Number(sessionStorage.getItem('cameraDelay') ?? 0)));
        return stream;
      };
    });
    const liveTracks = () =>
      page.evaluate(
        () =>
          (window as unknown as { __streams: MediaStream[] }).__streams
            .flatMap((s) => s.getTracks())
            .filter((t) => t.readyState === 'live').length,
      );
    const streams = () =>
      page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.length);

    // Opened, running, closed.
    await page.goto(`${server.origin}${SCANNER_PAGE}`);
    await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');
    expect(await liveTracks()).toBe(1);
    await page.getByTestId('toggle-scanner').click();
    await expect(page.getByTestId('camera-scanner')).toHaveCount(0);
    await expect.poll(liveTracks).toBe(0);

    // Closed while the camera is still starting.
    await page.evaluate(() => sessionStorage.setItem('cameraDelay', '1500'));
    await page.goto(`${server.origin}${SCANNER_PAGE}?autostart=0`);
    await page.getByTestId('toggle-scanner').click(); // open
    await expect.poll(streams).toBe(1); // the camera answered, the scanner has not got it yet
    await page.getByTestId('toggle-scanner').click(); // close before it starts
    await expect(page.getByTestId('camera-scanner')).toHaveCount(0);
    await page.waitForTimeout(2000); // past the delay: the late stream must be stopped on arrival
    expect(await liveTracks()).toBe(0);
  } finally {
    await browser.close();
  }
});
