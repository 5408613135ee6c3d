// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fromZod } from '../result.ts';
import {
  descendantCodes,
  type Location,
  LocationInput,
  LocationPatch,
  locationTree,
  parentProblem,
} from './location.ts';

const errors = (result: ReturnType<typeof fromZod>) => (result.ok ? [] : result.fields);

function loc(code: string, kind: Location['kind'], parent: string | null): Location {
  return {
    code,
    kind,
    parent,
    name: '',
    barcode: null,
    active: true,
    createdAt: '2024-05-01T10:00:00.000Z',
    createdBy: 'ann',
  };
}

describe('LocationInput', () => {
  it('accepts a code alone and defaults to an active bin without parent or barcode', () => {
    expect(LocationInput.parse({ code: 'A-01' })).toEqual({
      code: 'A-01',
      name: '',
      kind: 'bin',
      parent: null,
      barcode: null,
      active: true,
    });
  });

  it('reports each problem on its field', () => {
    expect(errors(fromZod(LocationInput.safeParse({})))).toEqual([{ path: 'code', message: 'is required' }]);
    expect(errors(fromZod(LocationInput.safeParse({ code: 'A 1', parent: '#', barcode: '' })))).toEqual([
      { path: 'parent', message: 'use letters, digits and . _ - / only, starting with a letter or digit' },
      { path: 'barcode', message: 'must not be empty' },
      { path: 'code', message: 'use letters, digits and . _ - / only, starting with a letter or digit' },
    ]);
    expect(errors(fromZod(LocationInput.safeParse({ code: 'A', kind: 'room' }))).map((f) => f.path)).toEqual([
      'kind',
    ]);
  });
});

describe('location barcodes', () => {
  it('must not contain spaces when set', () => {
    const message = 'must not contain spaces (put each barcode on its own line)';
    expect(errors(fromZod(LocationInput.safeParse({ code: 'B1', barcode: 'LOC B1' })))).toEqual([
      { path: 'barcode', message },
    ]);
    expect(errors(fromZod(LocationPatch.safeParse({ barcode: 'LOC B1' })))).toEqual([
      { path: 'barcode', message },
    ]);
    expect(LocationPatch.safeParse({ barcode: 'LOC-B1' }).success).toBe(true);
  });
});

describe('LocationPatch', () => {
  it('keeps only the fields given', () => {
    expect(LocationPatch.parse({ name: 'Top shelf' })).toEqual({ name: 'Top shelf' });
  });

  it('refuses the code, unknown fields and an empty patch', () => {
    expect(LocationPatch.safeParse({ code: 'B' }).success).toBe(false);
    expect(LocationPatch.safeParse({ colour: 'red' }).success).toBe(false);
    expect(errors(fromZod(LocationPatch.safeParse({})))).toEqual([
      { path: '', message: 'nothing to change' },
    ]);
  });
});

describe('parentProblem', () => {
  const site = loc('S', 'site', null);
  const zone = loc('Z', 'zone', 'S');
  const bin = loc('B', 'bin', 'Z');

  it('lets a site stand alone and everything else sit under something higher', () => {
    expect(parentProblem('site', undefined, null)).toBeNull();
    expect(parentProblem('zone', site, 'S')).toBeNull();
    expect(parentProblem('bin', site, 'S')).toBeNull();
    expect(parentProblem('aisle', zone, 'Z')).toBeNull();
  });

  it('explains why a parent is refused', () => {
    expect(parentProblem('bin', undefined, null)).toBe('a bin needs a parent location');
    expect(parentProblem('bin', undefined, 'NOPE')).toBe('parent NOPE does not exist');
    expect(parentProblem('zone', zone, 'Z')).toBe('a zone cannot sit inside a zone');
    expect(parentProblem('zone', bin, 'B')).toBe('a zone cannot sit inside a bin');
    expect(parentProblem('site', site, 'S')).toBe('a site cannot sit inside a site');
  });
});

describe('locationTree', () => {
  it('nests children under parents, sorted by code', () => {
    const tree = locationTree([
      loc('B2', 'bin', 'Z'),
      loc('Z', 'zone', 'S'),
      loc('B1', 'bin', 'Z'),
      loc('S', 'site', null),
      loc('R', 'site', null),
    ]);
    const shape = (nodes: ReturnType<typeof locationTree>): unknown[] =>
      nodes.map((n) => [n.location.code, shape(n.children)]);
    expect(shape(tree)).toEqual([
      ['R', []],
      [
        'S',
        [
          [
            'Z',
            [
              ['B1', []],
              ['B2', []],
            ],
          ],
        ],
      ],
    ]);
  });

  it('shows a location whose parent is missing as a root', () => {
    const tree = locationTree([loc('B', 'bin', 'GONE')]);
    expect(tree.map((n) => n.location.code)).toEqual(['B']);
  });

  it('never hides locations caught in a parent cycle (possible after concurrent edits)', () => {
    const tree = locationTree([loc('S', 'site', null), loc('X', 'zone', 'Y'), loc('Y', 'aisle', 'X')]);
    const seen: string[] = [];
    const walk = (nodes: ReturnType<typeof locationTree>) => {
      for (const n of nodes) {
        seen.push(n.location.code);
        walk(n.children);
      }
    };
    walk(tree);
    expect(seen.sort()).toEqual(['S', 'X', 'Y']);
  });
});

describe('descendantCodes', () => {
  it('includes the root and everything below it, and stops on cycles', () => {
    const all = [
      loc('S', 'site', null),
      loc('Z', 'zone', 'S'),
      loc('A', 'aisle', 'Z'),
      loc('B', 'bin', 'A'),
      loc('Z2', 'zone', 'S'),
      loc('T', 'site', null),
    ];
    expect([...descendantCodes(all, 'Z')].sort()).toEqual(['A', 'B', 'Z']);
    expect([...descendantCodes(all, 'S')].sort()).toEqual(['A', 'B', 'S', 'Z', 'Z2']);
    expect([...descendantCodes([loc('X', 'zone', 'Y'), loc('Y', 'aisle', 'X')], 'X')].sort()).toEqual([
      'X',
      'Y',
    ]);
  });
});
