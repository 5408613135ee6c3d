// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { childKinds, locationRows } from './location-rows.ts';

describe('location rows', () => {
  const actor = { user: 'u', device: 'd' };
  const catalog = new Catalog(new Y.Doc());
  catalog.createLocation({ code: 'WH', kind: 'site' }, actor);
  catalog.createLocation({ code: 'WH-A', kind: 'zone', parent: 'WH' }, actor);
  catalog.createLocation({ code: 'WH-A-01', kind: 'bin', parent: 'WH-A' }, actor);
  catalog.createLocation({ code: 'OLD', kind: 'site', active: false }, actor);
  const all = () => catalog.locations.values();

  it('lists the tree depth-first, following expanded nodes and hiding archived branches', () => {
    const rows = locationRows(all(), () => true, false);
    expect(rows.map((r) => [r.location.code, r.depth])).toEqual([
      ['WH', 0],
      ['WH-A', 1],
      ['WH-A-01', 2],
    ]);
    expect(locationRows(all(), (c) => c !== 'WH-A', true).map((r) => r.location.code)).toEqual([
      'OLD',
      'WH',
      'WH-A',
    ]);
  });

  it('offers only kinds below the parent', () => {
    expect(childKinds(null)).toEqual(['site']);
    expect(childKinds('zone')).toEqual(['aisle', 'bin']);
    expect(childKinds('bin')).toEqual([]);
  });
});
