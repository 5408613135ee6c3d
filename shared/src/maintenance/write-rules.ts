import type { z } from 'zod';
import type { RecordCodec } from '../catalog/record-codec.ts';
import {
  fieldOf,
  type MapRule,
  parsed,
  type Refusal,
  type RoomRules,
  type RuleView,
  requires,
  sameUser,
  stampedAdd,
} from '../sync/write-rules.ts';
import { Asset, AssetFields } from './asset.ts';
import { ASSET_CODEC, SCHEDULE_CODEC } from './maintenance-room.ts';
import { Schedule, ScheduleFields } from './schedule.ts';
import {
  editKey,
  PartRecord,
  PlannedPart,
  partId,
  partMovementId,
  plannedKey,
  Reservation,
  StatusEvent,
  scheduleWorkOrderId,
  WorkOrderCreated,
  WorkOrderEdit,
} from './work-order.ts';

const PLANNERS = 'maintenance planners write this';
const ISSUERS = 'people who issue parts write this';
const byPlanners = { permission: 'maintenance.plan', who: PLANNERS } as const;
const SEP = '\u001f';

// ── maintenance: assets and schedules ───────────────────────────────────────────────────

/**
 * A record's creation (`<kind>`) and its field edits (`<kind>.fields`, `key␟field`), as
 * RecordCollection stores them: planners only; a creation must decode to a valid record
 * in the writer's name, an edit must name a field people edit and hold a valid value for
 * it, on a record that exists. What spans records (parents, cycles, unique barcodes) is
 * checked by MaintenanceRoom when writing and tolerated when reading: two planners offline
 * can merge into it without either being wrong.
 */
function recordMaps(
  kind: string,
  what: string,
  schema: z.ZodType,
  codec: RecordCodec,
  editable: Readonly<Record<string, z.ZodType>>,
): Record<string, MapRule> {
  return {
    [kind]: {
      mode: 'fields',
      add(value, key, writer) {
        const denied = requires(writer, 'maintenance.plan', PLANNERS);
        if (denied) return denied;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return `not a valid ${what}`;
        const p = parsed(schema, codec.decode(key, value as Record<string, unknown>), what);
        if ('refusal' in p) return p.refusal;
        return fieldOf(p.value, 'createdBy') === writer.user ? null : 'created in the name of another user';
      },
    },
    [`${kind}.fields`]: {
      mode: 'fields',
      add(value, key, writer, view) {
        const denied = requires(writer, 'maintenance.plan', PLANNERS);
        if (denied) return denied;
        const i = key.lastIndexOf(SEP);
        const record = key.slice(0, i);
        const field = key.slice(i + 1);
        if (i < 0 || !Object.hasOwn(editable, field)) return `not a field of a ${what}`;
        if (!editable[field]!.safeParse(value).success) return `not a valid ${field} of a ${what}`;
        return view.get(kind, record) === undefined ? `no such ${what}` : null;
      },
    },
  };
}

/** `maintenance`: planners (maintenance.plan) write assets and schedules, field by field. */
export const maintenanceRules: RoomRules = {
  maps: {
    ...recordMaps('assets', 'asset', Asset, ASSET_CODEC, AssetFields.shape),
    ...recordMaps('schedules', 'schedule', Schedule, SCHEDULE_CODEC, ScheduleFields.shape),
  },
};

// ── work-orders-YYYY ────────────────────────────────────────────────────────────────────

const orderExists = (wo: string, view: RuleView): Refusal =>
  view.get('orders', wo) === undefined ? 'no such work order' : null;

/**
 * Complete or cancelled, from the held status events (they are random ids, so they are
 * looked through; each was checked against its schema when it arrived).
 */
function terminal(wo: string, view: RuleView): boolean {
  for (const s of view.values('states')) {
    if (fieldOf(s, 'wo') !== wo) continue;
    const to = fieldOf(s, 'to');
    if (to === 'complete' || to === 'cancelled') return true;
  }
  return false;
}

function plannersAppend(schema: Parameters<typeof parsed>[0], what: string): MapRule {
  return {
    mode: 'append',
    add: stampedAdd({
      schema,
      what,
      ...byPlanners,
      also: (_value, _key, view, raw) => [orderExists(fieldOf(raw, 'wo') ?? '', view)],
    }),
  };
}

/**
 * `work-orders-YYYY`: planners (maintenance.plan) create work orders, edit their fields,
 * plan parts, change status, reserve and release; people who issue parts (maintenance.issue:
 * technicians, clerks) write only part records — issues and returns — in their own name,
 * with ids derived from (work order, request), and only for work orders that are not
 * complete or cancelled; the server numbers work orders.
 */
export const workOrderRules: RoomRules = {
  maps: {
    orders: {
      mode: 'append',
      add: stampedAdd({
        schema: WorkOrderCreated,
        what: 'work order',
        ...byPlanners,
        also: (o, key) => [
          o.schedule === undefined || (o.due !== undefined && key === scheduleWorkOrderId(o.schedule, o.due))
            ? null
            : 'not the work order id of its schedule and due day',
        ],
      }),
      // A schedule's occurrence has one id whoever creates it: two planners' devices may both have.
      replace(held, incoming, writer) {
        const denied = requires(writer, 'maintenance.plan', PLANNERS);
        if (denied) return denied;
        const schedule = fieldOf(incoming, 'schedule');
        if (schedule !== undefined && fieldOf(held, 'schedule') === schedule) return null;
        return sameUser(held, incoming);
      },
    },
    edits: {
      mode: 'fields',
      add: stampedAdd({
        schema: WorkOrderEdit,
        what: 'work order edit',
        ...byPlanners,
        key: (e, key) => (key === editKey(e.wo, e.field) ? null : 'its key is not its work order and field'),
        also: (e, _key, view) => [orderExists(e.wo, view)],
      }),
    },
    planned: {
      mode: 'fields',
      add: stampedAdd({
        schema: PlannedPart,
        what: 'planned part',
        ...byPlanners,
        key: (pp, key) =>
          key === plannedKey(pp.wo, pp.sku) ? null : 'its key is not its work order and SKU',
        also: (pp, _key, view) => [orderExists(pp.wo, view)],
      }),
    },
    // Random ids (a work order goes back and forth between in progress and on hold): no shared cause.
    states: plannersAppend(StatusEvent, 'status change'),
    reservations: plannersAppend(Reservation, 'reservation'),
    parts: {
      mode: 'append',
      add: stampedAdd({
        schema: PartRecord,
        what: 'part issue or return',
        permission: 'maintenance.issue',
        who: ISSUERS,
        also: (r, key, view) => [
          key === partId(r.wo, r.request) ? null : 'not the id of its work order and request',
          r.movement === partMovementId(r.wo, r.request) ? null : 'not its movement id',
          orderExists(r.wo, view),
          terminal(r.wo, view) ? 'the work order is complete or cancelled' : null,
        ],
      }),
      // A replay of one request: only by the user who made it (the default, said here).
      replace: (held, incoming) => sameUser(held, incoming),
    },
    numbers: { mode: 'server' },
  },
};
