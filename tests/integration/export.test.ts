// @vitest-environment node
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, login, loginAdmin, userWithRole } from './support/api-client.ts';
import { periodMonthsAgo, startOf } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect } from './support/sync-client.ts';

/** An RFC 4180 reader for the assertions: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
    i++;
  }
  if (field || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

async function download(client: ApiClient, path: string) {
  const res = await fetch(`${client.baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${client.token}` },
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), res };
}

const NASTY_NAME = '=HYPERLINK("http://evil","click"), with "quotes"';
// Names are one line (shared/src/text.ts); a description may hold line breaks.
const NASTY_DESCRIPTION = '@SUM(1+1), with "quotes"\nand a new line';
/** An earlier month a device recorded a movement in (writers may open periods up to 400 days back). */
const EARLIER = periodMonthsAgo(3);

describe('exports', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let viewer: ApiClient;
  let stocktakeId: string;

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    viewer = await userWithRole(server, admin, 'exp-viewer', 'viewer');
    for (const [code, kind, parent] of [
      ['EX-S', 'site', null],
      ['EX-A', 'bin', 'EX-S'],
    ] as const) {
      expect((await admin.post('/api/locations', { code, kind, parent })).status).toBe(201);
    }
    expect(
      (
        await admin.post('/api/items', {
          sku: 'EX-1',
          name: NASTY_NAME,
          description: NASTY_DESCRIPTION,
          unitCost: 2.5,
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin.post('/api/items', { sku: 'EX-2', name: '+1 plain', barcodes: ['4006381333931'] })).status,
    ).toBe(201);
    expect((await admin.post('/api/suppliers', { code: 'SUP-1', name: 'Acme' })).status).toBe(201);
    for (const [sku, quantity] of [
      ['EX-1', 10],
      ['EX-2', 3],
    ] as const) {
      expect(
        (await admin.post('/api/movements', { type: 'receive', sku, location: 'EX-A', quantity })).status,
      ).toBe(201);
    }
    // A movement recorded offline in an earlier month, synced by a device.
    const handheld = await login(server, 'admin', server.adminPassword, 'handheld');
    const old = await connect(server.wsUrl, ledgerRoom(EARLIER), handheld.token!);
    new LedgerPeriod(old.doc, EARLIER).movements.append({
      id: 'old-1',
      type: 'issue',
      sku: 'EX-2',
      location: 'EX-A',
      quantity: 1,
      reference: '-2+3',
      user: 'admin',
      device: 'handheld',
      at: startOf(EARLIER),
    });
    await old.waitSaved();
    old.destroy();
    const st = await admin.post('/api/stocktakes', { name: 'Year end', locations: ['EX-A'] });
    expect(st.status).toBe(201);
    stocktakeId = st.body.id;
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('export.json holds catalog, every period, stocktakes and users without password hashes (admin only)', async () => {
    expect((await download(viewer, '/api/export.json')).status).toBe(403);
    const r = await download(admin, '/api/export.json');
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/json');
    expect(r.res.headers.get('content-disposition')).toMatch(/attachment; filename="stockroom-export-/);
    const doc = JSON.parse(r.text);
    expect(doc).toMatchObject({ format: 'stockroom-export', version: 1 });
    expect(doc.catalog.items.map((i: { sku: string }) => i.sku)).toEqual(['EX-1', 'EX-2']);
    expect(doc.catalog.items[0].name).toBe(NASTY_NAME);
    expect(doc.catalog.items[0].description).toBe(NASTY_DESCRIPTION);
    expect(doc.catalog.locations.map((l: { code: string }) => l.code)).toEqual(['EX-A', 'EX-S']);
    expect(doc.catalog.suppliers.map((s: { code: string }) => s.code)).toEqual(['SUP-1']);
    const periods = doc.periods.map((p: { period: string }) => p.period);
    expect(periods[0]).toBe(EARLIER);
    expect(periods.length).toBeGreaterThanOrEqual(2);
    const movements = doc.periods.flatMap((p: { movements: unknown[] }) => p.movements);
    expect(movements).toHaveLength(3);
    expect(doc.stocktakes).toEqual([
      expect.objectContaining({ id: stocktakeId, name: 'Year end', status: 'draft', countEntries: 0 }),
    ]);
    expect(doc.users.map((u: { username: string }) => u.username)).toEqual(['admin', 'exp-viewer']);
    expect(r.text).not.toContain('scrypt$');
    expect(r.text).not.toMatch(/password/i);
    const audit = await admin.get('/api/audit?user=admin&limit=5');
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('export.json');
  });

  it('items.csv is RFC 4180 with formula-looking text neutralised', async () => {
    const r = await download(viewer, '/api/export/items.csv');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(r.text);
    expect(rows[0]!.slice(0, 3)).toEqual(['sku', 'name', 'description']);
    expect(rows).toHaveLength(3);
    const byColumn = (row: string[]) => Object.fromEntries(rows[0]!.map((h, i) => [h, row[i]]));
    const one = byColumn(rows[1]!);
    expect(one).toMatchObject({
      sku: 'EX-1',
      name: `'${NASTY_NAME}`,
      description: `'${NASTY_DESCRIPTION}`,
      unit_cost: '2.5',
      active: 'yes',
    });
    expect(byColumn(rows[2]!)).toMatchObject({ name: "'+1 plain", barcodes: '4006381333931' });
    // Every field that could start a formula is prefixed.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('movements.csv lists every period (or one), stock.csv the stock on hand', async () => {
    const all = parseCsv((await download(viewer, '/api/export/movements.csv')).text);
    expect(all[0]).toEqual([
      'period',
      'id',
      'at',
      'type',
      'sku',
      'location',
      'to_location',
      'lot',
      'quantity',
      'reason',
      'reference',
      'user',
      'device',
    ]);
    expect(all).toHaveLength(4);
    expect(all[1]).toMatchObject({ 0: EARLIER, 1: 'old-1', 3: 'issue', 8: '1', 10: "'-2+3", 12: 'handheld' });
    const one = parseCsv((await download(viewer, `/api/export/movements.csv?period=${EARLIER}`)).text);
    expect(one).toHaveLength(2);
    expect((await download(viewer, '/api/export/movements.csv?period=2024-13')).status).toBe(400);

    const stock = parseCsv((await download(viewer, '/api/export/stock.csv')).text);
    const api = (await viewer.get('/api/stock')).body as {
      sku: string;
      location: string;
      quantity: number;
    }[];
    expect(stock.slice(1).map((r) => [r[0], r[1], Number(r[3])])).toEqual(
      api.map((l) => [l.sku, l.location, l.quantity]),
    );
    expect(stock.length).toBeGreaterThan(1);
  });
});
