// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { assignedCounters, type CounterAssignment, liveAssignments } from './counters.ts';
import { DefinitionEvent, foldDefinition, StocktakeInput, scopeOf } from './definition.ts';
import {
  canTransition,
  countingStartedAt,
  foldStatus,
  type StateEvent,
  StateEvent as StateSchema,
} from './lifecycle.ts';
import { at } from './test-fixtures.ts';

const ev = (to: StateEvent['to'], minutes = 0, id = `s-${to}`): StateEvent =>
  to === 'posted'
    ? { id, to, user: 'm', device: 'd', at: at(minutes), period: '2026-03', adjustments: [] }
    : { id, to, user: 'm', device: 'd', at: at(minutes) };

describe('stocktake status', () => {
  it('is draft until counting starts, then follows the states reached', () => {
    expect(foldStatus([])).toBe('draft');
    expect(foldStatus([ev('counting')])).toBe('counting');
    expect(foldStatus([ev('counting'), ev('review')])).toBe('review');
  });

  it('resolves concurrent transitions by precedence, in any order: posted > cancelled > review > counting', () => {
    const cases: [StateEvent['to'][], string][] = [
      [['counting', 'review', 'posted', 'cancelled'], 'posted'],
      [['counting', 'review', 'cancelled'], 'cancelled'],
      [['counting', 'cancelled'], 'cancelled'],
      [['review', 'counting'], 'review'],
    ];
    for (const [tos, expected] of cases) {
      expect(foldStatus(tos.map((t) => ev(t)))).toBe(expected);
      expect(foldStatus(tos.reverse().map((t) => ev(t)))).toBe(expected);
    }
  });

  it('allows only forward transitions and nothing after posted or cancelled', () => {
    expect(canTransition('draft', 'counting')).toBe(true);
    expect(canTransition('draft', 'review')).toBe(false);
    expect(canTransition('counting', 'review')).toBe(true);
    expect(canTransition('review', 'posted')).toBe(true);
    expect(canTransition('counting', 'posted')).toBe(false);
    expect(canTransition('review', 'counting')).toBe(false);
    for (const to of ['counting', 'review', 'posted', 'cancelled'] as const) {
      expect(canTransition('posted', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
    }
  });

  it('takes the earliest counting event as the start of counting', () => {
    expect(countingStartedAt([ev('counting', 5, 'b'), ev('counting', 2, 'a'), ev('review', 1)])).toBe(at(2));
    expect(countingStartedAt([])).toBeNull();
  });

  it('validates state events: a posted event needs its period and adjustments', () => {
    expect(StateSchema.safeParse(ev('posted')).success).toBe(true);
    expect(StateSchema.safeParse({ ...ev('review'), to: 'posted' }).success).toBe(false);
    expect(StateSchema.safeParse({ ...ev('review'), to: 'draft' }).success).toBe(false);
  });
});

describe('assigned counters', () => {
  const assign = (id: string, counter: string): CounterAssignment => ({
    type: 'assign',
    id,
    counter,
    user: 'm',
    device: 'd',
    at: at(0),
  });
  const unassign = (id: string, counter: string, removes: string[]): CounterAssignment => ({
    type: 'unassign',
    id,
    counter,
    removes,
    user: 'm',
    device: 'd',
    at: at(1),
  });

  it('removes only the assignments an unassign saw: a concurrent assignment survives', () => {
    const events = [assign('a1', 'alice'), assign('b1', 'bob'), unassign('u1', 'alice', ['a1'])];
    expect(assignedCounters(events)).toEqual(['bob']);
    expect(assignedCounters([...events, assign('a2', 'alice')])).toEqual(['alice', 'bob']);
    expect(liveAssignments([...events, assign('a2', 'alice')], 'alice')).toEqual(['a2']);
  });
});

describe('definition', () => {
  const created = DefinitionEvent.parse({
    type: 'created',
    id: 'created',
    stocktake: 'st1',
    name: 'Q1',
    scope: { kind: 'locations', locations: ['A'] },
    blind: true,
    tolerance: {},
    user: 'm',
    device: 'd',
    at: at(0),
  });
  const edit = (id: string, minutes: number, patch: object) =>
    DefinitionEvent.parse({ type: 'edited', id, patch, user: 'm', device: 'd', at: at(minutes) });

  it('applies edits field by field in time order, whatever the arrival order', () => {
    const edits = [
      edit('e2', 2, { name: 'Q1 final' }),
      edit('e1', 1, { name: 'Q1 b', tolerance: { units: 2 } }),
    ];
    for (const list of [
      [created, ...edits],
      [...edits.reverse(), created],
    ]) {
      const def = foldDefinition(list)!;
      expect(def.name).toBe('Q1 final');
      expect(def.tolerance).toEqual({ units: 2 });
      expect(def.blind).toBe(true);
      expect(def.createdBy).toBe('m');
    }
    expect(foldDefinition(edits)).toBeNull();
  });

  it('refuses edits that would reset fields to defaults or change nothing', () => {
    expect(DefinitionEvent.safeParse({ ...edit('x', 0, { name: 'a' }), patch: {} }).success).toBe(false);
    expect(
      DefinitionEvent.safeParse({ ...edit('x', 0, { name: 'a' }), patch: { status: 'posted' } }).success,
    ).toBe(false);
  });

  it('reads the create body: locations, or SKUs for a cycle count; blind by default', () => {
    const full = StocktakeInput.parse({ name: 'All', locations: ['B', 'A', 'B'] });
    expect(full.blind).toBe(true);
    expect(scopeOf(full)).toEqual({ kind: 'locations', locations: ['A', 'B'] });
    expect(scopeOf(StocktakeInput.parse({ name: 'Cycle', skus: ['S2', 'S1'] }))).toEqual({
      kind: 'items',
      skus: ['S1', 'S2'],
      locations: [],
    });
    const bad = StocktakeInput.safeParse({ name: 'Nothing', locations: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['locations']);
  });
});
