// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ageBucket, receiptsOf, stockAgeing } from './stock-ageing.ts';
import { issue, receive } from './test-fixtures.ts';

describe('ageBucket', () => {
  it('puts whole days into 0–30, 31–90, 91–180, 181–365, > 365', () => {
    const at = [0, 30, 31, 90, 91, 180, 181, 365, 366, -2].map(ageBucket);
    expect(at).toEqual([
      '0-30',
      '0-30',
      '31-90',
      '31-90',
      '91-180',
      '91-180',
      '181-365',
      '181-365',
      '>365',
      '0-30',
    ]);
  });
});

describe('stockAgeing', () => {
  const now = new Date('2026-06-30T12:00:00.000Z');
  const receipts = [
    { sku: 'BOLT', lot: 'L1', receivedAt: '2026-06-20T12:00:00.000Z', quantity: 5 }, // 10 days
    { sku: 'BOLT', lot: 'L1', receivedAt: '2026-04-01T00:00:00.000Z', quantity: 10 }, // 90.5 days: 31–90
    { sku: 'BOLT', lot: 'L1', receivedAt: '2025-12-01T00:00:00.000Z', quantity: 10 }, // issued already (FIFO)
    { sku: 'BOLT', lot: 'L2', receivedAt: '2026-06-01T00:00:00.000Z', quantity: 4 }, // lot not on hand
    { sku: 'NUT', receivedAt: '2025-01-01T00:00:00.000Z', quantity: 10 }, // 545 days
    { sku: 'NUT', receivedAt: '2026-06-29T00:00:00.000Z', quantity: 10 }, // 1 day
  ];
  const stock = [
    { sku: 'BOLT', lot: 'L1', quantity: 7 }, // two locations: 12 of lot L1
    { sku: 'BOLT', lot: 'L1', quantity: 5 },
    { sku: 'NUT', quantity: 30 }, // 10 more than the receipts explain
    { sku: 'WASHER', quantity: -2 }, // nothing on hand
  ];
  const costs = new Map([
    ['BOLT', 2],
    ['NUT', 0.5],
  ]);

  it('ages what is on hand by the newest receipts (FIFO), by hand', () => {
    expect(stockAgeing(stock, receipts, costs, now)).toEqual({
      rows: [
        {
          sku: 'BOLT',
          lot: 'L1',
          quantity: 12,
          value: 24,
          buckets: { '0-30': 5, '31-90': 7, '91-180': 0, '181-365': 0, '>365': 0 },
          unmatched: 0,
        },
        {
          sku: 'NUT',
          quantity: 30,
          value: 15,
          buckets: { '0-30': 10, '31-90': 0, '91-180': 0, '181-365': 0, '>365': 20 },
          unmatched: 10,
        },
      ],
      totals: [
        { bucket: '0-30', quantity: 15, value: 15 },
        { bucket: '31-90', quantity: 7, value: 14 },
        { bucket: '91-180', quantity: 0, value: 0 },
        { bucket: '181-365', quantity: 0, value: 0 },
        { bucket: '>365', quantity: 20, value: 10 },
      ],
    });
  });

  it('does not depend on the order of the receipts', () => {
    const a = stockAgeing(stock, receipts, costs, now);
    const b = stockAgeing([...stock].reverse(), [...receipts].reverse(), costs, now);
    expect(b).toEqual(a);
  });

  it('takes the receipts from ledger movements by their effective date', () => {
    const r = receiptsOf([
      receive('BOLT', 5, '2026-06-20T12:00:00.000Z', 1, { lot: 'L1', occurredAt: '2026-06-18T08:00:00Z' }),
      issue('BOLT', 1, '2026-06-21T12:00:00.000Z'),
      receive('NUT', 2, '2026-06-22T12:00:00.000Z'),
    ]);
    expect(r).toEqual([
      { sku: 'BOLT', lot: 'L1', receivedAt: '2026-06-18T08:00:00Z', quantity: 5 },
      { sku: 'NUT', receivedAt: '2026-06-22T12:00:00.000Z', quantity: 2 },
    ]);
  });
});
