import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { Device } from './support/device.ts';
import { startAppServer } from './support/server.ts';

/**
 * CSV import end to end, in real Chromium: a manager uploads a semicolon-separated file with
 * German headers and two bad rows, sees each bad row named with its field and why, imports
 * only the valid rows, reads the summary, downloads the skipped rows as CSV, fixes them,
 * imports that file all-or-nothing, and finds every item in the items list; then imports a
 * supplier and the open purchase orders of the old system (one of them refused whole for a bad
 * line) and finds the good one sent, numbered by the server, in the purchase orders list.
 */

let server: ServerProcess;
let device: Device | null = null;

test.afterEach(async () => {
  await device?.close().catch(() => undefined);
  device = null;
  await server?.cleanup();
});

const FILE = [
  'Artikelnummer;Bezeichnung;Preis;Min',
  'E2E-001;Schraube M8;0,45;10',
  'E2E-002;Mutter M8;0,08;',
  ';Ohne Nummer;1;',
  'E2E-004;Scheibe;billig;',
  'E2E-005;"Dichtung; rot";2,5;',
  'E2E-006;Splint;0,02;',
].join('\r\n');

test('import items with bad rows, fix the skipped rows and import them, see every item', async ({
  browser,
}) => {
  server = await startAppServer();
  device = await Device.open(browser, server.url, 'manager-desk');
  await device.login('admin', server.adminPassword);
  const page = device.page;

  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('import-screen')).toBeVisible();
  await page.getByTestId('import-kind').selectOption('items');
  await page.getByTestId('import-file').setInputFiles({
    name: 'artikel.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${FILE}`, 'utf8'),
  });

  // Preview of the first rows, as read, and the columns guessed from the German headers.
  await expect(page.getByTestId('import-file-facts')).toContainText('6 rows · semicolon-separated · UTF-8');
  await expect(page.getByTestId('import-preview-row')).toHaveCount(6);
  await expect(page.getByTestId('import-preview')).toContainText('Dichtung; rot');
  await expect(page.getByTestId('import-map-sku')).toHaveValue('0');
  await expect(page.getByTestId('import-map-name')).toHaveValue('1');
  await expect(page.getByTestId('import-map-unitCost')).toHaveValue('2');
  await expect(page.getByTestId('import-map-minQty')).toHaveValue('3');

  // Every row checked: the two bad ones named by line, field and why.
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-check-result')).toContainText('4 rows can be imported (4 new');
  await expect(page.getByTestId('import-bad-count')).toHaveText('2');
  const problems = page.getByTestId('import-problems').getByTestId('import-problem-row');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toHaveAttribute('data-row', '4');
  await expect(problems.nth(0).locator('[data-testid=import-problem][data-field=sku]')).toContainText(
    'is required',
  );
  await expect(problems.nth(1)).toHaveAttribute('data-row', '5');
  await expect(problems.nth(1).locator('[data-testid=import-problem][data-field=unitCost]')).toContainText(
    'must be a number',
  );

  // Only the valid rows.
  await page.getByTestId('import-mode-valid').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('import-created')).toHaveText('4');
  await expect(page.getByTestId('import-updated')).toHaveText('0');
  await expect(page.getByTestId('import-skipped')).toHaveText('2');
  await expect(page.getByTestId('import-skipped-list').getByTestId('import-problem-row')).toHaveCount(2);

  // The skipped rows as CSV: the file's columns plus what to fix.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('import-download-rejected').click(),
  ]);
  expect(download.suggestedFilename()).toBe('artikel-rejected.csv');
  const rejected = await readFile((await download.path())!, 'utf8');
  expect(rejected).toBe(
    'Artikelnummer,Bezeichnung,Preis,Min,problems\r\n' +
      ',Ohne Nummer,1,,sku: is required\r\n' +
      'E2E-004,Scheibe,billig,,unitCost: must be a number\r\n',
  );

  // Fixed in a "spreadsheet" and imported again, all or nothing.
  const fixed = rejected.replace(',Ohne Nummer,', 'E2E-003,Ohne Nummer,').replace('billig', '0.03');
  await page.getByTestId('import-again').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'artikel-rejected.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(fixed, 'utf8'),
  });
  await expect(page.getByTestId('import-file-facts')).toContainText('2 rows · comma-separated');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-check-result')).toContainText('2 rows can be imported (2 new');
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  await page.getByTestId('import-mode-all').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-created')).toHaveText('2');
  await expect(page.getByTestId('import-skipped')).toHaveText('0');
  await expect(page.getByTestId('import-download-rejected')).toHaveCount(0);

  // Every item in the items list (synced to this device from the server's rooms).
  await page.getByTestId('nav-items').click();
  for (const [sku, name] of [
    ['E2E-001', 'Schraube M8'],
    ['E2E-002', 'Mutter M8'],
    ['E2E-003', 'Ohne Nummer'],
    ['E2E-004', 'Scheibe'],
    ['E2E-005', 'Dichtung; rot'],
    ['E2E-006', 'Splint'],
  ] as const)
    await expect(
      page.locator(`[data-testid=item-row][data-sku="${sku}"] [data-testid=item-name]`),
    ).toHaveText(`${name} · Component`); // the kind the import left at its default
  await expect(page.getByTestId('item-row')).toHaveCount(6);

  // Open purchase orders from the old system: the supplier first, then one row per order line.
  const importFile = async (kind: string, name: string, csv: string) => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-kind').selectOption(kind);
    await page.getByTestId('import-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-checked')).toBeVisible();
  };
  await importFile('suppliers', 'lieferanten.csv', 'code,name\nACME,Acme GmbH\n');
  await page.getByTestId('import-mode-all').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-created')).toHaveText('1');
  await page.getByTestId('import-again').click();
  await importFile(
    'purchase-orders',
    'bestellungen.csv',
    'Bestellnummer;Lieferant;Artikelnummer;Menge;Preis\n4711;ACME;E2E-001;100;0,40\n4711;ACME;E2E-002;50;\n4712;ACME;E2E-002;5;\n4712;ACME;NOPE;1;\n',
  );
  await expect(page.getByTestId('import-check-result')).toContainText('2 rows can be imported (2 new');
  await expect(page.getByTestId('import-bad-count')).toHaveText('2');
  const orderProblems = page.getByTestId('import-problems').getByTestId('import-problem-row');
  await expect(orderProblems.nth(0)).toHaveAttribute('data-row', '4');
  await expect(orderProblems.nth(0)).toContainText('order 4712 is imported whole: fix row 5 first');
  await expect(orderProblems.nth(1)).toContainText('no item with SKU NOPE');
  await page.getByTestId('import-mode-valid').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-created')).toHaveText('2');
  await expect(page.getByTestId('import-skipped')).toHaveText('2');
  await device.go('#/purchase-orders');
  const order = page.getByTestId('po-row');
  await expect(order).toHaveCount(1);
  await expect(order).toHaveAttribute('data-number', /^PO-\d{4}-0001$/);
  await expect(order).toHaveAttribute('data-status', 'sent');
  await expect(order.getByTestId('po-row-lines')).toHaveText('2');
});
