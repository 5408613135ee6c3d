import { expect, test } from '@playwright/test';
import { addDays, dayOf } from '@stockroom/shared/lots/fefo';
import { type ApiClient, loginAdmin, userWithRole } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { seedCatalog } from './support/seed.ts';
import { startAppServer } from './support/server.ts';
import { StocktakeDevice } from './support/stocktake-device.ts';

/**
 * Lots end to end, in real Chromium: two lots of one item with different expiries; the
 * issue screen proposes the one that expires first and warns about the other; a lot a
 * manager blocked is refused by the form; the trace page shows its whole path.
 * (Lots are received through the API here: the movement form does not yet pass a GS1
 * scan's expiry on to the receipt.)
 */

test.use({ actionTimeout: 20_000 });

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
  });
  expect(created.status).toBe(201);
  const manager: ApiClient = await userWithRole(server, admin, 'mia', 'manager');
  await userWithRole(server, admin, 'clara', 'clerk', 'clerk-pass-123456');
  const today = dayOf(new Date());
  const EARLY = addDays(today, 20);
  const LATE = addDays(today, 200);
  for (const [lot, expiry] of [
    ['L-LATE', LATE],
    ['L-EARLY', EARLY],
  ] as const) {
    const r = await admin.post('/api/movements', {
      type: 'receive',
      sku: 'RESIN',
      location: 'A',
      lot,
      quantity: 5,
      expiry,
    });
    expect(r.status).toBe(201);
  }

  device = await StocktakeDevice.open(browser, server.url, 'clara', { width: 1200, height: 900 });
  await device.login('clara', 'clerk-pass-123456');
  const page = device.page;

  // The issue screen proposes the lot that expires first, and warns about another one.
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
