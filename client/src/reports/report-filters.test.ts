// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  abcFilter,
  consumptionFilter,
  dayRange,
  deadStockDays,
  turnoverFilter,
  valuationFilter,
  withParams,
} from './report-filters.ts';

describe('report filters (the API defaults)', () => {
  it('defaults a range to the last N days up to today, and clamps a reversed one', () => {
    expect(dayRange({}, '2026-03-31', 91)).toEqual({ from: '2025-12-31', to: '2026-03-31' });
    expect(dayRange({ from: '2026-04-02', to: '2026-04-01' }, '2026-05-01', 91)).toEqual({
      from: '2026-04-01',
      to: '2026-04-01',
    });
    expect(dayRange({ from: 'junk' }, '2026-03-31', 1)).toEqual({ from: '2026-03-31', to: '2026-03-31' });
    expect(abcFilter({}, '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('reads valuation grouping and a past date only', () => {
    expect(valuationFilter({}, '2026-03-10')).toEqual({ by: 'item', at: null });
    expect(valuationFilter({ by: 'kind', at: '2026-03-01' }, '2026-03-10')).toEqual({
      by: 'kind',
      at: '2026-03-01',
    });
    expect(valuationFilter({ by: 'colour', at: '2026-03-10' }, '2026-03-10')).toEqual({
      by: 'item',
      at: null,
    });
  });

  it('reads consumption filters, weekly by default', () => {
    expect(consumptionFilter({ kind: 'mro', interval: 'month' }, '2026-03-31')).toMatchObject({
      kind: 'mro',
      interval: 'month',
      sku: '',
    });
    expect(consumptionFilter({ kind: 'toys', interval: 'hour' }, '2026-03-31')).toMatchObject({
      kind: '',
      interval: 'week',
    });
  });

  it('takes dead-stock days between 1 and 3650, else 180', () => {
    expect(deadStockDays({ days: '30' })).toBe(30);
    expect(deadStockDays({ days: '0' })).toBe(180);
    expect(deadStockDays({ days: '2.5' })).toBe(180);
  });

  it('defaults turnover to the last 12 months with this one, a date standing for its month', () => {
    expect(turnoverFilter({}, '2026-03')).toEqual({ from: '2025-04', to: '2026-03' });
    expect(turnoverFilter({ from: '2026-01-15', to: '2026-02' }, '2026-03')).toEqual({
      from: '2026-01',
      to: '2026-02',
    });
  });

  it('drops emptied parameters from links', () => {
    expect(withParams({ by: 'kind', at: '2026-01-01' }, { at: '' })).toEqual({ by: 'kind' });
  });
});
