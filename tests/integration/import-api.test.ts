// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

/** Posts a file body as it is (CSV bytes or JSON text). */
async function upload(
  client: ApiClient,
  server: ServerProcess,
  path: string,
  body: string | Uint8Array,
  type = 'text/csv',
) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': type },
    body: body as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('CSV import through the API (real server)', () => {
  let server: ServerProcess;
  let second: ServerProcess;
  let admin: ApiClient;

  beforeAll(async () => {
    [server, second] = await Promise.all([ServerProcess.start(), ServerProcess.start()]);
    admin = await loginAdmin(server);
  });
  afterAll(async () => {
    await Promise.all([server?.cleanup(), second?.cleanup()]);
  });

  const items = [
    'Artikelnummer;Bezeichnung;Preis;EAN;Min;Beschreibung',
    'BOLT-M8;Sechskantschraube M8;0,45;4006381333931;100;',
    'NUT-M8;Mutter M8;0,08;;;',
    ';Ohne Nummer;1;;;',
    'WASHER;Scheibe;billig;;;',
    '"SEAL";"Dichtung ""rot""; DN 50";2,5;;;"Zwei Zeilen:\nEPDM"',
  ].join('\r\n');

  it('a dry run says what would happen and names every bad row; all-or-nothing then writes nothing', async () => {
    const dry = await upload(admin, server, '/api/import/items?dryRun=true', items);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, applied: false });
    expect(dry.body.rejected).toEqual([
      { row: 4, field: 'sku', message: 'is required' },
      { row: 5, field: 'unitCost', message: 'must be a number' },
    ]);
    const strict = await upload(admin, server, '/api/import/items', items);
    expect(strict.body).toMatchObject({ created: 0, applied: false });
    expect((await admin.get('/api/items')).body).toHaveLength(0);
  });

  it('valid-only imports the valid rows (UTF-8 with BOM, semicolons, decimal commas, quoted new lines); the same file again changes nothing', async () => {
    const withBom = `\uFEFF${items}`;
    const res = await upload(admin, server, '/api/import/items?mode=valid-only', withBom);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, applied: true });
    expect(res.body.rejected).toHaveLength(2);
    const bolt = (await admin.get('/api/items/BOLT-M8')).body;
    expect(bolt).toMatchObject({
      name: 'Sechskantschraube M8',
      unitCost: 0.45,
      barcodes: ['4006381333931'],
      minQty: 100,
    });
    expect((await admin.get('/api/items/SEAL')).body).toMatchObject({
      name: 'Dichtung "rot"; DN 50',
      description: 'Zwei Zeilen:\nEPDM',
    });
    const again = await upload(admin, server, '/api/import/items?mode=valid-only', withBom);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const audit = (await admin.get('/api/audit')).body as { action: string; details: { created?: number } }[];
    expect(audit.filter((e) => e.action === 'import.items').map((e) => e.details.created)).toEqual(
      expect.arrayContaining([3, 0]),
    );
  });

  it('only the mapped columns change an existing item; Windows-1252 files are read', async () => {
    await admin.patch('/api/items/NUT-M8', { category: 'Fasteners' });
    const cp1252 = new Uint8Array([
      ...new TextEncoder().encode('sku,name\nNUT-M8,Mutter M8 verzinkt '),
      0x80,
      0x0a,
    ]);
    const res = await upload(admin, server, '/api/import/items', cp1252);
    expect(res.body).toMatchObject({ created: 0, updated: 1, applied: true });
    expect((await admin.get('/api/items/NUT-M8')).body).toMatchObject({
      name: 'Mutter M8 verzinkt €',
      category: 'Fasteners',
      unitCost: 0.08,
    });
  });

  it('locations: children before parents in the file is fine; opening balances as JSON rows, once per file', async () => {
    const locs = await upload(
      admin,
      server,
      '/api/import/locations',
      'code,kind,parent,name\nA-01,bin,A,Bin 1\nA,aisle,WH,Aisle A\nWH,site,,Warehouse\n',
    );
    expect(locs.body.rejected).toEqual([]);
    expect(locs.body).toMatchObject({ created: 3 });
    const rows = JSON.stringify([
      { sku: 'BOLT-M8', location: 'A-01', quantity: 250, unitCost: 0.44 },
      { sku: 'NUT-M8', location: 'a-01', quantity: '1.000,5' },
    ]);
    const opening = await upload(admin, server, '/api/import/opening-balances', rows, 'application/json');
    expect(opening.body).toMatchObject({ created: 2, rejected: [] });
    expect(
      (await upload(admin, server, '/api/import/opening-balances', rows, 'application/json')).body,
    ).toMatchObject({ created: 0, unchanged: 2 });
    const stock = (await admin.get('/api/stock')).body as { sku: string; quantity: number }[];
    expect(stock.map((l) => `${l.sku} ${l.quantity}`).sort()).toEqual(['BOLT-M8 250', 'NUT-M8 1000.5']);
    expect((await upload(admin, server, '/api/import/nonsense', 'a')).status).toBe(404);
    expect((await upload(admin, server, '/api/import/items', 'colour,size\nred,L\n')).body.message).toMatch(
      /no column for SKU, Name/,
    );
  });

  it('export → import round-trips every item unchanged', async () => {
    const csv = await fetch(`${server.url}/api/export/items.csv`, {
      headers: { Authorization: `Bearer ${admin.token}` },
    }).then((r) => r.text());
    const other = await loginAdmin(second);
    const res = await upload(other, second, '/api/import/items', csv);
    expect(res.body).toMatchObject({ rejected: [], applied: true });
    const strip = (list: Record<string, unknown>[]) =>
      list
        .map(({ createdAt: _c, createdBy: _b, suppliers: _s, ...rest }) => rest)
        .sort((a, b) => String(a.sku).localeCompare(String(b.sku)));
    expect(strip((await other.get('/api/items')).body)).toEqual(strip((await admin.get('/api/items')).body));
  });
});
