// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { EntryChange, RuleView, Writer } from '../sync/write-rules.ts';
import { checkChanges } from '../sync/write-rules.ts';
import { voidId } from './count-void.ts';
import { encodeCount } from './entry-codec.ts';
import { stateEventId } from './lifecycle.ts';
import { autoRecountId, doneId, startId } from './location-events.ts';
import { sessionId } from './session.ts';
import { stocktakeRules } from './write-rules.ts';

const ID = 'st1';
const rules = stocktakeRules(ID);
const counter: Writer = { user: 'ana', device: 'phone-a', role: 'counter' };
const manager: Writer = { user: 'max', device: 'desk', role: 'manager' };
const at = '2026-12-01T10:00:00.000Z';
const stamp = (w: Writer) => ({ user: w.user, device: w.device, at });

function added(map: string, key: string, value: unknown, before?: unknown): EntryChange {
  return {
    map,
    key,
    before,
    after: value,
    added: [value],
    overwrites: false,
    replaced: before !== undefined,
  };
}

function view(entries: Record<string, Record<string, unknown>> = {}): RuleView {
  return {
    get: (map, key) => entries[map]?.[key],
    values: (map) => Object.values(entries[map] ?? {}),
  };
}

const check = (w: Writer, c: EntryChange, v = view()) => checkChanges(rules, [c], w, v);

const entry = (w: Writer, id = 'e1') =>
  encodeCount({
    id,
    session: sessionId(w.user, w.device),
    location: 'A-1',
    sku: 'BOLT',
    quantity: 1,
    round: 1,
    at: '2026-12-01T10:00:00.000Z',
    source: 'scan',
  });

describe('stocktake write rules', () => {
  it("a counter cannot do a manager's job: state, definition, assignments, resolutions", () => {
    const cancel = { id: stateEventId(ID, 'cancelled'), to: 'cancelled', ...stamp(counter) };
    expect(check(counter, added('states', cancel.id, cancel))).toMatch(/only managers/);
    expect(check(manager, added('states', cancel.id, { ...cancel, ...stamp(manager) }))).toBeNull();
    const edit = { type: 'edited', id: 'd1', patch: { blind: false }, ...stamp(counter) };
    expect(check(counter, added('definition', 'd1', edit))).toMatch(/only managers/);
    const assign = { type: 'assign', id: 'a1', counter: 'eve', ...stamp(counter) };
    expect(check(counter, added('counters', 'a1', assign))).toMatch(/only managers/);
    const resolution = { id: 'r1', barcode: '4006381333931', sku: 'BOLT', ...stamp(counter) };
    expect(check(counter, added('resolutions', 'r1', resolution))).toMatch(/only managers/);
  });

  it('a manager writes state only in their own name', () => {
    const close = { id: stateEventId(ID, 'review'), to: 'review', ...stamp(counter) };
    expect(check(manager, added('states', close.id, close))).toMatch(/another user/);
  });

  it("count entries: only in the writer's own counting session, never replaced by someone else", () => {
    expect(check(counter, added('e', 'e1', entry(counter)))).toBeNull();
    expect(check(counter, added('e', 'e1', entry(manager)))).toMatch(/another counter's session/);
    expect(check(counter, added('e', 'e1', ['junk']))).toMatch(/not a valid count/);
    expect(check(counter, added('e', 'e1', entry(counter), entry(manager)))).toMatch(
      /another counter counted/,
    );
    expect(check(counter, { ...added('e', 'e1', entry(counter), entry(counter)), overwrites: true })).toMatch(
      /never changed/,
    );
    expect(check(counter, { ...added('e', 'e1', undefined, entry(counter)), added: [] })).toMatch(
      /never removed/,
    );
  });

  it('voids: a counter voids only their own counts; a manager any', () => {
    const v = (w: Writer, entryId: string) => ({ id: voidId(ID, entryId), entry: entryId, ...stamp(w) });
    const room = view({ e: { mine: entry(counter, 'mine'), theirs: entry(manager, 'theirs') } });
    expect(check(counter, added('voids', voidId(ID, 'mine'), v(counter, 'mine')), room)).toBeNull();
    expect(check(counter, added('voids', voidId(ID, 'theirs'), v(counter, 'theirs')), room)).toMatch(
      /only their own/,
    );
    expect(check(manager, added('voids', voidId(ID, 'mine'), v(manager, 'mine')), room)).toBeNull();
    const misnamed = { ...v(counter, 'mine'), id: 'wrong-id' };
    expect(check(counter, added('voids', 'wrong-id', misnamed), room)).toMatch(/does not match the entry/);
  });

  it('location events: no expected quantities from a device; managers close rounds and ask recounts', () => {
    const start = {
      type: 'start',
      id: startId(ID, 'A-1', 1, 'ana', 'phone-a'),
      location: 'A-1',
      round: 1,
      ...stamp(counter),
    };
    expect(check(counter, added('locations', start.id, start))).toBeNull();
    expect(
      check(counter, added('locations', start.id, { ...start, expected: [{ sku: 'BOLT', quantity: 1000 }] })),
    ).toMatch(/come from the server/);
    const forAll = { type: 'done', id: doneId(ID, 'A-1', 1, null), location: 'A-1', round: 1, forAll: true };
    expect(check(counter, added('locations', forAll.id, { ...forAll, ...stamp(counter) }))).toMatch(
      /only managers/,
    );
    expect(check(manager, added('locations', forAll.id, { ...forAll, ...stamp(manager) }))).toBeNull();
    const recount = {
      type: 'recount',
      id: 'rc1',
      location: 'A-1',
      round: 2,
      assignee: null,
      blind: true,
      ...stamp(counter),
    };
    expect(check(counter, added('locations', 'rc1', recount))).toMatch(/only managers/);
  });

  it('a verifier asks for the recount its disagreeing verification calls for', () => {
    const verify = {
      type: 'verify',
      id: 'v1',
      location: 'A-1',
      round: 2,
      of: 1,
      assignee: 'ana',
      ...stamp(manager),
    };
    const room = view({ locations: { v1: verify } });
    const id = autoRecountId(ID, 'A-1', 2);
    const recount = {
      type: 'recount',
      id,
      location: 'A-1',
      round: 3,
      assignee: null,
      blind: true,
      ...stamp(counter),
    };
    expect(check(counter, added('locations', id, recount), room)).toBeNull();
    expect(check(counter, added('locations', id, { ...recount, assignee: 'ana' }), room)).toMatch(
      /only managers/,
    );
    expect(check(counter, added('locations', id, recount))).toMatch(/only managers/);
  });

  it('maps the room does not have are refused', () => {
    expect(check(manager, added('snapshots', 's', {}))).toMatch(/not part of this room/);
  });
});
