import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';

export type MovementType = 'receive' | 'issue' | 'transfer' | 'adjust';

export interface MovementInput {
  type: MovementType;
  sku: string;
  location: string;
  quantity: number;
  toLocation?: string;
  /** Required for adjustments. */
  reason?: string;
  /** Adjustments only: the quantity is typed positive and the sign chosen with a button. */
  direction?: 'add' | 'remove';
  reference?: string;
}

export interface ItemInput {
  sku: string;
  name: string;
  unit?: string;
  reorderPoint?: number;
}

/**
 * One device: its own browser context (own IndexedDB, localStorage, service worker),
 * driven only through what a person sees and the documented data-testids.
 */
export class Device {
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    /** Where this device reaches the server: directly, or through a proxy we can cut. */
    readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, name: string): Promise<Device> {
    // Tall enough that every row of the short lists in these tests is rendered by the virtual lists.
    const context = await browser.newContext({ viewport: { width: 1280, height: 2000 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
    return new Device(name, context, page, baseUrl);
  }

  /** Opens the app and logs in through the login screen. */
  async login(username: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.indicator).toBeVisible();
  }

  get indicator(): Locator {
    return this.page.getByTestId('sync-indicator');
  }

  /** The server has acknowledged every local change as durably stored. */
  async expectSaved(): Promise<void> {
    await expect(this.indicator).toHaveAttribute('data-state', 'saved');
    await expect(this.indicator).toHaveAttribute('data-pending', '0');
    await expect(this.page.getByTestId('sync-label')).toHaveText('All changes saved on the server');
  }

  /** The header says offline; `pending` changes are kept on this device only. */
  async expectOffline(pending?: number): Promise<void> {
    await expect(this.indicator).toHaveAttribute('data-state', 'offline');
    if (pending === undefined) return;
    await expect(this.indicator).toHaveAttribute('data-pending', String(pending));
    await expect(this.page.getByTestId('sync-label')).toHaveText(
      pending === 0
        ? 'Offline — nothing waiting to sync'
        : `Offline — ${pending === 1 ? '1 change' : `${pending} changes`} saved on this device`,
    );
  }

  /** Waits until the pending count is above `than` and returns it. */
  async expectPendingAbove(than: number): Promise<number> {
    await expect.poll(() => this.pending()).toBeGreaterThan(than);
    return this.pending();
  }

  /** The service worker has installed the app shell, so the app can start without the network. */
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

  async pending(): Promise<number> {
    return Number(await this.indicator.getAttribute('data-pending'));
  }

  /** Goes to a screen by its hash route without reloading the page. */
  async go(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  /** Reloads the page (the app restarts from IndexedDB) and waits for the shell. */
  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.indicator).toBeVisible();
  }

  async createSite(code: string, name = ''): Promise<void> {
    await this.go('#/locations');
    await this.page.getByTestId('locations-add-site').click();
    await this.fillLocationForm(code, name, 'site');
  }

  async createLocation(
    parent: string,
    code: string,
    kind: 'zone' | 'aisle' | 'bin',
    name = '',
  ): Promise<void> {
    await this.go('#/locations');
    await this.locationRow(parent).getByTestId('location-add-child').click();
    await this.fillLocationForm(code, name, kind);
  }

  locationRow(code: string): Locator {
    return this.page.locator(`[data-testid=location-row][data-code="${code}"]`);
  }

  private async fillLocationForm(code: string, name: string, kind: string): Promise<void> {
    const form = this.page.getByTestId('location-form');
    await form.getByTestId('location-form-code').fill(code);
    await form.getByTestId('location-form-name').fill(name);
    await form.getByTestId('location-form-kind').selectOption(kind);
    await form.getByTestId('location-form-submit').click();
    await expect(form).toBeHidden();
    await expect(this.locationRow(code)).toBeVisible();
  }

  async createItem(item: ItemInput): Promise<void> {
    await this.go('#/items/new');
    const form = this.page.getByTestId('item-form');
    await form.getByTestId('item-form-sku').fill(item.sku);
    await form.getByTestId('item-form-name').fill(item.name);
    if (item.unit !== undefined) await form.getByTestId('item-form-unit').fill(item.unit);
    if (item.reorderPoint !== undefined)
      await form.getByTestId('item-form-reorder-point').fill(String(item.reorderPoint));
    await form.getByTestId('item-form-submit').click();
    // A created item opens its own page, with a summary the new-item form does not have.
    await expect(this.page.getByTestId('item-summary')).toBeVisible();
    await expect(this.page.getByRole('heading', { name: `Item ${item.sku}` })).toBeVisible();
  }

  /** Opens an item's page; its form keeps the values it opened with until saved. */
  async openItem(sku: string): Promise<Locator> {
    await this.go(`#/items/edit/${encodeURIComponent(sku)}`);
    const form = this.page.getByTestId('item-form');
    await expect(form.getByTestId('item-form-sku')).toHaveValue(sku);
    return form;
  }

  itemRow(sku: string): Locator {
    return this.page.locator(`[data-testid=item-row][data-sku="${sku}"]`);
  }

  /** Records a movement through the "Move stock" form; returns its id. */
  async record(m: MovementInput): Promise<string> {
    const screen = this.page.getByTestId('move-screen');
    if (!(await screen.isVisible())) {
      await this.go(`#/move/${m.type}`);
      await expect(screen).toBeVisible();
    }
    await this.page.getByTestId(`move-type-${m.type}`).click();
    await expect(screen).toHaveAttribute('data-type', m.type);
    const form = this.page.getByTestId('move-form');
    await form.getByTestId('move-sku').fill(m.sku);
    await form.getByTestId('move-location').fill(m.location);
    if (m.type === 'transfer') await form.getByTestId('move-to-location').fill(m.toLocation ?? '');
    if (m.type === 'adjust') await form.getByTestId(`move-direction-${m.direction ?? 'remove'}`).click();
    await form.getByTestId('move-quantity').fill(String(m.quantity));
    await form.getByTestId('move-reason').fill(m.reason ?? '');
    await form.getByTestId('move-reference').fill(m.reference ?? '');

    const token = await form.getAttribute('data-token');
    await form.getByTestId('move-submit').click();
    try {
      // A new form token is the app's sign that the movement was written to the local ledger.
      await expect(form).not.toHaveAttribute('data-token', token ?? '', { timeout: 5_000 });
    } catch {
      const errors = await this.page.locator('[data-testid$="-error"]').allInnerTexts();
      throw new Error(`[${this.name}] movement ${JSON.stringify(m)} was not recorded: ${errors.join('; ')}`);
    }
    const status = this.page.getByTestId('move-status');
    const id = await status.getAttribute('data-id');
    if (!id) throw new Error(`[${this.name}] no movement id after recording ${JSON.stringify(m)}`);
    return id;
  }

  /** The stock screen's quantity for one item × location (no lot). */
  async expectOnHand(sku: string, location: string, quantity: string): Promise<void> {
    await this.go('#/stock');
    const line = this.page.locator(
      `[data-testid=stock-line][data-sku="${sku}"][data-location="${location}"][data-lot=""]`,
    );
    await expect(line.getByTestId('stock-qty')).toHaveText(quantity);
  }

  /** The history screen, filtered to one SKU (filters live in the URL). */
  async openHistory(sku: string): Promise<void> {
    await this.go(`#/history?sku=${encodeURIComponent(sku)}`);
    await expect(this.page.getByTestId('history-screen')).toBeVisible();
  }

  historyRow(id: string): Locator {
    return this.page.locator(`[data-testid=history-row][data-id="${id}"]`);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
