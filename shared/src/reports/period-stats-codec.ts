import { z } from 'zod';
import { fromUnits, toUnits } from '../quantity.ts';
import { describeZodError } from '../validation.ts';
import { fromValueUnits, toValueUnits } from './money.ts';
import type { PeriodItemStats } from './period-stats.ts';

/**
 * PeriodItemStats as one plain JSON value, for a Y.Map keyed by SKU (the key carries the
 * SKU, the room the period). A tuple of integers — quantity units, value units, whole
 * seconds since 2025-01-01T00:00:00Z (as stocktake entries, entry-codec.ts) — because Yjs
 * encodes integers below 2³¹ as varints and everything else as 9-byte floats: a typical
 * item (three days of demand) takes 62 bytes, an item carried without movements 34, plus
 * ~19 bytes of Y.Map entry and its SKU key (period-stats-codec.test.ts measures them);
 * epoch milliseconds would add 8, an object with named fields and ISO dates twice as much.
 *
 *   [version, qtyIn, qtyOut, valueIn, valueOut, issuedValue, closingQty, avgCost | null,
 *    [day, qty, day, qty, …], lastIssueAt | null, lastReceiptAt | null]
 *
 * `issued` is not stored: it is the sum of the daily quantities. The daily list is flat
 * (day, quantity pairs, days ascending): a nested pair costs two bytes more each.
 */
export type EncodedPeriodItemStats = [
  version: 1,
  qtyIn: number,
  qtyOut: number,
  valueIn: number,
  valueOut: number,
  issuedValue: number,
  closingQty: number,
  avgCost: number | null,
  daily: number[],
  lastIssueAt: number | null,
  lastReceiptAt: number | null,
];

const Int = z.number({ error: 'must be a number' }).int('must be a whole number').min(-9e15).max(9e15);
const NonNegative = Int.min(0, 'must not be negative');
const EPOCH_SECONDS = Date.UTC(2025, 0, 1) / 1000;
/** Seconds since EPOCH_SECONDS, within what a Date can hold. */
const Time = Int.min(-8.6e12).max(8.6e12).nullable();
const toTime = (iso: string | null) =>
  iso === null ? null : Math.floor(Date.parse(iso) / 1000) - EPOCH_SECONDS;
const fromTime = (t: number | null) =>
  t === null ? null : new Date((t + EPOCH_SECONDS) * 1000).toISOString();

// Quantities may be negative: parts returned from a work order reduce a day's net demand.
const Daily = z
  .array(Int)
  .max(62, 'must hold at most 31 days')
  .refine((xs) => xs.length % 2 === 0, 'must be day, quantity pairs')
  .refine((xs) => {
    for (let i = 0; i < xs.length; i += 2) {
      const day = xs[i]!;
      if (day < 1 || day > 31 || (i > 0 && day <= xs[i - 2]!) || xs[i + 1] === 0) return false;
    }
    return true;
  }, 'days must be 1–31, ascending, each with a quantity');

const dailyTotal = (daily: readonly number[]) => daily.reduce((sum, x, i) => (i % 2 ? sum + x : sum), 0);

const Encoded = z
  .tuple(
    [
      z.literal(1, { error: 'unknown version' }),
      NonNegative,
      NonNegative,
      NonNegative,
      NonNegative,
      Int,
      Int,
      NonNegative.nullable(),
      Daily,
      Time,
      Time,
    ],
    {
      error: (issue) => (issue.code === 'invalid_type' ? 'must be a list (stored period stats)' : undefined),
    },
  )
  .refine(
    ([, , qtyOut, , valueOut, issuedValue, , , daily]) =>
      dailyTotal(daily) <= qtyOut && issuedValue <= valueOut,
    { message: 'demand must not exceed what went out', path: [8] },
  );

export function encodePeriodItemStats(s: PeriodItemStats): EncodedPeriodItemStats {
  const daily: number[] = [];
  for (const [day, qty] of Object.entries(s.dailyIssued).sort(([a], [b]) => Number(a) - Number(b)))
    daily.push(Number(day), toUnits(qty));
  return [
    1,
    toUnits(s.qtyIn),
    toUnits(s.qtyOut),
    toValueUnits(s.valueIn),
    toValueUnits(s.valueOut),
    toValueUnits(s.issuedValue),
    toUnits(s.closingQty),
    s.avgCost === null ? null : toValueUnits(s.avgCost),
    daily,
    toTime(s.lastIssueAt),
    toTime(s.lastReceiptAt),
  ];
}

export type DecodedPeriodItemStats = { ok: true; stats: PeriodItemStats } | { ok: false; problem: string };

/** Validates a stored value (anything a client wrote) and decodes it; a problem in words when invalid. */
export function decodePeriodItemStats(value: unknown): DecodedPeriodItemStats {
  const parsed = Encoded.safeParse(value);
  if (!parsed.success) return { ok: false, problem: describeZodError(parsed.error) };
  const [, qtyIn, qtyOut, valueIn, valueOut, issuedValue, closing, avg, daily, lastIssue, lastReceipt] =
    parsed.data;
  const dailyIssued: Record<number, number> = {};
  for (let i = 0; i < daily.length; i += 2) dailyIssued[daily[i]!] = fromUnits(daily[i + 1]!);
  return {
    ok: true,
    stats: {
      qtyIn: fromUnits(qtyIn),
      qtyOut: fromUnits(qtyOut),
      valueIn: fromValueUnits(valueIn),
      valueOut: fromValueUnits(valueOut),
      issued: fromUnits(dailyTotal(daily)),
      issuedValue: fromValueUnits(issuedValue),
      closingQty: fromUnits(closing),
      avgCost: avg === null ? null : fromValueUnits(avg),
      dailyIssued,
      lastIssueAt: fromTime(lastIssue),
      lastReceiptAt: fromTime(lastReceipt),
    },
  };
}
