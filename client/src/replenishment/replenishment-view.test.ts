// @vitest-environment node
import { DEFAULT_REPLENISHMENT, type Item } from '@stockroom/shared/catalog/item';
import { StockFold } from '@stockroom/shared/ledger/stock';
import { foldPeriodStats } from '@stockroom/shared/reports/period-stats';
import { issue, receive } from '@stockroom/shared/reports/test-fixtures';
import { describe, expect, it } from 'vitest';
import { dashboardFrom } from '../reports/dashboard-view.ts';
import {
  draftSuppliers,
  suggestionsFrom,
  visibleSuggestions,
  weeklyDemand,
  why,
  windowStats,
} from './replenishment-view.ts';

function item(sku: string, over: Partial<Item> = {}): Item {
  return {
    sku,
    name: sku,
    description: '',
    kind: 'component',
    unit: 'ea',
    barcodes: [],
    packs: [],
    category: 'Bolts',
    suppliers: [{ supplier: 'ACME', packSize: 10, minOrderQty: 30, preferred: true }],
    unitCost: 1,
    reorderPoint: 20,
    minQty: null,
    maxQty: 40,
    leadTimeDays: 7,
    replenishment: DEFAULT_REPLENISHMENT,
    tracking: 'none',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'ann',
    ...over,
  };
}

/** One month of movements: 10 @ 2.00 and 10 @ 4.00 received (average 3.00), 5 issued. */
function world() {
  const movements = [
    receive('B-1', 10, '2026-03-02T08:00:00.000Z', 2),
    receive('B-1', 10, '2026-03-03T08:00:00.000Z', 4),
    issue('B-1', 5, '2026-03-04T08:00:00.000Z'),
    receive('C-9', 100, '2026-03-02T09:00:00.000Z', 0.5),
  ];
  const items = [item('B-1'), item('C-9', { suppliers: [], reorderPoint: 10 })];
  const byKey = new Map(items.map((i) => [i.sku, i]));
  const current = foldPeriodStats(null, movements, (s) => byKey.get(s)?.unitCost ?? 0, '2026-03');
  const stock = new StockFold().applyAll(movements);
  return { items, byKey, current, history: new Map([['2026-03', current]]), stock };
}

describe('replenishment from the rooms', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('sums the demand window by week for the sparkline, oldest first, the oldest week short', () => {
    const w = world();
    const stats = windowStats(w.history, now, 90);
    const weeks = weeklyDemand(stats, 'B-1', now, 90);
    // 90 days ending 2026-03-09: 12 full weeks and 6 days first; the 5 issued on 03-04 fall in
    // the last week (03-03 … 03-09).
    expect(weeks).toHaveLength(13);
    expect(weeks.at(-1)).toBe(5);
    expect(weeks.slice(0, -1).every((q) => q === 0)).toBe(true);
    expect(weeklyDemand(stats, 'C-9', now, 90).every((q) => q === 0)).toBe(true);
  });

  it('suggests up to max in whole packs and at least the MOQ, and explains why', () => {
    const w = world();
    const lines = suggestionsFrom({
      items: w.items,
      history: w.history,
      onHand: w.stock.totalsBySku(),
      orders: [],
      reserved: new Map(),
      minimums: new Map(),
      suppliers: new Map(),
      today: now,
    });
    const b = lines.find((l) => l.sku === 'B-1')!;
    // position 15 ≤ ROP 20; up to max 40 is 25 → packs of 10 → 30 (also the MOQ).
    expect(b).toMatchObject({
      onHand: 15,
      onOrder: 0,
      position: 15,
      reorderPoint: 20,
      suggestedQuantity: 30,
      supplier: 'ACME',
    });
    expect(why(b)).toMatch(/^position 15 = on hand 15 \+ on order 0 − reserved 0 ≤ ROP 20 \(set by hand/);
    expect(visibleSuggestions(lines, 'below', '').map((l) => l.sku)).toEqual(['B-1']);
    expect(visibleSuggestions(lines, 'all', 'ACME').map((l) => l.sku)).toEqual(['B-1']);
    expect(draftSuppliers(lines, new Set(['B-1', 'C-9']))).toEqual(['ACME']);
  });

  it('gives the dashboard the stock value at moving average and the items below their reorder point', () => {
    const w = world();
    const suggestions = suggestionsFrom({
      items: w.items,
      history: w.history,
      onHand: w.stock.totalsBySku(),
      orders: [],
      reserved: new Map(),
      minimums: new Map([['C-9', 150]]),
      suppliers: new Map(),
      today: now,
    });
    const d = dashboardFrom({
      lines: w.stock.lines(),
      totals: w.stock.totalsBySku(),
      items: w.byKey,
      history: w.history,
      current: w.current,
      suggestions,
      minimums: new Map([['C-9', 150]]),
      reserved: new Map(),
      orders: [],
      workOrders: [],
      accuracy: [],
      now,
    });
    // B-1: 15 × 3.00 = 45; C-9: 100 × 0.50 = 50.
    expect(d.stockValue).toBe(95);
    expect(d.belowReorderPoint).toBe(2); // B-1 at 15 ≤ 20; C-9 raised to its critical minimum 150
    expect(d.criticalSparesBelowMin).toBe(1);
    expect(d.consumptionTrend.reduce((s, p) => s + p.quantity, 0)).toBe(5);
    expect(d.lastCount).toBeNull();
  });
});
