// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';
import { BOLT_BARCODE, type StocktakeSetup, setUpWarehouse } from './support/stocktake-setup.ts';

interface Line {
  location: string;
  sku: string;
  expected: number | null;
  counted: number;
  variance: number | null;
  value: number | null;
  withinTolerance: boolean | null;
  final: boolean;
  warnings: string[];
}

const UNKNOWN = '9999999999999';

describe('stocktakes over the HTTP API (real server, real SQLite)', () => {
  let server: ServerProcess;
  let w: StocktakeSetup;
  let id: string;

  const line = (lines: Line[], location: string, sku: string) =>
    lines.find((l) => l.location === location && l.sku === sku);
  const count = (client: ApiClient, body: Record<string, unknown>) =>
    client.post(`/api/stocktakes/${id}/counts`, body);

  beforeAll(async () => {
    server = await ServerProcess.start();
    w = await setUpWarehouse(server);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('offers the users who may count; a counter named in another case is that user; others are refused by name', async () => {
    const list = (await w.manager.get('/api/stocktakes/counters')).body as { username: string }[];
    expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(['alice', 'bob', 'carol']));
    expect(list.map((u) => u.username)).not.toContain('vic'); // a viewer does not count
    expect((await w.alice.get('/api/stocktakes/counters')).status).toBe(403);
    const viewerAsCounter = await w.manager.post('/api/stocktakes', {
      name: 'x',
      locations: ['A-1'],
      counters: ['vic'],
    });
    expect(viewerAsCounter.status).toBe(400);
    expect(viewerAsCounter.body.fields[0]).toMatchObject({
      path: 'counters.0',
      message: 'vic may not count (role viewer)',
    });
    const nobody = await w.manager.post('/api/stocktakes', {
      name: 'x',
      locations: ['A-1'],
      counters: ['nobody'],
    });
    expect(nobody.body.fields[0]).toMatchObject({ path: 'counters.0', message: 'no user nobody' });
    const cased = await w.manager.post('/api/stocktakes', {
      name: 'Cased',
      locations: ['A-1'],
      counters: ['Bob'],
    });
    expect(cased.status).toBe(201);
    expect((await w.bob.get('/api/stocktakes')).body.map((s: { id: string }) => s.id)).toContain(
      cased.body.id,
    );
  });

  it('creates a stocktake (manager only; fields, locations and counters checked)', async () => {
    expect((await w.alice.post('/api/stocktakes', { name: 'x', locations: ['A-1'] })).status).toBe(403);
    const bad = await w.manager.post('/api/stocktakes', { name: '', locations: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path)).toContain('name');
    expect((await w.manager.post('/api/stocktakes', { name: 'x', locations: ['NOPE'] })).status).toBe(404);
    const ghost = await w.manager.post('/api/stocktakes', {
      name: 'x',
      locations: ['A-1'],
      counters: ['ghost'],
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body.fields[0].path).toBe('counters.0');

    const res = await w.manager.post('/api/stocktakes', {
      name: 'Aisle A',
      locations: ['A-1', 'A-2'],
      counters: ['alice', 'bob'],
      tolerance: { units: 3 },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);

    const list = await w.manager.get('/api/stocktakes');
    expect(list.status).toBe(200);
    expect(list.body.find((s: { id: string }) => s.id === id)).toMatchObject({
      name: 'Aisle A',
      status: 'draft',
      blind: true,
      counters: ['alice', 'bob'],
      createdBy: 'maria',
    });
    // A counter lists only the stocktakes assigned to them.
    expect((await w.alice.get('/api/stocktakes')).body.map((s: { id: string }) => s.id)).toContain(id);
    expect((await w.carol.get('/api/stocktakes')).body.map((s: { id: string }) => s.id)).not.toContain(id);
  });

  it('refuses counts before counting starts, and starting by anyone but a manager', async () => {
    const early = await count(w.alice, { location: 'A-1', sku: 'BOLT', device: 'gun-1' });
    expect(early.status).toBe(409);
    expect((await w.alice.post(`/api/stocktakes/${id}/start`)).status).toBe(403);
    const started = await w.manager.post(`/api/stocktakes/${id}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ id, status: 'counting' });
    expect((await w.manager.post(`/api/stocktakes/${id}/start`)).body.status).toBe('counting');
  });

  it('refuses a counter who is not assigned, and bad counts, with the usual error shape', async () => {
    const carol = await count(w.carol, { location: 'A-1', sku: 'BOLT', device: 'gun-9' });
    expect(carol.status).toBe(403);
    expect(carol.body).toMatchObject({ error: 'forbidden', fields: [] });
    expect((await w.carol.get(`/api/stocktakes/${id}`)).status).toBe(403);
    expect(
      (await w.viewer.post(`/api/stocktakes/${id}/counts`, { location: 'A-1', sku: 'BOLT', device: 'v' }))
        .status,
    ).toBe(403);

    const both = await count(w.alice, {
      location: 'A-1',
      sku: 'BOLT',
      barcode: BOLT_BARCODE,
      device: 'gun-1',
    });
    expect(both.status).toBe(400);
    expect(both.body.fields[0].path).toBe('sku');
    expect((await count(w.alice, { location: 'A-1', sku: 'BOLT' })).body.fields[0].path).toBe('device');
    expect((await count(w.alice, { location: 'B-1', sku: 'BOLT', device: 'gun-1' })).status).toBe(400);
    expect((await count(w.alice, { location: 'A-1', sku: 'NOPE', device: 'gun-1' })).status).toBe(404);
    expect(
      (await count(w.alice, { location: 'A-1', sku: 'BOLT', quantity: -1, device: 'gun-1' })).status,
    ).toBe(400);
    expect((await w.alice.get('/api/stocktakes/not-a-stocktake')).status).toBe(404);
  });

  it('counts from several devices at once, retries counted once, unknown barcodes recorded', async () => {
    const requests: Promise<{ status: number; body: { id: string } }>[] = [];
    // alice, scanner gun-1: 30 scans of the bolt's barcode.
    for (let i = 0; i < 30; i++)
      requests.push(count(w.alice, { location: 'A-1', barcode: BOLT_BARCODE, device: 'gun-1' }));
    // alice, gun-2: one keypad count of 38 nuts, sent three times at once (retries).
    const retried = [0, 1, 2].map(() =>
      count(w.alice, {
        location: 'A-1',
        sku: 'NUT',
        quantity: 38,
        device: 'gun-2',
        entryId: 'n-1',
        source: 'keypad',
      }),
    );
    requests.push(...retried);
    // bob, gun-3: 20 scans with his own entry ids, each sent twice.
    for (let i = 0; i < 20; i++) {
      for (let k = 0; k < 2; k++)
        requests.push(count(w.bob, { location: 'A-1', sku: 'BOLT', device: 'gun-3', entryId: `b-${i}` }));
    }
    // bob at A-2: 12 nuts, and an unknown barcode twice; entry id "n-1" again, but his own.
    requests.push(
      count(w.bob, { location: 'A-2', sku: 'NUT', quantity: 12, device: 'gun-3', entryId: 'n-1' }),
    );
    requests.push(count(w.bob, { location: 'A-2', barcode: UNKNOWN, device: 'gun-3' }));
    requests.push(count(w.bob, { location: 'A-2', barcode: UNKNOWN, device: 'gun-3' }));
    // The manager's RFID gate reads 45 bolts at A-1.
    requests.push(count(w.manager, { location: 'A-1', sku: 'BOLT', quantity: 45, device: 'gate-1' }));

    const results = await Promise.all(requests);
    for (const r of results) expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
    expect(results.filter((r) => r.status === 201)).toHaveLength(30 + 1 + 20 + 3 + 1);
    expect((await Promise.all(retried)).map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set((await Promise.all(retried)).map((r) => r.body.id)).size).toBe(1);

    // Stock moves at A-2 while it is being counted: expected follows, with a warning.
    const receipt = await w.admin.post('/api/movements', {
      type: 'receive',
      sku: 'NUT',
      location: 'A-2',
      quantity: 5,
    });
    expect(receipt.status).toBe(201);

    // A later retry still counts once and says so.
    const again = await count(w.bob, { location: 'A-1', sku: 'BOLT', device: 'gun-3', entryId: 'b-3' });
    expect(again.status).toBe(200);
  });

  it('shows exact totals, variances and progress; counters of a blind stocktake see no expected quantities', async () => {
    const res = await w.manager.get(`/api/stocktakes/${id}`);
    expect(res.status).toBe(200);
    const view = res.body;
    expect(view).toMatchObject({ id, name: 'Aisle A', status: 'counting', blind: true });
    expect(view.progress).toEqual({ locations: 2, done: 0, counting: 2, notStarted: 0, recount: 0 });
    expect(line(view.lines, 'A-1', 'BOLT')).toMatchObject({
      expected: 100,
      counted: 95,
      variance: -5,
      value: -2.5,
      withinTolerance: false,
      final: false,
    });
    expect(line(view.lines, 'A-1', 'NUT')).toMatchObject({
      expected: 40,
      counted: 38,
      variance: -2,
      withinTolerance: true,
    });
    expect(line(view.lines, 'A-2', 'NUT')).toMatchObject({ expected: 15, counted: 12, variance: -3 });
    expect(line(view.lines, 'A-2', 'NUT')!.warnings).toContain(
      '1 stock movement(s) during the count, included in expected',
    );
    expect(line(view.lines, 'A-1', 'BOLT')!.warnings).toContain('beyond tolerance');
    expect(view.unknownBarcodes).toEqual([
      { barcode: UNKNOWN, location: 'A-2', round: 1, quantity: 2, counters: ['bob'] },
    ]);

    const blind = (await w.alice.get(`/api/stocktakes/${id}`)).body;
    expect(line(blind.lines, 'A-1', 'BOLT')).toMatchObject({
      counted: 95,
      expected: null,
      variance: null,
      value: null,
    });
    expect((await w.alice.get(`/api/stocktakes/${id}/report.csv`)).status).toBe(403);
  });

  it('completes locations: each counter is done, or a manager closes the round for everyone', async () => {
    const done = (client: ApiClient, location: string, body?: unknown) =>
      client.post(`/api/stocktakes/${id}/locations/${location}/done`, body);
    expect((await done(w.alice, 'A-1')).body.status).toBe('counting');
    expect((await done(w.bob, 'A-1')).body.status).toBe('counting'); // the manager's gate also counted here
    expect((await done(w.alice, 'A-1', { forAll: true })).status).toBe(403);
    expect((await done(w.carol, 'A-1')).status).toBe(403);
    expect((await done(w.manager, 'A-1', { forAll: true })).body).toMatchObject({
      location: 'A-1',
      round: 1,
      status: 'done',
    });
    expect((await done(w.bob, 'A-2')).body.status).toBe('done');
    expect((await done(w.bob, 'A-2')).status).toBe(200); // pressing done again changes nothing

    const closed = await w.manager.post(`/api/stocktakes/${id}/close`);
    expect(closed.body).toEqual({ id, status: 'review' });
    const view = (await w.manager.get(`/api/stocktakes/${id}`)).body;
    expect(view.progress).toMatchObject({ done: 2, counting: 0 });
    expect(view.lines.every((l: Line) => l.final)).toBe(true);
  });

  it('approves twice at once: one adjustment per item × location in the ledger, stock corrected', async () => {
    expect((await w.alice.post(`/api/stocktakes/${id}/approve`)).status).toBe(403);
    const [a, b] = await Promise.all([
      w.manager.post(`/api/stocktakes/${id}/approve`),
      w.admin.post(`/api/stocktakes/${id}/approve`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.posted).toBe(3);
    expect(b.body.posted).toBe(3);
    expect(a.body.appended + b.body.appended).toBe(3);
    expect([...a.body.movements].sort()).toEqual([...b.body.movements].sort());

    const adjustments = (await w.admin.get('/api/movements?type=adjust')).body.filter(
      (m: { reference?: string }) => m.reference === `stocktake:${id}`,
    );
    expect(adjustments).toHaveLength(3);
    expect(
      adjustments
        .map(
          (m: { sku: string; location: string; quantity: number }) => `${m.location} ${m.sku} ${m.quantity}`,
        )
        .sort(),
    ).toEqual(['A-1 BOLT -5', 'A-1 NUT -2', 'A-2 NUT -3']);
    expect(adjustments.map((m: { id: string }) => m.id).sort()).toEqual([...a.body.movements].sort());

    const stock = (await w.admin.get('/api/stock')).body.map(
      (l: { sku: string; location: string; quantity: number }) => `${l.location} ${l.sku} ${l.quantity}`,
    );
    expect(stock.sort()).toEqual(['A-1 BOLT 95', 'A-1 NUT 38', 'A-2 NUT 12', 'B-1 BOLT 7']);

    const third = await w.manager.post(`/api/stocktakes/${id}/approve`);
    expect(third.body).toMatchObject({ posted: 3, appended: 0, alreadyPosted: true });
    expect([...third.body.movements].sort()).toEqual([...a.body.movements].sort());
    expect((await w.manager.get(`/api/stocktakes/${id}`)).body.status).toBe('posted');
  });

  it('a posted stocktake takes no more counts or state changes', async () => {
    expect((await count(w.alice, { location: 'A-1', sku: 'BOLT', device: 'gun-1' })).status).toBe(409);
    expect((await w.manager.post(`/api/stocktakes/${id}/cancel`)).status).toBe(409);
    expect((await w.manager.post(`/api/stocktakes/${id}/locations/A-1/recount`, {})).status).toBe(409);
    expect((await w.manager.post(`/api/stocktakes/${id}/locations/A-1/done`, { forAll: true })).status).toBe(
      409,
    );
  });

  it('exports the report as CSV and keeps an audit row for every write', async () => {
    const csv = await w.manager.request('GET', `/api/stocktakes/${id}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = String(csv.body).trim().split(/\r?\n/);
    expect(rows[0]).toMatch(/^Location,SKU,Barcode,Lot,Expected,Counted,Variance/);
    expect(rows.some((r) => r.startsWith('A-1,BOLT,,,100,95,-5'))).toBe(true);
    expect(rows.some((r) => r.includes(UNKNOWN))).toBe(true);

    const audit = (await w.admin.get(`/api/audit?subject=stocktake:${id}&limit=1000`)).body as {
      action: string;
      user: string;
    }[];
    const actions = (name: string) => audit.filter((e) => e.action === name);
    expect(actions('stocktake.create')).toHaveLength(1);
    expect(actions('stocktake.start')).toHaveLength(1);
    expect(actions('stocktake.count')).toHaveLength(55);
    expect(actions('stocktake.location.done').length).toBeGreaterThanOrEqual(4);
    expect(actions('stocktake.close')).toHaveLength(1);
    expect(actions('stocktake.approve')).toHaveLength(1);
    expect(new Set(actions('stocktake.count').map((e) => e.user))).toEqual(
      new Set(['alice', 'bob', 'maria']),
    );
  });

  it('documents every stocktake route in the OpenAPI document', async () => {
    const doc = (await w.viewer.get('/api/openapi.json')).body;
    const op = (method: string, path: string) => doc.paths[path]?.[method];
    for (const [method, path, permission] of [
      ['post', '/api/stocktakes', 'stocktakes.manage'],
      ['get', '/api/stocktakes', 'stocktakes.read'],
      ['get', '/api/stocktakes/{id}', 'stocktakes.read'],
      ['get', '/api/stocktakes/{id}/report.csv', 'stocktakes.read'],
      ['post', '/api/stocktakes/{id}/start', 'stocktakes.manage'],
      ['post', '/api/stocktakes/{id}/counts', 'stocktakes.count'],
      ['post', '/api/stocktakes/{id}/locations/{code}/done', 'stocktakes.count'],
      ['post', '/api/stocktakes/{id}/locations/{code}/recount', 'stocktakes.manage'],
      ['post', '/api/stocktakes/{id}/close', 'stocktakes.manage'],
      ['post', '/api/stocktakes/{id}/approve', 'stocktakes.manage'],
      ['post', '/api/stocktakes/{id}/cancel', 'stocktakes.manage'],
    ] as const) {
      expect(op(method, path), `${method} ${path}`).toMatchObject({ 'x-permission': permission });
    }
    const counts = op('post', '/api/stocktakes/{id}/counts').requestBody.content['application/json'].schema;
    expect(counts.required).toEqual(expect.arrayContaining(['location', 'device']));
    expect(Object.keys(op('get', '/api/stocktakes/{id}/report.csv').responses['200'].content)).toEqual([
      'text/csv',
    ]);
  });

  it('refuses to approve while counts at a location are not done, unless posted anyway with a reason (audited)', async () => {
    const created = await w.manager.post('/api/stocktakes', {
      name: 'Guard',
      locations: ['B-1'],
      blind: false,
    });
    const st = created.body.id as string;
    await w.manager.post(`/api/stocktakes/${st}/start`);
    expect(
      (
        await w.manager.post(`/api/stocktakes/${st}/counts`, {
          location: 'B-1',
          sku: 'BOLT',
          quantity: 9,
          device: 'desk',
        })
      ).status,
    ).toBe(201);
    const refused = await w.manager.post(`/api/stocktakes/${st}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.fields[0].message).toBe(
      'counts at B-1 are not complete and would not be posted: mark them done, or post anyway with a reason',
    );
    const anyway = await w.manager.post(`/api/stocktakes/${st}/approve`, {
      postAnyway: 'counter went home ill',
    });
    expect(anyway.status).toBe(200);
    expect(anyway.body).toMatchObject({ posted: 0, alreadyPosted: false });
    const view = (await w.manager.get(`/api/stocktakes/${st}`)).body;
    expect(view.status).toBe('posted');
    const audit = (await w.admin.get(`/api/audit?subject=stocktake:${st}`)).body as {
      action: string;
      details: Record<string, unknown>;
    }[];
    expect(audit.find((a) => a.action === 'stocktake.approve')?.details).toMatchObject({
      postedAnyway: 'counter went home ill',
      incomplete: ['B-1'],
    });
  });

  it('recounts and cancels another stocktake', async () => {
    const created = await w.manager.post('/api/stocktakes', { name: 'B', locations: ['B-1'], blind: false });
    const other = created.body.id as string;
    await w.manager.post(`/api/stocktakes/${other}/start`);
    const first = await w.manager.post(`/api/stocktakes/${other}/counts`, {
      location: 'B-1',
      sku: 'BOLT',
      quantity: 6,
      device: 'desk',
    });
    expect(first.status).toBe(201);
    await w.manager.post(`/api/stocktakes/${other}/locations/B-1/done`);
    const recount = await w.manager.post(`/api/stocktakes/${other}/locations/B-1/recount`, {
      assignee: 'carol',
    });
    expect(recount.status).toBe(201);
    expect(recount.body).toMatchObject({ location: 'B-1', round: 2 });
    // The assignee was not a counter of this stocktake: now she is, and counts in round 2.
    const carol = await w.carol.post(`/api/stocktakes/${other}/counts`, {
      location: 'B-1',
      sku: 'BOLT',
      quantity: 7,
      device: 'c',
    });
    expect(carol.status).toBe(201);
    expect(carol.body.round).toBe(2);
    expect(
      (await w.manager.post(`/api/stocktakes/${other}/locations/B-1/recount`, { assignee: 'nobody' })).status,
    ).toBe(400);
    // Carol's recount at B-1 is not marked done: approving refuses until posted anyway with a reason.
    const refused = await w.manager.post(`/api/stocktakes/${other}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.fields[0]).toMatchObject({ path: 'locations' });
    expect(refused.body.fields[0].message).toContain('B-1');
    expect((await w.manager.get(`/api/stocktakes/${other}`)).body.status).toBe('counting');
    expect((await w.manager.post(`/api/stocktakes/${other}/approve`, { postAnyway: '  ' })).status).toBe(400);
    const cancelled = await w.manager.post(`/api/stocktakes/${other}/cancel`, { reason: 'wrong bin' });
    expect(cancelled.body).toEqual({ id: other, status: 'cancelled' });
    expect((await w.manager.post(`/api/stocktakes/${other}/approve`)).status).toBe(409);
  });
});
