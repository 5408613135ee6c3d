import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { itemLabel, type LabelSpec, locationLabel } from '../../client/src/labels/label-content.ts';
import { layoutLabelContent } from '../../client/src/labels/layout.ts';
import { symbolModules } from '../../client/src/labels/symbol-modules.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { backdrop, type GrayImage, paste, rotate, scale } from '../scanning/fixtures/gray-image.ts';
import { rasterizeLabel } from '../scanning/fixtures/label-raster.ts';
import { writeY4m } from '../scanning/fixtures/y4m.ts';
import {
  buildScanningHarness,
  HARNESS_DIR,
  type HarnessServer,
  SCANNER_PAGE,
  serveHarness,
} from '../scanning/harness/harness-server.ts';

/**
 * Issue 15 end to end: labels held tilted (±25°, ±40°) and labels far away (bars ≈ 1.3 px),
 * which the decoder alone does not read, played by Chromium's fake camera at 1280×720 into
 * the real camera scanner: each is read with the right text, by one of the extra passes, and
 * its marker is drawn where the code is in the picture.
 */

const FPS = 10;
const W = 1280;
const H = 720;
const LABEL = { width: 99.1, height: 38.1 };

function unwrap(r: { ok: true; value: LabelSpec } | { ok: false; message: string }): LabelSpec {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
const bin = (barcode: string) => unwrap(locationLabel({ code: barcode, name: 'Bin', barcode }, 'code128'));
const ean = (gtin: string) =>
  unwrap(itemLabel({ sku: `SKU-${gtin}`, name: 'Part', barcodes: [gtin] }, { symbology: 'ean13' }));

interface Case {
  name: string;
  spec: LabelSpec;
  /** Width of one module (narrowest bar) in the camera frame, px. */
  modulePx: number;
  degrees: number;
}

const TILTED: Case[] = [
  { name: 'Code 128 at +25°', spec: bin('LOC:TILT-P25'), modulePx: 2.5, degrees: 25 },
  { name: 'Code 128 at −25°', spec: bin('LOC:TILT-M25'), modulePx: 2.5, degrees: -25 },
  { name: 'Code 128 at +40°', spec: bin('LOC:TILT-P40'), modulePx: 2.5, degrees: 40 },
  { name: 'Code 128 at −40°', spec: bin('LOC:TILT-M40'), modulePx: 2.5, degrees: -40 },
  { name: 'EAN-13 at +25°', spec: ean('5901234123457'), modulePx: 2.5, degrees: 25 },
  { name: 'EAN-13 at −40°', spec: ean('9501101530003'), modulePx: 2.5, degrees: -40 },
];
const SMALL: Case[] = [
  { name: 'Code 128, 1.3 px modules', spec: bin('LOC:SMALL-1'), modulePx: 1.3, degrees: 0 },
  { name: 'EAN-13, 1.3 px modules', spec: ean('4006381333931'), modulePx: 1.3, degrees: 0 },
];

/**
 * The label on a grey desk, its barcode's centre at the centre of the picture (the middle of
 * the aiming box), turned by `degrees`. Rasterised at 4× and shrunk by area-averaging, as a
 * lens does, so 1.3 px bars are grey dips rather than crisp pixels.
 */
function scene(c: Case): GrayImage {
  const modules = symbolModules(c.spec.symbology, c.spec.data);
  const { symbol } = layoutLabelContent(LABEL, c.spec, modules);
  const pxPerMm = c.modulePx / symbol.module;
  const upright = scale(rasterizeLabel(c.spec, LABEL, pxPerMm * 4), 1 / 4);
  const label = c.degrees ? rotate(upright, c.degrees) : upright;
  // Where the symbol's centre ends up in the turned label (rotate() turns about the centre).
  const dx = (symbol.x + symbol.width / 2) * pxPerMm - upright.width / 2;
  const dy = (symbol.y + symbol.height / 2) * pxPerMm - upright.height / 2;
  const r = (c.degrees * Math.PI) / 180;
  const x = label.width / 2 + Math.cos(r) * dx - Math.sin(r) * dy;
  const y = label.height / 2 + Math.sin(r) * dx + Math.cos(r) * dy;
  return paste(backdrop(W, H, 11), label, Math.round(W / 2 - x), Math.round(H / 2 - y));
}

/** 1 s of desk, then each label for 2.5 s. */
function video(file: string, cases: Case[]): void {
  const empty = backdrop(W, H, 11);
  const frames = [...Array.from({ length: FPS }, () => empty)];
  for (const c of cases) {
    const image = scene(c);
    for (let i = 0; i < FPS * 2.5; i++) frames.push(image);
  }
  writeY4m(file, frames, FPS);
}

let dir: string;
let server: HarnessServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stockroom-scan-tilted-'));
  video(join(dir, 'tilted.y4m'), TILTED);
  video(join(dir, 'small.y4m'), SMALL);
  server = await serveHarness(await buildScanningHarness(`${HARNESS_DIR}-tilted`));
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

interface SeenMarker {
  text: string;
  points: string;
}

/** Every marker the scanner draws over the video, recorded as it appears (they fade quickly). */
async function watchMarkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: SeenMarker[] = [];
    (window as unknown as { __markers: SeenMarker[] }).__markers = seen;
    new MutationObserver(() => {
      for (const g of document.querySelectorAll('[data-testid="camera-marker"]')) {
        const points = g.querySelector('polygon')?.getAttribute('points') ?? '';
        seen.push({ text: g.getAttribute('data-text') ?? '', points });
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

function centroid(points: string): { x: number; y: number } {
  const xy = points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
  return {
    x: xy.reduce((a, p) => a + p[0], 0) / xy.length,
    y: xy.reduce((a, p) => a + p[1], 0) / xy.length,
  };
}

for (const [kind, file, cases] of [
  ['tilted', 'tilted.y4m', TILTED],
  ['small', 'small.y4m', SMALL],
] as const) {
  test(`camera scanner reads ${kind} 1D codes the plain decoder misses, each with the right text`, async () => {
    const browser = await launchWithCamera(join(dir, file));
    try {
      const page = await browser.newPage();
      await watchMarkers(page);
      await page.goto(`${server.origin}${SCANNER_PAGE}?engine=zxing-wasm`);
      await expect(page.getByTestId('camera-scanner')).toHaveAttribute('data-state', 'scanning');
      const texts = cases.map((c) => c.spec.data);
      const scanned = async () =>
        ((await page.evaluate(() => window.__scans)) as { raw: string }[]).map((s) => s.raw);
      await expect
        .poll(
          async () => {
            const read = await scanned();
            return texts.filter((t) => !read.includes(t));
          },
          {
            timeout: 60_000,
            message: `still unread; read by: ${JSON.stringify(await page.evaluate(() => window.__readBy))}`,
          },
        )
        .toEqual([]);
      const scans = (await page.evaluate(() => window.__scans)) as { raw: string; symbology: string }[];
      for (const c of cases) {
        expect(scans.find((s) => s.raw === c.spec.data)?.symbology, c.name).toBe(
          c.spec.symbology === 'ean13' ? 'ean13' : 'code128',
        );
      }
      // Nothing but these codes was read (no misread from a rotated or enlarged image).
      expect([...new Set(scans.map((s) => s.raw))].sort()).toEqual([...texts].sort());
      const readBy = await page.evaluate(() => window.__readBy);
      for (const c of cases) {
        expect(
          readBy[c.spec.data]?.some((p) => p !== 'plain'),
          `${c.name}: read by ${readBy[c.spec.data]}`,
        ).toBe(true);
      }
      // The marker is drawn on the code: the barcode's centre is the centre of the 1280×720 picture.
      const markers = (await page.evaluate(
        () => (window as unknown as { __markers: SeenMarker[] }).__markers,
      )) as SeenMarker[];
      for (const c of cases) {
        const mine = markers.filter((m) => m.text === c.spec.data && m.points);
        expect(mine.length, c.name).toBeGreaterThan(0);
        const near = mine.some((m) => {
          const p = centroid(m.points);
          return Math.hypot(p.x - W / 2, p.y - H / 2) < 40;
        });
        expect(near, `${c.name}: markers at ${mine.map((m) => m.points).join(' / ')}`).toBe(true);
      }
      expect(await page.evaluate(() => window.__errors)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
}
