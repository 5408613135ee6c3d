import { ItemKind } from '@stockroom/shared/catalog/item';
import { periodOf, previousPeriod } from '@stockroom/shared/ledger/period';
import { DEFAULT_DEAD_STOCK_DAYS } from '@stockroom/shared/reports/dead-stock';
import { AGE_BUCKETS } from '@stockroom/shared/reports/stock-ageing';
import { z } from 'zod';
import { type ApiContext, type ApiReply, type ApiRoute, reply, route } from '../api/route.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import {
  abcCsv,
  ageingCsv,
  consumptionCsv,
  countAccuracyCsv,
  dashboardCsv,
  deadStockCsv,
  excessCsv,
  turnoverCsv,
  valuationCsv,
} from './report-csv.ts';
import {
  abcReport,
  addDays,
  asOfDate,
  assetPartsByDay,
  closingStats,
  consumptionReport,
  countAccuracyReport,
  dashboardReport,
  deadStockReport,
  demandByDay,
  excessReport,
  isDate,
  isMonth,
  onHandOf,
  selectedSkus,
  skusOfAsset,
  stockAgeingReport,
  todayOf,
  trendRange,
  turnoverReport,
  unitCostOf,
  valuationReport,
  valuationSource,
} from './report-queries.ts';
import { ReportSources } from './report-sources.ts';

const TAG = 'reports';
const CSV = 'text/csv; charset=utf-8';
const auth = {
  401: { description: 'Not logged in', schema: ErrorBody },
  403: { description: 'Your role may not do this (needs reports.read)', schema: ErrorBody },
};
const bad = { 400: { description: 'Bad parameter', schema: ErrorBody } };

/** The longest range a report over days takes (three years). */
export const MAX_RANGE_DAYS = 1100;

const Day = z.string().refine(isDate, 'must be a date (YYYY-MM-DD)');
const MonthOrDay = z
  .string()
  .refine((s) => isMonth(s) || isDate(s), 'must be a month (YYYY-MM) or a date (YYYY-MM-DD)');

function range(from: string | undefined, to: string | undefined, today: string, defaultDays: number) {
  const end = to ?? today;
  const start = from ?? addDays(end, -(defaultDays - 1));
  if (start > end)
    throw new ApiError('invalid', 'from must not be after to', [
      { path: 'from', message: 'must not be after to' },
    ]);
  if (addDays(start, MAX_RANGE_DAYS) <= end)
    throw new ApiError('invalid', `the range must be at most ${MAX_RANGE_DAYS} days`, [
      { path: 'from', message: `must be at most ${MAX_RANGE_DAYS} days before to` },
    ]);
  return { from: start, to: end };
}

/** CSV when the caller asks for it (`Accept: text/csv`) or the path ends in `.csv`. */
function wantsCsv(ctx: ApiContext<unknown, unknown>, csvPath: boolean): boolean {
  if (csvPath) return true;
  const accept = ctx.req.headers.accept ?? '';
  return /\btext\/csv\b/i.test(accept);
}

function csvReply(name: string, csv: string): ApiReply {
  return {
    status: 200,
    body: csv,
    contentType: CSV,
    headers: { 'Content-Disposition': `attachment; filename="${name}-${todayOf(new Date())}.csv"` },
  };
}

/**
 * One report as two routes: `path` (JSON, or CSV for `Accept: text/csv`) and `path.csv`.
 * `compute` answers the JSON body; `csv` turns it into the CSV of the same rows.
 */
function report<Q, R>(spec: {
  path: string;
  summary: string;
  query: z.ZodType<Q>;
  schema: z.ZodType;
  compute: (ctx: ApiContext<unknown, Q>, sources: ReportSources) => Promise<R>;
  csv: (result: R, query: Q) => string;
}): ApiRoute[] {
  const name = spec.path.split('/').at(-1)!;
  const make = (csvPath: boolean) =>
    route<unknown, Q>({
      method: 'GET',
      path: csvPath ? `${spec.path}.csv` : spec.path,
      tag: TAG,
      summary: csvPath
        ? `${spec.summary} — as CSV (RFC 4180; values unrounded)`
        : `${spec.summary}. Send \`Accept: text/csv\` (or use ${spec.path}.csv) for CSV`,
      access: 'reports.read',
      query: spec.query,
      responses: {
        200: csvPath
          ? { description: 'CSV', contentType: CSV, schema: z.string() }
          : { description: 'The report (JSON; CSV with Accept: text/csv)', schema: spec.schema },
        ...bad,
        ...auth,
      },
      handle: async (ctx) => {
        const result = await spec.compute(ctx, new ReportSources(ctx.services));
        return wantsCsv(ctx, csvPath) ? csvReply(name, spec.csv(result, ctx.query)) : reply(200, result);
      },
    });
  return [make(false), make(true)];
}

// ── response schemas (OpenAPI) ──────────────────────────────────────────────────────────

const ValuationOut = z.object({
  total: z.number(),
  rows: z.array(z.object({ key: z.string(), quantity: z.number(), value: z.number() })),
  uncosted: z.array(z.string()),
  at: z.string().nullable(),
});
const ConsumptionOut = z.object({
  series: z.array(z.object({ period: z.string(), quantity: z.number(), value: z.number() })),
  forecast: z.object({
    method: z.enum(['ses', 'sba']),
    rate: z.number(),
    periods: z.array(z.object({ period: z.string(), quantity: z.number() })),
    mae: z.number().nullable(),
  }),
  daysOfCover: z.number().nullable(),
  onHand: z.number(),
});
const AbcOut = z.array(
  z.object({
    sku: z.string(),
    consumptionValue: z.number(),
    share: z.number(),
    cumulativeShare: z.number(),
    class: z.enum(['A', 'B', 'C']),
  }),
);
const DeadStockOut = z.array(
  z.object({
    sku: z.string(),
    quantity: z.number(),
    value: z.number(),
    lastIssueAt: z.string().nullable(),
    idleSince: z.string().nullable(),
    idleDays: z.number().nullable(),
  }),
);
const Buckets = z.object(Object.fromEntries(AGE_BUCKETS.map((b) => [b, z.number()])));
const AgeingOut = z.object({
  rows: z.array(
    z.object({
      sku: z.string(),
      quantity: z.number(),
      value: z.number(),
      buckets: Buckets,
      unmatched: z.number(),
    }),
  ),
  totals: z.array(z.object({ bucket: z.string(), quantity: z.number(), value: z.number() })),
});
const TurnoverOut = z.object({
  from: z.string(),
  to: z.string(),
  costOfIssues: z.number(),
  inventoryValues: z.array(z.number()),
  averageValue: z.number(),
  turns: z.number().nullable(),
  rows: z.array(
    z.object({
      sku: z.string(),
      costOfIssues: z.number(),
      averageValue: z.number(),
      turns: z.number().nullable(),
    }),
  ),
});
const ExcessOut = z.array(
  z.object({
    sku: z.string(),
    onHand: z.number(),
    maxQty: z.number(),
    excess: z.number(),
    value: z.number(),
  }),
);
const Accuracy = {
  linesCounted: z.number(),
  linesWithinTolerance: z.number(),
  accuracy: z.number().nullable(),
  absoluteValue: z.number(),
  netValue: z.number(),
};
const CountAccuracyOut = z.object({
  stocktakes: z.array(
    z.object({ id: z.string(), name: z.string().optional(), postedAt: z.string(), ...Accuracy }),
  ),
  overall: z.object(Accuracy),
});
const DashboardOut = z.object({
  stockValue: z.number(),
  belowReorderPoint: z.number(),
  criticalSparesBelowMin: z.number(),
  openPurchaseOrders: z.number(),
  overduePurchaseOrders: z.number(),
  openWorkOrders: z.number(),
  lastCount: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      postedAt: z.string(),
      accuracy: z.number().nullable(),
    })
    .nullable(),
  deadStock: z.object({ items: z.number(), value: z.number() }),
  excess: z.object({ items: z.number(), value: z.number() }),
  consumptionTrend: z.array(z.object({ period: z.string(), quantity: z.number(), value: z.number() })),
});

// ── the reports ─────────────────────────────────────────────────────────────────────────

const ValuationQuery = z.object({
  by: z.enum(['item', 'location', 'category', 'kind']).default('item'),
  at: Day.optional(),
});

const valuationRoutes = report({
  path: '/api/reports/valuation',
  summary:
    'Stock value at moving-average cost, by item, location, category or kind. `at` (a date): stock and average cost as of the end of that day (UTC) — the period stats of earlier months plus that month’s movements up to the date; default now. Values to 1/10,000 (round to cents for display)',
  query: ValuationQuery,
  schema: ValuationOut,
  compute: async (ctx, s) => {
    const { by, at } = ctx.query;
    const items = await s.items();
    const today = todayOf(s.now);
    const source = at ? valuationSource(await s.knownPeriods(), at, today) : ({ kind: 'now' } as const);
    switch (source.kind) {
      case 'now':
        return valuationReport((await s.stock()).lines, await s.latest(), items, by, null);
      case 'empty':
        return valuationReport([], null, items, by, at!);
      case 'closing': {
        const history = await s.history(source.period, source.period);
        return valuationReport(
          (await s.ledgerPeriod(source.period)).stock,
          history.get(source.period) ?? null,
          items,
          by,
          at!,
        );
      }
      case 'partial': {
        const history = source.previous ? await s.history(source.previous, source.previous) : new Map();
        const ledger = await s.ledgerPeriod(source.period);
        const { stock, stats } = asOfDate({
          date: at!,
          period: source.period,
          previous: source.previous ? (history.get(source.previous) ?? null) : null,
          opening: ledger.opening,
          movements: ledger.movements,
          unitCostOf: unitCostOf(items),
        });
        return valuationReport(stock, stats, items, by, at!);
      }
    }
  },
  csv: (r, q) => valuationCsv(r, q.by),
});

const ConsumptionQuery = z.object({
  sku: z.string().max(64).optional(),
  category: z.string().max(100).optional(),
  kind: ItemKind.optional(),
  asset: z.string().max(64).optional(),
  from: Day.optional(),
  to: Day.optional(),
  interval: z.enum(['day', 'week', 'month']).default('week'),
});

const consumptionRoutes = report({
  path: '/api/reports/consumption',
  summary:
    'Demand (demand issues, net of parts returned from work orders; returns to suppliers are not demand) of one item (`sku`), a category, a kind, all items, or the parts issued to one asset’s work orders net of returns (`asset`), per day, ISO week or month from `from` to `to` (default the last 91 days, by week); its forecast for the next 3 periods (SES, or Croston/SBA when intermittent) with the hold-out MAE; and days of cover (on hand now ÷ forecast per day)',
  query: ConsumptionQuery,
  schema: ConsumptionOut,
  compute: async (ctx, s) => {
    const q = ctx.query;
    const r = range(q.from, q.to, todayOf(s.now), 91);
    const totals = (await s.stock()).totals;
    if (q.asset) {
      const workOrders = await s.workOrders();
      const daily = assetPartsByDay(workOrders, q.asset, r.from, r.to);
      return consumptionReport(
        daily,
        { ...r, interval: q.interval },
        onHandOf(totals, skusOfAsset(workOrders, q.asset)),
      );
    }
    const all = !q.sku && q.category === undefined && !q.kind;
    const skus = all ? null : selectedSkus((await s.items()).values(), q);
    const history = await s.history(r.from.slice(0, 7), r.to.slice(0, 7));
    return consumptionReport(
      demandByDay(history, skus, r.from, r.to),
      { ...r, interval: q.interval },
      onHandOf(totals, skus),
    );
  },
  csv: (r) => consumptionCsv(r),
});

const RangeQuery = z.object({ from: Day.optional(), to: Day.optional() });

const abcRoutes = report({
  path: '/api/reports/abc',
  summary:
    'ABC classes over consumption value from `from` to `to` (default the last 365 days): ranked by value, A while the items above hold less than 80 %, B less than 95 %, else C; active items without consumption are C',
  query: RangeQuery,
  schema: AbcOut,
  compute: async (ctx, s) => {
    const r = range(ctx.query.from, ctx.query.to, todayOf(s.now), 365);
    const history = await s.history(r.from.slice(0, 7), r.to.slice(0, 7));
    return abcReport(history, (await s.items()).values(), r.from, r.to);
  },
  csv: (rows) => abcCsv(rows),
});

const deadStockRoutes = report({
  path: '/api/reports/dead-stock',
  summary: `Items on hand with no demand issue for at least \`days\` days (default ${DEFAULT_DEAD_STOCK_DAYS}); an item never issued counts from its last receipt; valued at moving-average cost, highest value first`,
  query: z.object({ days: z.coerce.number().int().min(1).max(3650).default(DEFAULT_DEAD_STOCK_DAYS) }),
  schema: DeadStockOut,
  compute: async (ctx, s) =>
    deadStockReport((await s.stock()).totals, await s.latest(), await s.items(), s.now, ctx.query.days),
  csv: (rows) => deadStockCsv(rows),
});

const ageingRoutes = report({
  path: '/api/reports/stock-ageing',
  summary:
    'How old the stock on hand is, per item, in buckets of 0–30, 31–90, 91–180, 181–365 and over 365 days since receipt (FIFO: what is on hand is the latest receipts). Receipts come from the period stats: one per item and month, dated at that month’s last receipt; on hand older than the last 365 days of receipts is in >365 (unmatched)',
  query: z.object({}),
  schema: AgeingOut,
  compute: async (_ctx, s) => {
    const current = s.currentPeriod;
    const history = await s.history(periodOf(new Date(s.now.getTime() - 366 * 86_400_000)), current);
    return stockAgeingReport((await s.stock()).totals, history, await s.items(), s.now);
  },
  csv: (r) => ageingCsv(r),
});

const turnoverRoutes = report({
  path: '/api/reports/turnover',
  summary:
    'Inventory turnover over the months `from`…`to` (YYYY-MM, or a date: its month; default the last 12 months, this one included) = cost of demand issues ÷ average inventory value (the opening and each month’s closing at moving-average cost), overall and per item. Not annualised',
  query: z.object({ from: MonthOrDay.optional(), to: MonthOrDay.optional() }),
  schema: TurnoverOut,
  compute: async (ctx, s) => {
    const to = ctx.query.to?.slice(0, 7) ?? s.currentPeriod;
    let from = ctx.query.from?.slice(0, 7);
    if (!from) {
      from = to;
      for (let i = 0; i < 11; i++) from = previousPeriod(from);
    }
    if (from > to)
      throw new ApiError('invalid', 'from must not be after to', [
        { path: 'from', message: 'must not be after to' },
      ]);
    return turnoverReport(await s.history(from, to), from, to);
  },
  csv: (r) => turnoverCsv(r),
});

const excessRoutes = report({
  path: '/api/reports/excess',
  summary: 'Stock above each item’s maximum (all locations together), valued at moving-average cost',
  query: z.object({}),
  schema: ExcessOut,
  compute: async (_ctx, s) => excessReport((await s.stock()).totals, await s.latest(), await s.items()),
  csv: (rows) => excessCsv(rows),
});

const countAccuracyRoutes = report({
  path: '/api/reports/count-accuracy',
  summary:
    'Count accuracy per posted stocktake, oldest first (accuracy over time): lines counted in a complete round against an expected snapshot, the share within tolerance, and the variance value (absolute and net); `overall` over all of them',
  query: z.object({}),
  schema: CountAccuracyOut,
  compute: async (_ctx, s) => countAccuracyReport(await s.postedStocktakes()),
  csv: (r) => countAccuracyCsv(r),
});

const dashboardRoutes = report({
  path: '/api/reports/dashboard',
  summary:
    'The dashboard’s figures: stock value, items at or below their reorder point (as GET /api/replenishment?below=true), critical spares below their minimum (on hand less reservations), open and overdue purchase orders, open work orders (open, in progress, on hold), the last posted count’s accuracy, dead stock and excess, and the consumption trend (all items, per ISO week, the last 12 weeks)',
  query: z.object({}),
  schema: DashboardOut,
  compute: async (_ctx, s) => {
    const current = s.currentPeriod;
    const items = await s.items();
    const trend = trendRange(todayOf(s.now));
    const [stock, latest, suggestions, sparesBelow, orders, workOrders, posted, history] = await Promise.all([
      s.stock(),
      s.latest(),
      s.suggestions(),
      s.sparesBelow(),
      s.orders(),
      s.workOrders(),
      s.postedStocktakes(),
      s.history(trend.from.slice(0, 7), current),
    ]);
    return dashboardReport({
      valuation: valuationReport(stock.lines, latest, items, 'item'),
      suggestions,
      sparesBelow,
      orders,
      workOrders,
      accuracy: countAccuracyReport(posted).stocktakes,
      deadStock: deadStockReport(
        stock.totals,
        closingStats(history, current),
        items,
        s.now,
        DEFAULT_DEAD_STOCK_DAYS,
      ),
      excess: excessReport(stock.totals, latest, items),
      trend: consumptionReport(demandByDay(history, null, trend.from, trend.to), trend, 0).series,
    });
  },
  csv: (d) => dashboardCsv(d),
});

export const REPORT_ROUTES: ApiRoute[] = [
  ...valuationRoutes,
  ...consumptionRoutes,
  ...abcRoutes,
  ...deadStockRoutes,
  ...ageingRoutes,
  ...turnoverRoutes,
  ...excessRoutes,
  ...countAccuracyRoutes,
  ...dashboardRoutes,
];
