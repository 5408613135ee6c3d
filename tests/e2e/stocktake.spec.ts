import { expect, type Locator, test } from '@playwright/test';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { Devices } from './support/devices.ts';
import { startAppServer } from './support/server.ts';
import type { StocktakeDevice } from './support/stocktake-device.ts';
import { seedWorld, serverStock } from './support/stocktake-world.ts';

const BOLT = '4006381333931';
const NUT = '4000000000017';
/** GS1 label of a bag of 12 washers: GTIN (AI 01) + count (AI 30), as the scanner types it. */
const WASHER_BAG_OF_12 = '(01)09501101530003(30)12';

// A step that cannot happen should fail the test quickly, not at the test's end.
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

/** Opens the counting screen of the stocktake from the list, as a counter would. */
async function startCounting(d: StocktakeDevice, name: string): Promise<void> {
  await d.go('#/stocktakes');
  await d.stocktakeRow(name).getByTestId('stocktake-row-count').click();
  await expect(d.page.getByTestId('count-picker')).toBeVisible();
}

function line(page: StocktakeDevice['page'], location: string, sku: string): Locator {
  return page.locator(`[data-testid=stocktake-line][data-location="${location}"][data-sku="${sku}"]`);
}

test('three counters and a manager count one stocktake, one of them offline for a while', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  server = await startAppServer();
  const { admin } = await seedWorld(server, [
    { username: 'maria', role: 'manager' },
    { username: 'ann', role: 'counter' },
    { username: 'ben', role: 'counter' },
    { username: 'cat', role: 'counter' },
  ]);
  proxy = new TcpProxy(server.port);
  await proxy.start();

  // The manager creates the stocktake: zone Z1 (A-01..A-03) and bin B-01, blind, three counters.
  const maria = await open(browser, 'maria', server.url, { width: 1280, height: 1400 });
  await maria.go('#/stocktakes');
  await maria.page.getByTestId('stocktakes-new').click();
  await maria.page.getByTestId('stocktake-form-name').fill('Zone 1 and B-01');
  await maria.page.locator('[data-testid=stocktake-form-location][data-code="Z1"]').check();
  await expect(maria.page.locator('[data-testid=stocktake-form-location][data-code="A-02"]')).toBeDisabled();
  await maria.page.locator('[data-testid=stocktake-form-location][data-code="B-01"]').check();
  await expect(maria.page.getByTestId('stocktake-form-blind')).toBeChecked();
  await maria.page.getByTestId('stocktake-form-counters').fill('ann, ben, cat');
  await maria.page.getByTestId('stocktake-form-submit').click();
  const screen = maria.page.getByTestId('stocktake-screen');
  await expect(screen).toHaveAttribute('data-status', 'draft');
  await maria.page.getByTestId('stocktake-start').click();
  await expect(screen).toHaveAttribute('data-status', 'counting');
  await expect(maria.page.getByTestId('stocktake-progress')).toHaveAttribute('data-total', '4');
  await expect(maria.page.getByTestId('stocktake-sync')).toHaveAttribute('data-state', 'saved');

  // Three phones; Cat's reaches the server through a proxy we can cut.
  const ann = await open(browser, 'ann', server.url);
  const ben = await open(browser, 'ben', server.url);
  const cat = await open(browser, 'cat', `http://127.0.0.1:${proxy.port}`);
  await cat.expectInstalledForOffline();
  for (const d of [ann, ben, cat]) await startCounting(d, 'Zone 1 and B-01');

  // Ann and Ben count A-01 together (a team count: their entries sum).
  await ann.scanExpect('A-01', 'Counting A-01');
  await ben.scanExpect('A-01', 'Counting A-01');
  for (let i = 0; i < 3; i++) await ann.scanExpect(BOLT, /^\+1 BOLT/);
  await ann.page.getByTestId('count-last-undo').click(); // one scan too many
  await expect(ann.page.getByTestId('count-last-text')).toHaveText(/^Undone: \+1 BOLT/);
  await expect(ann.page.locator('[data-testid=count-entry][data-voided=true]')).toHaveCount(1);
  await ann.keypad('5');
  await ann.scanExpect(NUT, /^\+5 NUT/);
  await ben.scanExpect(BOLT, /^\+1 BOLT/);
  await ben.scanExpect(BOLT, /^\+1 BOLT/);
  await ben.scanExpect(WASHER_BAG_OF_12, /^\+12 WASHER/);
  // Each phone shows the team's total as the other's scans arrive.
  await expect(ann.total('BOLT')).toHaveAttribute('data-total', '4');
  await expect(ann.total('BOLT')).toHaveAttribute('data-mine', '2');
  await expect(ben.total('NUT')).toHaveAttribute('data-total', '5');

  // Cat counts A-02 online first; the server confirms those entries.
  await cat.scanExpect('A-02', 'Counting A-02');
  await cat.scanExpect(BOLT, /^\+1 BOLT/);
  await cat.scanExpect(BOLT, /^\+1 BOLT/);
  await expect(cat.page.locator('[data-testid=count-entry][data-saved=server]')).toHaveCount(2);

  // Cat's Wi-Fi drops; she keeps scanning: saved on the device only.
  proxy.cut();
  await expect(cat.page.getByTestId('count-sync')).toHaveAttribute('data-state', 'offline');
  for (let i = 0; i < 3; i++) await cat.scanExpect(BOLT, /^\+1 BOLT/);
  await cat.scanExpect('MYSTERY-1', /^\+1 unknown MYSTERY-1/);
  await expect(cat.page.getByTestId('count-last')).toHaveAttribute('data-kind', 'unknown');
  await expect(cat.page.locator('[data-testid=count-entry][data-saved=device]')).toHaveCount(4);
  await expect(cat.page.getByTestId('count-sync')).not.toHaveAttribute('data-pending', '0');

  // Meanwhile the others finish: Ann and Ben close A-01; Ben finds A-03 empty; Ann counts B-01.
  await ann.page.getByTestId('count-done').click();
  await expect(ann.page.getByTestId('count-last-text')).toHaveText('A-01 done');
  await ben.page.getByTestId('count-done').click();
  await ben.scanExpect('A-03', 'Counting A-03');
  await ben.page.getByTestId('count-empty').click();
  await expect(ben.page.getByTestId('count-empty')).toHaveAttribute('data-confirm', 'true');
  await ben.page.getByTestId('count-empty').click();
  await expect(ben.page.getByTestId('count-last-text')).toHaveText('A-03 confirmed empty');
  await ann.scanExpect('B-01', 'Counting B-01');
  await ann.scanExpect(BOLT, /^\+1 BOLT/);
  await ann.keypad('6');
  await ann.page.getByTestId('count-keypad-add').click();
  await expect(ann.page.getByTestId('count-last-text')).toHaveText(/^\+6 BOLT/);
  await ann.page.getByTestId('count-done').click();
  await expect(ann.page.getByTestId('count-last-text')).toHaveText('B-01 done');

  // The manager sees what reached the server: A-02 still counting with Cat's two online scans.
  const a02 = maria.page.locator('[data-testid=stocktake-location][data-code="A-02"]');
  await expect(a02).toHaveAttribute('data-status', 'counting');
  await expect(a02).toHaveAttribute('data-counted', '2');
  await expect(maria.page.locator('[data-testid=stocktake-presence-row][data-user=ann]')).toBeVisible();

  // Cat reloads while offline: the service worker serves the app, the scans are still there,
  // and she is back at the location she was counting (scanning its label again changes nothing).
  await cat.page.reload();
  await expect(cat.page.getByTestId('count-location')).toHaveAttribute('data-code', 'A-02');
  await expect(cat.page.getByTestId('count-sync')).toHaveAttribute('data-state', 'offline');
  await cat.scanExpect('A-02', 'Counting A-02');
  await expect(cat.page.getByTestId('count-entry')).toHaveCount(6);
  await expect(cat.total('BOLT')).toHaveAttribute('data-total', '5');
  await cat.keypad('2');
  await cat.scanExpect(NUT, /^\+2 NUT/);
  await cat.page.getByTestId('count-done').click();
  await expect(cat.page.getByTestId('count-last-text')).toHaveText('A-02 done');

  // Back online: everything Cat did reaches the server and the manager.
  proxy.restore();
  await expect(cat.page.getByTestId('count-sync')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  await expect(cat.page.getByTestId('count-sync')).toHaveAttribute('data-state', 'saved');
  await expect(a02).toHaveAttribute('data-status', 'done');
  await expect(maria.page.getByTestId('stocktake-progress')).toHaveAttribute('data-done', '4');

  // Exact totals on the manager's view: counted vs expected per item and location.
  const expected: [string, string, number, number][] = [
    ['A-01', 'BOLT', 5, 4],
    ['A-01', 'NUT', 5, 5],
    ['A-01', 'WASHER', 10, 12],
    ['A-02', 'BOLT', 4, 5],
    ['A-02', 'NUT', 2, 2],
    ['A-03', 'NUT', 3, 0],
    ['B-01', 'BOLT', 7, 7],
  ];
  for (const [location, sku, exp, counted] of expected) {
    const l = line(maria.page, location, sku);
    await expect(l).toHaveAttribute('data-expected', String(exp));
    await expect(l).toHaveAttribute('data-counted', String(counted));
    await expect(l).toHaveAttribute('data-variance', String(counted - exp));
  }
  await expect(maria.page.locator('[data-testid=stocktake-line]')).toHaveCount(expected.length);

  // The unknown barcode Cat scanned offline is a wood screw: it then counts as one.
  const unknown = maria.page.locator('[data-testid=stocktake-unknown-row][data-barcode="MYSTERY-1"]');
  await expect(unknown).toHaveAttribute('data-location', 'A-02');
  await expect(unknown).toHaveAttribute('data-quantity', '1');
  await unknown.getByTestId('stocktake-unknown-sku').fill('SCREW');
  await unknown.getByTestId('stocktake-unknown-resolve').click();
  await expect(unknown).toHaveCount(0);
  await expect(line(maria.page, 'A-02', 'SCREW')).toHaveAttribute('data-counted', '1');
  await expect(maria.page.getByTestId('stocktake-pace-row')).toHaveCount(3);

  // Approve: one adjustment per item × location with a variance.
  await maria.page.getByTestId('stocktake-approve').click();
  const panel = maria.page.getByTestId('stocktake-approve-panel');
  await expect(panel).toHaveAttribute('data-count', '5');
  const adjustments = await panel
    .getByTestId('stocktake-approve-line')
    .evaluateAll((rows) =>
      rows.map(
        (r) =>
          `${r.getAttribute('data-sku')}@${r.getAttribute('data-location')} ${r.getAttribute('data-quantity')}`,
      ),
    );
  expect(adjustments.sort()).toEqual([
    'BOLT@A-01 -1',
    'BOLT@A-02 1',
    'NUT@A-03 -3',
    'SCREW@A-02 1',
    'WASHER@A-01 2',
  ]);
  await maria.page.getByTestId('stocktake-approve-confirm').click();
  await expect(screen).toHaveAttribute('data-status', 'posted');
  await expect(maria.page.getByTestId('stocktake-posted')).toHaveAttribute('data-count', '5');

  // The report: CSV download with the counted lines.
  await maria.page.getByTestId('stocktake-tab-report').click();
  await expect(maria.page.getByTestId('stocktake-report-accuracy')).toHaveAttribute('data-value', /\d/);
  const [download] = await Promise.all([
    maria.page.waitForEvent('download'),
    maria.page.getByTestId('stocktake-report-csv').click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n')[0]).toMatch(/^Location,SKU,Barcode,Lot,Expected,Counted,Variance/);
  expect(text).toContain('A-01,WASHER,,,10,12,2,');

  // Stock on hand on the server is what was counted.
  await expect
    .poll(() => serverStock(admin), { timeout: 30_000 })
    .toEqual({
      'BOLT@A-01': 4,
      'NUT@A-01': 5,
      'WASHER@A-01': 12,
      'BOLT@A-02': 5,
      'NUT@A-02': 2,
      'SCREW@A-02': 1,
      'BOLT@B-01': 7,
      'SCREW@B-02': 9,
    });

  // Counting is over: the phones say so and refuse further scans.
  await expect(ann.page.getByTestId('count-status')).toHaveText('Posted');
  await ann.scan(BOLT);
  await expect(ann.page.getByTestId('count-last')).toHaveAttribute('data-kind', 'error');
});

test('a recount assigned to a counter shows on their phone, blind, and its round becomes the count', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  server = await startAppServer();
  const { admin } = await seedWorld(server, [
    { username: 'maria', role: 'manager' },
    { username: 'ann', role: 'counter' },
    { username: 'ben', role: 'counter' },
  ]);
  const maria = await open(browser, 'maria', server.url, { width: 1280, height: 1200 });
  await maria.go('#/stocktakes');
  await maria.page.getByTestId('stocktakes-new').click();
  await maria.page.getByTestId('stocktake-form-name').fill('B-01 spot check');
  await maria.page.locator('[data-testid=stocktake-form-location][data-code="B-01"]').check();
  await maria.page.getByTestId('stocktake-form-blind').uncheck(); // the first count shows expected stock
  await maria.page.getByTestId('stocktake-form-counters').fill('ann, ben');
  await maria.page.getByTestId('stocktake-form-submit').click();
  await maria.page.getByTestId('stocktake-start').click();
  await expect(maria.page.getByTestId('stocktake-screen')).toHaveAttribute('data-status', 'counting');

  // Ann counts B-01 (not blind: she sees 7 expected) and finds 6.
  const ann = await open(browser, 'ann', server.url);
  await startCounting(ann, 'B-01 spot check');
  await ann.scanExpect('B-01', 'Counting B-01');
  // The server takes the expected stock when counting starts at the location (her first count).
  await expect(ann.page.getByTestId('count-expected-pending')).toBeVisible();
  await ann.keypad('6');
  await ann.scanExpect(BOLT, /^\+6 BOLT/);
  await expect(ann.page.getByTestId('count-expected')).toContainText('BOLT: 7');
  await ann.page.getByTestId('count-done').click();

  // Beyond tolerance (none set: only exact counts pass): the manager asks Ben to recount.
  const b01 = maria.page.locator('[data-testid=stocktake-location][data-code="B-01"]');
  await expect(b01).toHaveAttribute('data-status', 'done');
  await expect(b01).toHaveAttribute('data-beyond', '1');
  await b01.locator('summary').click();
  await b01.getByTestId('stocktake-recount-assignee').selectOption('ben');
  await expect(b01.getByTestId('stocktake-recount-blind')).toBeChecked();
  await b01.getByTestId('stocktake-recount').click();
  await expect(b01).toHaveAttribute('data-status', 'recount');
  await expect(b01).toHaveAttribute('data-round', '2');

  // Ben's phone shows the recount waiting for him; the recount is blind.
  const ben = await open(browser, 'ben', server.url);
  await ben.go('#/stocktakes');
  await expect(ben.stocktakeRow('B-01 spot check').getByTestId('stocktake-row-recounts')).toBeVisible();
  await startCounting(ben, 'B-01 spot check');
  const pick = ben.page
    .getByTestId('count-recounts')
    .locator('[data-testid=count-pick-location][data-code="B-01"]');
  await pick.click();
  await expect(ben.page.getByTestId('count-location')).toHaveAttribute('data-round', '2');
  await expect(ben.page.getByTestId('count-expected')).toHaveCount(0);
  await ben.keypad('7');
  await ben.scanExpect(BOLT, /^\+7 BOLT/);
  await ben.page.getByTestId('count-done').click();

  // The recount is B-01's count now; round 1 stays as evidence. Nothing to adjust.
  await expect(b01).toHaveAttribute('data-status', 'done');
  const bolt = line(maria.page, 'B-01', 'BOLT');
  await expect(bolt).toHaveAttribute('data-counted', '7');
  await expect(bolt).toHaveAttribute('data-variance', '0');
  await maria.page.getByTestId('stocktake-approve').click();
  await expect(maria.page.getByTestId('stocktake-approve-panel')).toHaveAttribute('data-count', '0');
  await maria.page.getByTestId('stocktake-approve-confirm').click();
  await expect(maria.page.getByTestId('stocktake-posted')).toHaveAttribute('data-count', '0');
  expect((await serverStock(admin))['BOLT@B-01']).toBe(7);
});
