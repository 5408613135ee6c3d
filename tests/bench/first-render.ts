import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf, previousPeriod } from '@stockroom/shared/ledger/period';
import { StockFold, type StockLine } from '@stockroom/shared/ledger/stock';
import { CATALOG_ROOM, ledgerRoom } from '@stockroom/shared/sync/rooms';
import { build } from 'esbuild';
import * as Y from 'yjs';
import { openDatabase } from '../../server/src/db/database.ts';
import { SqliteUpdateStore } from '../../server/src/storage/sqlite-update-store.ts';
import { ServerProcess } from '../integration/support/server-process.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import type { BrowserFoldFigures, RoomSource } from './first-render-page.ts';
import { buildCatalog, buildLedger } from './fixtures.ts';
import { mb, ms, percentile, table } from './measure.ts';

const ITEMS = 50_000;
const BINS = 2_000;
const MOVEMENTS = 200_000;
const PERIODS = 12;
const OFFLINE_RUNS = 5;
const ONLINE_RUNS = 3;
const FOLD_RUNS = 5;
/** A big first sync over loopback, 50k items to validate: generous, this is not a target. */
const SLOW_MS = 180_000;

interface LedgerRoomData {
  period: string;
  update: Uint8Array;
  movements: number;
}

/** The `n` calendar months ending with `current`, oldest first. */
function monthsEndingAt(current: string, n: number): string[] {
  const out = [current];
  while (out.length < n) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** The same instant's day and time of day, moved into `period`; days squeezed into 1..`lastDay`. */
function moveInto(at: string, period: string, lastDay: number): string {
  const d = new Date(at);
  const [year, month] = period.split('-').map(Number) as [number, number];
  // The fixtures use days 1..27; a current month so far only has days up to today.
  const day = 1 + Math.floor(((d.getUTCDate() - 1) * lastDay) / 27);
  return new Date(
    Date.UTC(year, month - 1, Math.min(day, lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
  ).toISOString();
}

/**
 * The fixtures' ledger, re-dated so that its last monthly room is the current UTC month (the
 * one room a device opens), each room carrying the previous one's closing stock as its
 * opening, exactly as the server writes it — so the server finds nothing to recompute.
 */
function ledgerEndingNow(now: Date): { rooms: LedgerRoomData[]; closing: StockLine[] } {
  const built = [...buildLedger(MOVEMENTS, PERIODS, ITEMS, BINS).values()];
  const periods = monthsEndingAt(periodOf(now), built.length);
  const rooms: LedgerRoomData[] = [];
  let closing: StockLine[] = [];
  built.forEach((source, i) => {
    const period = periods[i]!;
    const lastDay = i === built.length - 1 ? now.getUTCDate() : 28;
    const movements: Movement[] = [...new LedgerPeriod(source, 'source').movements.values()].map((m) => ({
      ...m,
      at: moveInto(m.at, period, lastDay),
    }));
    const doc = new Y.Doc();
    const ledger = new LedgerPeriod(doc, period);
    const opening = closing;
    doc.transact(() => {
      if (i > 0)
        ledger.setOpening({
          period,
          basedOn: periods[i - 1]!,
          computedAt: now.toISOString(),
          lines: opening,
        });
      for (const m of movements) ledger.movements.append(m);
    });
    closing = new StockFold(opening).applyAll(movements).lines();
    rooms.push({ period, update: Y.encodeStateAsUpdate(doc), movements: movements.length });
    ledger.destroy();
  });
  return { rooms, closing };
}

/** Records, on every navigation, when the first item row enters the DOM and the frame after it. */
function firstRenderProbe(): void {
  const w = window as unknown as { __firstRender?: { dom: number; frame: number } };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid=item-row]')) return;
    observer.disconnect();
    const dom = performance.now();
    requestAnimationFrame(() => {
      w.__firstRender = { dom, frame: performance.now() };
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function firstRender(page: Page): Promise<{ dom: number; frame: number }> {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __firstRender?: { dom: number; frame: number } }).__firstRender,
    null,
    { timeout: SLOW_MS },
  );
  return (await handle.jsonValue()) as { dom: number; frame: number };
}

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid=sync-indicator]');
      return el?.getAttribute('data-state') === 'saved' && el.getAttribute('data-pending') === '0';
    },
    null,
    { timeout: SLOW_MS, polling: 50 },
  );
}

/** What the items screen shows, to check a measured render really had the data. */
async function shownItems(page: Page): Promise<{ count: number; sku: string; onHand: number }> {
  await page.waitForSelector('[data-testid=items-count][data-count="50000"]', { timeout: SLOW_MS });
  return page.evaluate(() => {
    const row = document.querySelector('[data-testid=item-row]')!;
    return {
      count: Number(document.querySelector('[data-testid=items-count]')!.getAttribute('data-count')),
      sku: row.getAttribute('data-sku') ?? '',
      onHand: Number(
        (row.querySelector('[data-testid=item-onhand]')?.textContent ?? '')
          .replace(/,/g, '')
          .replace('−', '-'),
      ),
    };
  });
}

async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}

async function stepsInBrowser(
  context: BrowserContext,
  catalogUpdate: Uint8Array,
  rooms: LedgerRoomData[],
): Promise<BrowserFoldFigures> {
  const bundle = await build({
    entryPoints: [new URL('./first-render-page.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const origin = 'http://fold-bench.invalid';
  const byPeriod = new Map(rooms.map((r) => [r.period, r.update]));
  const page = await context.newPage();
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/fold.js')
      return route.fulfill({
        contentType: 'text/javascript',
        body: Buffer.from(bundle.outputFiles[0]!.contents),
      });
    if (path === '/catalog')
      return route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(catalogUpdate) });
    const room = byPeriod.get(path.replace('/room/', ''));
    if (room) return route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(room) });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><script src="/fold.js"></script>',
    });
  });
  await page.goto(`${origin}/`);
  const sources: RoomSource[] = rooms.map((r) => ({ period: r.period, url: `${origin}/room/${r.period}` }));
  const figures = await page.evaluate(
    ({ catalog, sources, runs }) =>
      (
        globalThis as unknown as {
          stockroomFoldBench: (
            catalog: string,
            rooms: RoomSource[],
            runs: number,
          ) => Promise<BrowserFoldFigures>;
        }
      ).stockroomFoldBench(catalog, sources, runs),
    { catalog: `${origin}/catalog`, sources, runs: FOLD_RUNS },
  );
  await page.close();
  return figures;
}

const median = (values: number[]) => percentile(values, 50);
const spread = (values: number[]) =>
  `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;

/**
 * Issue 2, in Chromium: 50,000 items + 2,000 bins and 200,000 movements in 12 monthly rooms,
 * stored on the server; a device syncs once, then starts from IndexedDB with the network cut.
 */
export async function run(): Promise<string> {
  const now = new Date();
  const catalogUpdate = Y.encodeStateAsUpdate(buildCatalog(ITEMS, BINS));
  const { rooms, closing } = ledgerEndingNow(now);
  const current = rooms.at(-1)!;

  // The data goes straight into a fresh server database, as if recorded over the past year.
  const dataDir = mkdtempSync(join(tmpdir(), 'stockroom-bench-'));
  const db = openDatabase(dataDir);
  const store = new SqliteUpdateStore(db);
  store.compact(CATALOG_ROOM, catalogUpdate);
  for (const r of rooms) store.compact(ledgerRoom(r.period), r.update);
  db.close();

  // From sources: the same code (and schema version) that wrote the database above.
  const server = await ServerProcess.start({ dataDir, startTimeoutMs: SLOW_MS });
  const proxy = new TcpProxy(server.port);
  await proxy.start();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(firstRenderProbe);
    const page = await context.newPage();
    const base = `http://127.0.0.1:${proxy.port}`;

    // First visit: log in on an empty device, the rooms come from the server.
    await page.goto(`${base}/`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(server.adminPassword);
    const loginAt = await page.evaluate(() => performance.now());
    await page.getByTestId('login-submit').click();
    const cold = await firstRender(page);
    await waitSaved(page);
    const coldSaved = (await page.evaluate(() => performance.now())) - loginAt;
    const coldItems = await shownItems(page);
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
      null,
      { timeout: SLOW_MS },
    );

    // Reloads with the network up: the app renders from IndexedDB, then syncs a small diff.
    const online: number[] = [];
    for (let i = 0; i < ONLINE_RUNS; i++) {
      await page.reload();
      online.push((await firstRender(page)).frame);
      await waitSaved(page);
    }

    // Reloads with the network cut: IndexedDB → first render, nothing else to wait for.
    proxy.cut();
    const offlineFrame: number[] = [];
    const offlineDom: number[] = [];
    let shown = coldItems;
    for (let i = 0; i < OFFLINE_RUNS; i++) {
      await page.reload();
      const t = await firstRender(page);
      offlineFrame.push(t.frame);
      offlineDom.push(t.dom);
      shown = await shownItems(page);
    }
    const expectedOnHand = new StockFold(closing).totalsBySku().get(shown.sku) ?? 0;
    if (shown.count !== ITEMS || shown.onHand !== expectedOnHand)
      throw new Error(
        `the offline reload did not show the data: ${JSON.stringify(shown)}, expected ${ITEMS} items and ${expectedOnHand} on hand`,
      );
    const heap = await heapAfterGc(context, page);
    const storage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? Number.NaN);
    await page.close();

    const fold = await stepsInBrowser(context, catalogUpdate, rooms);
    await context.close();

    const largest = Math.max(...rooms.map((r) => r.update.byteLength));
    const rows: (string | number)[][] = [
      [
        `first render from IndexedDB, network cut: navigation → first frame with item rows (median of ${OFFLINE_RUNS} reloads, min–max)`,
        spread(offlineFrame),
        '< 1.5 s',
      ],
      ['… of which: navigation → item rows in the DOM', spread(offlineDom), ''],
      [`reload with the network up (IndexedDB first; median of ${ONLINE_RUNS})`, spread(online), '< 1.5 s'],
      [
        'first visit on an empty device: login → item rows (rooms from the server over loopback)',
        ms(cold.frame - loginAt),
        '',
      ],
      ['first visit: login → "All changes saved on the server"', ms(coldSaved), ''],
      [
        `stock fold in Chromium, current month from its opening (${fold.currentMovements.toLocaleString('en')} movements, ${fold.stockLines.toLocaleString('en')} lines; median of ${FOLD_RUNS})`,
        spread(fold.currentFoldMs),
        '< 300 ms',
      ],
      [
        `stock fold in Chromium, all ${fold.allMovements.toLocaleString('en')} movements from zero (median of ${FOLD_RUNS})`,
        spread(fold.allFoldMs),
        '< 300 ms',
      ],
      [
        'Chromium, steps of a start (same code, bench page): catalog room decode / validate into the index / sort 50k items',
        `${ms(fold.decodeCatalogMs)} / ${ms(fold.readCatalogMs)} / ${ms(fold.sortItemsMs)}`,
        '',
      ],
      [
        'Chromium, steps of a start: current ledger room decode / validate its movements',
        `${ms(fold.decodeCurrentMs)} / ${ms(fold.readCurrentMs)}`,
        '',
      ],
      ['JS heap of the app showing 50,000 items (after GC, CDP JSHeapUsedSize)', mb(heap), ''],
      ['browser storage used (navigator.storage.estimate: IndexedDB + app shell cache)', mb(storage), ''],
      ['encoded size: catalog room (50,000 items + 2,000 bins)', mb(catalogUpdate.byteLength), '< 10 MB'],
      [
        `encoded size: current ledger room ${current.period} (movements + opening balance)`,
        mb(current.update.byteLength),
        '< 10 MB',
      ],
      ['encoded size: largest ledger room', mb(largest), '< 10 MB'],
      [
        `encoded size: each ledger room (${rooms[0]!.period} … ${current.period})`,
        rooms.map((r) => (r.update.byteLength / 1024 / 1024).toFixed(2)).join(' · '),
        '',
      ],
    ];
    return [
      `### First render in Chromium (${ITEMS.toLocaleString('en')} items, ${MOVEMENTS.toLocaleString('en')} movements in ${PERIODS} monthly rooms)`,
      '',
      'The server database holds the catalog room and 12 ledger rooms ending with the current UTC month ' +
        '(each with the previous closing stock as its opening). One device logs in, syncs once, then reloads ' +
        'through a TCP proxy that is cut: the service worker serves the app and IndexedDB the data. The fold ' +
        'is the shared code run in a Chromium page on the same rooms (the app does not expose its own timing).',
      '',
      table(['measure', 'result', 'target'], rows),
    ].join('\n');
  } finally {
    await browser.close();
    await proxy.stop();
    await server.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
