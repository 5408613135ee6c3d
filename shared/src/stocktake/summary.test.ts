// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Location } from '../catalog/location.ts';
import { counterPace } from './progress.ts';
import { summarize } from './summary.ts';
import { at, count, data, definition, done, empty, recount, start } from './test-fixtures.ts';

const loc = (code: string, kind: Location['kind'], parent: string | null): Location => ({
  code,
  kind,
  parent,
  name: code,
  barcode: null,
  active: true,
  createdAt: at(-1000),
  createdBy: 'm',
});
const catalog = [
  loc('S', 'site', null),
  loc('Z1', 'zone', 'S'),
  loc('A-1', 'bin', 'Z1'),
  loc('A-2', 'bin', 'Z1'),
  loc('Z2', 'zone', 'S'),
  loc('B-1', 'bin', 'Z2'),
  loc('B-2', 'bin', 'Z2'),
  loc('C-1', 'bin', 'S'),
];

describe('stocktake summary', () => {
  it('tracks every location in scope (zones expand to bins) and aggregates progress per area', () => {
    const d = data({
      definition: definition({ scope: { kind: 'locations', locations: ['Z1', 'B-1'] } }),
      locationEvents: [
        start([{ sku: 'SKU-1', quantity: 1 }]),
        done({ at: at(10) }),
        recount({ location: 'A-1', round: 2 }),
        empty({ location: 'B-1' }),
        start([], { location: 'A-2' }),
      ],
      entries: [count({ quantity: 1 }), count({ location: 'C-1' })],
    });
    const s = summarize(d, { locations: catalog });
    expect(s.locations.map((l) => [l.location, l.status])).toEqual([
      ['A-1', 'recount'],
      ['A-2', 'counting'],
      ['B-1', 'done'],
    ]);
    expect(s.locations.find((l) => l.location === 'B-1')!.confirmedEmpty).toBe(true);
    expect(s.progress).toEqual({ total: 3, notStarted: 0, counting: 1, done: 1, recount: 1 });
    expect(s.areas.map((a) => [a.code, a.kind, a.total, a.counting, a.done, a.recount])).toEqual([
      ['S', 'site', 3, 1, 1, 1],
      ['Z1', 'zone', 2, 1, 0, 1],
      ['Z2', 'zone', 1, 0, 1, 0],
    ]);
    expect(s.outOfScope).toEqual([{ location: 'C-1', sku: 'SKU-1', quantity: 1, reason: 'location' }]);
  });

  it('lists not-started locations and computes accuracy over complete lines', () => {
    const d = data({
      definition: definition({ tolerance: { units: 1 } }),
      locationEvents: [
        start([
          { sku: 'SKU-1', quantity: 10 },
          { sku: 'SKU-2', quantity: 10 },
          { sku: 'SKU-3', quantity: 10 },
        ]),
        done({ at: at(10) }),
        start([{ sku: 'SKU-1', quantity: 5 }], { location: 'A-2' }),
      ],
      entries: [
        count({ quantity: 10 }),
        count({ sku: 'SKU-2', quantity: 9 }),
        count({ sku: 'SKU-3', quantity: 7 }),
        count({ location: 'A-2', quantity: 1 }),
      ],
    });
    const s = summarize(d, { unitCost: (sku) => (sku === 'SKU-3' ? 4 : 1) });
    expect(s.locations.map((l) => [l.location, l.status])).toEqual([
      ['A-1', 'done'],
      ['A-2', 'counting'],
      ['B-1', 'not_started'],
    ]);
    expect(s.totals).toEqual({
      finalLines: 3,
      withinTolerance: 2,
      accuracy: 66.67,
      varianceUnits: -8, // -1 -3 (final) -4 (running at A-2)
      varianceValue: -17,
      absoluteValue: 17,
      beyondTolerance: 2,
    });
  });

  it('is the same whatever order the events arrive in', () => {
    const d = data({
      locationEvents: [
        start([{ sku: 'SKU-1', quantity: 3 }]),
        done({ user: 'bob', at: at(9) }),
        done({ at: at(10) }),
      ],
      entries: [
        count({ user: 'bob', quantity: 2 }),
        count({ quantity: 2 }),
        count({ location: 'B-1', quantity: 1 }),
      ],
    });
    const reversed = {
      ...d,
      locationEvents: [...d.locationEvents].reverse(),
      entries: [...d.entries].reverse(),
    };
    const strip = (s: ReturnType<typeof summarize>) => ({ ...s, folds: [...s.folds.values()] });
    expect(strip(summarize(reversed))).toEqual(strip(summarize(d)));
  });
});

describe('counter pace', () => {
  it('counts non-voided entries per counter per minute', () => {
    const entries = [
      count({ user: 'bob', at: '2026-03-10T08:01:05.000Z' }),
      count({ user: 'bob', at: '2026-03-10T08:01:59.000Z' }),
      count({ user: 'bob', at: '2026-03-10T08:03:00.000Z' }),
      count({ user: 'alice', at: '2026-03-10T08:01:00.000Z', id: 'gone' }),
    ];
    expect(counterPace(entries, new Set(['gone']))).toEqual([
      {
        user: 'bob',
        scans: 3,
        perMinute: [
          { minute: '2026-03-10T08:01Z', scans: 2 },
          { minute: '2026-03-10T08:03Z', scans: 1 },
        ],
      },
    ]);
  });
});
