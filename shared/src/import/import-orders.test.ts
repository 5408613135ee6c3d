// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { PurchasingRoom } from '../purchasing/purchasing-room.ts';
import { applyImport } from './apply-import.ts';
import { toRecords } from './cells.ts';
import { parseTable } from './decode.ts';
import { guessMapping } from './fields.ts';
import { importedOrderId } from './import-orders.ts';

const actor = { user: 'ann', device: 'desk' };
const now = new Date('2026-12-03T10:00:00.000Z');

function setup() {
  const catalog = new Catalog(new Y.Doc());
  catalog.createSupplier({ code: 'ACME', name: 'Acme' }, actor, now);
  catalog.createItem(
    { sku: 'BOLT', name: 'Bolt', unitCost: 0.5, suppliers: [{ supplier: 'ACME', unitCost: 0.3 }] },
    actor,
    now,
  );
  catalog.createItem({ sku: 'NUT', name: 'Nut', unitCost: 0.1 }, actor, now);
  const purchasing = new PurchasingRoom(new Y.Doc(), 2026);
  const target = { catalog, purchasing: () => purchasing, fileId: 'f', actor, now };
  const run = (csv: string) => {
    const t = parseTable(csv);
    return applyImport(
      'purchase-orders',
      toRecords('purchase-orders', t.rows, guessMapping('purchase-orders', t.headers)),
      target,
    );
  };
  return { purchasing, run };
}

describe('importing open purchase orders', () => {
  it('one order per supplier × reference, sent by default, costs filled in as for a draft; the reference is never the number', () => {
    const { purchasing, run } = setup();
    const out = run(
      'PO number;Vendor;Part No;Qty;Price;Due date\nEXT-1;ACME;BOLT;100;;2026-12-20\nEXT-1;ACME;NUT;50;0,12;\nEXT-2;ACME;NUT;5;;\n',
    );
    expect(out).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: [] });
    const view = purchasing.view(now);
    const one = view.get(importedOrderId(2026, 'ACME', 'EXT-1'))!;
    expect(one).toMatchObject({
      status: 'sent',
      supplier: 'ACME',
      number: null,
      note: 'Imported order EXT-1',
    });
    expect(one.lines.map((l) => [l.line, l.sku, l.quantity, l.unitCost, l.expectedAt])).toEqual([
      ['1', 'BOLT', 100, 0.3, '2026-12-20'],
      ['2', 'NUT', 50, 0.12, null],
    ]);
    expect(view.get(importedOrderId(2026, 'ACME', 'EXT-2'))?.lines[0]).toMatchObject({ unitCost: 0.1 });
    expect(purchasing.orders.map.get(one.id)).toMatchObject({ reference: 'EXT-1' });
  });

  it('an order with a bad row is refused whole, each row saying why; the same file again changes nothing', () => {
    const { purchasing, run } = setup();
    const csv =
      'reference,supplier,sku,quantity,status\nA,ACME,BOLT,10,sent\nA,ACME,GHOST,1,sent\nB,ACME,NUT,0,draft\nC,NOBODY,NUT,1,\nD,ACME,NUT,2,maybe\nE,ACME,BOLT,3,draft\n';
    const out = run(csv);
    expect(out.created).toBe(1);
    expect(out.rejected).toEqual([
      { row: 2, field: 'reference', message: 'order A is imported whole: fix row 3 first' },
      { row: 3, field: 'sku', message: 'no item with SKU GHOST' },
      { row: 4, field: 'quantity', message: 'must be greater than 0' },
      { row: 5, field: 'supplier', message: 'no supplier NOBODY' },
      { row: 6, field: 'status', message: 'must be draft or sent' },
    ]);
    expect([...purchasing.view(now).values()].map((o) => o.status)).toEqual(['draft']);
    expect(run(csv)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('a draft takes the file’s changes and can be sent by it; a sent order’s lines no longer change', () => {
    const { purchasing, run } = setup();
    run('reference,supplier,sku,quantity,status\nE,ACME,BOLT,3,draft\n');
    expect(run('reference,supplier,sku,quantity,status\nE,ACME,BOLT,4,draft\nE,ACME,NUT,1,draft\n')).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      rejected: [],
    });
    expect(run('reference,supplier,sku,quantity,status\nE,ACME,BOLT,4,sent\nE,ACME,NUT,1,sent\n')).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      rejected: [],
    });
    const id = importedOrderId(2026, 'ACME', 'E');
    expect(purchasing.order(id, now)?.status).toBe('sent');
    const changed = run('reference,supplier,sku,quantity\nE,ACME,BOLT,5\nE,ACME,NUT,1\n');
    expect(changed).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(changed.rejected).toEqual([
      { row: 2, field: 'quantity', message: 'order E (being numbered) is sent: its lines no longer change' },
    ]);
    expect(purchasing.order(id, now)?.lines.map((l) => l.quantity)).toEqual([4, 1]);
  });
});
