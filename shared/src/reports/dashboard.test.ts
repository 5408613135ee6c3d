// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dashboardFigures } from './dashboard.ts';

describe('dashboardFigures', () => {
  it('assembles the figures, counting lists passed in', () => {
    expect(
      dashboardFigures({
        valuation: { total: 1234.5678, rows: [{ key: 'A', quantity: 1, value: 1234.5678 }] },
        deadStock: [{ value: 0.1 }, { value: 0.2 }],
        excess: [{ value: 3 }],
        turnover: { turns: 4.2 },
        accuracy: [
          {
            id: 'st-1',
            postedAt: '2026-01-01T00:00:00.000Z',
            linesCounted: 1,
            linesWithinTolerance: 1,
            accuracy: 100,
            absoluteValue: 0,
            netValue: 0,
          },
          {
            id: 'st-2',
            postedAt: '2026-02-01T00:00:00.000Z',
            linesCounted: 2,
            linesWithinTolerance: 1,
            accuracy: 50,
            absoluteValue: 5,
            netValue: -5,
          },
        ],
        belowReorderPoint: 7,
        criticalSparesBelowMin: ['PUMP-SEAL'],
        openPurchaseOrders: [{}, {}, {}],
        overduePurchaseOrders: 1,
        openWorkOrders: 0,
      }),
    ).toEqual({
      stockValue: 1234.5678,
      valuedLines: 1,
      deadStock: { items: 2, value: 0.3 },
      excess: { items: 1, value: 3 },
      turns: 4.2,
      lastCount: { id: 'st-2', postedAt: '2026-02-01T00:00:00.000Z', accuracy: 50 },
      belowReorderPoint: 7,
      criticalSparesBelowMin: 1,
      openPurchaseOrders: 3,
      overduePurchaseOrders: 1,
      openWorkOrders: 0,
    });
  });

  it('has no last count or turns when there are none', () => {
    const f = dashboardFigures({
      valuation: { total: 0, rows: [] },
      deadStock: [],
      excess: [],
      turnover: null,
      accuracy: [],
      belowReorderPoint: [],
      criticalSparesBelowMin: 0,
      openPurchaseOrders: 0,
      overduePurchaseOrders: 0,
      openWorkOrders: [],
    });
    expect([f.lastCount, f.turns, f.belowReorderPoint]).toEqual([null, null, 0]);
  });
});
