import { DEFAULT_REPLENISHMENT, type Item } from '@stockroom/shared/catalog/item';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { StockFold, type StockLine } from '@stockroom/shared/ledger/stock';
import { type Suggestion, suggestions, windowPeriods } from '@stockroom/shared/replenishment/suggestions';
import { foldPeriodStats, type PeriodItemStats } from '@stockroom/shared/reports/period-stats';
import {
  closingStats,
  type StatsHistory,
  type StatsMap,
  unitCostOf,
} from '@stockroom/shared/reports/report-periods';
import { dashboardFrom } from '../../client/src/reports/dashboard-view.ts';
import { binCode, rng, sku } from './fixtures.ts';

/*
 * The reports benches' world — 50,000 items, about a million movements in 12 monthly periods
 * of 2025, folded into period stats — built by the same code in Node (reports.ts) and in a
 * Chromium page (browser-reports-page.ts), and the two screen computations timed in both:
 * the replenishment suggestions and the dashboard as a device assembles them.
 */

export const YEAR = 2025;
export const NOW = new Date(Date.UTC(YEAR, 11, 31, 12));

export function benchItems(count: number): Item[] {
  const random = rng(11);
  const kinds = ['raw_material', 'component', 'finished_good', 'mro'] as const;
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      sku: sku(i),
      name: `Part ${i}`,
      description: '',
      kind: kinds[i % 4]!,
      unit: 'ea',
      barcodes: [],
      packs: [],
      category: `Category ${i % 40}`,
      suppliers: [],
      unitCost: Math.round(random() * 10000) / 100,
      reorderPoint: i % 3 === 0 ? 10 : null,
      minQty: null,
      maxQty: i % 7 === 0 ? 40 : null,
      leadTimeDays: 14,
      replenishment: i % 2 === 0 ? { ...DEFAULT_REPLENISHMENT, method: 'computed' } : DEFAULT_REPLENISHMENT,
      tracking: 'none',
      active: true,
      createdAt: '2024-12-01T00:00:00.000Z',
      createdBy: 'bench',
    });
  }
  return out;
}

/** One month of movements: receipts at varying costs, issues (some to work orders), transfers, adjustments. */
export function benchMonth(
  p: number,
  count: number,
  random: () => number,
  base: number,
  itemCount: number,
  bins: number,
): Movement[] {
  const out: Movement[] = [];
  const days = new Date(Date.UTC(YEAR, p + 1, 0)).getUTCDate();
  for (let k = 0; k < count; k++) {
    const n = base + k;
    const r = random();
    const item = Math.floor(random() * itemCount);
    const stamp = {
      id: `m${n.toString(36)}`,
      sku: sku(item),
      location: binCode(item % bins),
      user: `user${n % 12}`,
      device: `dev-${n % 30}`,
      at: new Date(Date.UTC(YEAR, p, 1 + (k % days), 8 + (k % 10), k % 60)).toISOString(),
    };
    out.push(
      r < 0.4
        ? {
            ...stamp,
            type: 'receive',
            quantity: 5 + Math.floor(random() * 50),
            unitCost: Math.round(random() * 10000) / 100,
          }
        : r < 0.85
          ? {
              ...stamp,
              type: 'issue',
              quantity: 1 + Math.floor(random() * 10),
              ...(r < 0.5 ? { reference: `wo:W${n % 900}` } : {}),
            }
          : r < 0.95
            ? { ...stamp, type: 'transfer', quantity: 1, toLocation: binCode((item * 7 + 3) % bins) }
            : { ...stamp, type: 'adjust', quantity: random() < 0.5 ? -1 : 2, reason: 'counted' },
    );
  }
  return out;
}

export interface World {
  items: Item[];
  byKey: Map<string, Item>;
  history: StatsHistory;
  lines: StockLine[];
  totals: Map<string, number>;
  latest: StatsMap;
  movements: number;
}

export function buildWorld(itemCount: number, movementCount: number, bins: number): World {
  const items = benchItems(itemCount);
  const byKey = new Map(items.map((i) => [i.sku, i]));
  const costOf = unitCostOf(byKey);
  const random = rng(12);
  const perPeriod = Math.ceil(movementCount / 12);
  const history = new Map<string, Map<string, PeriodItemStats>>();
  const stock = new StockFold();
  let previous: Map<string, PeriodItemStats> | null = null;
  let total = 0;
  for (let p = 0; p < 12; p++) {
    const period = `${YEAR}-${String(p + 1).padStart(2, '0')}`;
    const month = benchMonth(p, perPeriod, random, total, itemCount, bins);
    total += month.length;
    stock.applyAll(month);
    previous = foldPeriodStats(previous, month, costOf, period);
    history.set(period, previous);
  }
  return {
    items,
    byKey,
    history,
    lines: stock.lines(),
    totals: stock.totalsBySku(),
    latest: closingStats(history, `${YEAR}-12`) ?? new Map(),
    movements: total,
  };
}

export function worldSuggestions(w: World): Suggestion[] {
  const window = new Map(windowPeriods(NOW, 90).map((p) => [p, w.history.get(p) ?? new Map()]));
  return suggestions({
    items: w.items,
    stats: window,
    onHand: w.totals,
    onOrder: new Map(),
    reserved: new Map(),
    orders: [],
    suppliers: new Map(),
    today: NOW,
  });
}

export function worldDashboard(w: World) {
  return dashboardFrom({
    lines: w.lines,
    totals: w.totals,
    items: w.byKey,
    history: w.history,
    current: w.latest,
    suggestions: worldSuggestions(w),
    minimums: new Map(),
    reserved: new Map(),
    orders: [],
    workOrders: [],
    accuracy: [],
    now: NOW,
  });
}

export interface ScreenFigures {
  buildMs: number;
  suggestionsMs: number[];
  dashboardMs: number[];
  suggestions: number;
  belowReorderPoint: number;
}

/** Builds the world and times both computations `runs` times after a warm-up, with performance.now (Node and browser alike). */
export function timeScreens(
  itemCount: number,
  movementCount: number,
  bins: number,
  runs: number,
): ScreenFigures {
  let t = performance.now();
  const w = buildWorld(itemCount, movementCount, bins);
  const buildMs = performance.now() - t;
  const suggestionsMs: number[] = [];
  const dashboardMs: number[] = [];
  let count = 0;
  let below = 0;
  for (let i = 0; i <= runs; i++) {
    t = performance.now();
    count = worldSuggestions(w).length;
    const s = performance.now() - t;
    t = performance.now();
    const d = worldDashboard(w);
    const dm = performance.now() - t;
    below = d.belowReorderPoint;
    if (i === 0) continue;
    suggestionsMs.push(s);
    dashboardMs.push(dm);
  }
  return { buildMs, suggestionsMs, dashboardMs, suggestions: count, belowReorderPoint: below };
}
