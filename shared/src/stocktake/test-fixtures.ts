// Builders for the stocktake tests: plain events with sensible defaults.
import type { Movement } from '../ledger/movement.ts';
import type { AttributedCount } from './count-entry.ts';
import type { Definition } from './definition.ts';
import type { StateEvent } from './lifecycle.ts';
import type { ExpectedLine, LocationEvent } from './location-events.ts';
import { sessionId } from './session.ts';
import { emptyData, type StocktakeData } from './stocktake-data.ts';

export const T0 = Date.parse('2026-03-10T08:00:00.000Z');
/** An ISO time `minutes` after T0. */
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

export function definition(over: Partial<Definition> = {}): Definition {
  return {
    id: 'st1',
    name: 'March count',
    scope: { kind: 'locations', locations: ['A-1', 'A-2', 'B-1'] },
    blind: true,
    tolerance: {},
    createdBy: 'manager',
    createdAt: at(-60),
    ...over,
  };
}

export function data(over: Partial<StocktakeData> = {}): StocktakeData {
  return { ...emptyData('st1'), definition: definition(), states: [state('counting', -30)], ...over };
}

export function state(to: 'counting' | 'review' | 'cancelled', minutes: number): StateEvent {
  return { id: `state-${to}`, to, user: 'manager', device: 'desk', at: at(minutes) };
}

export function count(
  over: Partial<AttributedCount> & { location?: string; sku?: string; user?: string } = {},
): AttributedCount {
  const user = over.user ?? 'alice';
  const device = over.device ?? `${user}-phone`;
  const e: AttributedCount = {
    id: nextId('e'),
    session: sessionId(user, device),
    location: 'A-1',
    quantity: 1,
    round: 1,
    at: at(1),
    source: 'scan',
    user,
    device,
    ...over,
  };
  if (e.barcode === undefined && e.sku === undefined) e.sku = 'SKU-1';
  return e;
}

type Stamp = { user?: string; at?: string; location?: string; round?: number; id?: string };
const stamp = (o: Stamp) => ({
  id: o.id ?? nextId('l'),
  user: o.user ?? 'alice',
  device: `${o.user ?? 'alice'}-phone`,
  at: o.at ?? at(0),
  location: o.location ?? 'A-1',
  round: o.round ?? 1,
});

export const start = (expected: ExpectedLine[], o: Stamp = {}): LocationEvent => ({
  type: 'start',
  expected,
  ...stamp(o),
});
export const done = (o: Stamp & { forAll?: boolean } = {}): LocationEvent => ({
  type: 'done',
  forAll: o.forAll ?? false,
  ...stamp({ at: at(10), ...o }),
});
export const empty = (o: Stamp = {}): LocationEvent => ({ type: 'empty', ...stamp({ at: at(10), ...o }) });
export const recount = (o: Stamp & { assignee?: string; blind?: boolean } = {}): LocationEvent => ({
  type: 'recount',
  assignee: o.assignee ?? null,
  blind: o.blind ?? true,
  ...stamp({ user: 'manager', round: 2, at: at(20), ...o }),
});
export const verify = (of: number, o: Stamp & { assignee?: string } = {}): LocationEvent => ({
  type: 'verify',
  of,
  assignee: o.assignee ?? null,
  ...stamp({ user: 'manager', round: 2, at: at(20), ...o }),
});

export function movement(over: Partial<Movement> & Pick<Movement, 'type'>): Movement {
  return {
    id: nextId('m'),
    sku: 'SKU-1',
    location: 'A-1',
    quantity: 1,
    user: 'picker',
    device: 'scanner',
    at: at(5),
    ...(over.type === 'adjust' ? { reason: 'test' } : {}),
    ...over,
  } as Movement;
}
