// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  consumptionSeries,
  dailyIssuesOf,
  daysOfCover,
  daysOfCoverBySku,
  demandTotals,
} from './consumption.ts';

describe('dailyIssuesOf', () => {
  it('dates the days and shares the month value by quantity, the last day taking the remainder', () => {
    // 10 / 3 = 3.3333… each: 3.3333, 3.3333, then 10 − 6.6666 = 3.3334
    expect(
      dailyIssuesOf('2026-02', { dailyIssued: { 9: 1, 1: 1, 28: 1 }, issued: 3, issuedValue: 10 }),
    ).toEqual([
      { date: '2026-02-01', quantity: 1, value: 3.3333 },
      { date: '2026-02-09', quantity: 1, value: 3.3333 },
      { date: '2026-02-28', quantity: 1, value: 3.3334 },
    ]);
    expect(dailyIssuesOf('2026-02', { dailyIssued: {}, issued: 0, issuedValue: 0 })).toEqual([]);
  });

  it('nets to zero without NaN when parts returned from a work order cancel the issues', () => {
    // 5 issued on the 3rd at 2.00, 5 returned on the 10th at 2.10: net quantity 0, value −0.50.
    expect(dailyIssuesOf('2026-02', { dailyIssued: { 3: 5, 10: -5 }, issued: 0, issuedValue: -0.5 })).toEqual(
      [
        { date: '2026-02-03', quantity: 5, value: 0 },
        { date: '2026-02-10', quantity: -5, value: -0.5 },
      ],
    );
  });
});

describe('consumptionSeries', () => {
  const daily = [
    { date: '2025-12-28', quantity: 1, value: 2 }, // Sunday, 2025-W52
    { date: '2025-12-29', quantity: 2, value: 4 }, // Monday, 2026-W01
    { date: '2026-01-01', quantity: 3, value: 6 }, // 2026-W01
    { date: '2026-01-01', quantity: 0.5, value: 1 }, // same day: summed
    { date: '2026-01-12', quantity: 4, value: 8 }, // 2026-W03
    { date: '2026-01-20', quantity: 9, value: 9 }, // after the range: left out
  ];

  it('buckets into ISO weeks across a year end, empty weeks included, ends clipped to the range', () => {
    expect(consumptionSeries(daily, { from: '2025-12-24', to: '2026-01-14', by: 'week' })).toEqual([
      { period: '2025-W52', start: '2025-12-24', end: '2025-12-28', quantity: 1, value: 2 },
      { period: '2026-W01', start: '2025-12-29', end: '2026-01-04', quantity: 5.5, value: 11 },
      { period: '2026-W02', start: '2026-01-05', end: '2026-01-11', quantity: 0, value: 0 },
      { period: '2026-W03', start: '2026-01-12', end: '2026-01-14', quantity: 4, value: 8 },
    ]);
  });

  it('buckets into months and days', () => {
    expect(consumptionSeries(daily, { from: '2025-11-15', to: '2026-01-14', by: 'month' })).toEqual([
      { period: '2025-11', start: '2025-11-15', end: '2025-11-30', quantity: 0, value: 0 },
      { period: '2025-12', start: '2025-12-01', end: '2025-12-31', quantity: 3, value: 6 },
      { period: '2026-01', start: '2026-01-01', end: '2026-01-14', quantity: 7.5, value: 15 },
    ]);
    expect(consumptionSeries(daily, { from: '2025-12-31', to: '2026-01-02', by: 'day' })).toEqual([
      { period: '2025-12-31', start: '2025-12-31', end: '2025-12-31', quantity: 0, value: 0 },
      { period: '2026-01-01', start: '2026-01-01', end: '2026-01-01', quantity: 3.5, value: 7 },
      { period: '2026-01-02', start: '2026-01-02', end: '2026-01-02', quantity: 0, value: 0 },
    ]);
  });

  it('is empty for a range that ends before it starts', () => {
    expect(consumptionSeries(daily, { from: '2026-01-02', to: '2026-01-01', by: 'day' })).toEqual([]);
  });
});

describe('days of cover', () => {
  it('divides on hand by the daily rate it is given', () => {
    expect(daysOfCover(30, 1.5)).toBe(20);
    expect(daysOfCover(30, 0)).toBeNull(); // nothing consumed: no end
    expect(daysOfCover(0, 2)).toBe(0);
    expect(daysOfCover(-3, 2)).toBe(0);
  });

  it('takes the rate per item from an injected estimate (a forecast)', () => {
    const onHand = new Map([
      ['A', 10],
      ['B', 10],
      ['C', 0],
    ]);
    const rate = (sku: string) => ({ A: 2, B: null, C: null })[sku] ?? null;
    expect(daysOfCoverBySku(onHand, rate)).toEqual(
      new Map([
        ['A', 5],
        ['B', null],
        ['C', 0],
      ]),
    );
  });
});

describe('demandTotals', () => {
  it('adds demand per item over periods, in exact units', () => {
    const p1 = new Map([['A', { issued: 0.1, issuedValue: 0.1 }]]);
    const p2 = new Map([
      ['A', { issued: 0.2, issuedValue: 0.2 }],
      ['B', { issued: 1, issuedValue: 5 }],
    ]);
    expect(demandTotals([p1, p2])).toEqual(
      new Map([
        ['A', { quantity: 0.3, value: 0.3 }],
        ['B', { quantity: 1, value: 5 }],
      ]),
    );
  });
});
