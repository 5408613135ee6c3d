import type { Movement } from '@stockroom/shared/ledger/movement';
import { StockFold } from '@stockroom/shared/ledger/stock';
import { suggestions, windowPeriods } from '@stockroom/shared/replenishment/suggestions';
import {
  abcReport,
  consumptionReport,
  demandByDay,
  selectedSkus,
  turnoverReport,
} from '@stockroom/shared/reports/flow-reports';
import { foldPeriodStats, type PeriodItemStats } from '@stockroom/shared/reports/period-stats';
import { encodePeriodItemStats } from '@stockroom/shared/reports/period-stats-codec';
import { PeriodStatsRoom } from '@stockroom/shared/reports/period-stats-room';
import { closingStats, type StatsHistory, unitCostOf } from '@stockroom/shared/reports/report-periods';
import {
  deadStockReport,
  excessReport,
  stockAgeingReport,
  valuationReport,
} from '@stockroom/shared/reports/stock-reports';
import * as Y from 'yjs';
import { dashboardFrom } from '../../client/src/reports/dashboard-view.ts';
import { rng, sku } from './fixtures.ts';
import { heapUsedMb, mb, medianMs, ms, table, time } from './measure.ts';
import { benchItems, benchMonth, NOW, YEAR } from './reports-world.ts';

/*
 * Issue 11 in Node: 50,000 items and about a million movements over 12 monthly periods.
 * Measures what the period stats (`stats-YYYY-MM` rooms) cost — size per period, the time
 * to fold a period from the previous one (foldPeriodStats: what the server does after a
 * change, and a device for the current month), the time to load one — and each report's
 * time computed from the stats with the module the API and the devices share
 * (shared/src/reports: report-periods, stock-reports, flow-reports). Figures only; nothing asserts a timing.
 * `REPORTS_BENCH_SCALE=0.1` runs a tenth of it (a quick check of the script).
 */

const SCALE = Number(process.env.REPORTS_BENCH_SCALE ?? 1);
const ITEMS = Math.round(50_000 * SCALE);
const MOVEMENTS = Math.round(1_000_000 * SCALE);
const BINS = Math.max(10, Math.round(2_000 * SCALE));
const PERIODS = 12;

const items = () => benchItems(ITEMS);
const monthOfMovements = (p: number, count: number, random: () => number, base: number) =>
  benchMonth(p, count, random, base, ITEMS, BINS);

export async function run(): Promise<string> {
  const catalog = items();
  const byKey = new Map(catalog.map((i) => [i.sku, i]));
  const costOf = unitCostOf(byKey);
  const random = rng(12);
  const perPeriod = Math.ceil(MOVEMENTS / PERIODS);
  const periods = Array.from({ length: PERIODS }, (_, p) => `${YEAR}-${String(p + 1).padStart(2, '0')}`);

  const rows: (string | number)[][] = [];
  const history = new Map<string, Map<string, PeriodItemStats>>();
  const foldMs: number[] = [];
  const sizes: number[] = [];
  const loadMs: number[] = [];
  const stock = new StockFold();
  let previous: Map<string, PeriodItemStats> | null = null;
  let total = 0;
  let lastMonth: Movement[] = [];
  for (const [p, period] of periods.entries()) {
    const movements = monthOfMovements(p, perPeriod, random, total);
    total += movements.length;
    stock.applyAll(movements);
    const folded = time(() => foldPeriodStats(previous, movements, costOf, period));
    foldMs.push(folded.ms);
    history.set(period, folded.value);
    previous = folded.value;
    lastMonth = movements;

    // The room the server writes: one encoded tuple per item.
    const doc = new Y.Doc();
    const room = new PeriodStatsRoom(doc, period);
    doc.transact(() => {
      for (const [s, stats] of folded.value) room.items.set(s, encodePeriodItemStats(stats));
      room.meta.set('computed', {
        period,
        basedOn: null,
        computedAt: NOW.toISOString(),
        movements: movements.length,
      });
    });
    const update = Y.encodeStateAsUpdate(doc);
    sizes.push(update.byteLength);
    if (p === PERIODS - 1 || p === 0) {
      const loaded = time(() => {
        const d = new Y.Doc();
        Y.applyUpdate(d, update);
        return new PeriodStatsRoom(d, period).all().size;
      });
      loadMs.push(loaded.ms);
    }
  }
  const heapBefore = heapUsedMb();
  const keep: Y.Doc[] = [];
  {
    const doc = new Y.Doc();
    const room = new PeriodStatsRoom(doc, periods.at(-1)!);
    doc.transact(() => {
      for (const [s, stats] of history.get(periods.at(-1)!)!) room.items.set(s, encodePeriodItemStats(stats));
    });
    room.all();
    keep.push(doc);
  }
  const heapRoom = heapUsedMb() - heapBefore;

  const n = (x: number) => x.toLocaleString('en');
  rows.push([`movements generated (${PERIODS} months)`, n(total), '']);
  rows.push(['items with stats in the last period', n(history.get(periods.at(-1)!)!.size), '']);
  rows.push([
    'stats room size per period: min / median / max',
    `${mb(Math.min(...sizes))} / ${mb([...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)]!)} / ${mb(Math.max(...sizes))}`,
    '',
  ]);
  rows.push(['stats rooms, all 12 periods', mb(sizes.reduce((s, x) => s + x, 0)), '']);
  rows.push(['heap of one stats room, loaded and parsed', `${heapRoom.toFixed(1)} MB`, '']);
  rows.push([
    `foldPeriodStats of one period (≈${n(perPeriod)} movements, from the previous period): min / max`,
    `${ms(Math.min(...foldMs))} / ${ms(Math.max(...foldMs))}`,
    '',
  ]);
  rows.push([
    'rebuild all 12 periods in order (sum of the folds)',
    ms(foldMs.reduce((s, x) => s + x, 0)),
    '',
  ]);
  rows.push(['load one stats room (decode + validate every entry)', ms(Math.max(...loadMs)), '']);
  const foldCurrent = medianMs(
    () => foldPeriodStats(history.get(periods.at(-2)!)!, lastMonth, costOf, periods.at(-1)!),
    3,
  );
  rows.push([
    'a device folding the current month from last month’s stats (median of 3)',
    ms(foldCurrent),
    '',
  ]);

  const stats: StatsHistory = history;
  const lines = stock.lines();
  const totals = stock.totalsBySku();
  const latest = closingStats(stats, periods.at(-1)!);
  const yearFrom = '2025-01-01';
  const yearTo = '2025-12-31';
  // Targets of issue 11 (each report ≤ 1 s, the dashboard ≤ 300 ms) and issue 9 (suggestions ≤ 1 s).
  const report = (name: string, fn: () => unknown, target = '≤ 1 s', limitMs = 1000) => {
    const t = medianMs(fn, 3);
    rows.push([`report: ${name} (median of 3)`, ms(t), `${target}${t <= limitMs ? '' : ' — missed'}`]);
  };
  report(`valuation by item (${n(lines.length)} stock lines)`, () =>
    valuationReport(lines, latest, byKey, 'item'),
  );
  report('valuation by location', () => valuationReport(lines, latest, byKey, 'location'));
  report('valuation by category', () => valuationReport(lines, latest, byKey, 'category'));
  report('consumption, all items, by month over the year, with forecast', () =>
    consumptionReport(
      demandByDay(stats, null, yearFrom, yearTo),
      { from: yearFrom, to: yearTo, interval: 'month' },
      0,
    ),
  );
  report('consumption, one category, by week over the year', () => {
    const skus = selectedSkus(catalog, { category: 'Category 7' });
    return consumptionReport(
      demandByDay(stats, skus, yearFrom, yearTo),
      { from: yearFrom, to: yearTo, interval: 'week' },
      0,
    );
  });
  report('consumption, one item, by day over the year', () =>
    consumptionReport(
      demandByDay(stats, new Set([sku(42)]), yearFrom, yearTo),
      { from: yearFrom, to: yearTo, interval: 'day' },
      totals.get(sku(42)) ?? 0,
    ),
  );
  report('ABC over the year', () => abcReport(stats, catalog, yearFrom, yearTo));
  report('ABC from mid-March to mid-September (partial months by day)', () =>
    abcReport(stats, catalog, '2025-03-15', '2025-09-14'),
  );
  report('dead stock (180 days)', () => deadStockReport(totals, latest, byKey, NOW, 180));
  report('stock ageing (receipts of 12 periods)', () => stockAgeingReport(totals, stats, byKey, NOW));
  report('turnover over 12 months, overall and per item', () => turnoverReport(stats, '2025-01', '2025-12'));
  report('excess', () => excessReport(totals, latest, byKey));
  const window = new Map(windowPeriods(NOW, 90).map((p) => [p, stats.get(p) ?? new Map()]));
  const replenishment = () =>
    suggestions({
      items: catalog,
      stats: window,
      onHand: totals,
      onOrder: new Map(),
      reserved: new Map(),
      orders: [],
      suppliers: new Map(),
      today: NOW,
    });
  report(`replenishment suggestions, ${n(ITEMS)} items (90-day window: 4 periods)`, replenishment);
  // What the dashboard screen computes on a device (client/src/reports/dashboard-view.ts): the
  // suggestions (for "below reorder point") dominate it.
  report(
    'dashboard as a device assembles it (valuation, suggestions, dead stock, excess, 12-week trend)',
    () =>
      dashboardFrom({
        lines,
        totals,
        items: byKey,
        history: stats,
        current: latest ?? new Map(),
        suggestions: replenishment(),
        minimums: new Map(),
        reserved: new Map(),
        orders: [],
        workOrders: [],
        accuracy: [],
        now: NOW,
      }),
    '≤ 300 ms',
    300,
  );
  keep.length = 0;

  return [
    `### Reports from period stats in Node (${n(ITEMS)} items, ${n(total)} movements in ${PERIODS} monthly periods)`,
    '',
    table(['measure', 'result', 'target'], rows),
    '',
    'Notes: the replenishment suggestions build the demand window once per call (it was once per',
    'item: 6.6 s at this scale) and walk only the days with issues; the dashboard still misses',
    'its 300 ms because it computes every suggestion (for "below reorder point") and folds the',
    `current month on the device (≈1.1 s at this scale, again when the month's movements change).`,
  ].join('\n');
}
