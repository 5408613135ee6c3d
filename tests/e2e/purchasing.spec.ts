import { readFile } from 'node:fs/promises';
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
 * Purchasing end to end, in real Chromium: a manager drafts (a scan fills a SKU) and sends a
 * two-line order and downloads its PDF; two clerks receive it on two devices at the same
 * time by handheld scanner, one of them offline for a while — each sees the other's progress
 * once it syncs; the same delivery posted again counts once; an over-receipt needs an
 * explicit confirmation; the received quantities and the stock are exact on the server; a
 * return to the supplier takes stock back out.
 */

const BOLT = '4006381333931';
const NUT = '4000000000017';
const NUT_BOX = 'NUT-BOX10';

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

function receiveLine(d: StocktakeDevice, line: string): Locator {
  return d.page.locator(`[data-testid=receive-line][data-line="${line}"]`);
}

/** Scans what arrived: a keypad quantity (optional), then the code; waits for the screen to confirm it. */
async function receiveScan(d: StocktakeDevice, code: string, text: string | RegExp, quantity?: string) {
  if (quantity) {
    for (const ch of quantity) await d.page.getByTestId(`receive-key-${ch}`).click();
    await expect(d.page.getByTestId('receive-keypad-display')).toHaveAttribute('data-value', quantity);
  }
  const before = await d.page.getByTestId('receive-scan').count();
  await d.scan(code);
  await expect(d.page.getByTestId('receive-last-text')).toHaveText(text);
  if (typeof text !== 'string' || text.startsWith('+'))
    await expect(d.page.getByTestId('receive-scan')).toHaveCount(before + 1);
}

async function confirmDelivery(d: StocktakeDevice, already = false): Promise<void> {
  await d.page.getByTestId('receive-confirm').click();
  const posted = d.page.getByTestId('receive-posted');
  await expect(posted).toHaveAttribute('data-already', already ? 'true' : 'false');
  await expect(d.page.getByTestId('receive-scan')).toHaveCount(0);
}

test('a manager orders, two clerks receive on two devices (one offline), nothing is doubled', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  server = await startAppServer();
  const admin = await loginAdmin(server);
  for (const [username, role] of [
    ['maria', 'manager'],
    ['ann', 'clerk'],
    ['ben', 'clerk'],
  ] as const) {
    const res = await admin.post('/api/users', { username, password: PASSWORD, role });
    expect(res.status).toBe(201);
  }
  expect((await admin.post('/api/suppliers', { code: 'ACME', name: 'Acme Fasteners' })).status).toBe(201);
  await seedCatalog(server, {
    locations: [
      { code: 'WH', kind: 'site', name: 'Main warehouse' },
      { code: 'A-01', kind: 'bin', parent: 'WH' },
      { code: 'B-01', kind: 'bin', parent: 'WH' },
    ],
    items: [],
  });
  for (const item of [
    {
      sku: 'BOLT',
      name: 'Hex bolt M8',
      barcodes: [BOLT],
      unitCost: 0.5,
      suppliers: [{ supplier: 'ACME', supplierSku: 'AC-B8', unitCost: 0.45 }],
    },
    {
      sku: 'NUT',
      name: 'Hex nut M8',
      barcodes: [NUT],
      unitCost: 0.1,
      packs: [{ barcode: NUT_BOX, quantity: 10 }],
    },
  ]) {
    expect((await admin.post('/api/items', item)).status).toBe(201);
  }
  proxy = new TcpProxy(server.port);
  await proxy.start();

  // ── The manager drafts two lines (the second by scanning the nut's barcode) and sends. ──
  const maria = await open(browser, 'maria', server.url, { width: 1280, height: 1400 });
  await maria.go('#/purchase-orders');
  await expect(maria.page.getByTestId('po-list-empty')).toBeVisible();
  await maria.page.getByTestId('po-new').click();
  await maria.page.getByTestId('po-form-supplier').selectOption('ACME');
  await maria.page.getByTestId('po-form-save').click();
  await expect(maria.page.getByTestId('po-form-lines-error')).toHaveText('add at least one line');
  await maria.page.getByTestId('po-form-line-0-sku').fill('BOLT');
  await expect(maria.page.getByTestId('po-form-line-0-unit-cost')).toHaveAttribute('placeholder', '0.45');
  await maria.page.getByTestId('po-form-line-0-quantity').fill('10');
  await maria.page.getByTestId('po-form-add-line').click();
  await expect(maria.page.getByTestId('po-form-line-1-sku')).toBeFocused();
  await maria.scan(NUT);
  await expect(maria.page.getByTestId('po-form-line-1-sku')).toHaveValue('NUT');
  await maria.page.getByTestId('po-form-line-1-quantity').fill('20');
  await expect(maria.page.getByTestId('po-form-total')).toHaveAttribute('data-total', '6.5');
  await maria.page.getByTestId('po-form-save').click();

  const detail = maria.page.getByTestId('po-screen');
  await expect(detail).toHaveAttribute('data-status', 'draft');
  const id = (await detail.getAttribute('data-id')) ?? '';
  expect(id).toMatch(/^\d{4}-/);
  const year = id.slice(0, 4);
  // The server numbers the order as soon as it sees it.
  await expect(maria.page.getByTestId('po-number')).toHaveAttribute('data-number', `PO-${year}-0001`);
  await expect(maria.page.getByTestId('po-total')).toHaveAttribute('data-total', '6.5');
  await maria.page.getByTestId('po-send').click();
  await maria.page.getByTestId('po-send-panel-confirm').click();
  await expect(detail).toHaveAttribute('data-status', 'sent');
  await expect(maria.page.getByTestId('po-sync')).toHaveAttribute('data-state', 'saved');

  // The PDF is made in the browser.
  const [download] = await Promise.all([
    maria.page.waitForEvent('download'),
    maria.page.getByTestId('po-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`PO-${year}-0001.pdf`);
  const pdf = await readFile((await download.path()) ?? '');
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1500);

  // ── Two clerks open the order for receiving by scanning its barcode on the list. ──
  const ann = await open(browser, 'ann', server.url);
  const ben = await open(browser, 'ben', `http://127.0.0.1:${proxy.port}`);
  for (const d of [ann, ben]) {
    await d.go('#/purchase-orders');
    await expect(d.page.locator(`[data-testid=po-row][data-id="${id}"]`)).toHaveAttribute(
      'data-status',
      'sent',
    );
    await d.scan(id);
    await expect(d.page.getByTestId('receive-screen')).toHaveAttribute('data-id', id);
    await expect(receiveLine(d, '1')).toHaveAttribute('data-ordered', '10');
  }

  // Ann: delivery note DN-100, 4 bolts into A-01 (keypad 4, then the bolt's barcode).
  await ann.page.getByTestId('receive-delivery').fill('DN-100');
  await receiveScan(ann, BOLT, 'Scan or choose the bin first');
  await receiveScan(ann, 'A-01', 'Into A-01');
  await receiveScan(ann, BOLT, '+4 BOLT', '4');
  await expect(receiveLine(ann, '1')).toHaveAttribute('data-session', '4');
  await confirmDelivery(ann);
  await expect(receiveLine(ann, '1')).toHaveAttribute('data-received', '4');
  await expect(ann.page.getByTestId('receive-posted')).toHaveAttribute('data-state', 'server');
  // Ben's screen moves with it.
  await expect(receiveLine(ben, '1')).toHaveAttribute('data-received', '4');

  // ── Ben's Wi-Fi drops; both keep receiving. ──
  proxy.cut();
  await expect(ben.page.getByTestId('receive-sync')).toHaveAttribute('data-state', 'offline');
  const benSession = await ben.page.getByTestId('receive-delivery').inputValue();
  expect(benSession).toMatch(/^S-[A-Z2-9]{8}$/);
  await receiveScan(ben, 'B-01', 'Into B-01');
  await receiveScan(ben, BOLT, '+6 BOLT', '6');
  await receiveScan(ben, NUT_BOX, '+10 NUT'); // a box of 10
  await confirmDelivery(ben);
  await expect(ben.page.getByTestId('receive-posted')).toHaveAttribute('data-state', 'device');
  await expect(receiveLine(ben, '1')).toHaveAttribute('data-received', '10');
  await expect(receiveLine(ben, '2')).toHaveAttribute('data-received', '10');

  await receiveScan(ann, NUT_BOX, '+10 NUT');
  await confirmDelivery(ann);
  await expect(receiveLine(ann, '1')).toHaveAttribute('data-received', '4'); // Ben's bolts are not here yet
  await expect(receiveLine(ann, '2')).toHaveAttribute('data-received', '10');

  // ── Ben is back: his delivery reaches the server, each sees the other's. ──
  proxy.restore();
  await expect(ben.page.getByTestId('receive-sync')).toHaveAttribute('data-pending', '0', {
    timeout: 30_000,
  });
  await expect(ben.page.getByTestId('receive-posted')).toHaveAttribute('data-state', 'server');
  for (const d of [ann, ben]) {
    await expect(receiveLine(d, '1')).toHaveAttribute('data-received', '10');
    await expect(receiveLine(d, '2')).toHaveAttribute('data-received', '20');
    await expect(d.page.getByTestId('receive-status')).toHaveAttribute('data-status', 'received');
  }
  await expect(
    ann.page.locator(`[data-testid=receive-delivery-row][data-delivery="${benSession}"]`),
  ).toBeVisible();

  // ── The same delivery note posted again counts once. ──
  await ben.page.getByTestId('receive-delivery').fill('DN-100');
  await receiveScan(ben, 'A-01', 'Into A-01');
  await receiveScan(ben, BOLT, '+4 BOLT', '4');
  await expect(ben.page.getByTestId('receive-already')).toBeVisible();
  await expect(ben.page.getByTestId('receive-over')).toHaveCount(0);
  await confirmDelivery(ben, true);
  await expect(ben.page.getByTestId('receive-posted-text')).toContainText('Already posted: nothing added');
  await expect(receiveLine(ben, '1')).toHaveAttribute('data-received', '10');

  // ── More than ordered needs an explicit confirmation. ──
  await receiveScan(ann, NUT_BOX, '+10 NUT');
  await expect(receiveLine(ann, '2')).toHaveAttribute('data-over', '10');
  await expect(ann.page.getByTestId('receive-over')).toBeVisible();
  await ann.page.getByTestId('receive-confirm').click();
  await expect(ann.page.getByTestId('receive-error')).toHaveText(
    'More than ordered: confirm the over-receipt first',
  );
  await expect(ann.page.getByTestId('receive-scan')).toHaveCount(1);
  await ann.page.getByTestId('receive-over-confirm').check();
  await confirmDelivery(ann);
  await expect(receiveLine(ann, '2')).toHaveAttribute('data-received', '30');
  await expect(receiveLine(ben, '2')).toHaveAttribute('data-received', '30');
  for (const d of [ann, ben]) {
    await expect(d.page.getByTestId('receive-posted')).toHaveAttribute('data-state', 'server');
    await expect(d.page.getByTestId('sync-indicator')).toHaveAttribute('data-pending', '0', {
      timeout: 30_000,
    });
  }

  // ── Exact on the server: received per line, one receipt per delivery and line, stock. ──
  const order = (await admin.get(`/api/purchase-orders/${id}`)).body;
  expect(order.status).toBe('received');
  expect(order.lines.map((l: { received: number }) => l.received)).toEqual([10, 30]);
  expect(order.receipts).toHaveLength(5);
  expect(await serverStock(admin)).toEqual({
    'BOLT@A-01': 4,
    'BOLT@B-01': 6,
    'NUT@A-01': 20,
    'NUT@B-01': 10,
  });
  // The manager's page shows it too.
  const line1 = maria.page.locator('[data-testid=po-line][data-line="1"]');
  await expect(line1).toHaveAttribute('data-received', '10');
  await expect(maria.page.locator('[data-testid=po-receipt]')).toHaveCount(5);
  await expect(detail).toHaveAttribute('data-status', 'received');

  // ── A return to the supplier needs a reason; stock and the line's net go down. ──
  await ann.go(`#/purchase-orders/${id}`);
  await ann.page.getByTestId('po-return').click();
  await ann.page.getByTestId('po-return-quantity').fill('2');
  await ann.page.getByTestId('po-return-submit').click();
  await expect(ann.page.getByTestId('po-return-reason-error')).toHaveText('give a reason for the return');
  await ann.page.getByTestId('po-return-reason').fill('bent threads');
  await ann.page.getByTestId('po-return-submit').click();
  await expect(ann.page.locator('[data-testid=po-return-row]')).toHaveAttribute('data-saved', 'server');
  await expect(line1).toHaveAttribute('data-returned', '2');
  expect((await serverStock(admin))['BOLT@B-01']).toBe(4); // the latest receipt of line 1 went into B-01
});
