import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../routing/route.ts';
import { describeConflict, describeTraceMovement, fefoAdvice, type LotView, lotRefusal } from './lot-view.ts';

describe('lot routes', () => {
  it('parse and print the expiry list and the trace page', () => {
    expect(parseRoute('#/lots')).toEqual({ name: 'lots', days: '', sku: '' });
    expect(parseRoute('#/lots?days=30&sku=RESIN')).toEqual({ name: 'lots', days: '30', sku: 'RESIN' });
    expect(parseRoute('#/lots?days=soon')).toEqual({ name: 'lots', days: '', sku: '' });
    const trace = parseRoute('#/trace?sku=RESIN&lot=L%2F7');
    expect(trace).toEqual({ name: 'trace', sku: 'RESIN', lot: 'L/7', serial: '' });
    expect(parseRoute(routeHref(trace))).toEqual(trace);
    expect(routeHref({ name: 'lots', days: '30', sku: '' })).toBe('#/lots?days=30');
    const food = parseRoute('#/lots?days=7&category=Food%20%26%20drink');
    expect(food).toEqual({ name: 'lots', days: '7', sku: '', category: 'Food & drink' });
    expect(parseRoute(routeHref(food))).toEqual(food);
    expect(parseRoute('#/lots/extra').name).toBe('not-found');
  });

  it('describe movements and conflicts in words', () => {
    const base = { id: 'm', user: 'ann', at: '2026-11-02T08:00:00Z', location: 'A', quantity: 3 };
    expect(describeTraceMovement({ ...base, type: 'transfer', toLocation: 'Q' })).toBe('Moved 3 from A to Q');
    expect(describeTraceMovement({ ...base, type: 'issue', reference: 'wo:WO-1' })).toBe(
      'Issued 3 from A · wo:WO-1',
    );
    expect(
      describeConflict({
        kind: 'expiry',
        kept: { expiry: '2027-01-31' },
        others: [{ expiry: '2027-03-31' }],
      }),
    ).toBe('Received with different expiries: 2027-01-31 kept, 2027-03-31 also stated');
  });
});

describe('FEFO advice on the movement screen', () => {
  const lot = (name: string, over: Partial<LotView> = {}): LotView => ({
    sku: 'RESIN',
    lot: name,
    serial: false,
    expiry: null,
    expired: false,
    category: '',
    onHand: 1,
    value: 0,
    blocked: false,
    locations: [{ location: 'A', quantity: 1 }],
    conflicts: [],
    ...over,
  });
  it('proposes the first usable lot and warns about the chosen one', () => {
    const lots = [lot('OLD', { expired: true }), lot('EARLY', { blocked: true }), lot('MID'), lot('LATE')];
    expect(fefoAdvice(lots, 'LATE')).toMatchObject({ proposed: { lot: 'MID' }, warnings: ['not-first'] });
    expect(fefoAdvice(lots, 'MID').warnings).toEqual([]);
    expect(fefoAdvice(lots, 'OLD').warnings).toEqual(['expired']);
    expect(fefoAdvice(lots, 'EARLY').warnings).toEqual(['blocked']);
    expect(fefoAdvice([lot('X', { blocked: true })], 'X')).toEqual({ warnings: ['blocked'] });
  });

  it('the form refuses issuing a blocked lot, and an expired one without a reason', () => {
    expect(lotRefusal('issue', { warnings: ['blocked'] }, 'needed')?.field).toBe('lot');
    expect(lotRefusal('issue', { warnings: ['expired'] }, '')?.field).toBe('reason');
    expect(lotRefusal('issue', { warnings: ['expired'] }, 'test rig')).toBeNull();
    expect(lotRefusal('transfer', { warnings: ['blocked'] }, '')).toBeNull();
    expect(lotRefusal('issue', { warnings: ['not-first'] }, '')).toBeNull();
  });
});
