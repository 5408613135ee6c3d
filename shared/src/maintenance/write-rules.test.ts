// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventCollection } from '../event-collection.ts';
import { Movement } from '../ledger/movement.ts';
import {
  checkChanges,
  type EntryChange,
  type RoomRules,
  type RuleView,
  type Writer,
} from '../sync/write-rules.ts';
import { ASSET_CODEC, MaintenanceRoom, SCHEDULE_CODEC } from './maintenance-room.ts';
import { editKey, partId, partMovementId, plannedKey, scheduleWorkOrderId } from './work-order.ts';
import { WorkOrdersRoom } from './work-orders-room.ts';
import { maintenanceRules, workOrderRules } from './write-rules.ts';

const planner: Writer = { user: 'mia', device: 'desk', role: 'manager' };
const tech: Writer = { user: 'tom', device: 'phone-t', role: 'technician' };
const clerk: Writer = { user: 'cleo', device: 'gun-1', role: 'clerk' };
const viewer: Writer = { user: 'val', device: 'tab', role: 'viewer' };
const at = '2026-03-01T10:00:00.000Z';
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

const check = (rules: RoomRules, w: Writer, c: EntryChange, v = view()) => checkChanges(rules, [c], w, v);

describe('maintenance room rules', () => {
  const asset = (w: Writer) =>
    ASSET_CODEC.encode({
      code: 'P1',
      name: 'Pump',
      criticality: 'critical',
      createdAt: at,
      createdBy: w.user,
    });

  it('planners write assets and schedules; technicians, clerks and viewers do not', () => {
    expect(check(maintenanceRules, planner, added('assets', 'P1', asset(planner)))).toBeNull();
    for (const w of [tech, clerk, viewer])
      expect(check(maintenanceRules, w, added('assets', 'P1', asset(w)))).toMatch(
        /only maintenance planners/,
      );
    const schedule = SCHEDULE_CODEC.encode({
      id: 's1',
      asset: 'P1',
      title: 'Grease',
      recurrence: { unit: 'days', every: 7 },
      start: '2026-03-02',
      createdAt: at,
      createdBy: 'mia',
    });
    expect(check(maintenanceRules, planner, added('schedules', 's1', schedule))).toBeNull();
    expect(check(maintenanceRules, tech, added('schedules', 's1', schedule))).toMatch(
      /only maintenance planners/,
    );
  });

  it('a record must be valid and in the writer’s name; field edits name a real field with a valid value', () => {
    expect(check(maintenanceRules, planner, added('assets', 'P1', { n: '' }))).toMatch(/not a valid asset/);
    expect(check(maintenanceRules, planner, added('assets', 'P1', asset(tech)))).toMatch(/another user/);
    const held = view({ assets: { P1: asset(planner) } });
    const field = (f: string, v: unknown) => added('assets.fields', `P1\u001f${f}`, v);
    expect(check(maintenanceRules, planner, field('criticality', 'high'), held)).toBeNull();
    expect(check(maintenanceRules, planner, field('criticality', 'extreme'), held)).toMatch(
      /not a valid criticality/,
    );
    expect(check(maintenanceRules, planner, field('createdBy', 'eve'), held)).toMatch(/not a field/);
    expect(check(maintenanceRules, planner, field('code', 'P2'), held)).toMatch(/not a field/);
    expect(check(maintenanceRules, planner, added('assets.fields', 'P2\u001fname', 'x'), held)).toMatch(
      /no such asset/,
    );
    expect(check(maintenanceRules, tech, field('name', 'x'), held)).toMatch(/only maintenance planners/);
    expect(
      check(maintenanceRules, planner, { ...field('name', undefined), before: 'x', added: [] }, held),
    ).toMatch(/never removed/);
    expect(check(maintenanceRules, planner, added('work', 'k', {}))).toMatch(/not part of this room/);
  });
});

describe('work-order room rules', () => {
  const order = (w: Writer, over: Record<string, unknown> = {}) => ({
    id: 'wo1',
    asset: 'P1',
    title: 'Replace seal',
    priority: 'high',
    ...stamp(w),
    ...over,
  });
  const room = (states: Record<string, unknown> = {}) => view({ orders: { wo1: order(planner) }, states });
  const part = (w: Writer, over: Record<string, unknown> = {}) => ({
    id: partId('wo1', 'req-1'),
    wo: 'wo1',
    request: 'req-1',
    kind: 'issue',
    sku: 'SEAL',
    quantity: 2,
    location: 'A-1',
    unitCost: 2.5,
    movement: partMovementId('wo1', 'req-1'),
    ...stamp(w),
    ...over,
  });
  const state = (to: string, id = `st-${to}`) => ({ id, wo: 'wo1', to, ...stamp(planner) });

  it('a technician cannot create or edit work orders, plan parts, change status, reserve or release', () => {
    expect(check(workOrderRules, tech, added('orders', 'wo1', order(tech)))).toMatch(
      /only maintenance planners/,
    );
    expect(check(workOrderRules, planner, added('orders', 'wo1', order(planner)))).toBeNull();
    const edit = { wo: 'wo1', field: 'title', value: 'x', ...stamp(tech) };
    expect(check(workOrderRules, tech, added('edits', editKey('wo1', 'title'), edit), room())).toMatch(
      /only maintenance planners/,
    );
    const plan = { wo: 'wo1', sku: 'SEAL', quantity: 1, ...stamp(tech) };
    expect(check(workOrderRules, tech, added('planned', plannedKey('wo1', 'SEAL'), plan), room())).toMatch(
      /only maintenance planners/,
    );
    const st = { id: 's1', wo: 'wo1', to: 'in_progress', ...stamp(tech) };
    expect(check(workOrderRules, tech, added('states', 's1', st), room())).toMatch(
      /only maintenance planners/,
    );
    for (const quantity of [3, -3]) {
      const r = { id: 'r1', wo: 'wo1', sku: 'SEAL', quantity, ...stamp(tech) };
      expect(check(workOrderRules, tech, added('reservations', 'r1', r), room())).toMatch(
        /only maintenance planners/,
      );
    }
    expect(
      check(workOrderRules, tech, added('numbers', 'wo1', { wo: 'wo1', number: 'WO-2026-0001', at })),
    ).toMatch(/only the server/);
  });

  it('planners edit, plan, change status and reserve in their own name, for work orders that exist', () => {
    const edit = { wo: 'wo1', field: 'priority', value: 'urgent', ...stamp(planner) };
    expect(
      check(workOrderRules, planner, added('edits', editKey('wo1', 'priority'), edit), room()),
    ).toBeNull();
    expect(check(workOrderRules, planner, added('edits', editKey('wo1', 'title'), edit), room())).toMatch(
      /its key is not/,
    );
    expect(
      check(
        workOrderRules,
        planner,
        added('edits', editKey('wo2', 'priority'), { ...edit, wo: 'wo2' }),
        room(),
      ),
    ).toMatch(/no such work order/);
    expect(
      check(
        workOrderRules,
        planner,
        added('edits', editKey('wo1', 'priority'), { ...edit, value: 'whenever' }),
        room(),
      ),
    ).toMatch(/not a valid work order edit/);
    const plan = { wo: 'wo1', sku: 'SEAL', quantity: 0, ...stamp(planner) };
    expect(
      check(workOrderRules, planner, added('planned', plannedKey('wo1', 'SEAL'), plan), room()),
    ).toBeNull();
    const r = { id: 'r1', wo: 'wo1', sku: 'SEAL', quantity: 5, shortage: true, ...stamp(planner) };
    expect(check(workOrderRules, planner, added('reservations', 'r1', r), room())).toBeNull();
    expect(
      check(workOrderRules, planner, added('reservations', 'r1', { ...r, ...stamp(tech) }), room()),
    ).toMatch(/another user/);
    expect(check(workOrderRules, planner, added('states', 's1', state('on_hold', 's1')), room())).toBeNull();
    expect(
      check(
        workOrderRules,
        planner,
        { ...added('states', 's1', state('complete', 's1'), state('on_hold', 's1')), overwrites: true },
        room(),
      ),
    ).toMatch(/never changed/);
  });

  it('technicians issue and return parts to open work orders only, in their own name, with cause-derived ids', () => {
    expect(check(workOrderRules, tech, added('parts', part(tech).id, part(tech)), room())).toBeNull();
    const ret = part(tech, {
      kind: 'return',
      id: partId('wo1', 'req-2'),
      request: 'req-2',
      movement: partMovementId('wo1', 'req-2'),
    });
    expect(check(workOrderRules, tech, added('parts', ret.id, ret), room())).toBeNull();
    expect(check(workOrderRules, clerk, added('parts', part(clerk).id, part(clerk)), room())).toBeNull();
    expect(check(workOrderRules, viewer, added('parts', part(viewer).id, part(viewer)), room())).toMatch(
      /only people who issue parts/,
    );
    // In another's name, on another device.
    expect(check(workOrderRules, tech, added('parts', part(clerk).id, part(clerk)), room())).toMatch(
      /another user/,
    );
    expect(
      check(workOrderRules, tech, added('parts', part(tech).id, part(tech, { device: 'desk' })), room()),
    ).toMatch(/another device/);
    // Ids not derived from (work order, request).
    expect(
      check(workOrderRules, tech, added('parts', 'random', part(tech, { id: 'random' })), room()),
    ).toMatch(/not the id of its work order and request/);
    expect(
      check(workOrderRules, tech, added('parts', part(tech).id, part(tech, { movement: 'm-1' })), room()),
    ).toMatch(/not its movement id/);
    // No such order; a complete or cancelled one.
    const other = part(tech, {
      wo: 'wo9',
      id: partId('wo9', 'req-1'),
      movement: partMovementId('wo9', 'req-1'),
    });
    expect(check(workOrderRules, tech, added('parts', other.id, other), room())).toMatch(
      /no such work order/,
    );
    for (const to of ['complete', 'cancelled'])
      expect(
        check(workOrderRules, tech, added('parts', part(tech).id, part(tech)), room({ s: state(to) })),
      ).toMatch(/complete or cancelled/);
    expect(
      check(
        workOrderRules,
        tech,
        added('parts', part(tech).id, part(tech)),
        room({ a: state('in_progress'), b: state('on_hold') }),
      ),
    ).toBeNull();
    // A replay of the same request: the same technician's copy may stand in; nobody else's.
    expect(
      check(workOrderRules, tech, added('parts', part(tech).id, part(tech), part(tech)), room()),
    ).toBeNull();
    expect(
      check(workOrderRules, clerk, added('parts', part(clerk).id, part(clerk), part(tech)), room()),
    ).toMatch(/another user/);
    expect(
      check(
        workOrderRules,
        tech,
        { ...added('parts', part(tech).id, undefined, part(tech)), added: [] },
        room(),
      ),
    ).toMatch(/never removed/);
  });

  it('a schedule’s work order carries the id of its occurrence; two nodes’ copies may replace each other', () => {
    const id = scheduleWorkOrderId('s1', '2026-03-02');
    const generated = (w: Writer) => order(w, { id, schedule: 's1', due: '2026-03-02' });
    expect(check(workOrderRules, planner, added('orders', id, generated(planner)))).toBeNull();
    expect(
      check(
        workOrderRules,
        planner,
        added('orders', 'wo1', order(planner, { schedule: 's1', due: '2026-03-02' })),
      ),
    ).toMatch(/not the work order id of its schedule/);
    expect(
      check(workOrderRules, planner, added('orders', id, order(planner, { id, schedule: 's1' }))),
    ).toMatch(/not the work order id/);
    const max: Writer = { user: 'max', device: 'laptop', role: 'admin' };
    expect(check(workOrderRules, max, added('orders', id, generated(max), generated(planner)))).toBeNull();
    // A hand-made order's id is only ever its creator's.
    expect(check(workOrderRules, max, added('orders', 'wo1', order(max), order(planner)))).toMatch(
      /another user/,
    );
  });
});

/** Every entry a doc holds as one change each, checked against the rules with the doc as the view. */
function checkDoc(rules: RoomRules, doc: Y.Doc, writerOf: (map: string, value: unknown) => Writer) {
  const docView: RuleView = {
    get: (map, key) => (doc.share.has(map) ? doc.getMap(map).get(key) : undefined),
    values: (map) => (doc.share.has(map) ? [...doc.getMap(map).values()] : []),
  };
  const refusals: string[] = [];
  for (const name of doc.share.keys()) {
    for (const [key, v] of doc.getMap(name)) {
      const r = checkChanges(rules, [added(name, key, v)], writerOf(name, v), docView);
      if (r) refusals.push(r);
    }
  }
  return refusals;
}

describe('what the rooms write keeps to the rules', () => {
  it('MaintenanceRoom and WorkOrdersRoom writes by planners and technicians all pass', () => {
    const mdoc = new Y.Doc();
    const m = new MaintenanceRoom(mdoc);
    const actor = { user: planner.user, device: planner.device };
    const asset = m.createAsset(
      { code: 'P1', name: 'Pump', criticality: 'high', spares: [{ sku: 'SEAL', quantity: 2 }] },
      actor,
    );
    expect(asset.ok).toBe(true);
    expect(m.createAsset({ code: 'P1-M', name: 'Motor', parent: 'P1', barcode: 'TAG-1' }, actor).ok).toBe(
      true,
    );
    expect(m.patchAsset('P1-M', { criticality: 'critical', location: null }).ok).toBe(true);
    const s = m.createSchedule(
      {
        asset: 'P1',
        title: 'Grease',
        recurrence: { unit: 'weeks', every: 2, weekday: 3 },
        start: '2026-03-01',
      },
      actor,
      new Date('2026-02-01T00:00:00.000Z'),
    );
    if (!s.ok) throw new Error(s.message);
    expect(
      m.patchSchedule(s.value.id, { reserveDaysAhead: 14, parts: [{ sku: 'GREASE', quantity: 1 }] }).ok,
    ).toBe(true);
    expect(checkDoc(maintenanceRules, mdoc, () => planner)).toEqual([]);

    const wdoc = new Y.Doc();
    const w = new WorkOrdersRoom(wdoc, 2026);
    const ledger = new EventCollection(new Y.Doc(), 'movements', Movement, 'ledger-2026-03');
    const ctx = { actor, now: new Date('2026-03-01T10:00:00.000Z') };
    const wo = w.create({ asset: 'P1', title: 'Fix', parts: [{ sku: 'SEAL', quantity: 2 }] }, ctx);
    if (!wo.ok) throw new Error(wo.message);
    const id = wo.value.id;
    const [due] = m.dueWorkOrders('2026-03-01');
    expect(w.createFromSchedule(due!, ctx).ok).toBe(true);
    expect(w.edit(id, { priority: 'urgent', assignee: 'tom', description: 'leaks' }, ctx).ok).toBe(true);
    expect(w.planParts(id, [{ sku: 'OIL', quantity: 1 }], ctx).ok).toBe(true);
    expect(
      w.reserve(id, { sku: 'SEAL', quantity: 2, location: 'A-1' }, 1, { ...ctx, allowShortage: true }).ok,
    ).toBe(true);
    expect(w.release(id, { sku: 'SEAL', quantity: 1, request: 'rel-1' }, ctx).ok).toBe(true);
    expect(w.setStatus(id, 'in_progress', ctx).ok).toBe(true);
    const techCtx = { actor: { user: tech.user, device: tech.device }, now: ctx.now };
    const part = { request: 'req-1', sku: 'SEAL', quantity: 2, location: 'A-1', lot: 'L1', unitCost: 4 };
    expect(w.issue(id, part, ledger, techCtx).ok).toBe(true);
    expect(w.returnPart(id, { ...part, request: 'req-2', quantity: 1 }, ledger, techCtx).ok).toBe(true);
    const writer = (map: string, v: unknown) =>
      map === 'parts' || (v as { user?: string }).user === tech.user ? tech : planner;
    expect(checkDoc(workOrderRules, wdoc, writer)).toEqual([]);
  });
});
