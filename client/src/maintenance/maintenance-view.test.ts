// @vitest-environment node
import { assetTree } from '@stockroom/shared/maintenance/asset';
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, sectionOf } from '../routing/route.ts';
import { assetPartsCost, assetRows, parseSpares, spareLines } from './asset-view.ts';
import { checkReserve, shortageOf } from './reserve-form.ts';
import { describeRecurrence, nextDue, scheduleInput } from './schedule-form.ts';
import { criticalSpares } from './spares-view.ts';
import { asset, order } from './test-fixtures.ts';
import { parsePartRows } from './work-order-form.ts';

describe('maintenance routes', () => {
  it('round-trips every maintenance route through the hash', () => {
    for (const hash of [
      '#/assets',
      '#/assets?q=pump',
      '#/assets/PUMP%2F1',
      '#/work-orders',
      '#/work-orders?status=all',
      '#/work-orders?status=on_hold&priority=urgent&due=overdue&asset=FAN',
      '#/work-orders/abc',
      '#/work-orders/abc/issue',
      '#/schedules',
      '#/critical-spares',
    ])
      expect(routeHref(parseRoute(hash))).toBe(hash);
  });

  it('opens the list on what is still to do; unknown values fall back; sections follow', () => {
    expect(parseRoute('#/work-orders')).toEqual({
      name: 'work-orders',
      filter: { status: 'active', priority: '', due: '', asset: '' },
    });
    expect(parseRoute('#/work-orders?status=bogus&priority=x')).toMatchObject({
      filter: { status: 'active', priority: '' },
    });
    expect(parseRoute('#/work-orders/a/b')).toEqual({ name: 'not-found', path: '/work-orders/a/b' });
    expect(sectionOf(parseRoute('#/work-orders/abc/issue'))).toBe('work-orders');
    expect(sectionOf(parseRoute('#/assets/X'))).toBe('assets');
  });
});

describe('assets', () => {
  const assets = [
    asset({ code: 'LINE-1', name: 'Bottling line' }),
    asset({ code: 'PUMP-1', name: 'Coolant pump', parent: 'LINE-1', barcode: 'TAG-9' }),
    asset({ code: 'SEAL-1', name: 'Seal kit', parent: 'PUMP-1' }),
    asset({ code: 'FAN-2', name: 'Fan' }),
  ];

  it('indents the tree and keeps the ancestors of a match', () => {
    const rows = (q?: string) => assetRows(assetTree(assets), q).map((r) => `${r.depth}:${r.asset.code}`);
    expect(rows()).toEqual(['0:FAN-2', '0:LINE-1', '1:PUMP-1', '2:SEAL-1']);
    expect(rows('seal')).toEqual(['0:LINE-1', '1:PUMP-1', '2:SEAL-1']);
    expect(rows('tag-9')).toEqual(['0:LINE-1', '1:PUMP-1']);
  });

  it('sums parts cost for an asset, optionally with what sits below it', () => {
    const orders = [
      order({ id: 'a', asset: 'PUMP-1', totalCost: 1.25 }),
      order({ id: 'b', asset: 'SEAL-1', totalCost: 0.1 }),
      order({ id: 'c', asset: 'FAN-2', totalCost: 9 }),
    ];
    expect(assetPartsCost(assets, 'PUMP-1', orders, false)).toBe(1.25);
    expect(assetPartsCost(assets, 'LINE-1', orders, true)).toBe(1.35);
  });

  it('reads the spares box line by line and names bad lines', () => {
    expect(parseSpares('BOLT 4\n\n NUT 2,5 \nbad')).toEqual({
      spares: [
        { sku: 'BOLT', quantity: 4 },
        { sku: 'NUT', quantity: 2.5 },
      ],
      bad: [4],
    });
    const a = asset({ code: 'P', spares: [{ sku: 'BOLT', quantity: 4 }] });
    expect(spareLines(a, () => 3)).toEqual([{ sku: 'BOLT', recommended: 4, available: 3, short: true }]);
  });

  it('lists critical spares below their effective minimum, with the assets that keep them', () => {
    const list = [
      asset({ code: 'P1', criticality: 'critical', spares: [{ sku: 'BOLT', quantity: 4 }] }),
      asset({ code: 'P2', criticality: 'high', spares: [{ sku: 'BOLT', quantity: 2 }] }),
      asset({ code: 'P3', criticality: 'low', spares: [{ sku: 'NUT', quantity: 9 }] }),
    ];
    expect(criticalSpares(list, () => null, new Map([['BOLT', 5]]))).toEqual([
      { sku: 'BOLT', minimum: 6, available: 5, shortfall: 1, assets: ['P1', 'P2'] },
    ]);
    expect(criticalSpares(list, () => 10, new Map([['BOLT', 5]]))[0]).toMatchObject({
      minimum: 10,
      shortfall: 5,
    });
  });
});

describe('forms', () => {
  const refs = { itemExists: (s: string) => s === 'BOLT', locationExists: (c: string) => c === 'A-01' };

  it('checks the reserve form per field', () => {
    expect(checkReserve({ sku: '', quantity: '', location: 'Z' }, refs)).toEqual({
      ok: false,
      errors: { sku: 'required', quantity: 'required', location: 'no location Z' },
    });
    expect(checkReserve({ sku: 'NUT', quantity: '-1', location: '' }, refs)).toEqual({
      ok: false,
      errors: { sku: 'no item with SKU NUT', quantity: 'must be greater than 0' },
    });
    expect(checkReserve({ sku: ' BOLT ', quantity: '4', location: 'A-01' }, refs)).toEqual({
      ok: true,
      value: { sku: 'BOLT', quantity: 4, location: 'A-01' },
    });
    expect(shortageOf(12, 10)).toEqual({ after: -2, short: true });
    expect(shortageOf(4, 10)).toEqual({ after: 6, short: false });
  });

  it('reads planned-part rows, dropping blank ones', () => {
    const r = parsePartRows(
      [
        { sku: 'BOLT', quantity: '4' },
        { sku: '', quantity: '' },
        { sku: 'BOLT', quantity: '1' },
        { sku: 'NUT', quantity: '0' },
      ],
      refs.itemExists,
    );
    expect(r.parts).toEqual([{ sku: 'BOLT', quantity: 4 }]);
    expect(r.errors).toEqual({
      'parts.2.sku': 'BOLT is listed twice',
      'parts.3.sku': 'no item with SKU NUT',
      'parts.3.quantity': 'must be greater than 0',
    });
  });

  it('describes schedules and finds the next day they fall on', () => {
    const weekly = { recurrence: { unit: 'weeks', every: 2, weekday: 1 }, start: '2026-03-02' } as const;
    expect(describeRecurrence(weekly)).toBe('every 2 weeks on Monday');
    expect(nextDue(weekly, '2026-03-03')).toBe('2026-03-16');
    expect(describeRecurrence({ recurrence: { unit: 'days', every: 1 } })).toBe('every day');
    const draft = {
      asset: 'P',
      title: ' Oil ',
      unit: 'days',
      every: '3',
      weekday: '1',
      start: '2026-01-01',
      reserveDaysAhead: '',
    } as const;
    expect(scheduleInput(draft, [])).toMatchObject({ title: 'Oil', recurrence: { unit: 'days', every: 3 } });
  });
});
