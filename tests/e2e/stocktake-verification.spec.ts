import { expect, test } from '@playwright/test';
import type { StocktakeDevice } from './support/stocktake-device.ts';
import { seedWorld, stocktakeTest } from './support/stocktake-world.ts';

const BOLT = '4006381333931';

// A step that cannot happen should fail the test quickly, not at the test's end.
test.use({ actionTimeout: 20_000 });

const { start, open } = stocktakeTest();

async function startCounting(d: StocktakeDevice, name: string): Promise<void> {
  await d.go('#/stocktakes');
  await d.stocktakeRow(name).getByTestId('stocktake-row-count').click();
  await expect(d.page.getByTestId('count-picker')).toBeVisible();
}

test('a blind verification by a second counter disagrees with the count and flags the location for a recount', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const server = await start();
  await seedWorld(server, [
    { username: 'maria', role: 'manager' },
    { username: 'ann', role: 'counter' },
    { username: 'ben', role: 'counter' },
  ]);

  const maria = await open(browser, 'maria', { width: 1280, height: 1200 });
  await maria.go('#/stocktakes');
  await maria.page.getByTestId('stocktakes-new').click();
  await maria.page.getByTestId('stocktake-form-name').fill('B-01 verified');
  await maria.page.locator('[data-testid=stocktake-form-location][data-code="B-01"]').check();
  await maria.page.getByTestId('stocktake-form-counters').fill('ann, ben');
  await maria.page.getByTestId('stocktake-form-submit').click();
  await maria.page.getByTestId('stocktake-start').click();
  await expect(maria.page.getByTestId('stocktake-screen')).toHaveAttribute('data-status', 'counting');

  // Ann counts B-01 (7 bolts expected) and finds 7.
  const ann = await open(browser, 'ann');
  await startCounting(ann, 'B-01 verified');
  await ann.scanExpect('B-01', 'Counting B-01');
  await ann.keypad('7');
  await ann.scanExpect(BOLT, /^\+7 BOLT/);
  await ann.page.getByTestId('count-done').click();
  await expect(ann.page.getByTestId('count-last-text')).toHaveText('B-01 done');

  // The manager asks Ben (not Ann, who counted it) for a blind second count.
  const b01 = maria.page.locator('[data-testid=stocktake-location][data-code="B-01"]');
  await expect(b01).toHaveAttribute('data-status', 'done');
  await b01.locator('summary').click();
  const verifier = b01.getByTestId('stocktake-verify-assignee');
  await expect(verifier.locator('option[value=ann]')).toHaveCount(0);
  await verifier.selectOption('ben');
  await b01.getByTestId('stocktake-verify').click();
  await expect(b01).toHaveAttribute('data-round', '2');
  await expect(b01.getByTestId('stocktake-location-status')).toContainText('Verifying');
  await expect(b01.getByTestId('stocktake-location-verification')).toHaveAttribute('data-result', 'pending');

  // Ben's phone shows the verification waiting for him, like a recount; it is blind.
  const ben = await open(browser, 'ben');
  await ben.go('#/stocktakes');
  await expect(ben.stocktakeRow('B-01 verified').getByTestId('stocktake-row-recounts')).toHaveText(
    'A verification is waiting for you',
  );
  await startCounting(ben, 'B-01 verified');
  const pick = ben.page
    .getByTestId('count-recounts')
    .locator('[data-testid=count-pick-location][data-code="B-01"]');
  await expect(pick).toHaveAttribute('data-kind', 'verify');
  await pick.click();
  await expect(ben.page.getByTestId('count-location')).toHaveAttribute('data-round', '2');
  await expect(ben.page.getByTestId('count-location')).toContainText('verification round 2');
  // Neither the expected stock nor Ann's count is on his screen.
  await expect(ben.page.getByTestId('count-expected')).toHaveCount(0);
  await expect(ben.page.getByTestId('count-total')).toHaveCount(0);
  await ben.keypad('5');
  await ben.scanExpect(BOLT, /^\+5 BOLT/);
  await ben.page.getByTestId('count-done').click();
  await expect(ben.page.getByTestId('count-last-text')).toHaveText('B-01 done');

  // 5 against 7 is beyond tolerance (none set: only exact counts agree): B-01 is flagged for a
  // recount, which Ben's phone requested as it finished (round 3, blind, for anyone).
  await expect(b01).toHaveAttribute('data-status', 'recount');
  await expect(b01).toHaveAttribute('data-round', '3');
  await expect(b01.getByTestId('stocktake-location-verification')).toHaveAttribute(
    'data-result',
    'disagrees',
  );
  const check = b01.getByTestId('stocktake-verification');
  await expect(check).toHaveAttribute('data-result', 'disagrees');
  const line = check.locator('[data-testid=stocktake-verification-line][data-sku=BOLT]');
  await expect(line).toHaveAttribute('data-primary', '7');
  await expect(line).toHaveAttribute('data-check', '5');
  await expect(line).toHaveAttribute('data-within', 'false');
  await expect(check).toContainText('recount in round 3');
  // The first count is still B-01's count until the recount completes.
  await expect(
    maria.page.locator('[data-testid=stocktake-line][data-location="B-01"][data-sku=BOLT]'),
  ).toHaveAttribute('data-counted', '7');
  // Nothing is left for the manager to request: the recount exists.
  await expect(maria.page.getByTestId('stocktake-disagreements')).toHaveCount(0);

  // The counters see B-01 waiting for a recount.
  const again = ann.page.locator('[data-testid=count-pick-location][data-code="B-01"]');
  await expect(again).toHaveAttribute('data-status', 'recount');
  await expect(again).toHaveAttribute('data-kind', 'count');
});
