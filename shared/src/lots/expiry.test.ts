// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Role } from '../access/role.ts';
import type { Movement } from '../ledger/movement.ts';
import { ledgerRules } from '../ledger/write-rules.ts';
import { checkChanges, type EntryChange } from '../sync/write-rules.ts';
import { expiryAlerts, expiryChoices, expiryCsv, serialCorrections } from './expiry-alerts.ts';
import { newExpiryDecision } from './expiry-decision.ts';
import { LOT_HOLDS_MAP } from './lot-hold.ts';
import { type LotConflict, lotKey, lotRecords } from './lot-records.ts';
import { traceLot } from './trace.ts';

const mia = { user: 'mia', device: 'd1' };
const receipt = (id: string, min: number, expiry: string, location = 'A'): Movement =>
  ({
    id,
    type: 'receive',
    sku: 'RESIN',
    location,
    lot: 'L1',
    quantity: 5,
    expiry,
    user: 'ann',
    device: 'd2',
    at: new Date(Date.UTC(2026, 10, 2, 8, min)).toISOString(),
  }) as Movement;
const at = (min: number) => new Date(Date.UTC(2026, 10, 3, 9, min));
const lotOf = (movements: Movement[], expiryDecisions: ReturnType<typeof newExpiryDecision>[] = []) =>
  lotRecords({ movements, expiryDecisions }).get(lotKey('RESIN', 'L1'))!;

describe('expiry decisions', () => {
  const two = [receipt('m1', 0, '2027-03-31'), receipt('m2', 1, '2027-01-31', 'B')];

  it('a manager’s decision sets the expiry that stands, and the conflict is gone', () => {
    const before = lotOf(two);
    expect(before.expiry).toBe('2027-03-31');
    const conflict = before.conflicts[0] as Extract<LotConflict, { kind: 'expiry' }>;
    expect(expiryChoices(conflict)).toEqual(['2027-01-31', '2027-03-31']);

    const d = newExpiryDecision(
      { sku: 'RESIN', lot: 'L1', expiry: '2027-01-31', over: expiryChoices(conflict) },
      mia,
      at(0),
      'd1',
    );
    const after = lotOf(two, [d]);
    expect(after.expiry).toBe('2027-01-31');
    expect(after.conflicts).toEqual([]);
    expect(after.expiryDecision?.id).toBe('d1');
    // The receipts are untouched: the trace shows both and the decision.
    const trace = traceLot({ movements: two, expiryDecisions: [d] }, 'RESIN', 'L1')!;
    expect(trace.movements.map((m) => (m.type === 'receive' ? m.expiry : null))).toEqual([
      '2027-03-31',
      '2027-01-31',
    ]);
    expect(trace.expiryDecisions).toEqual([d]);
    expect(trace.expiry).toBe('2027-01-31');
  });

  it('a later receipt stating a date nobody weighed is a new conflict; one already decided against is not', () => {
    const d = newExpiryDecision(
      { sku: 'RESIN', lot: 'L1', expiry: '2027-01-31', over: ['2027-01-31', '2027-03-31'] },
      mia,
      at(0),
      'd1',
    );
    expect(lotOf([...two, receipt('m3', 5, '2027-03-31')], [d]).conflicts).toEqual([]);
    const third = lotOf([...two, receipt('m4', 6, '2027-06-30')], [d]);
    expect(third.expiry).toBe('2027-01-31');
    expect(third.conflicts).toEqual([
      {
        kind: 'expiry',
        sku: 'RESIN',
        lot: 'L1',
        kept: { expiry: '2027-01-31', decision: 'd1' },
        others: [{ expiry: '2027-06-30', movement: 'm4' }],
      },
    ]);
  });

  it('the latest decision stands, the same on every replica whatever the order', () => {
    const over = ['2027-01-31', '2027-03-31'];
    const a = newExpiryDecision({ sku: 'RESIN', lot: 'L1', expiry: '2027-01-31', over }, mia, at(0), 'a');
    const b = newExpiryDecision({ sku: 'RESIN', lot: 'L1', expiry: '2027-03-31', over }, mia, at(1), 'b');
    expect(lotOf(two, [a, b]).expiry).toBe('2027-03-31');
    expect(lotOf(two, [b, a]).expiry).toBe('2027-03-31');
  });

  it('refuses a decision for a date it did not choose between', () => {
    expect(() =>
      newExpiryDecision(
        { sku: 'RESIN', lot: 'L1', expiry: '2027-05-01', over: ['2027-01-31', '2027-03-31'] },
        mia,
        at(0),
      ),
    ).toThrow('must be one of the expiries chosen between');
  });

  it('write rules: managers append decisions in their own name in lotHolds; clerks may not', () => {
    const d = newExpiryDecision(
      { sku: 'RESIN', lot: 'L1', expiry: '2027-01-31', over: ['2027-01-31', '2027-03-31'] },
      mia,
      at(0),
      'd1',
    );
    const adding = (value: unknown): EntryChange => ({
      map: LOT_HOLDS_MAP,
      key: 'd1',
      before: undefined,
      after: value,
      added: [value],
      overwrites: false,
      replaced: false,
    });
    const view = { get: () => undefined, values: () => [] };
    const w = (role: Role) => ({ user: 'mia', device: 'd1', role });
    expect(checkChanges(ledgerRules, [adding(d)], w('manager'), view)).toBeNull();
    expect(checkChanges(ledgerRules, [adding(d)], w('clerk'), view)).toContain('only managers');
    expect(checkChanges(ledgerRules, [adding({ ...d, user: 'ann' })], w('manager'), view)).toContain(
      'another user',
    );
    expect(checkChanges(ledgerRules, [adding({ ...d, expiry: '2030-01-01' })], w('manager'), view)).toBe(
      'lotHolds/d1: not a valid expiry decision',
    );
    const edit = { ...adding({ ...d, expiry: '2027-03-31' }), before: d, overwrites: true };
    expect(checkChanges(ledgerRules, [edit], w('manager'), view)).toContain('never changed');
  });
});

describe('expiry alerts', () => {
  const lots = [
    {
      sku: 'RESIN',
      lot: 'OLD',
      expiry: '2026-11-30',
      onHand: 4,
      blocked: false,
      locations: [{ location: 'A', quantity: 4 }],
    },
    {
      sku: 'RESIN',
      lot: 'SOON',
      expiry: '2026-12-20',
      onHand: 7.5,
      blocked: true,
      locations: [
        { location: 'A', quantity: 5 },
        { location: 'B', quantity: 2.5 },
      ],
    },
    {
      sku: 'GLUE',
      lot: 'G1',
      expiry: '2026-12-03',
      onHand: 3,
      blocked: false,
      locations: [{ location: 'Q', quantity: 3 }],
    },
  ];
  const alerts = expiryAlerts(lots, {
    today: '2026-12-03',
    costOf: (sku) => (sku === 'RESIN' ? 12.3 : 0.1),
    categoryOf: (sku) => (sku === 'RESIN' ? 'Chemicals' : ''),
  });

  it('values each lot, splits expired from not yet expired, counts days left', () => {
    expect(alerts.rows.map((r) => [r.lot, r.daysLeft, r.expired, r.value])).toEqual([
      ['OLD', -3, true, 49.2],
      ['SOON', 17, false, 92.25],
      ['G1', 0, false, 0.3],
    ]);
    expect(alerts.expiredValue).toBe(49.2);
    expect(alerts.expiringValue).toBe(92.55);
  });

  it('writes the CSV with totals', () => {
    expect(expiryCsv(alerts).split('\r\n')).toEqual([
      'sku,lot,category,expiry,days_left,expired,blocked,on_hand,unit_cost,value,locations',
      'RESIN,OLD,Chemicals,2026-11-30,-3,yes,no,4,12.3,49.2,A: 4',
      'RESIN,SOON,Chemicals,2026-12-20,17,no,yes,7.5,12.3,92.25,A: 5; B: 2.5',
      'GLUE,G1,,2026-12-03,0,no,no,3,0.1,0.3,Q: 3',
      '(expired value),,,,,,,,,49.2,',
      '(not yet expired value),,,,,,,,,92.55,',
      '',
    ]);
  });
});

describe('serial corrections', () => {
  it('suggests one adjustment per place the records disagree about', () => {
    const dup: LotConflict = {
      kind: 'serial-duplicate',
      sku: 'DRILL',
      lot: 'SN-9',
      locations: [
        { location: 'A', quantity: 1 },
        { location: 'B', quantity: 1 },
      ],
      receipts: ['a', 'b'],
    };
    expect(serialCorrections(dup)).toEqual([
      { location: 'A', quantity: -1, meaning: 'it is not at A' },
      { location: 'B', quantity: -1, meaning: 'it is not at B' },
    ]);
    expect(serialCorrections({ ...dup, locations: [{ location: 'A', quantity: 2 }] })).toEqual([
      { location: 'A', quantity: -1, meaning: 'there is one at A' },
    ]);
    expect(
      serialCorrections({
        kind: 'serial-missing',
        sku: 'DRILL',
        lot: 'SN-9',
        locations: [{ location: 'A', quantity: -1 }],
      }),
    ).toEqual([{ location: 'A', quantity: 1, meaning: 'it was taken from A once, not twice' }]);
  });
});
