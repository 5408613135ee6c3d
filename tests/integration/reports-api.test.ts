// @vitest-environment node
import { periodOf } from '@stockroom/shared/ledger/period';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

const DAY = 86_400_000;
const START_OF_TODAY = Math.floor(Date.now() / DAY) * DAY;
/** One minute past midnight UTC `n` days ago: "days since" is then exactly n. */
const at = (n: number) => START_OF_TODAY - n * DAY + 60_000;
const daysAgo = (n: number) => new Date(at(n)).toISOString();
const dateAgo = (n: number) => daysAgo(n).slice(0, 10);
const today = dateAgo(0);

/*
 * Hand-computed figures (moving average over receipts at different costs):
 *   BOLT  d95 +100 @ 0.50          avg 0.50   value  50
 *         d60 +100 @ 0.80          avg (50 + 80) / 200 = 0.65          130
 *         d40 −50  = 32.50                                              97.5
 *         d25 +50 @ 0.71           avg (97.5 + 35.5) / 200 = 0.665     133
 *         d20 −40  = 26.60         on hand 160 (A-1 100, A-2 60)       106.4
 *   NUT   d45 +1000 @ 0.10, d10 −200 = 20.00: 800 → 80
 *   OIL   d35 +10 @ 8 (B-1), d5 −4 = 32.00: 6 → 48
 *   OLD   d200 +5 @ 2 (B-1), never issued: 10 (dead stock)
 *   SOAP  d20 +100 @ 0, −2 every day d13…d1: 74 on hand after d1, value 0
 * Stock value 244.4; consumption value 111.1 (BOLT 59.1, OIL 32, NUT 20, SOAP 0).
 */
const TIMELINES: Record<string, [number, number][]> = {
  BOLT: [
    [95, 50],
    [60, 130],
    [40, 97.5],
    [25, 133],
    [20, 106.4],
  ],
  NUT: [
    [45, 100],
    [10, 80],
  ],
  OIL: [
    [35, 80],
    [5, 48],
  ],
  OLD: [[200, 10]],
};

/** The stock value at an instant, from the hand-computed timelines above. */
function valueAt(ms: number): number {
  let total = 0;
  for (const steps of Object.values(TIMELINES)) {
    let v = 0;
    for (const [d, after] of steps) if (at(d) <= ms) v = after;
    total += Math.round(v * 10_000);
  }
  return total / 10_000;
}

function csvLines(text: string): string[] {
  return text.split('\r\n').filter(Boolean);
}

describe('reports over the HTTP API (real server, exact figures)', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let manager: ApiClient;
  let viewer: ApiClient;
  let clerk: ApiClient;
  let counter: ApiClient;

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    manager = await userWithRole(server, admin, 'mia', 'manager');
    viewer = await userWithRole(server, admin, 'vic', 'viewer');
    clerk = await userWithRole(server, admin, 'cleo', 'clerk');
    counter = await userWithRole(server, admin, 'cory', 'counter');
    const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
      const r = await p;
      if (r.status !== status) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await ok(admin.post('/api/locations', { code: 'WH', kind: 'site' }));
    for (const code of ['A-1', 'A-2', 'B-1'])
      await ok(admin.post('/api/locations', { code, kind: 'bin', parent: 'WH' }));
    await ok(admin.post('/api/suppliers', { code: 'ACME', name: 'Acme' }));
    const item = (sku: string, extra: Record<string, unknown>) =>
      ok(admin.post('/api/items', { sku, name: sku, ...extra }));
    await item('BOLT', {
      kind: 'component',
      category: 'Fasteners',
      unitCost: 0.5,
      maxQty: 50,
      reorderPoint: 200,
    });
    await item('NUT', { kind: 'component', category: 'Fasteners', unitCost: 0.1 });
    await item('OIL', { kind: 'mro', category: 'Fluids', unitCost: 8 });
    await item('OLD', { kind: 'raw_material', category: 'Metal', unitCost: 2 });
    await item('SOAP', { kind: 'mro', category: 'Cleaning', unitCost: 0 });

    const move = (
      type: string,
      sku: string,
      location: string,
      quantity: number,
      d: number,
      unitCost?: number,
    ) =>
      ok(
        admin.post('/api/movements', {
          type,
          sku,
          location,
          quantity,
          occurredAt: daysAgo(d),
          ...(unitCost !== undefined ? { unitCost } : {}),
        }),
      );
    await move('receive', 'OLD', 'B-1', 5, 200, 2);
    await move('receive', 'BOLT', 'A-1', 100, 95, 0.5);
    await move('receive', 'BOLT', 'A-2', 100, 60, 0.8);
    await move('receive', 'NUT', 'A-1', 1000, 45, 0.1);
    await move('issue', 'BOLT', 'A-1', 50, 40);
    await move('receive', 'OIL', 'B-1', 10, 35, 8);
    await move('receive', 'BOLT', 'A-1', 50, 25, 0.71);
    await move('issue', 'BOLT', 'A-2', 40, 20);
    await move('receive', 'SOAP', 'A-2', 100, 20, 0);
    for (let d = 13; d >= 1; d--) await move('issue', 'SOAP', 'A-2', 2, d);
    await move('issue', 'NUT', 'A-1', 200, 10);
    await move('issue', 'OIL', 'B-1', 4, 5);
  }, 180_000);
  afterAll(async () => {
    await server?.cleanup();
  });

  it('values stock by item, location, category and kind at the moving average; the groupings add up', async () => {
    const by = async (g: string) => (await viewer.get(`/api/reports/valuation?by=${g}`)).body;
    const item = await by('item');
    expect(item.total).toBe(244.4);
    expect(item.rows).toEqual([
      { key: 'BOLT', quantity: 160, value: 106.4 },
      { key: 'NUT', quantity: 800, value: 80 },
      { key: 'OIL', quantity: 6, value: 48 },
      { key: 'OLD', quantity: 5, value: 10 },
      { key: 'SOAP', quantity: 74, value: 0 },
    ]);
    const location = await by('location');
    expect(location.total).toBe(244.4);
    expect(location.rows).toEqual([
      { key: 'A-1', quantity: 900, value: 146.5 },
      { key: 'B-1', quantity: 11, value: 58 },
      { key: 'A-2', quantity: 134, value: 39.9 },
    ]);
    expect((await by('category')).rows).toEqual([
      { key: 'Fasteners', quantity: 960, value: 186.4 },
      { key: 'Fluids', quantity: 6, value: 48 },
      { key: 'Metal', quantity: 5, value: 10 },
      { key: 'Cleaning', quantity: 74, value: 0 },
    ]);
    expect((await by('kind')).rows).toEqual([
      { key: 'component', quantity: 960, value: 186.4 },
      { key: 'mro', quantity: 80, value: 48 },
      { key: 'raw_material', quantity: 5, value: 10 },
    ]);
  });

  it('values stock as of the end of a past day: earlier months’ stats plus that month’s movements to the date', async () => {
    // End of day 35: BOLT 150 @ 0.65 (A-1 50, A-2 100), NUT 1000 @ 0.10, OIL 10 @ 8, OLD 5 @ 2.
    const r = (await manager.get(`/api/reports/valuation?by=location&at=${dateAgo(35)}`)).body;
    expect(r.at).toBe(dateAgo(35));
    expect(r.total).toBe(287.5);
    expect(r.rows).toEqual([
      { key: 'A-1', quantity: 1050, value: 132.5 },
      { key: 'B-1', quantity: 15, value: 90 },
      { key: 'A-2', quantity: 100, value: 65 },
    ]);
    const items = (await manager.get(`/api/reports/valuation?at=${dateAgo(35)}`)).body.rows;
    expect(items.find((x: { key: string }) => x.key === 'BOLT')).toEqual({
      key: 'BOLT',
      quantity: 150,
      value: 97.5,
    });
    // A month nothing moved in (100 days ago): the closing of the last month before it.
    const quiet = (await manager.get(`/api/reports/valuation?at=${dateAgo(100)}`)).body;
    expect(quiet).toMatchObject({ total: 10, rows: [{ key: 'OLD', quantity: 5, value: 10 }] });
    expect((await manager.get(`/api/reports/valuation?at=${dateAgo(300)}`)).body).toMatchObject({
      total: 0,
      rows: [],
    });
    expect((await manager.get('/api/reports/valuation?at=2026-02-30')).status).toBe(400);
    expect((await manager.get('/api/reports/valuation?by=shelf')).status).toBe(400);
  });

  it('answers CSV both ways: Accept: text/csv and a .csv path, the same rows', async () => {
    const accepted = await viewer.request('GET', '/api/reports/valuation?by=location', undefined, {
      Accept: 'text/csv',
    });
    const suffixed = await viewer.get('/api/reports/valuation.csv?by=location');
    for (const r of [accepted, suffixed]) {
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(r.headers.get('content-disposition')).toMatch(
        /^attachment; filename="valuation-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
    }
    expect(accepted.body).toBe(suffixed.body);
    expect(csvLines(suffixed.body)).toEqual([
      'location,quantity,value',
      'A-1,900,146.5',
      'B-1,11,58',
      'A-2,134,39.9',
      '(total),,244.4',
    ]);
    for (const path of [
      '/api/reports/consumption',
      '/api/reports/abc',
      '/api/reports/dead-stock',
      '/api/reports/stock-ageing',
      '/api/reports/turnover',
      '/api/reports/excess',
      '/api/reports/count-accuracy',
      '/api/reports/dashboard',
    ]) {
      const a = await viewer.request('GET', path, undefined, { Accept: 'text/csv' });
      const b = await viewer.get(`${path}.csv`);
      expect(a.status, path).toBe(200);
      expect(a.headers.get('content-type'), path).toBe('text/csv; charset=utf-8');
      expect(a.body, path).toBe(b.body);
      expect(csvLines(a.body).length, path).toBeGreaterThan(0);
    }
  });

  it('classes items A, B, C by consumption value (80 / 95 %)', async () => {
    const rows = (await viewer.get('/api/reports/abc')).body as {
      sku: string;
      consumptionValue: number;
      share: number;
      cumulativeShare: number;
      class: string;
    }[];
    expect(rows.map((r) => [r.sku, r.consumptionValue, r.class])).toEqual([
      ['BOLT', 59.1, 'A'],
      ['OIL', 32, 'A'], // the items above hold 53.2 %
      ['NUT', 20, 'B'], // the items above hold 82.0 %
      ['OLD', 0, 'C'],
      ['SOAP', 0, 'C'],
    ]);
    expect(rows[0]!.share).toBeCloseTo(59.1 / 111.1, 10);
    expect(rows[1]!.cumulativeShare).toBeCloseTo(91.1 / 111.1, 10);
    expect(rows[2]!.cumulativeShare).toBe(1);
    // A range that only holds the last 15 days: OIL 32 and NUT 20 (BOLT's issues are older).
    const recent = (await viewer.get(`/api/reports/abc?from=${dateAgo(15)}&to=${today}`)).body;
    expect(recent.slice(0, 2).map((r: { sku: string; class: string }) => [r.sku, r.class])).toEqual([
      ['OIL', 'A'],
      ['NUT', 'A'], // the item above holds 32 / 52 = 61.5 %
    ]);
    expect((await viewer.get(`/api/reports/abc?from=${today}&to=${dateAgo(3)}`)).status).toBe(400);
  });

  it('finds dead stock (a receipt back-dated 200 days, never issued) and ages stock on hand', async () => {
    const dead = (await viewer.get('/api/reports/dead-stock')).body;
    expect(dead).toEqual([
      {
        sku: 'OLD',
        quantity: 5,
        value: 10,
        lastIssueAt: null,
        idleSince: new Date(Math.floor(at(200) / 1000) * 1000).toISOString(),
        idleDays: 200,
      },
    ]);
    const fifteen = (await viewer.get('/api/reports/dead-stock?days=15')).body;
    expect(fifteen.map((r: { sku: string; idleDays: number }) => [r.sku, r.idleDays])).toEqual([
      ['BOLT', 20],
      ['OLD', 200],
    ]);
    expect((await viewer.get('/api/reports/dead-stock?days=0')).status).toBe(400);

    // FIFO: what is on hand is the latest receipts (one a month here, so dated exactly).
    const ageing = (await viewer.get('/api/reports/stock-ageing')).body;
    const row = (sku: string) => ageing.rows.find((r: { sku: string }) => r.sku === sku);
    expect(row('BOLT')).toMatchObject({
      quantity: 160,
      value: 106.4,
      buckets: { '0-30': 50, '31-90': 100, '91-180': 10, '181-365': 0, '>365': 0 },
      unmatched: 0,
    });
    expect(row('NUT').buckets['31-90']).toBe(800);
    expect(row('OLD').buckets['181-365']).toBe(5);
    expect(ageing.totals).toEqual([
      { bucket: '0-30', quantity: 50 + 74, value: 33.25 },
      { bucket: '31-90', quantity: 906, value: 194.5 },
      { bucket: '91-180', quantity: 10, value: 6.65 },
      { bucket: '181-365', quantity: 5, value: 10 },
      { bucket: '>365', quantity: 0, value: 0 },
    ]);
  });

  it('computes turnover (cost of issues ÷ average of month-end values) and excess over the maximum', async () => {
    const from = periodOf(new Date(at(200)));
    const current = periodOf(new Date());
    const r = (await viewer.get(`/api/reports/turnover?from=${from}&to=${current}`)).body;
    // Month ends from the timelines; this month's "end" is now. No stats before `from`: no opening point.
    const points: number[] = [];
    for (let p = from; p <= current; ) {
      const [y, m] = p.split('-').map(Number) as [number, number];
      points.push(valueAt(Math.min(Date.UTC(y, m, 1) - 1, Date.now())));
      p = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
    const average =
      Math.round(points.reduce((s, v) => s + Math.round(v * 10_000), 0) / points.length) / 10_000;
    expect(r.costOfIssues).toBe(111.1);
    expect(r.inventoryValues).toEqual(points);
    expect(r.averageValue).toBe(average);
    expect(r.turns).toBeCloseTo(111.1 / average, 10);
    expect(r.rows.find((x: { sku: string }) => x.sku === 'OLD')).toMatchObject({ costOfIssues: 0, turns: 0 });

    expect((await viewer.get('/api/reports/excess')).body).toEqual([
      { sku: 'BOLT', onHand: 160, maxQty: 50, excess: 110, value: 73.15 },
    ]);
  });

  it('series consumption by day, week or month with a forecast (SES for steady, SBA for intermittent demand)', async () => {
    const soap = (
      await viewer.get(`/api/reports/consumption?sku=SOAP&from=${dateAgo(13)}&to=${dateAgo(1)}&interval=day`)
    ).body;
    expect(soap.series).toHaveLength(13);
    expect(soap.series.every((p: { quantity: number }) => p.quantity === 2)).toBe(true);
    expect(soap.series[0]).toEqual({ period: dateAgo(13), quantity: 2, value: 0 });
    expect(soap.forecast).toMatchObject({
      method: 'ses',
      rate: 2,
      mae: 0,
      periods: [
        { period: dateAgo(0), quantity: 2 },
        { period: dateAgo(-1), quantity: 2 },
        { period: dateAgo(-2), quantity: 2 },
      ],
    });
    expect(soap.onHand).toBe(74);
    expect(soap.daysOfCover).toBe(37);

    const oil = (
      await viewer.get(
        `/api/reports/consumption?category=Fluids&from=${dateAgo(10)}&to=${dateAgo(1)}&interval=day`,
      )
    ).body;
    expect(oil.series.map((p: { quantity: number }) => p.quantity)).toEqual([0, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
    expect(oil.series[5]).toEqual({ period: dateAgo(5), quantity: 4, value: 32 });
    expect(oil.forecast.method).toBe('sba');

    // By month: BOLT's issues of day 40 and day 20, in whichever months those are.
    const bolt = (
      await viewer.get(`/api/reports/consumption?sku=BOLT&from=${dateAgo(95)}&to=${today}&interval=month`)
    ).body;
    const expected = new Map<string, { quantity: number; value: number }>();
    for (const [d, q, v] of [
      [40, 50, 32.5],
      [20, 40, 26.6],
    ] as const) {
      const p = dateAgo(d).slice(0, 7);
      const e = expected.get(p) ?? { quantity: 0, value: 0 };
      expected.set(p, { quantity: e.quantity + q, value: Math.round((e.value + v) * 10_000) / 10_000 });
    }
    for (const p of bolt.series)
      expect(p, p.period).toMatchObject(expected.get(p.period) ?? { quantity: 0, value: 0 });
    expect(bolt.series.at(-1).period).toBe(today.slice(0, 7));
    expect(bolt.forecast.periods).toHaveLength(3);

    const kinds = (
      await viewer.get(`/api/reports/consumption?kind=component&from=${dateAgo(12)}&to=${today}`)
    ).body;
    expect(kinds.series.reduce((s: number, p: { quantity: number }) => s + p.quantity, 0)).toBe(200); // NUT, day 10
    expect((await viewer.get('/api/reports/consumption?interval=year')).status).toBe(400);
  });

  it('measures count accuracy after a posted stocktake, per stocktake and overall', async () => {
    const created = await manager.post('/api/stocktakes', {
      name: 'Bin B-1',
      locations: ['B-1'],
      counters: ['cory'],
      tolerance: { units: 0 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await manager.post(`/api/stocktakes/${id}/start`)).status).toBe(200);
    for (const [sku, quantity] of [
      ['OIL', 6],
      ['OLD', 4],
    ] as const) {
      const r = await counter.post(`/api/stocktakes/${id}/counts`, {
        location: 'B-1',
        sku,
        quantity,
        device: 'gun-1',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    expect((await counter.post(`/api/stocktakes/${id}/locations/B-1/done`, {})).status).toBe(200);
    expect((await manager.post(`/api/stocktakes/${id}/close`)).status).toBe(200);
    const approved = await manager.post(`/api/stocktakes/${id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const r = (await viewer.get('/api/reports/count-accuracy')).body;
    expect(r.stocktakes).toHaveLength(1);
    // OIL counted exactly, OLD one short (−1 × 2.00) with no tolerance: 1 of 2 lines within.
    expect(r.stocktakes[0]).toMatchObject({
      id,
      name: 'Bin B-1',
      linesCounted: 2,
      linesWithinTolerance: 1,
      accuracy: 50,
      absoluteValue: 2,
      netValue: -2,
    });
    expect(r.overall).toMatchObject({ linesCounted: 2, accuracy: 50, netValue: -2 });
    const csv = csvLines((await viewer.get('/api/reports/count-accuracy.csv')).body);
    expect(csv[0]).toBe(
      'stocktake,name,posted_at,lines_counted,lines_within_tolerance,accuracy_percent,absolute_value,net_value',
    );
    expect(csv[1]).toMatch(new RegExp(`^${id},Bin B-1,[^,]+,2,1,50,2,-2$`));
    // The adjustment left at the average cost: OLD is now 4 × 2.
    expect((await viewer.get('/api/reports/valuation')).body.total).toBe(242.4);
  });

  it('counts what the dashboard shows; access is reports.read', async () => {
    // Critical spares: a critical asset needs 10 OIL on hand (6 are): OIL is short and, as its
    // effective minimum, also at or below its reorder point with BOLT (160 ≤ 200).
    const asset = await manager.post('/api/assets', {
      code: 'PRESS',
      name: 'Press',
      criticality: 'critical',
      spares: [{ sku: 'OIL', quantity: 10 }],
    });
    expect(asset.status, JSON.stringify(asset.body)).toBe(201);
    const wo = await manager.post('/api/work-orders', { asset: 'PRESS', title: 'Service' });
    expect(wo.status, JSON.stringify(wo.body)).toBe(201);
    const draft = await manager.post('/api/purchase-orders', {
      supplier: 'ACME',
      lines: [{ sku: 'NUT', quantity: 10 }],
    });
    expect(draft.status).toBe(201);
    const late = await manager.post('/api/purchase-orders', {
      supplier: 'ACME',
      lines: [{ sku: 'NUT', quantity: 5 }],
      expectedAt: dateAgo(3),
    });
    expect((await manager.post(`/api/purchase-orders/${late.body.id}/send`)).status).toBe(200);

    const d = (await manager.get('/api/reports/dashboard')).body;
    expect(d).toMatchObject({
      stockValue: 242.4,
      belowReorderPoint: 2,
      criticalSparesBelowMin: 1,
      openPurchaseOrders: 2,
      overduePurchaseOrders: 1,
      openWorkOrders: 1,
      lastCount: { name: 'Bin B-1', accuracy: 50 },
      deadStock: { items: 1, value: 8 },
      excess: { items: 1, value: 73.15 },
    });
    expect(d.consumptionTrend).toHaveLength(12);
    // Demand in the 12 weeks: BOLT 50 + 40, NUT 200, OIL 4, SOAP 13 × 2.
    expect(d.consumptionTrend.reduce((s: number, p: { quantity: number }) => s + p.quantity, 0)).toBe(320);
    expect(csvLines((await manager.get('/api/reports/dashboard.csv')).body).slice(0, 4)).toEqual([
      'figure,value',
      'stock_value,242.4',
      'items_below_reorder_point,2',
      'critical_spares_below_minimum,1',
    ]);

    expect((await admin.get('/api/reports/dashboard')).status).toBe(200);
    expect((await viewer.get('/api/reports/dashboard')).status).toBe(200);
    expect((await clerk.get('/api/reports/dashboard')).status).toBe(403);
    expect((await counter.get('/api/reports/valuation.csv')).status).toBe(403);
    expect((await new ServerClient(server).get('/api/reports/abc')).status).toBe(401);
  });

  it('series the parts an asset’s work orders consumed, net of what came back', async () => {
    const [wo] = (await manager.get('/api/work-orders')).body as { id: string }[];
    const issue = await clerk.post(`/api/work-orders/${wo!.id}/issues`, {
      request: 'r-1',
      sku: 'OIL',
      quantity: 3,
      location: 'B-1',
    });
    expect(issue.status, JSON.stringify(issue.body)).toBe(201);
    const back = await clerk.post(`/api/work-orders/${wo!.id}/returns`, {
      request: 'r-2',
      sku: 'OIL',
      quantity: 1,
      location: 'B-1',
    });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    const r = (
      await viewer.get(`/api/reports/consumption?asset=PRESS&from=${dateAgo(6)}&to=${today}&interval=day`)
    ).body;
    expect(r.series.at(-1)).toEqual({ period: today, quantity: 2, value: 16 });
    expect(r.series.slice(0, -1).every((p: { quantity: number }) => p.quantity === 0)).toBe(true);
    expect(r.onHand).toBe(4);
  });
});

/** A client without a token. */
class ServerClient {
  constructor(private readonly server: ServerProcess) {}
  async get(path: string) {
    const res = await fetch(`${this.server.url}${path}`);
    return { status: res.status };
  }
}
