import { describe, expect, it } from 'vitest';
import { firstRunSteps, needsFirstRun } from './first-run.ts';

describe('first run', () => {
  it('is offered while the catalog has no location or no item', () => {
    expect(needsFirstRun({ locations: 0, bins: 0, items: 0 })).toBe(true);
    expect(needsFirstRun({ locations: 3, bins: 1, items: 0 })).toBe(true);
    expect(needsFirstRun({ locations: 0, bins: 0, items: 5 })).toBe(true);
    expect(needsFirstRun({ locations: 3, bins: 1, items: 5 })).toBe(false);
  });

  it('marks locations done once a bin exists, items once one item exists', () => {
    const empty = firstRunSteps({ locations: 0, bins: 0, items: 0 });
    expect(empty.map((s) => [s.id, s.done])).toEqual([
      ['locations', false],
      ['items', false],
      ['team', false],
      ['practice', false],
    ]);
    const siteOnly = firstRunSteps({ locations: 2, bins: 0, items: 1 });
    expect(siteOnly[0]).toMatchObject({ done: false, detail: '2 locations, 0 bins so far.' });
    expect(siteOnly[1]).toMatchObject({ done: true, detail: '1 item so far.' });
  });

  it('links each step to the screen that does it', () => {
    const hrefs = firstRunSteps({ locations: 0, bins: 0, items: 0 }).flatMap((s) =>
      s.links.map((l) => l.href),
    );
    expect(hrefs).toEqual(['#/locations', '#/import', '#/items/new', '#/admin/users', '#/training']);
  });
});
