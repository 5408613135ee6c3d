// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lineTotal, ORDER_CSV_HEADER, orderCsv, orderFileName } from './order-csv.ts';
import { clerk, day, sentOrder } from './test-fixtures.ts';

const ctx = {
  supplierName: 'Acme, Inc.',
  itemName: (sku: string) => (sku === 'BOLT' ? 'Hex bolt "M8"' : '=cmd()'),
  supplierSku: (sku: string) => (sku === 'BOLT' ? 'AC-778' : ''),
  unit: () => 'ea',
};

describe('order CSV', () => {
  it('has one row per line with ordered, received, returned, open and money, quoted safely', () => {
    const { room, ledger, id, order } = sentOrder();
    room.receive(id, 'DN-1', [{ line: '1', quantity: 4, location: 'A-01' }], ledger, {
      actor: clerk,
      now: day('03-04'),
    });
    const rows = orderCsv(order(), ctx).trimEnd().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(ORDER_CSV_HEADER.join(','));
    expect(rows[1]).toBe(
      `${id},,ACME,"Acme, Inc.",partially_received,2026-03-01T10:00:00.000Z,2026-03-02T10:00:00.000Z,2026-03-10,1,BOLT,AC-778,"Hex bolt ""M8""",ea,10,4,0,6,0.5,5,2026-03-10`,
    );
    // A name that looks like a formula is written as text.
    expect(rows[2]).toContain(",NUT,,'=cmd(),ea,20,0,0,20,0.1,2,");
  });

  it('sums line totals in 1/10,000 units and names the file after the number', () => {
    expect(lineTotal({ quantity: 3, unitCost: 0.1 })).toBe(0.3);
    expect(orderFileName({ id: '2026-abcdefghijkl', number: 'PO-2026-0001' }, 'pdf')).toBe(
      'PO-2026-0001.pdf',
    );
    expect(orderFileName({ id: '2026-abcdefghijkl', number: null }, 'csv')).toBe('PO-pending-abcdefgh.csv');
  });
});
