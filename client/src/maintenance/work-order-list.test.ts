// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { asset, order } from './test-fixtures.ts';
import {
  addDays,
  filterWorkOrders,
  nextStatuses,
  scanTarget,
  type WoFilter,
  workOrderNumber,
} from './work-order-list.ts';

const ALL: WoFilter = { status: '', priority: '', due: '', asset: '' };
const TODAY = '2026-03-10';
const ids = (list: { id: string }[]) => list.map((o) => o.id);

describe('filterWorkOrders', () => {
  const orders = [
    order({ id: 'a', number: 'WO-2026-0002', due: '2026-03-20', priority: 'low' }),
    order({ id: 'b', number: 'WO-2026-0001', due: '2026-03-01', overdue: true }),
    order({ id: 'c', due: '2026-03-20', priority: 'urgent' }),
    order({ id: 'd', status: 'complete', due: '2026-03-01' }),
    order({ id: 'e', status: 'on_hold', asset: 'FAN-2', due: '2026-03-10' }),
    order({ id: 'f', number: 'WO-2026-0003', status: 'in_progress' }),
  ];

  it('puts overdue first, then by due day (none last), more urgent first on the same day', () => {
    expect(ids(filterWorkOrders(orders, ALL, TODAY))).toEqual(['b', 'd', 'e', 'c', 'a', 'f']);
  });

  it('"still to do" leaves out complete and cancelled; one status picks exactly it', () => {
    expect(ids(filterWorkOrders(orders, { ...ALL, status: 'active' }, TODAY))).toEqual([
      'b',
      'e',
      'c',
      'a',
      'f',
    ]);
    expect(ids(filterWorkOrders(orders, { ...ALL, status: 'on_hold' }, TODAY))).toEqual(['e']);
  });

  it('filters by priority, asset and due', () => {
    expect(ids(filterWorkOrders(orders, { ...ALL, priority: 'urgent' }, TODAY))).toEqual(['c']);
    expect(ids(filterWorkOrders(orders, { ...ALL, asset: 'FAN-2' }, TODAY))).toEqual(['e']);
    expect(ids(filterWorkOrders(orders, { ...ALL, due: 'overdue' }, TODAY))).toEqual(['b']);
    expect(ids(filterWorkOrders(orders, { ...ALL, due: 'today' }, TODAY))).toEqual(['b', 'e']);
    expect(ids(filterWorkOrders(orders, { ...ALL, due: 'week' }, '2026-03-13'))).toEqual([
      'b',
      'e',
      'c',
      'a',
    ]);
  });
});

describe('work order helpers', () => {
  it('says the number is pending until the server gives one', () => {
    expect(workOrderNumber({ number: null })).toBe('number pending');
    expect(workOrderNumber({ number: 'WO-2026-0009' })).toBe('WO-2026-0009');
  });

  it('offers only the transitions the domain allows', () => {
    expect(nextStatuses('open')).toEqual(['in_progress', 'cancelled']);
    expect(nextStatuses('in_progress')).toEqual(['on_hold', 'complete', 'cancelled']);
    expect(nextStatuses('complete')).toEqual([]);
  });

  it('adds days across a month end and a leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('scanTarget', () => {
  const orders = [
    order({ id: 'wo1', number: 'WO-2026-0001', asset: 'PUMP-1' }),
    order({ id: 'wo2', number: 'WO-2026-0002', asset: 'PUMP-1', status: 'complete' }),
    order({ id: 'wo3', asset: 'FAN-2' }),
    order({ id: 'wo4', asset: 'FAN-2', status: 'on_hold' }),
  ];
  const assets = [
    asset({ code: 'PUMP-1', barcode: 'TAG-1' }),
    asset({ code: 'FAN-2' }),
    asset({ code: 'BELT-3' }),
  ];
  const byTag = (code: string) => assets.find((a) => a.barcode === code);
  const target = (raw: string) => scanTarget(raw, orders, assets, byTag);

  it('finds a work order by its id or its number in any case', () => {
    expect(target('wo3')).toEqual({ kind: 'order', id: 'wo3' });
    expect(target(' wo-2026-0002 ')).toEqual({ kind: 'order', id: 'wo2' });
  });

  it('finds an asset by its tag or code, with its work orders still to do', () => {
    expect(target('TAG-1')).toEqual({ kind: 'asset', code: 'PUMP-1', open: ['wo1'] });
    expect(target('fan-2')).toEqual({ kind: 'asset', code: 'FAN-2', open: ['wo3', 'wo4'] });
    expect(target('BELT-3')).toEqual({ kind: 'asset', code: 'BELT-3', open: [] });
  });

  it('answers none for anything else', () => {
    expect(target('NOPE')).toEqual({ kind: 'none' });
    expect(target('  ')).toEqual({ kind: 'none' });
  });
});
