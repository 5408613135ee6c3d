// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { consumptionReport, demandByDay } from './flow-reports.ts';
import { foldPeriodStats } from './period-stats.ts';
import { issue, receive } from './test-fixtures.ts';

describe('demandByDay', () => {
  const movements = [
    receive('A', 100, '2026-03-01T08:00:00.000Z', 0.3),
    receive('B', 100, '2026-03-01T08:00:00.000Z', 0.7),
    issue('A', 1, '2026-03-02T08:00:00.000Z'),
    issue('B', 2, '2026-03-02T09:00:00.000Z'),
    issue('A', 3, '2026-03-05T08:00:00.000Z'),
    issue('B', 1, '2026-04-01T08:00:00.000Z'),
  ];
  const march = foldPeriodStats(null, movements.slice(0, 5), () => 0, '2026-03');
  const history = new Map([
    ['2026-03', march],
    ['2026-04', foldPeriodStats(march, movements.slice(5), () => 0, '2026-04')],
  ]);

  it('sums the selected items per day, in day order, inside the range', () => {
    expect(demandByDay(history, null, '2026-03-01', '2026-04-30')).toEqual([
      { date: '2026-03-02', quantity: 3, value: 1.7 },
      { date: '2026-03-05', quantity: 3, value: 0.9 },
      { date: '2026-04-01', quantity: 1, value: 0.7 },
    ]);
    expect(demandByDay(history, new Set(['B']), '2026-03-03', '2026-04-30')).toEqual([
      { date: '2026-04-01', quantity: 1, value: 0.7 },
    ]);
  });

  it('gives the same series as the items one by one', () => {
    const range = { from: '2026-03-01', to: '2026-04-30', interval: 'week' as const };
    const all = consumptionReport(demandByDay(history, null, range.from, range.to), range, 0).series;
    const a = consumptionReport(demandByDay(history, new Set(['A']), range.from, range.to), range, 0).series;
    const b = consumptionReport(demandByDay(history, new Set(['B']), range.from, range.to), range, 0).series;
    expect(all.map((p) => p.quantity)).toEqual(a.map((p, i) => p.quantity + b[i]!.quantity));
    expect(all.reduce((s, p) => s + p.value, 0)).toBeCloseTo(3.3, 10);
  });
});
