// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  abcChart,
  abcSummary,
  consumptionChart,
  coverText,
  forecastSentence,
  topRows,
} from './report-view.ts';

describe('report view logic', () => {
  it('keeps the highest rows, ties in their original order', () => {
    expect(topRows([{ v: 1 }, { v: 3 }, { v: 3 }, { v: 2 }], (r) => r.v, 3)).toEqual([
      { v: 3 },
      { v: 3 },
      { v: 2 },
    ]);
  });

  it('joins the forecast line to the last actual period', () => {
    const chart = consumptionChart({
      series: [
        { period: '2026-W01', quantity: 4, value: 40 },
        { period: '2026-W02', quantity: 6, value: 60 },
      ],
      forecast: { method: 'ses', rate: 5, mae: 1, periods: [{ period: '2026-W03', quantity: 5 }] },
    });
    expect(chart).toEqual({
      labels: ['2026-W01', '2026-W02', '2026-W03'],
      actual: [4, 6, null],
      forecast: [null, 6, 5],
    });
  });

  it('says which forecast, its rate and its error', () => {
    const f = { method: 'sba' as const, rate: 1.23456, mae: null, periods: [] };
    expect(forecastSentence({ forecast: f }, 'week')).toBe(
      'Forecast by SBA (intermittent demand): 1.23 per week; too few periods to measure its error.',
    );
    expect(forecastSentence({ forecast: { ...f, method: 'ses', mae: 0.5 } }, 'day')).toBe(
      'Forecast by exponential smoothing: 1.23 per day; MAE 0.5 per day.',
    );
  });

  it('writes days of cover', () => {
    expect(coverText(null)).toBe('—');
    expect(coverText(0)).toBe('none left');
    expect(coverText(12.345)).toBe('12.3 days');
  });

  it('sums ABC classes and plots the ranked items with a cumulative share in %', () => {
    const rows = [
      { sku: 'A1', consumptionValue: 80, share: 0.8, cumulativeShare: 0.8, class: 'A' as const },
      { sku: 'B1', consumptionValue: 15, share: 0.15, cumulativeShare: 0.95, class: 'B' as const },
      { sku: 'C1', consumptionValue: 5, share: 0.05, cumulativeShare: 1, class: 'C' as const },
      { sku: 'C2', consumptionValue: 0, share: 0, cumulativeShare: 1, class: 'C' as const },
    ];
    expect(abcSummary(rows)).toEqual([
      { cls: 'A', items: 1, value: 80, share: 0.8 },
      { cls: 'B', items: 1, value: 15, share: 0.15 },
      { cls: 'C', items: 2, value: 5, share: 0.05 },
    ]);
    expect(abcChart(rows)).toEqual({
      labels: ['A1', 'B1', 'C1'],
      values: [80, 15, 5],
      cumulative: [80, 95, 100],
    });
  });
});
