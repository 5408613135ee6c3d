import { expect, test } from '@playwright/test';
import { type ApiClient, loginAdmin, userWithRole } from '../integration/support/api-client.ts';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { Device } from './support/device.ts';
import { startAppServer } from './support/server.ts';

/**
 * Practice mode end to end, in real Chromium: a trainee switches the device to practice
 * (banner on every screen), does the guided receive in the demo warehouse, gets it checked
 * by the app (a wrong bin first, then right), and the real stock is exactly what it was; a
 * manager sees who is trained; leaving practice shows the real stock again.
 */

test.use({ actionTimeout: 20_000 });

const PASSWORD = 'practice-pass-123';
let server: ServerProcess;
const devices: Device[] = [];

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  await server?.cleanup();
});

const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field.
  return r.body as any;
};

async function onHand(api: ApiClient, sku: string): Promise<number> {
  const lines = (await api.get(`/api/stock?sku=${sku}`)).body as { quantity: number }[];
  return lines.reduce((s, l) => s + l.quantity, 0);
}

test('a trainee does a guided receive in practice mode and the real stock is unchanged', async ({
  browser,
}) => {
  server = await startAppServer();
  const admin = await loginAdmin(server);
  await userWithRole(server, admin, 'tina', 'clerk', PASSWORD);
  await userWithRole(server, admin, 'mona', 'manager', PASSWORD);
  // The real warehouse has the same codes as the demo one, so a leak would show in its stock.
  await ok(admin.post('/api/locations', { code: 'REAL', kind: 'site' }));
  await ok(admin.post('/api/locations', { code: 'A-01-02', kind: 'bin', parent: 'REAL' }));
  await ok(admin.post('/api/items', { sku: 'BOLT', name: 'Real bolt' }));
  await ok(admin.post('/api/movements', { type: 'receive', sku: 'BOLT', location: 'A-01-02', quantity: 5 }));

  const trainee = await Device.open(browser, server.url, 'trainee');
  devices.push(trainee);
  await trainee.login('tina', PASSWORD);
  const page = trainee.page;
  await expect(page.getByTestId('practice-banner')).toHaveCount(0);
  await trainee.go('#/training');
  await page.getByTestId('practice-enter').click();
  await expect(page.getByTestId('practice-banner')).toBeVisible();
  await expect(page.getByTestId('practice-on')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-workspace', 'practice');

  const exercise = page.getByTestId('exercise-receive-bolts');
  await expect(exercise).toContainText('Receive 10 BOLT into bin A-01-02');
  await exercise.getByTestId('exercise-start').click();
  await exercise.getByTestId('exercise-do').click();
  await expect(page.getByTestId('move-screen')).toHaveAttribute('data-type', 'receive');
  await expect(page.getByTestId('practice-banner')).toBeVisible(); // on every screen

  // First into the wrong bin: the app says what went wrong.
  await trainee.record({ type: 'receive', sku: 'BOLT', location: 'A-01-03', quantity: 10 });
  await trainee.expectSaved();
  await trainee.go('#/training');
  await exercise.getByTestId('exercise-check').click();
  await expect(exercise.getByTestId('exercise-result')).toHaveAttribute('data-passed', 'false');
  await expect(exercise.locator('[data-testid=exercise-finding][data-ok=false]')).toHaveText([
    'Wrong bin: you used A-01-03, the exercise asks for A-01-02.',
  ]);

  // Again, right this time.
  await exercise.getByTestId('exercise-start').click();
  await exercise.getByTestId('exercise-do').click();
  await trainee.record({ type: 'receive', sku: 'BOLT', location: 'A-01-02', quantity: 10 });
  await trainee.expectSaved();
  await trainee.go('#/training');
  await exercise.getByTestId('exercise-check').click();
  await expect(exercise.getByTestId('exercise-result')).toHaveAttribute('data-passed', 'true');
  await expect(exercise.getByTestId('exercise-completed')).toBeVisible();

  // The practice stock has the demo bolts and the receipt; the real stock is what it was.
  await trainee.expectOnHand('BOLT', 'A-01-02', '10');
  expect(await onHand(admin, 'BOLT')).toBe(5);
  const real = (await admin.get('/api/movements?sku=BOLT')).body as { location: string; quantity: number }[];
  expect(real.map((m) => m.quantity)).toEqual([5]);

  // A manager sees who is trained for what.
  const manager = await Device.open(browser, server.url, 'manager');
  devices.push(manager);
  await manager.login('mona', PASSWORD);
  await manager.go('#/training');
  const row = manager.page.locator('[data-testid=training-record][data-user=tina]');
  await expect(row).toContainText('receive');
  await expect(manager.page.getByTestId('practice-banner')).toHaveCount(0);

  // Leaving practice: no banner, the real stock.
  await page.getByTestId('practice-leave').click();
  await expect(page.getByTestId('training-screen').or(page.getByTestId('main'))).toBeVisible();
  await expect(page.getByTestId('practice-banner')).toHaveCount(0);
  await trainee.expectOnHand('BOLT', 'A-01-02', '5');
});
