// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

async function upload(client: ApiClient, server: ServerProcess, path: string, body: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'text/csv' },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

interface Order {
  id: string;
  number: string | null;
  supplier: string;
  status: string;
  total: number;
  reference: string | null;
  lines: {
    line: string;
    sku: string;
    quantity: number;
    unitCost: number;
    expectedAt: string | null;
    open: number;
  }[];
}

describe('importing open purchase orders through the API (real server)', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const year = new Date().getUTCFullYear();
  const orders = async () =>
    ((await admin.get('/api/purchase-orders')).body as Order[]).sort((a, b) =>
      String(a.number).localeCompare(String(b.number)),
    );

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    const sup = await upload(
      admin,
      server,
      '/api/import/suppliers',
      'code,name\nACME,Acme GmbH\nBOLTCO,Bolt & Co\n',
    );
    expect(sup.body).toMatchObject({ created: 2, rejected: [] });
    const items = await upload(
      admin,
      server,
      '/api/import/items',
      'sku,name,unit cost\nBOLT-M8,Bolt M8,0.45\nNUT-M8,Nut M8,0.08\nSEAL,Seal,2.5\n',
    );
    expect(items.body).toMatchObject({ created: 3, rejected: [] });
    const refs = await upload(
      admin,
      server,
      '/api/import/supplier-items',
      'sku,supplier,unit cost\nBOLT-M8,ACME,0.40\n',
    );
    expect(refs.body).toMatchObject({ created: 1, rejected: [] });
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  // Bestellnummer = the other system's order number; lines 5 and 6 are wrong.
  const file = [
    'Bestellnummer;Lieferant;Artikelnummer;Menge;Preis;Liefertermin',
    `4711;ACME;BOLT-M8;1000;;${year}-12-20`,
    '4711;ACME;NUT-M8;500;0,07;',
    '4712;BOLTCO;SEAL;4;;',
    '4713;ACME;SEAL;2;;',
    '4713;ACME;GASKET;1;;',
    '4714;NOBODY;SEAL;1;;',
  ].join('\r\n');

  it('a dry run names every bad row (an order with one is refused whole); all-or-nothing then writes nothing', async () => {
    const dry = await upload(admin, server, '/api/import/purchase-orders?dryRun=true', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      applied: false,
      rejected: [
        { row: 5, field: 'reference', message: 'order 4713 is imported whole: fix row 6 first' },
        { row: 6, field: 'sku', message: 'no item with SKU GASKET' },
        { row: 7, field: 'supplier', message: 'no supplier NOBODY' },
      ],
    });
    const strict = await upload(admin, server, '/api/import/purchase-orders', file);
    expect(strict.body).toMatchObject({ created: 0, applied: false });
    expect(await orders()).toEqual([]);
  });

  it('valid-only writes the good orders, sent, numbered by the server; the external number is the reference, never the PO number', async () => {
    const res = await upload(admin, server, '/api/import/purchase-orders?mode=valid-only', file);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, applied: true });
    expect(res.body.rejected).toHaveLength(3);
    const list = await waitFor(async () => {
      const l = await orders();
      return l.length === 2 && l.every((o) => o.number) ? l : null;
    }, 'the imported orders to be numbered');
    expect(list.map((o) => [o.number, o.supplier, o.status, o.total, o.reference])).toEqual([
      [`PO-${year}-0001`, 'ACME', 'sent', 435, '4711'],
      [`PO-${year}-0002`, 'BOLTCO', 'sent', 10, '4712'],
    ]);
    expect(list[0]!.lines.map((l) => [l.line, l.sku, l.quantity, l.unitCost, l.expectedAt, l.open])).toEqual([
      ['1', 'BOLT-M8', 1000, 0.4, `${year}-12-20`, 1000],
      ['2', 'NUT-M8', 500, 0.07, null, 500],
    ]);
    // The order event keeps the other system's number as its reference (and says it in its note).
    const room = await connect(server.wsUrl, `purchasing-${year}`, admin.token!);
    try {
      const created = room.doc.getMap('orders').get(list[0]!.id) as { reference?: string; note?: string };
      expect(created).toMatchObject({ reference: '4711', note: 'Imported order 4711' });
    } finally {
      room.destroy();
    }
    // On order now: the replenishment position counts the imported lines.
    const bolt = (await admin.get('/api/replenishment?sku=BOLT-M8')).body as { onOrder: number }[];
    expect(bolt[0]?.onOrder).toBe(1000);
  });

  it('the same file again changes nothing; the fixed rejected rows import; a sent order’s lines do not change', async () => {
    const again = await upload(admin, server, '/api/import/purchase-orders?mode=valid-only', file);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const fixed = await upload(
      admin,
      server,
      '/api/import/purchase-orders',
      'reference,supplier,sku,quantity\n4713,ACME,SEAL,2\n4713,ACME,NUT-M8,1\n',
    );
    expect(fixed.body).toMatchObject({ created: 2, rejected: [], applied: true });
    const changed = await upload(
      admin,
      server,
      '/api/import/purchase-orders?mode=valid-only',
      'reference,supplier,sku,quantity\n4712,BOLTCO,SEAL,40\n',
    );
    expect(changed.body).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(changed.body.rejected).toEqual([
      {
        row: 2,
        field: 'quantity',
        message: `order 4712 (PO-${year}-0002) is sent: its lines no longer change`,
      },
    ]);
    const list = await waitFor(async () => {
      const l = await orders();
      return l.length === 3 && l.every((o) => o.number) ? l : null;
    }, 'three numbered orders');
    expect(list.map((o) => [o.number, o.lines.map((l) => `${l.sku}×${l.quantity}`).join(' ')])).toEqual([
      [`PO-${year}-0001`, 'BOLT-M8×1000 NUT-M8×500'],
      [`PO-${year}-0002`, 'SEAL×4'],
      [`PO-${year}-0003`, 'SEAL×2 NUT-M8×1'],
    ]);
    const audit = (await admin.get('/api/audit')).body as { action: string; details: { created?: number } }[];
    expect(audit.filter((e) => e.action === 'import.purchase-orders').map((e) => e.details.created)).toEqual(
      expect.arrayContaining([3, 0, 2]),
    );
  });

  it('only purchasing managers import orders', async () => {
    const clerk = await userWithRole(server, admin, 'clerk1', 'clerk');
    const res = await upload(clerk, server, '/api/import/purchase-orders', file);
    expect(res.status).toBe(403);
  });
});
