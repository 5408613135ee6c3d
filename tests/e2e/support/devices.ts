import type { Browser } from '@playwright/test';
import { StocktakeDevice } from './stocktake-device.ts';
import { PASSWORD } from './stocktake-world.ts';

/** The phones and desktops one test opened, each logged in; closed together after the test. */
export class Devices {
  private readonly opened: StocktakeDevice[] = [];

  /** Opens a device for `name` (its browser context is named after it) and logs in. */
  async open(
    browser: Browser,
    name: string,
    baseUrl: string,
    viewport?: { width: number; height: number },
    login: { username?: string; password?: string } = {},
  ): Promise<StocktakeDevice> {
    const d = await StocktakeDevice.open(browser, baseUrl, name, viewport);
    this.opened.push(d);
    await d.login(login.username ?? name, login.password ?? PASSWORD);
    return d;
  }

  async closeAll(): Promise<void> {
    for (const d of this.opened.splice(0)) await d.close().catch(() => undefined);
  }
}
