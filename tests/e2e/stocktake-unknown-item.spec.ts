import { expect, test } from '@playwright/test';
import { seedWorld, stocktakeTest } from './support/stocktake-world.ts';

/** A GS1 label of a product nobody has entered yet: GTIN (AI 01) and lot (AI 10). */
const GLUE_LABEL = '(01)05901234123457(10)L9';
const GLUE_GTIN = '05901234123457';

test.use({ actionTimeout: 20_000 });

const { start, open } = stocktakeTest();

test('a box barcode counts its contents; an unknown barcode becomes a new item from the manager view, pre-filled from its GS1 label', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const server = await start();
  const { admin } = await seedWorld(server, [
    { username: 'maria', role: 'manager' },
    { username: 'ann', role: 'counter' },
  ]);
  // Wood screws also come in boxes of 100 with their own barcode.
  const patched = await admin.patch('/api/items/SCREW', {
    packs: [{ barcode: 'SCREW-BOX-100', quantity: 100 }],
  });
  expect(patched.status).toBe(200);
  const maria = await open(browser, 'maria', { width: 1280, height: 1200 });
  await maria.go('#/stocktakes');
  await maria.page.getByTestId('stocktakes-new').click();
  await maria.page.getByTestId('stocktake-form-name').fill('B-02 check');
  await maria.page.locator('[data-testid=stocktake-form-location][data-code="B-02"]').check();
  await maria.page.getByTestId('stocktake-form-counters').fill('ann');
  await maria.page.getByTestId('stocktake-form-submit').click();
  await maria.page.getByTestId('stocktake-start').click();

  // Ann finds two tubes of glue that no item answers to: recorded, not rejected.
  const ann = await open(browser, 'ann');
  await ann.go('#/stocktakes');
  await ann.stocktakeRow('B-02 check').getByTestId('stocktake-row-count').click();
  await expect(ann.page.getByTestId('count-picker')).toBeVisible();
  await ann.scanExpect('B-02', 'Counting B-02');
  // One scan of the box counts 100 screws; 2 on the keypad then the box counts 200.
  await ann.scanExpect('SCREW-BOX-100', /^\+100 SCREW/);
  await expect(ann.page.getByTestId('count-last')).toContainText('1 × pack of 100');
  await ann.keypad('2');
  await ann.scanExpect('SCREW-BOX-100', /^\+200 SCREW/);
  await expect(ann.total('SCREW')).toHaveAttribute('data-total', '300');
  await ann.scanExpect(GLUE_LABEL, /^\+1 unknown 05901234123457 · lot L9/);
  await ann.scanExpect(GLUE_LABEL, /^\+1 unknown 05901234123457 · lot L9/);

  // The manager creates the item from the unknown barcode: the form knows the GTIN and the lot.
  const row = maria.page.locator(`[data-testid=stocktake-unknown-row][data-barcode="${GLUE_GTIN}"]`);
  await expect(row).toHaveAttribute('data-quantity', '2');
  await row.getByTestId('stocktake-unknown-create').click();
  const panel = maria.page.getByTestId('stocktake-unknown-new');
  await expect(panel.getByTestId('item-form-barcodes')).toHaveValue(GLUE_GTIN);
  await expect(panel.getByTestId('item-form-tracking')).toHaveValue('lot');
  await expect(panel.getByTestId('item-new-notes')).toContainText(`GTIN ${GLUE_GTIN}`);
  await panel.getByTestId('item-form-submit').click();
  await expect(panel.getByTestId('item-form-sku-error')).toBeVisible(); // a SKU is still needed
  await panel.getByTestId('item-form-sku').fill('GLUE');
  await panel.getByTestId('item-form-name').fill('Glue tube 20 g');
  await panel.getByTestId('item-form-submit').click();

  // The code now counts as the new item; the next scan of the label finds it directly.
  await expect(panel).toHaveCount(0);
  await expect(row).toHaveCount(0);
  const line = maria.page.locator('[data-testid=stocktake-line][data-location="B-02"][data-sku=GLUE]');
  await expect(line).toHaveAttribute('data-lot', 'L9');
  await expect(line).toHaveAttribute('data-counted', '2');
  await ann.scanExpect(GLUE_LABEL, /^\+1 GLUE · lot L9/);
  await expect(line).toHaveAttribute('data-counted', '3');
  await expect(
    maria.page.locator('[data-testid=stocktake-line][data-location="B-02"][data-sku=SCREW]'),
  ).toHaveAttribute('data-counted', '300');
});
