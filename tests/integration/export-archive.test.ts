// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// fflate is the server's dependency: the archive is unzipped (by fflate) through the server's reader.
import { archiveContents } from '../../server/src/export/archive-contents.ts';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

/** GET as bytes, with this client's token. */
async function fetchBytes(client: ApiClient, path: string) {
  const res = await fetch(`${client.baseUrl}${path}`, {
    headers: client.token ? { Authorization: `Bearer ${client.token}` } : {},
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

async function importCsv(client: ApiClient, kind: string, csv: string) {
  const res = await fetch(`${client.baseUrl}/api/import/${kind}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'text/csv' },
    body: csv,
  });
  return {
    status: res.status,
    body: (await res.json()) as { created: number; rejected: unknown[]; applied: boolean },
  };
}

/** Records without who made them and when (an import is made by someone else, now). */
function strip(list: Record<string, unknown>[], key: string) {
  return list
    .map(({ createdAt: _a, createdBy: _b, ...rest }) => rest)
    .sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}

describe('GET /api/export.zip (real server)', () => {
  let server: ServerProcess;
  let target: ServerProcess;
  let admin: ApiClient;

  beforeAll(async () => {
    [server, target] = await Promise.all([ServerProcess.start(), ServerProcess.start()]);
    admin = await loginAdmin(server);
    for (const [code, kind, parent] of [
      ['WH', 'site', null],
      ['WH-A', 'aisle', 'WH'],
      ['WH-A-01', 'bin', 'WH-A'],
    ] as const)
      expect((await admin.post('/api/locations', { code, kind, parent, name: `Place ${code}` })).status).toBe(
        201,
      );
    expect(
      (await admin.post('/api/suppliers', { code: 'ACME', name: 'Acme, "the" best', leadTimeDays: 5 }))
        .status,
    ).toBe(201);
    expect(
      (
        await admin.post('/api/items', {
          sku: 'BOLT-M8',
          name: '=Bolt M8',
          description: 'two\nlines',
          barcodes: ['4006381333931', 'X-1'],
          unitCost: 0.45,
          minQty: 10,
          suppliers: [
            {
              supplier: 'ACME',
              supplierSku: 'A-77',
              unitCost: 0.4,
              packSize: 100,
              minOrderQty: 200,
              preferred: true,
            },
          ],
        })
      ).status,
    ).toBe(201);
    expect((await admin.post('/api/items', { sku: 'NUT-M8', name: 'Nut M8', unit: 'pcs' })).status).toBe(201);
    expect(
      (
        await admin.post('/api/movements', {
          type: 'receive',
          sku: 'BOLT-M8',
          location: 'WH-A-01',
          quantity: 40,
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([server?.cleanup(), target?.cleanup()]);
  });

  it('holds every export CSV and the JSON export', async () => {
    const res = await fetchBytes(admin, '/api/export.zip');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/zip');
    const files = archiveContents(res.bytes);
    expect(Object.keys(files)).toEqual([
      'README.txt',
      'items.csv',
      'locations.csv',
      'suppliers.csv',
      'supplier-items.csv',
      'stock.csv',
      'movements.csv',
      'export.json',
    ]);
    const text = (name: string) => files[name]!;
    // The same bytes as the single downloads.
    for (const name of ['items', 'locations', 'suppliers', 'supplier-items', 'stock'])
      expect(text(`${name}.csv`)).toBe(
        new TextDecoder().decode((await fetchBytes(admin, `/api/export/${name}.csv`)).bytes),
      );
    expect(text('stock.csv')).toBe('sku,location,lot,quantity\r\nBOLT-M8,WH-A-01,,40\r\n');
    expect(text('movements.csv').split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(text('supplier-items.csv')).toBe(
      'sku,supplier,supplier_sku,unit_cost,pack_size,min_order_qty,lead_time_days,preferred\r\nBOLT-M8,ACME,A-77,0.4,100,200,,yes\r\n',
    );
    const json = JSON.parse(text('export.json'));
    expect(json.format).toBe('stockroom-export');
    expect(json.catalog.items.map((i: { sku: string }) => i.sku)).toEqual(['BOLT-M8', 'NUT-M8']);
    expect(json.users.map((u: { username: string }) => u.username)).toContain('admin');
  });

  it('each catalog CSV of the archive imports into another server unchanged', async () => {
    const files = archiveContents((await fetchBytes(admin, '/api/export.zip')).bytes);
    const other = await loginAdmin(target);
    // Suppliers and items before who-supplies-what; locations in any order (parents first is the import's job).
    for (const kind of ['locations', 'suppliers', 'items', 'supplier-items']) {
      const res = await importCsv(other, kind, files[`${kind}.csv`]!);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rejected: [], applied: true });
    }
    for (const [path, key] of [
      ['/api/items', 'sku'],
      ['/api/locations', 'code'],
      ['/api/suppliers', 'code'],
    ] as const)
      expect(strip((await other.get(path)).body, key)).toEqual(strip((await admin.get(path)).body, key));
    // Importing the archive's files again changes nothing.
    const again = await importCsv(other, 'items', files['items.csv']!);
    expect(again.body).toMatchObject({ created: 0, rejected: [] });
  });

  it('is refused without a login and to roles that may not export users', async () => {
    expect((await fetchBytes(admin.withToken(null), '/api/export.zip')).status).toBe(401);
    const clerk = await userWithRole(server, admin, 'zip-clerk', 'clerk');
    expect((await fetchBytes(clerk, '/api/export.zip')).status).toBe(403);
  });
});
