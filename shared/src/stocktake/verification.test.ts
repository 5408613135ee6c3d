import { describe, expect, it } from 'vitest';
import { foldLocations } from './rounds.ts';
import type { StocktakeData } from './stocktake-data.ts';
import { summarize } from './summary.ts';
import { count, data, done, recount, verify } from './test-fixtures.ts';
import { compareRounds, verificationSummaries } from './verification.ts';

const bobDone = (round = 2) => done({ user: 'bob', round, at: '2026-03-10T09:00:00.000Z' });

/** Alice counts A-1 in round 1 (10 × SKU-1, 4 × SKU-2), Bob verifies it blind in round 2. */
function verified(check: { sku: string; quantity: number }[], extra: Partial<StocktakeData> = {}) {
  return data({
    entries: [
      count({ sku: 'SKU-1', quantity: 10 }),
      count({ sku: 'SKU-2', quantity: 4 }),
      ...check.map((c) => count({ ...c, user: 'bob', round: 2 })),
    ],
    locationEvents: [done(), verify(1, { assignee: 'bob' }), bobDone()],
    ...extra,
  });
}

describe('verification', () => {
  it('compares item by item, an item missing on one side counting 0', () => {
    const fold = foldLocations(
      verified([
        { sku: 'SKU-1', quantity: 9 },
        { sku: 'SKU-3', quantity: 1 },
      ]),
      { tolerance: {} },
    ).get('A-1')!;
    const lines = compareRounds(fold.rounds[0]!, fold.rounds[1]!, { tolerance: { units: 1 } });
    expect(lines.map((l) => [l.item.sku, l.primary, l.check, l.difference, l.withinTolerance])).toEqual([
      ['SKU-1', 10, 9, -1, true],
      ['SKU-2', 4, 0, -4, false],
      ['SKU-3', 0, 1, 1, true],
    ]);
  });

  it('agrees within tolerance, disagrees beyond it, and the fold flags the location for a recount', () => {
    const close = verified([
      { sku: 'SKU-1', quantity: 9 },
      { sku: 'SKU-2', quantity: 4 },
    ]);
    const within = summarize({ ...close, definition: { ...close.definition!, tolerance: { percent: 10 } } });
    expect(within.verifications).toMatchObject([
      { location: 'A-1', round: 2, of: 1, result: 'agrees', assignees: ['bob'], counters: ['bob'] },
    ]);
    expect(within.verifications[0]!.primaryCounters).toEqual(['alice']);
    expect(within.locations.find((l) => l.location === 'A-1')!.status).toBe('done');

    const beyond = summarize({ ...close, definition: { ...close.definition!, tolerance: { percent: 5 } } });
    expect(beyond.verifications[0]).toMatchObject({ result: 'disagrees', current: true, followedBy: null });
    expect(beyond.verifications[0]!.lines.find((l) => !l.withinTolerance)!.item.sku).toBe('SKU-1');
    expect(beyond.locations.find((l) => l.location === 'A-1')).toMatchObject({
      status: 'recount',
      verification: 'disagrees',
    });
  });

  it('is pending until the verification round is complete, and the counters see it as theirs', () => {
    const open = data({
      entries: [count({ quantity: 10 }), count({ user: 'bob', round: 2, quantity: 3 })],
      locationEvents: [done(), verify(1, { assignee: 'bob' })],
    });
    const s = summarize(open);
    expect(s.verifications[0]).toMatchObject({ result: 'pending', lines: [{ primary: 10, check: 3 }] });
    expect(s.locations.find((l) => l.location === 'A-1')).toMatchObject({
      status: 'counting',
      activeRound: 2,
      activeKind: 'verify',
      assignees: ['bob'],
      blind: true,
    });
  });

  it('records the recount a disagreement led to; the comparison stays as evidence', () => {
    const d = verified([{ sku: 'SKU-1', quantity: 10 }], {});
    const after = {
      ...d,
      locationEvents: [...d.locationEvents, recount({ round: 3, at: '2026-03-10T09:30:00Z' })],
    };
    const [v] = verificationSummaries(foldLocations(after, { tolerance: {} }).values(), { tolerance: {} });
    expect(v).toMatchObject({ result: 'disagrees', current: false, followedBy: 3 });
    const progress = summarize(after).locations.find((l) => l.location === 'A-1')!;
    expect(progress).toMatchObject({
      status: 'recount',
      activeRound: 3,
      activeKind: 'count',
      verification: 'none',
    });
  });

  it('matches the fold’s own agreement on every verification', () => {
    for (const quantity of [8, 9, 10, 11, 12]) {
      const d = verified([
        { sku: 'SKU-1', quantity },
        { sku: 'SKU-2', quantity: 4 },
      ]);
      const options = { tolerance: { units: 1 } };
      const fold = foldLocations(d, options).get('A-1')!;
      const [v] = verificationSummaries([fold], options);
      expect(v!.result).toBe(fold.verification);
    }
  });
});
