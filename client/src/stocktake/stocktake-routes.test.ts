import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, sectionOf } from '../routing/route.ts';
import { periodsBetween } from './use-ledgers.ts';

describe('stocktake routes', () => {
  it('parses and builds the list, live view and counting screen', () => {
    for (const [hash, route] of [
      ['#/stocktakes', { name: 'stocktakes' }],
      ['#/stocktakes/abc-12', { name: 'stocktake', id: 'abc-12' }],
      ['#/stocktakes/abc-12/count', { name: 'stocktake-count', id: 'abc-12' }],
    ] as const) {
      expect(parseRoute(hash)).toEqual(route);
      expect(routeHref(route)).toBe(hash);
      expect(sectionOf(route)).toBe('stocktakes');
    }
    expect(parseRoute('#/stocktakes/abc/other').name).toBe('not-found');
  });
});

describe('periodsBetween', () => {
  it('lists the earlier ledger months a count crossed, at most three', () => {
    expect(periodsBetween('2026-03', '2026-03')).toEqual([]);
    expect(periodsBetween('2025-12', '2026-02')).toEqual(['2025-12', '2026-01']);
    expect(periodsBetween('2025-01', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
