import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import { addDays, dayOf } from '@stockroom/shared/lots/fefo';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { type ApiClient, loginAdmin, userWithRole } from '../integration/support/api-client.ts';
import { TEST_DEVICE } from '../integration/support/entries.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { connect } from '../integration/support/sync-client.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import { StocktakeDevice } from './support/stocktake-device.ts';

/**
 * Lots end to end, in real Chromium: two lots of one item received by GS1 scan with
 * different expiries; the issue screen proposes the one that expires first and warns about
 * the other; a lot a manager blocked is refused by the form; the trace page shows its whole
 * path. Then a manager settles the conflicts offline devices made (an expiry, a serial) on
 * the lots screen, and downloads one category's expiry list as CSV.
 */

test.use({ actionTimeout: 20_000 });

const GTIN = '09501101530003';
/** A GS1 date (YYMMDD) from YYYY-MM-DD. */
const yymmdd = (day: string) => day.slice(2).replaceAll('-', '');

let server: ServerProcess;
let device: StocktakeDevice | null = null;

test.afterEach(async () => {
  await device?.close().catch(() => undefined);
  device = null;
  await server?.cleanup();
});

test('FEFO proposal, a blocked lot refused, and the trace of a lot', async ({ browser }) => {
  server = await startAppServer();
  await seedCatalog(server, {
    locations: [
      { code: 'SITE', kind: 'site' },
      { code: 'A', kind: 'bin', parent: 'SITE' },
    ],
    items: [],
  });
  const admin = await loginAdmin(server);
  const created = await admin.post('/api/items', {
    sku: 'RESIN',
    name: 'Epoxy resin',
    unit: 'kg',
    tracking: 'lot',
    barcodes: [GTIN],
  });
  expect(created.status).toBe(201);
  const manager: ApiClient = await userWithRole(server, admin, 'mia', 'manager');
  await userWithRole(server, admin, 'clara', 'clerk', 'clerk-pass-123456');
  const today = dayOf(new Date());
  const EARLY = addDays(today, 20);
  const LATE = addDays(today, 200);

  device = await StocktakeDevice.open(browser, server.url, 'clara', { width: 1200, height: 900 });
  await device.login('clara', 'clerk-pass-123456');
  const page = device.page;

  // Two lots received by scanning their GS1 labels (AI 17 expiry, 10 lot, 30 count).
  await device.go('#/move/receive');
  await page.getByTestId('move-location').fill('A');
  for (const [lot, expiry] of [
    ['L-LATE', LATE],
    ['L-EARLY', EARLY],
  ] as const) {
    await device.scan(`(01)${GTIN}(17)${yymmdd(expiry)}(10)${lot}(30)5`);
    await expect(page.getByTestId('move-scan')).toHaveAttribute('data-kind', 'item');
    await expect(page.getByTestId('move-lot')).toHaveValue(lot);
    await expect(page.getByTestId('move-expiry')).toHaveValue(expiry);
    const token = await page.getByTestId('move-form').getAttribute('data-token');
    await page.getByTestId('move-submit').click();
    await expect(page.getByTestId('move-form')).not.toHaveAttribute('data-token', token ?? '');
  }
  await expect
    .poll(async () => {
      const lots = (await admin.get('/api/lots?sku=RESIN')).body as { lot: string; expiry: string }[];
      return lots.map((l) => `${l.lot}:${l.expiry}`).join(' ');
    })
    .toBe(`L-EARLY:${EARLY} L-LATE:${LATE}`);

  // The issue screen proposes the lot that expires first, and warns about another one.
  await device.go('#/history');
  await device.go('#/move/issue?sku=RESIN&location=A');
  const hint = page.getByTestId('fefo-hint');
  await expect(hint).toHaveAttribute('data-proposed', 'L-EARLY');
  await expect(page.getByTestId('fefo-proposed')).toHaveText('L-EARLY');
  await page.getByTestId('move-lot').fill('L-LATE');
  await expect(page.getByTestId('fefo-warning')).toHaveAttribute('data-warnings', 'not-first');
  await page.getByTestId('fefo-use').click();
  await expect(page.getByTestId('move-lot')).toHaveValue('L-EARLY');
  await expect(page.getByTestId('fefo-warning')).toHaveCount(0);

  // A manager blocks the early lot (a recall): the screen now proposes the other one and
  // refuses to issue the blocked one.
  const blocked = await manager.post('/api/lots/RESIN/L-EARLY/block', { reason: 'Supplier recall R-7' });
  expect(blocked.status).toBe(201);
  await device.go('#/history');
  await device.go('#/move/issue?sku=RESIN&location=A');
  await expect(page.getByTestId('fefo-hint')).toHaveAttribute('data-proposed', 'L-LATE');
  await page.getByTestId('move-lot').fill('L-EARLY');
  await page.getByTestId('move-quantity').fill('1');
  await expect(page.getByTestId('fefo-warning')).toHaveAttribute('data-warnings', 'blocked');
  await page.getByTestId('move-submit').click();
  await expect(page.getByTestId('move-lot-error')).toHaveText(
    'This lot is blocked: it cannot be issued until a manager releases it.',
  );
  // The proposed lot goes through; once the server has it, the blocked lot is untouched
  // (this device sends its changes in order, so a refused-but-sent issue would be there first).
  await page.getByTestId('move-lot').fill('L-LATE');
  await page.getByTestId('move-submit').click();
  await expect
    .poll(async () => {
      const lots = (await admin.get('/api/lots?sku=RESIN')).body as { lot: string; onHand: number }[];
      return lots.map((l) => `${l.lot}:${l.onHand}`).join(' ');
    })
    .toBe('L-EARLY:5 L-LATE:4');

  // The trace page: where the lot came from, what happened, the block, what is left.
  await device.go('#/trace?sku=RESIN&lot=L-EARLY');
  await expect(page.getByTestId('trace-expiry')).toHaveText(EARLY);
  await expect(page.getByTestId('trace-movement')).toHaveCount(1);
  await expect(page.getByTestId('trace-movement').first()).toHaveAttribute('data-type', 'receive');
  await expect(page.getByTestId('trace-hold')).toHaveAttribute('data-action', 'block');
  await expect(page.getByTestId('trace-hold')).toContainText('Supplier recall R-7');
  await expect(page.getByTestId('trace-blocked')).toBeVisible();
  await expect(page.getByTestId('trace-onhand')).toHaveText('Left: A: 5');

  // The expiry list: within 30 days only the early lot, shown blocked.
  await device.go('#/lots?days=30');
  await expect(page.getByTestId('lot-row')).toHaveCount(1);
  await expect(page.getByTestId('lot-row')).toHaveAttribute('data-lot', 'L-EARLY');
  await expect(page.getByTestId('lot-row')).toHaveAttribute('data-blocked', 'true');
});

test('a manager settles an expiry and a serial conflict on the lots screen, and exports a category', async ({
  browser,
}) => {
  server = await startAppServer();
  await seedCatalog(server, {
    locations: [
      { code: 'SITE', kind: 'site' },
      { code: 'A', kind: 'bin', parent: 'SITE' },
      { code: 'B', kind: 'bin', parent: 'SITE' },
    ],
    items: [],
  });
  const admin = await loginAdmin(server);
  for (const item of [
    { sku: 'RESIN', name: 'Epoxy resin', tracking: 'lot', unitCost: 12.5, category: 'Chemicals' },
    { sku: 'GLUE', name: 'Wood glue', tracking: 'lot', unitCost: 2.2, category: 'Adhesives' },
    { sku: 'DRILL', name: 'Cordless drill', tracking: 'serial' },
  ])
    expect((await admin.post('/api/items', item)).status).toBe(201);
  const manager: ApiClient = await userWithRole(server, admin, 'mia', 'manager', 'manager-pass-123456');
  const today = dayOf(new Date());
  const FIRST = addDays(today, 40);
  const SECOND = addDays(today, 10);
  const OLD = addDays(today, -3);
  const receive = (sku: string, lot: string, quantity: number, expiry?: string) =>
    admin.post('/api/movements', {
      type: 'receive',
      sku,
      location: 'A',
      lot,
      quantity,
      ...(expiry ? { expiry } : {}),
    });
  expect((await receive('RESIN', 'L1', 10, FIRST)).status).toBe(201);
  expect((await receive('GLUE', 'G-OLD', 4, OLD)).status).toBe(201);
  expect((await receive('DRILL', 'SN-9', 1)).status).toBe(201);
  // What offline devices wrote: another date for L1, and the drill received again at B.
  const sync = await connect(server.wsUrl, ledgerRoom(periodOf(new Date())), manager.token!);
  for (const fields of [
    { id: 'offline-resin', sku: 'RESIN', location: 'B', lot: 'L1', quantity: 4, expiry: SECOND },
    { id: 'offline-drill', sku: 'DRILL', location: 'B', lot: 'SN-9', quantity: 1 },
  ]) {
    const m = Movement.parse({
      type: 'receive',
      user: 'mia',
      device: TEST_DEVICE,
      at: new Date().toISOString(),
      ...fields,
    });
    sync.doc.getMap('movements').set(m.id, m);
  }
  await sync.waitSaved();
  sync.destroy();

  device = await StocktakeDevice.open(browser, server.url, 'mia', { width: 1200, height: 900 });
  await device.login('mia', 'manager-pass-123456');
  const page = device.page;
  await device.go('#/lots?days=30');
  const conflicts = page.getByTestId('lot-conflict');
  await expect(conflicts).toHaveCount(2);
  const expiry = page.locator('[data-testid=lot-conflict][data-kind=expiry]');
  await expect(expiry).toContainText(`${FIRST} kept, ${SECOND} also stated`);

  // The expiry: the manager picks the date that stands; it is recorded, the conflict goes.
  page.once('dialog', (d) => void d.accept());
  await expiry.locator(`[data-testid=conflict-keep][data-expiry="${SECOND}"]`).click();
  await expect(conflicts).toHaveCount(1);
  const resin = page.locator('[data-testid=lot-row][data-sku=RESIN][data-lot=L1]');
  await expect(resin.getByTestId('lot-expiry')).toHaveText(SECOND);
  const lot = (await manager.get('/api/lots?sku=RESIN')).body[0];
  expect(lot).toMatchObject({ expiry: SECOND, expiryDecidedBy: { user: 'mia' }, conflicts: [] });

  // The serial: the screen says which adjustment settles it; the manager found it at A only.
  const serial = page.locator('[data-testid=lot-conflict][data-kind=serial-duplicate]');
  await expect(serial.getByTestId('conflict-adjust')).toHaveCount(2);
  await serial.locator('[data-testid=conflict-adjust][data-location=B]').click();
  await expect(page.getByTestId('move-screen')).toHaveAttribute('data-type', 'adjust');
  await expect(page.getByTestId('move-sku')).toHaveValue('DRILL');
  await expect(page.getByTestId('move-location')).toHaveValue('B');
  await page.getByTestId('move-lot').fill('SN-9');
  await page.getByTestId('move-quantity').fill('1');
  await page.getByTestId('move-reason').fill('Count correction: serial found at A only');
  await page.getByTestId('move-submit').click();
  await expect
    .poll(async () => ((await manager.get('/api/lots/conflicts')).body as unknown[]).length)
    .toBe(0);

  // The expiry list of one category, and its CSV.
  await device.go('#/lots?days=30');
  await page.getByTestId('lots-category').selectOption('Adhesives');
  await page.getByTestId('lots-apply').click();
  await expect(page.getByTestId('lot-row')).toHaveCount(1);
  await expect(page.getByTestId('lot-row')).toHaveAttribute('data-lot', 'G-OLD');
  await expect(page.getByTestId('lots-expired-value')).toHaveAttribute('data-value', '8.8');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lots-csv').click()]);
  expect(download.suggestedFilename()).toBe(`expiring-lots-${today}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')).toEqual([
    'sku,lot,category,expiry,days_left,expired,blocked,on_hand,unit_cost,value,locations',
    `GLUE,G-OLD,Adhesives,${OLD},-3,yes,no,4,2.2,8.8,A: 4`,
    '(expired value),,,,,,,,,8.8,',
    '(not yet expired value),,,,,,,,,0,',
    '',
  ]);
  // The server's CSV of the same filter says the same.
  expect((await manager.get('/api/lots/expiring.csv?category=Adhesives')).body).toBe(csv);

  // The dashboard's expiry tile: the lots expiring within 30 days and the expired value, as the API lists them.
  const soon = (await manager.get('/api/lots?expiringWithinDays=30')).body as {
    expired: boolean;
    value: number;
  }[];
  const expiredValue = soon.filter((l) => l.expired).reduce((sum, l) => sum + l.value, 0);
  expect(expiredValue).toBeGreaterThanOrEqual(8.8); // G-OLD at least
  await device.go('#/dashboard');
  await expect(page.getByTestId('tile-expiry-value')).toHaveText(String(soon.length));
  await expect(page.getByTestId('tile-expiry')).toHaveAttribute('data-expired-value', String(expiredValue));
});
