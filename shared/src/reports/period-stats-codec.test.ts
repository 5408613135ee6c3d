// @vitest-environment node
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Movement } from '../ledger/movement.ts';
import { foldPeriodStats, type PeriodItemStats } from './period-stats.ts';
import { decodePeriodItemStats, encodePeriodItemStats } from './period-stats-codec.ts';
import { adjust, issue, receive } from './test-fixtures.ts';

const typical: PeriodItemStats = {
  qtyIn: 50,
  qtyOut: 22.5,
  valueIn: 61.25,
  valueOut: 27.5625,
  issued: 20,
  issuedValue: 24.5,
  closingQty: 37.5,
  avgCost: 1.225,
  dailyIssued: { 3: 5, 12: 10, 27: 5 },
  lastIssueAt: '2026-03-27T14:02:11.000Z',
  lastReceiptAt: '2026-03-02T08:00:00.000Z',
};

describe('encodePeriodItemStats / decodePeriodItemStats', () => {
  it('encodes to a tuple of integers and decodes back to the same stats', () => {
    const encoded = encodePeriodItemStats(typical);
    expect(encoded).toEqual([
      1,
      500_000,
      225_000,
      612_500,
      275_625,
      245_000,
      375_000,
      12_250,
      [3, 50_000, 12, 100_000, 27, 50_000],
      (Date.parse('2026-03-27T14:02:11.000Z') - Date.parse('2025-01-01T00:00:00.000Z')) / 1000,
      (Date.parse('2026-03-02T08:00:00.000Z') - Date.parse('2025-01-01T00:00:00.000Z')) / 1000,
    ]);
    expect(decodePeriodItemStats(encoded)).toEqual({ ok: true, stats: typical });
    // Through JSON too (what a Y.Map hands back is a plain value).
    expect(decodePeriodItemStats(JSON.parse(JSON.stringify(encoded)))).toEqual({ ok: true, stats: typical });
  });

  it('round-trips nulls and empty days', () => {
    const none: PeriodItemStats = {
      ...typical,
      qtyOut: 0,
      valueOut: 0,
      issued: 0,
      issuedValue: 0,
      avgCost: null,
      dailyIssued: {},
      lastIssueAt: null,
      lastReceiptAt: null,
      closingQty: -3.0001,
    };
    expect(decodePeriodItemStats(encodePeriodItemStats(none))).toEqual({ ok: true, stats: none });
  });

  it('round-trips whatever foldPeriodStats produces', () => {
    const arb = fc.array(
      fc.record({
        kind: fc.constantFrom('receive', 'issue', 'adjust'),
        q: fc.integer({ min: 1, max: 10_000_000 }),
        c: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: undefined }),
        day: fc.integer({ min: 1, max: 30 }),
        sec: fc.integer({ min: 0, max: 86_399 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (gs) => {
        const ms: Movement[] = gs.map((g, i) => {
          const at = new Date(Date.UTC(2026, 3, g.day) + g.sec * 1000).toISOString();
          const q = g.q / 10_000;
          return g.kind === 'receive'
            ? receive('A', q, at, g.c === undefined ? undefined : g.c / 10_000, { id: `m${i}` })
            : g.kind === 'issue'
              ? issue('A', q, at, { id: `m${i}` })
              : adjust('A', i % 2 ? q : -q, at, { id: `m${i}` });
        });
        for (const stats of foldPeriodStats(null, ms, () => 1.2345, '2026-04').values()) {
          const encoded = JSON.parse(JSON.stringify(encodePeriodItemStats(stats)));
          expect(decodePeriodItemStats(encoded)).toEqual({ ok: true, stats });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('takes about 60 bytes an item', () => {
    const bytes = (v: unknown) => {
      const e = encoding.createEncoder();
      encoding.writeAny(e, v as encoding.AnyEncodable);
      return encoding.toUint8Array(e).byteLength;
    };
    // What Yjs writes for the value (lib0 writeAny, as ContentAny does).
    expect(bytes(encodePeriodItemStats(typical))).toBe(62);
    const carried = {
      ...typical,
      qtyIn: 0,
      qtyOut: 0,
      valueIn: 0,
      valueOut: 0,
      issued: 0,
      issuedValue: 0,
      dailyIssued: {},
    };
    expect(bytes(encodePeriodItemStats(carried))).toBe(34);

    const doc = new Y.Doc();
    const map = doc.getMap('stats');
    const before = Y.encodeStateAsUpdate(doc).byteLength;
    doc.transact(() => {
      for (let i = 0; i < 1000; i++)
        map.set(`SKU-${String(i).padStart(5, '0')}`, encodePeriodItemStats(typical));
    });
    const perItem = (Y.encodeStateAsUpdate(doc).byteLength - before) / 1000;
    // The value, plus the entry's header and its key ('SKU-00000'): about 19 bytes.
    expect(perItem).toBeLessThan(85);
    console.log(`period stats in a Y.Map: ${perItem.toFixed(1)} bytes an item (value 62, key included)`);
  });

  it('returns a problem in words for anything invalid, never throws', () => {
    const bad = (v: unknown) => {
      const r = decodePeriodItemStats(v);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.problem;
    };
    const valid = encodePeriodItemStats(typical);
    const with_ = (i: number, v: unknown) => valid.map((x, j) => (j === i ? v : x));
    expect(bad(null)).toMatch(/must be a list/);
    expect(bad({})).toMatch(/must be a list/);
    expect(bad(valid.slice(0, 10))).not.toBe('');
    expect(bad(with_(0, 2))).toMatch(/unknown version/);
    expect(bad(with_(1, -1))).toMatch(/negative/);
    expect(bad(with_(2, 1.5))).toMatch(/whole number/);
    expect(bad(with_(7, 'x'))).toMatch(/number/);
    expect(bad(with_(8, [3, 300_000]))).toMatch(/demand/);
    expect(bad(with_(8, [3]))).toMatch(/pairs/);
    expect(bad(with_(8, [12, 100_000, 3, 100_000]))).toMatch(/ascending/);
    expect(bad(with_(8, [32, 200_000]))).toMatch(/1–31/);
    expect(bad(with_(8, [3, 0]))).toMatch(/quantity/);
    expect(bad(with_(5, 300_000))).toMatch(/demand/);
    expect(bad(with_(9, 9e12))).not.toBe('');
    expect(bad(with_(9, 'yesterday'))).toMatch(/number/);
  });
});
