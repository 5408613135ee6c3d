import { expect, test } from '@playwright/test';
import type { ServerProcess } from '../integration/support/server-process.ts';
import { Device } from './support/device.ts';
import { startAppServer } from './support/server.ts';

/*
 * The admin screens against the real server: a user created with a role logs in on another
 * device; the admin sees that device and ends its session, and the device is asked to log in
 * again while keeping its work; the audit trail shows who did it. Offline, the screens say
 * they need the server.
 */

let server: ServerProcess;
const devices: Device[] = [];

test.afterEach(async () => {
  for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  await server.cleanup();
});

test('an admin creates a user, ends their device session and reads the audit trail', async ({ browser }) => {
  server = await startAppServer();
  const admin = await Device.open(browser, server.url, 'admin');
  devices.push(admin);
  await admin.login('admin', server.adminPassword);
  const page = admin.page;

  await admin.go('#/admin/users');
  await page.getByTestId('users-new').click();
  const form = page.getByTestId('user-form');
  await form.getByTestId('user-form-username').fill('carla');
  await form.getByTestId('user-form-password').fill('short');
  await form.getByTestId('user-form-role').selectOption('clerk');
  await form.getByTestId('user-form-submit').click();
  await expect(form.getByTestId('user-form-password-error')).toHaveText('must be at least 8 characters');
  await form.getByTestId('user-form-password').fill('carla-pass-1');
  await form.getByTestId('user-form-submit').click();
  const row = page.locator('[data-testid=user-row][data-username="carla"]');
  await expect(row).toHaveAttribute('data-role', 'clerk');

  // Carla works on her own device; the admin can see it and its open sync connections.
  const carla = await Device.open(browser, server.url, 'carla');
  devices.push(carla);
  await carla.login('carla', 'carla-pass-1');
  await carla.expectSaved();
  await row.getByTestId('user-sessions').click();
  const session = page.locator('[data-testid=session-row][data-username="carla"]');
  await expect(session).toHaveAttribute('data-this-device', 'false');
  await expect
    .poll(async () => {
      await page.getByTestId('sessions-refresh').click();
      return Number(await session.getByTestId('session-connections').textContent());
    })
    .toBeGreaterThan(0);

  // Ending the session closes her sockets (4401); her refresh token is dead too, so she is
  // asked to log in, and what she did on the device stays there.
  await session.getByTestId('session-revoke').click();
  await expect(session).toHaveCount(0);
  await expect(carla.page.getByTestId('session-expired')).toBeVisible();
  await expect(carla.page.getByTestId('sync-label')).toHaveText(/^Log in again to sync/);
  await carla.page.getByTestId('session-relogin').click();
  await carla.page.getByTestId('login-password').fill('carla-pass-1');
  await carla.page.getByTestId('login-submit').click();
  await expect(carla.page.getByTestId('session-expired')).toHaveCount(0);
  await carla.expectSaved();

  // The audit trail shows who created her and who ended her session.
  await admin.go('#/admin/users');
  await row.getByTestId('user-audit').click();
  await expect(page.getByTestId('audit-screen')).toBeVisible();
  await page.getByTestId('audit-user').fill('');
  await page.getByTestId('audit-subject').fill('user:carla');
  await page.getByTestId('audit-apply').click();
  await expect(page.locator('[data-testid=audit-row][data-action="user.create"]')).toHaveCount(1);
  await expect(page.locator('[data-testid=audit-row][data-action="session.revoke"]')).toHaveCount(1);

  // Offline, the admin screens say they need the server instead of failing.
  await page.getByTestId('sync-indicator').click();
  await page.getByTestId('sync-toggle-offline').click();
  await page.getByTestId('sync-panel-close').click();
  await admin.go('#/admin/sessions');
  await expect(page.getByTestId('needs-server')).toBeVisible();
  await page.getByTestId('needs-server-reconnect').click();
  await expect(page.getByTestId('sessions-table')).toBeVisible();
});
