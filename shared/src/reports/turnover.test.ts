// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { inventoryTurnover, turnoverRatio } from './turnover.ts';

const s = (closingQty: number, avgCost: number | null, issuedValue: number) => ({
  closingQty,
  avgCost,
  issuedValue,
});

describe('inventoryTurnover', () => {
  const opening = new Map([['A', s(10, 2, 0)]]); //                   value 20
  const jan = new Map([
    ['A', s(20, 2, 30)], //                                            value 40
    ['B', s(0, 5, 0)],
  ]);
  const feb = new Map([['A', s(5, 2.4, 50)]]); //                     value 12

  it('is cost of issues over the mean of opening and closing value for one period', () => {
    expect(inventoryTurnover([jan], opening)).toEqual({
      costOfIssues: 30,
      inventoryValues: [20, 40],
      averageValue: 30,
      turns: 1,
    });
  });

  it('averages the opening and every period end over several periods', () => {
    const t = inventoryTurnover([jan, feb], opening);
    expect(t.inventoryValues).toEqual([20, 40, 12]);
    expect(t.averageValue).toBe(24);
    expect(t.turns).toBe(80 / 24);
  });

  it('uses the period ends alone without an opening, and narrows to one item', () => {
    expect(inventoryTurnover([jan, feb]).averageValue).toBe(26);
    expect(inventoryTurnover([jan, feb], opening, 'B')).toEqual({
      costOfIssues: 0,
      inventoryValues: [0, 0, 0],
      averageValue: 0,
      turns: null,
    });
  });

  it('rounds the average to 1/10,000', () => {
    expect(turnoverRatio(1, [1, 1, 0.0001]).averageValue).toBe(0.6667);
    expect(turnoverRatio(5, []).turns).toBeNull();
  });
});
