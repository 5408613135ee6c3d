import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';

export const PHONE = { width: 390, height: 844 };
/** Where the app keeps this device's scanner settings (client/src/scanning/scanner-settings.ts). */
const WEDGE_SETTINGS_KEY = 'stockroom.scanner-settings';

/**
 * One person's phone (or the manager's desk): its own browser context, so its own
 * IndexedDB, localStorage and service worker. Driven only through the screen and the
 * documented data-testids; handheld scans are typed like a keyboard-wedge scanner.
 */
export class StocktakeDevice {
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static async open(
    browser: Browser,
    baseUrl: string,
    name: string,
    viewport: { width: number; height: number } = PHONE,
  ): Promise<StocktakeDevice> {
    const context = await browser.newContext({ viewport });
    // Playwright sends each key over CDP and waits for the renderer to take it, so on a busy
    // machine our "scanner" types as slowly as the page lets it (a real scanner's keys carry
    // their own timestamps). Give the wedge detector the slack a site would configure for
    // slow handhelds; nobody types by hand on these pages.
    await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
      WEDGE_SETTINGS_KEY,
      JSON.stringify({ wedge: { maxGapMs: 200 } }),
    ] as const);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
    return new StocktakeDevice(name, context, page, baseUrl);
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.page.getByTestId('sync-indicator')).toBeVisible();
  }

  async go(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  /** The service worker controls the page: a reload works without the network. */
  async expectInstalledForOffline(): Promise<void> {
    await expect
      .poll(() =>
        this.page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.active?.state ?? 'none';
        }),
      )
      .toBe('activated');
  }

  /**
   * A handheld scanner: fast keystrokes ending in Enter, with no field focused (the
   * counting screen listens everywhere).
   */
  async scan(code: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.type(code, { delay: 5 });
    await this.page.keyboard.press('Enter');
  }

  /** Scans and waits until the screen confirms the scan (the last-scan banner shows it). */
  async scanExpect(code: string, text: string | RegExp): Promise<void> {
    const before = await this.entryCount();
    await this.scan(code);
    await expect(this.page.getByTestId('count-last-text')).toHaveText(text);
    // Two scans of one item show the same text: a count scan must also add an entry to the list.
    const source = typeof text === 'string' ? text : text.source;
    if (/^\^?\\?\+/.test(source)) await expect.poll(() => this.entryCount()).toBe(before + 1);
  }

  private entryCount(): Promise<number> {
    return this.page.getByTestId('count-entry').count();
  }

  /** Types a quantity on the keypad (digits and '.'). */
  async keypad(quantity: string): Promise<void> {
    for (const ch of quantity) await this.page.getByTestId(`count-key-${ch === '.' ? 'dot' : ch}`).click();
    await expect(this.page.getByTestId('count-keypad-display')).toHaveAttribute('data-value', quantity);
  }

  /** The location now being counted on this screen. */
  async expectLocation(code: string): Promise<void> {
    await expect(this.page.getByTestId('count-location')).toHaveAttribute('data-code', code);
  }

  /** The team total for an item at the location on this device's counting screen. */
  total(sku: string): Locator {
    return this.page.locator(`[data-testid=count-total][data-sku="${sku}"]`);
  }

  stocktakeRow(name: string): Locator {
    return this.page.locator('[data-testid=stocktake-row]', { hasText: name });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
