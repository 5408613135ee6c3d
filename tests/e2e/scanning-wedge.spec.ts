import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import {
  buildScanningHarness,
  HARNESS_DIR,
  type HarnessServer,
  SETTINGS_PAGE,
  serveHarness,
} from '../scanning/harness/harness-server.ts';

/**
 * Keyboard-wedge scanning with real key events in Chromium, on the scanner settings page: a
 * scanner's fast burst is a scan (shown with its character codes, GS intact), a person typing
 * the same keys slowly is not. Also: the label preview draws every label.
 */

let server: HarnessServer;
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  const built = await buildScanningHarness(`${HARNESS_DIR}-wedge`);
  server = await serveHarness(built);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test.beforeEach(async () => {
  page = await browser.newPage();
  // Playwright delivers keys one round trip at a time, so on a loaded 2-core CI machine a
  // 2 ms burst can show 50 ms gaps. Give the detector the slack a slow scanner would get in
  // its settings; a person typing (150 ms apart) stays well above it.
  await page.addInitScript(() =>
    localStorage.setItem('stockroom.scanner-settings', JSON.stringify({ wedge: { maxGapMs: 100 } })),
  );
  await page.goto(`${server.origin}${SETTINGS_PAGE}`);
  await expect(page.getByTestId('scanner-settings')).toBeVisible();
});

test.afterEach(async () => {
  await page.close();
});

/** What a scanner does: keys a few ms apart, GS as Ctrl+], Enter at the end. */
async function scannerTypes(text: string): Promise<void> {
  for (const part of text.split('\x1d').flatMap((p, i) => (i ? ['\x1d', p] : [p]))) {
    if (part === '\x1d') await page.keyboard.press('Control+BracketRight');
    else if (part) await page.keyboard.type(part, { delay: 2 });
  }
  await page.keyboard.press('Enter');
}

test('a scanner burst is recognised as a scan and its character codes are shown, GS included', async () => {
  await expect(page.getByTestId('scanner-settings')).toContainText('at most 100 ms apart');
  await scannerTypes('0104006381333931\x1d10LOT-42');
  const result = page.getByTestId('scan-result').first();
  await expect(result).toContainText('0104006381333931⟨GS⟩10LOT-42');
  await expect(result).toContainText('GS1 element-string: (01)04006381333931(10)LOT-42');
  await expect(result.getByTestId('scan-chars')).toContainText('⟨GS⟩29');
  await expect(result).toContainText('wedge');
});

test('a person typing the same keys slowly is not a scan', async () => {
  await page.keyboard.type('SKU-1001', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wedge-waiting')).toBeVisible();
  await expect(page.getByTestId('scan-result')).toHaveCount(0);
  await page.getByText(/^Keystrokes/).click();
  await expect(page.getByTestId('key-log').locator('tbody tr')).toHaveCount(9);
});

test('the label preview draws every label of the sheet', async () => {
  await expect(page.getByTestId('label-preview').getByTestId('label-slot')).toHaveCount(7);
  // Each slot holds its barcode's modules as rectangles (outline + at least the bars).
  const rects = await page
    .getByTestId('label-slot')
    .evaluateAll((slots) => slots.map((s) => s.querySelectorAll('rect').length));
  for (const n of rects) expect(n).toBeGreaterThan(10);
});
