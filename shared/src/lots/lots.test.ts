// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Tracking } from '../catalog/item.ts';
import type { Movement } from '../ledger/movement.ts';
import {
  addDays,
  adviseLot,
  expiringWithin,
  fefoOrder,
  isExpired,
  lotConflicts,
  proposeLot,
} from './fefo.ts';
import { newLotHold } from './lot-hold.ts';
import { type LotRecord, lotKey, lotRecords } from './lot-records.ts';
import { traceLot } from './trace.ts';

const ann = { user: 'ann', device: 'd1' };
let seq = 0;
/** A stamped movement recorded at minute `min` of 2026-11-02. */
function mv(min: number, fields: Record<string, unknown>): Movement {
  seq += 1;
  return {
    id: `m${String(seq).padStart(3, '0')}`,
    user: 'ann',
    device: 'd1',
    at: new Date(Date.UTC(2026, 10, 2, 8, min)).toISOString(),
    ...fields,
  } as Movement;
}
const tracking = (sku: string): Tracking => (sku === 'DRILL' ? 'serial' : 'lot');
const rec = (records: Map<string, LotRecord>, sku: string, lot: string) => {
  const r = records.get(lotKey(sku, lot));
  if (!r) throw new Error(`no record ${sku}/${lot}`);
  return r;
};

describe('lot records', () => {
  const ledger = [
    mv(0, {
      type: 'receive',
      sku: 'RESIN',
      location: 'A',
      lot: 'L1',
      quantity: 10,
      expiry: '2027-03-31',
      reference: 'po:PO-2026-0007:1',
    }),
    mv(1, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'L2', quantity: 4, expiry: '2027-01-31' }),
    mv(2, { type: 'transfer', sku: 'RESIN', location: 'A', toLocation: 'B', lot: 'L1', quantity: 3 }),
    mv(3, {
      type: 'issue',
      sku: 'RESIN',
      location: 'A',
      lot: 'L1',
      quantity: 2.5,
      reference: 'wo:WO-2026-0001',
    }),
    mv(4, { type: 'adjust', sku: 'RESIN', location: 'B', lot: 'L1', quantity: -0.5, reason: 'spilt' }),
  ];

  it('derives expiry, purchase order and on hand per location from the movements', () => {
    const r = rec(lotRecords({ movements: ledger, tracking }), 'RESIN', 'L1');
    expect(r).toMatchObject({
      expiry: '2027-03-31',
      purchaseOrder: 'PO-2026-0007',
      receivedAt: '2026-11-02T08:00:00.000Z',
      onHand: 7,
      locations: [
        { location: 'A', quantity: 4.5 },
        { location: 'B', quantity: 2.5 },
      ],
      blocked: false,
      conflicts: [],
    });
  });

  it('keeps the first expiry and surfaces a second, different one as a conflict', () => {
    const later = mv(9, {
      type: 'receive',
      sku: 'RESIN',
      location: 'B',
      lot: 'L1',
      quantity: 1,
      expiry: '2027-06-30',
    });
    const same = mv(10, {
      type: 'receive',
      sku: 'RESIN',
      location: 'B',
      lot: 'L1',
      quantity: 1,
      expiry: '2027-03-31',
    });
    const r = rec(lotRecords({ movements: [later, same, ...ledger], tracking }), 'RESIN', 'L1');
    expect(r.expiry).toBe('2027-03-31');
    expect(r.conflicts).toEqual([
      {
        kind: 'expiry',
        sku: 'RESIN',
        lot: 'L1',
        kept: { expiry: '2027-03-31', movement: ledger[0]!.id },
        others: [{ expiry: '2027-06-30', movement: later.id }],
      },
    ]);
  });

  it('a receipt without an expiry takes none away; a lot never given one has null', () => {
    const plain = mv(11, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'L1', quantity: 1 });
    const records = lotRecords({ movements: [plain, ...ledger], tracking });
    expect(rec(records, 'RESIN', 'L1').expiry).toBe('2027-03-31');
    const undated = mv(12, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'L9', quantity: 1 });
    expect(rec(lotRecords({ movements: [undated] }), 'RESIN', 'L9').expiry).toBeNull();
  });

  it('a serial received twice offline is on hand once, with the duplicate surfaced', () => {
    const a = mv(0, { type: 'receive', sku: 'DRILL', location: 'A', lot: 'SN-1', quantity: 1 });
    const b = mv(0, { type: 'receive', sku: 'DRILL', location: 'B', lot: 'SN-1', quantity: 1 });
    const r = rec(lotRecords({ movements: [a, b], tracking }), 'DRILL', 'SN-1');
    expect(r.onHand).toBe(1);
    expect(r.locations).toEqual([
      { location: 'A', quantity: 1 },
      { location: 'B', quantity: 1 },
    ]);
    expect(r.conflicts).toEqual([
      {
        kind: 'serial-duplicate',
        sku: 'DRILL',
        lot: 'SN-1',
        locations: [
          { location: 'A', quantity: 1 },
          { location: 'B', quantity: 1 },
        ],
        receipts: [a.id, b.id],
      },
    ]);
  });

  it('a serial issued twice offline is surfaced as missing, not as −1 on hand', () => {
    const rcv = mv(0, { type: 'receive', sku: 'DRILL', location: 'A', lot: 'SN-2', quantity: 1 });
    const i1 = mv(1, { type: 'issue', sku: 'DRILL', location: 'A', lot: 'SN-2', quantity: 1 });
    const i2 = mv(1, { type: 'issue', sku: 'DRILL', location: 'A', lot: 'SN-2', quantity: 1 });
    const r = rec(lotRecords({ movements: [rcv, i1, i2], tracking }), 'DRILL', 'SN-2');
    expect(r.onHand).toBe(0);
    expect(r.locations).toEqual([]);
    expect(r.conflicts).toEqual([
      { kind: 'serial-missing', sku: 'DRILL', lot: 'SN-2', locations: [{ location: 'A', quantity: -1 }] },
    ]);
  });

  it('the latest hold decides whether a lot is blocked; a block wins a tie', () => {
    const at = new Date('2026-11-03T10:00:00Z');
    const block = newLotHold(
      { action: 'block', sku: 'RESIN', lot: 'L2', reason: 'recall R-7' },
      ann,
      at,
      'h1',
    );
    const release = newLotHold(
      { action: 'release', sku: 'RESIN', lot: 'L2', reason: 'tested ok' },
      ann,
      new Date('2026-11-04T10:00:00Z'),
      'h2',
    );
    const tie = newLotHold({ action: 'release', sku: 'RESIN', lot: 'L2', reason: 'x' }, ann, at, 'h0');
    expect(rec(lotRecords({ movements: ledger, holds: [block] }), 'RESIN', 'L2').blocked).toBe(true);
    expect(rec(lotRecords({ movements: ledger, holds: [release, block] }), 'RESIN', 'L2').blocked).toBe(
      false,
    );
    expect(rec(lotRecords({ movements: ledger, holds: [tie, block] }), 'RESIN', 'L2').blocked).toBe(true);
    // A lot blocked before it ever arrives is still a record (recalled delivery on its way).
    const ahead = newLotHold({ action: 'block', sku: 'RESIN', lot: 'L7', reason: 'recall' }, ann, at, 'h3');
    expect(rec(lotRecords({ movements: [], holds: [ahead] }), 'RESIN', 'L7')).toMatchObject({
      blocked: true,
      onHand: 0,
    });
  });
});

describe('FEFO', () => {
  const ledger = [
    mv(0, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'LATE', quantity: 5, expiry: '2027-05-01' }),
    mv(1, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'EARLY', quantity: 5, expiry: '2027-01-15' }),
    mv(2, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'NONE', quantity: 5 }),
    mv(3, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'OLD', quantity: 5, expiry: '2026-10-31' }),
    mv(4, {
      type: 'receive',
      sku: 'RESIN',
      location: 'B',
      lot: 'ELSEWHERE',
      quantity: 5,
      expiry: '2026-12-01',
    }),
  ];
  const today = '2026-11-02';

  it('orders by expiry, lots without one last', () => {
    const order = fefoOrder(lotRecords({ movements: ledger }).values()).map((l) => l.lot);
    expect(order).toEqual(['OLD', 'ELSEWHERE', 'EARLY', 'LATE', 'NONE']);
  });

  it('proposes the first to expire here that is neither expired nor blocked', () => {
    const records = lotRecords({ movements: ledger });
    expect(proposeLot(records.values(), 'RESIN', 'A', today)?.lot).toBe('EARLY');
    const blocked = lotRecords({
      movements: ledger,
      holds: [
        newLotHold({ action: 'block', sku: 'RESIN', lot: 'EARLY', reason: 'recall' }, ann, new Date(), 'h'),
      ],
    });
    expect(proposeLot(blocked.values(), 'RESIN', 'A', today)?.lot).toBe('LATE');
  });

  it('warns when the lot taken is not the first to expire, expired or blocked', () => {
    const records = [...lotRecords({ movements: ledger }).values()];
    expect(adviseLot(records, 'RESIN', 'A', 'LATE', today)).toMatchObject({
      proposed: { lot: 'EARLY' },
      warnings: ['not-first'],
    });
    expect(adviseLot(records, 'RESIN', 'A', 'EARLY', today).warnings).toEqual([]);
    expect(adviseLot(records, 'RESIN', 'A', 'OLD', today).warnings).toEqual(['expired']);
    // The expiry date is the last day of use.
    expect(isExpired({ expiry: '2026-11-02' }, today)).toBe(false);
    expect(isExpired({ expiry: '2026-11-01' }, today)).toBe(true);
  });

  it('lists lots expiring within N days, expired ones included, with stock only', () => {
    const issued = mv(5, { type: 'issue', sku: 'RESIN', location: 'B', lot: 'ELSEWHERE', quantity: 5 });
    const records = lotRecords({ movements: [...ledger, issued] });
    expect(expiringWithin(records.values(), 90, today).map((l) => l.lot)).toEqual(['OLD', 'EARLY']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('lists every conflict for the manager', () => {
    const dup = mv(6, {
      type: 'receive',
      sku: 'RESIN',
      location: 'A',
      lot: 'EARLY',
      quantity: 1,
      expiry: '2027-02-01',
    });
    expect(lotConflicts(lotRecords({ movements: [...ledger, dup] }).values()).map((c) => c.kind)).toEqual([
      'expiry',
    ]);
  });
});

describe('trace', () => {
  it('follows a lot from receipt through moves and issues to what is left, in time order', () => {
    const r = mv(0, {
      type: 'receive',
      sku: 'RESIN',
      location: 'A',
      lot: 'T1',
      quantity: 10,
      expiry: '2027-01-01',
      reference: 'po:P1:2',
    });
    const t = mv(5, {
      type: 'transfer',
      sku: 'RESIN',
      location: 'A',
      toLocation: 'B',
      lot: 'T1',
      quantity: 4,
    });
    const i = mv(9, {
      type: 'issue',
      sku: 'RESIN',
      location: 'B',
      lot: 'T1',
      quantity: 1,
      reference: 'wo:W9',
    });
    const other = mv(1, { type: 'receive', sku: 'RESIN', location: 'A', lot: 'T2', quantity: 1 });
    const trace = traceLot({ movements: [i, other, t, r] }, 'RESIN', 'T1');
    expect(trace).toMatchObject({
      expiry: '2027-01-01',
      purchaseOrder: 'P1',
      onHand: [
        { location: 'A', quantity: 6 },
        { location: 'B', quantity: 3 },
      ],
    });
    expect(trace?.movements.map((m) => m.id)).toEqual([r.id, t.id, i.id]);
    expect(traceLot({ movements: [r] }, 'RESIN', 'NOPE')).toBeNull();
  });
});
