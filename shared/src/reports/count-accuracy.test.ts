// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../stocktake/lifecycle.ts';
import { accuracyOverTime, countAccuracy, postedAtOf } from './count-accuracy.ts';

const line = (
  value: number,
  withinTolerance: boolean,
  extra: { final?: boolean; snapshot?: boolean } = {},
) => ({
  value,
  withinTolerance,
  final: true,
  snapshot: true,
  ...extra,
});

describe('countAccuracy', () => {
  it('counts final lines with a snapshot: accuracy, absolute and net value', () => {
    expect(
      countAccuracy([
        line(10, false),
        line(-5, true),
        line(0, true),
        line(-2.5, true),
        line(100, false, { final: false }), // a running count: not posted
        line(40, false, { snapshot: false }), // expected unknown: not posted
      ]),
    ).toEqual({ linesCounted: 4, linesWithinTolerance: 3, accuracy: 75, absoluteValue: 17.5, netValue: 2.5 });
  });

  it('rounds the percentage to 2 decimals, and is null without lines', () => {
    expect(countAccuracy([line(0, true), line(0, true), line(1, false)]).accuracy).toBe(66.67);
    expect(countAccuracy([])).toEqual({
      linesCounted: 0,
      linesWithinTolerance: 0,
      accuracy: null,
      absoluteValue: 0,
      netValue: 0,
    });
  });
});

describe('accuracyOverTime', () => {
  it('gives one point per posted stocktake, by posted date then id', () => {
    const points = accuracyOverTime([
      { id: 'st-2', postedAt: '2026-03-01T10:00:00.000Z', lines: [line(1, false)] },
      { id: 'st-1', name: 'Q4 count', postedAt: '2025-12-20T10:00:00Z', lines: [line(0, true)] },
      { id: 'st-0', postedAt: '2026-03-01T10:00:00.000Z', lines: [] },
    ]);
    expect(points.map((p) => [p.id, p.accuracy])).toEqual([
      ['st-1', 100],
      ['st-0', null],
      ['st-2', 0],
    ]);
    expect(points[0]!.name).toBe('Q4 count');
  });
});

describe('postedAtOf', () => {
  it('is the posted state event time, null before posting', () => {
    const stamp = { user: 'u', device: 'd' };
    const states: StateEvent[] = [
      { id: 'c', to: 'counting', at: '2026-03-01T08:00:00.000Z', ...stamp },
      { id: 'p', to: 'posted', at: '2026-03-02T09:00:00.000Z', period: '2026-03', adjustments: [], ...stamp },
    ];
    expect(postedAtOf(states)).toBe('2026-03-02T09:00:00.000Z');
    expect(postedAtOf(states.slice(0, 1))).toBeNull();
  });
});
