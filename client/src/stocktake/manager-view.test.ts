import { summarize } from '@stockroom/shared/stocktake/summary';
import { count, data, done, recount, start, verify } from '@stockroom/shared/stocktake/test-fixtures';
import { describe, expect, it } from 'vitest';
import { disagreeing, locationRows, paceSeries, recentPace, verifierChoices } from './manager-view.ts';

describe('manager view', () => {
  it('gives each location its lines, missing and unexpected items and variance', () => {
    const s = summarize(
      data({
        locationEvents: [
          start([
            { sku: 'SKU-1', quantity: 5 },
            { sku: 'SKU-2', quantity: 2 },
          ]),
          done(),
        ],
        entries: [count({ sku: 'SKU-1', quantity: 4 }), count({ sku: 'SKU-3', quantity: 1 })],
      }),
    );
    const a1 = locationRows(s).find((r) => r.progress.location === 'A-1')!;
    expect(a1.progress.status).toBe('done');
    expect(a1.missing.map((l) => l.sku)).toEqual(['SKU-2']);
    expect(a1.unexpected.map((l) => l.sku)).toEqual(['SKU-3']);
    expect(a1.varianceUnits).toBe(-2); // -1 SKU-1, -2 SKU-2, +1 SKU-3
    expect(a1.beyondTolerance).toBe(3);
    expect(locationRows(s).find((r) => r.progress.location === 'B-1')!.progress.status).toBe('not_started');
  });

  it('fills minutes without scans with 0 and averages recent pace', () => {
    const pace = [
      {
        user: 'alice',
        scans: 7,
        perMinute: [
          { minute: '2026-03-10T08:00Z', scans: 3 },
          { minute: '2026-03-10T08:03Z', scans: 4 },
        ],
      },
      { user: 'bob', scans: 2, perMinute: [{ minute: '2026-03-10T08:02Z', scans: 2 }] },
    ];
    expect(paceSeries(pace)).toEqual({
      minutes: ['2026-03-10T08:00Z', '2026-03-10T08:01Z', '2026-03-10T08:02Z', '2026-03-10T08:03Z'],
      series: [
        { user: 'alice', scans: [3, 0, 0, 4] },
        { user: 'bob', scans: [0, 0, 2, 0] },
      ],
    });
    expect(paceSeries(pace, 2).minutes).toEqual(['2026-03-10T08:02Z', '2026-03-10T08:03Z']);
    expect(paceSeries([])).toEqual({ minutes: [], series: [] });
    const rate = recentPace(pace, new Date('2026-03-10T08:03:30Z'), 2);
    expect(rate.get('alice')).toBe(2); // 4 scans over 08:02–08:03
    expect(rate.get('bob')).toBe(1);
  });

  it('offers a verification of a done location to the counters who did not count it', () => {
    const s = summarize(
      data({
        locationEvents: [start([{ sku: 'SKU-1', quantity: 5 }]), done()],
        entries: [count({ sku: 'SKU-1', quantity: 5 })],
      }),
    );
    const a1 = locationRows(s).find((r) => r.progress.location === 'A-1')!;
    expect(a1.canVerify).toBe(true);
    expect(a1.countedBy).toEqual(['alice']);
    expect(a1.verifications).toEqual([]);
    expect(verifierChoices(['alice', 'bob', 'cat'], a1.countedBy)).toEqual(['bob', 'cat']);
    expect(locationRows(s).find((r) => r.progress.location === 'A-2')!.canVerify).toBe(false);
  });

  it('shows the verification next to the count, and lists the locations to recount', () => {
    const check = [
      count({ sku: 'SKU-1', quantity: 5 }),
      count({ sku: 'SKU-1', quantity: 3, user: 'bob', round: 2 }),
    ];
    const events = [
      start([{ sku: 'SKU-1', quantity: 5 }]),
      done(),
      verify(1, { assignee: 'bob' }),
      done({ user: 'bob', round: 2, at: '2026-03-10T09:00:00.000Z' }),
    ];
    const s = summarize(data({ locationEvents: events, entries: check }));
    const a1 = locationRows(s).find((r) => r.progress.location === 'A-1')!;
    expect(a1.progress).toMatchObject({ status: 'recount', verification: 'disagrees' });
    expect(a1.canVerify).toBe(false);
    expect(a1.verifications).toHaveLength(1);
    expect(a1.verifications[0]).toMatchObject({
      round: 2,
      of: 1,
      result: 'disagrees',
      lines: [{ item: { sku: 'SKU-1' }, primary: 5, check: 3, difference: -2, withinTolerance: false }],
    });
    // The first count stays the count until a recount replaces it.
    expect(a1.lines[0]).toMatchObject({ sku: 'SKU-1', counted: 5, variance: 0 });
    expect(disagreeing(s)).toEqual(['A-1']);

    // Once the recount is requested, nothing is left to ask for; the comparison stays.
    const later = summarize(
      data({
        locationEvents: [...events, recount({ round: 3, at: '2026-03-10T09:10:00.000Z' })],
        entries: check,
      }),
    );
    expect(disagreeing(later)).toEqual([]);
    const row = locationRows(later).find((r) => r.progress.location === 'A-1')!;
    expect(row.verifications[0]).toMatchObject({ followedBy: 3, current: false });
  });
});
