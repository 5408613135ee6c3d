import { fromUnits, toUnits } from '../quantity.ts';
import { byTimeThenId, compareText } from '../stocktake/stamp.ts';
import type {
  PartRecord,
  PlannedPart,
  Priority,
  Reservation,
  StatusEvent,
  WorkOrderCreated,
  WorkOrderEdit,
  WorkOrderNumber,
  WorkOrderStatus,
} from './work-order.ts';

/** Everything a work-orders room holds, validated, as plain values: every fold takes this. */
export interface WorkOrderData {
  orders: WorkOrderCreated[];
  edits: WorkOrderEdit[];
  planned: PlannedPart[];
  states: StatusEvent[];
  reservations: Reservation[];
  parts: PartRecord[];
  numbers: WorkOrderNumber[];
}

/** What is still reserved at one location (null: anywhere) for one part of one work order. */
export interface ReservedAt {
  location: string | null;
  reserved: number;
}

export interface WorkOrderPartLine {
  sku: string;
  /** The planned quantity (0 when the part was never planned, or taken off the plan). */
  planned: number;
  /**
   * Still held for the work order: max(0, Σ reservations − (issued − returned)) while it is
   * not complete or cancelled, else 0. Issuing consumes the reservation first.
   */
  reserved: number;
  /** `reserved`, split by the locations the reservations named (what is left unnamed: null). */
  reservedAt: ReservedAt[];
  issued: number;
  returned: number;
  /** Issued at their unit costs minus returned at theirs. */
  cost: number;
  /** Some of it was reserved beyond what was available, on purpose, and is still reserved. */
  shortage: boolean;
}

export interface WorkOrderView {
  id: string;
  /** Null until the server has numbered it. */
  number: string | null;
  asset: string;
  title: string;
  description: string | null;
  priority: Priority;
  due: string | null;
  assignee: string | null;
  schedule: string | null;
  status: WorkOrderStatus;
  /** When the status in force was set (null: open since creation). */
  statusAt: string | null;
  createdAt: string;
  createdBy: string;
  parts: WorkOrderPartLine[];
  /** Issues and returns, in time order. */
  records: PartRecord[];
  /** Status events, in time order. */
  history: StatusEvent[];
  /** Cost of the parts issued minus the parts returned (at their recorded unit costs). */
  totalCost: number;
  /** Due before today and neither complete nor cancelled. */
  overdue: boolean;
}

export function isTerminal(status: WorkOrderStatus): boolean {
  return status === 'complete' || status === 'cancelled';
}

/**
 * Status rules, applied to the set of events (order of arrival never matters): complete
 * wins over everything, then cancelled (both terminal: nothing reopens them); otherwise the
 * latest event by (at, id) among open, in progress and on hold decides — so a work order on
 * hold goes back to in progress with a new event. No event: open.
 */
export function foldStatus(events: Iterable<StatusEvent>): { status: WorkOrderStatus; at: string | null } {
  let complete: StatusEvent | undefined;
  let cancelled: StatusEvent | undefined;
  let latest: StatusEvent | undefined;
  const earlier = (a: StatusEvent | undefined, b: StatusEvent) => !a || byTimeThenId(b, a) < 0;
  for (const e of events) {
    if (e.to === 'complete') complete = earlier(complete, e) ? e : complete;
    else if (e.to === 'cancelled') cancelled = earlier(cancelled, e) ? e : cancelled;
    else if (!latest || byTimeThenId(e, latest) > 0) latest = e;
  }
  const decided = complete ?? cancelled ?? latest;
  return decided ? { status: decided.to, at: decided.at } : { status: 'open', at: null };
}

const groupBy = <T extends { wo: string }>(list: Iterable<T>) => {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const g = m.get(x.wo);
    if (g) g.push(x);
    else m.set(x.wo, [x]);
  }
  return m;
};

/** Money in 1/10,000 of the currency: per record rounded, then summed (the same in any order). */
export const costUnits = (quantity: number, unitCost: number) => Math.round(toUnits(quantity) * unitCost);

interface LineUnits {
  planned: number;
  reservations: number;
  byLocation: Map<string, number>;
  issued: number;
  returned: number;
  issuedAt: Map<string, number>;
  cost: number;
  shortage: boolean;
}

export function foldWorkOrders(data: WorkOrderData, today: string): Map<string, WorkOrderView> {
  const edits = groupBy(data.edits);
  const planned = groupBy(data.planned);
  const states = groupBy(data.states);
  const reservations = groupBy(data.reservations);
  const parts = groupBy(data.parts);
  const numbers = new Map<string, string>();
  for (const n of data.numbers) if (!numbers.has(n.wo)) numbers.set(n.wo, n.number);
  const out = new Map<string, WorkOrderView>();
  for (const o of [...data.orders].sort(byTimeThenId)) {
    const fields = {
      title: o.title,
      description: o.description ?? null,
      priority: o.priority,
      due: o.due ?? null,
      assignee: o.assignee ?? null,
    };
    for (const e of edits.get(o.id) ?? []) (fields as Record<string, unknown>)[e.field] = e.value;
    const history = [...(states.get(o.id) ?? [])].sort(byTimeThenId);
    const { status, at: statusAt } = foldStatus(history);
    const terminal = isTerminal(status);

    const lines = new Map<string, LineUnits>();
    const line = (sku: string) => {
      let l = lines.get(sku);
      if (!l) {
        l = {
          planned: 0,
          reservations: 0,
          byLocation: new Map(),
          issued: 0,
          returned: 0,
          issuedAt: new Map(),
          cost: 0,
          shortage: false,
        };
        lines.set(sku, l);
      }
      return l;
    };
    for (const p of planned.get(o.id) ?? []) if (p.quantity > 0) line(p.sku).planned = toUnits(p.quantity);
    for (const r of reservations.get(o.id) ?? []) {
      const l = line(r.sku);
      const q = toUnits(r.quantity);
      l.reservations += q;
      if (r.location) l.byLocation.set(r.location, (l.byLocation.get(r.location) ?? 0) + q);
      if (r.shortage) l.shortage = true;
    }
    const records = [...(parts.get(o.id) ?? [])].sort(byTimeThenId);
    for (const p of records) {
      const l = line(p.sku);
      const q = toUnits(p.quantity);
      const sign = p.kind === 'issue' ? 1 : -1;
      if (p.kind === 'issue') l.issued += q;
      else l.returned += q;
      l.issuedAt.set(p.location, (l.issuedAt.get(p.location) ?? 0) + sign * q);
      l.cost += sign * costUnits(p.quantity, p.unitCost);
    }

    const partLines: WorkOrderPartLine[] = [];
    let total = 0;
    for (const [sku, l] of [...lines].sort(([a], [b]) => compareText(a, b))) {
      const reserved = terminal ? 0 : Math.max(0, l.reservations - (l.issued - l.returned));
      total += l.cost;
      partLines.push({
        sku,
        planned: fromUnits(l.planned),
        reserved: fromUnits(reserved),
        reservedAt: splitByLocation(reserved, l),
        issued: fromUnits(l.issued),
        returned: fromUnits(l.returned),
        cost: fromUnits(l.cost),
        shortage: l.shortage && reserved > 0,
      });
    }
    out.set(o.id, {
      id: o.id,
      number: numbers.get(o.id) ?? null,
      asset: o.asset,
      ...fields,
      schedule: o.schedule ?? null,
      status,
      statusAt,
      createdAt: o.at,
      createdBy: o.user,
      parts: partLines,
      records,
      history,
      totalCost: fromUnits(total),
      overdue: !terminal && fields.due !== null && fields.due < today,
    });
  }
  return out;
}

/**
 * A line's reserved quantity by location: what was reserved at a location, less what was
 * issued from there (net of returns), but never more in all than the line's reserved (trimmed
 * from the last location by code); the rest of `reserved` is held without a location.
 */
function splitByLocation(reserved: number, l: LineUnits): ReservedAt[] {
  if (reserved === 0) return [];
  const located: [string, number][] = [];
  for (const [loc, units] of [...l.byLocation].sort(([a], [b]) => compareText(a, b))) {
    const left = Math.max(0, units - Math.max(0, l.issuedAt.get(loc) ?? 0));
    if (left > 0) located.push([loc, left]);
  }
  let excess = located.reduce((n, [, u]) => n + u, 0) - reserved;
  for (let i = located.length - 1; i >= 0 && excess > 0; i--) {
    const cut = Math.min(excess, located[i]![1]);
    located[i]![1] -= cut;
    excess -= cut;
  }
  const out: ReservedAt[] = [];
  let placed = 0;
  for (const [location, units] of located) {
    if (units <= 0) continue;
    placed += units;
    out.push({ location, reserved: fromUnits(units) });
  }
  if (reserved > placed) out.push({ location: null, reserved: fromUnits(reserved - placed) });
  return out;
}

/** Per SKU, what the work orders still hold reserved. */
export function reservedBySku(orders: Iterable<WorkOrderView>): Map<string, number> {
  const units = new Map<string, number>();
  for (const o of orders)
    for (const p of o.parts)
      if (p.reserved > 0) units.set(p.sku, (units.get(p.sku) ?? 0) + toUnits(p.reserved));
  return sortedFromUnits(units);
}

export interface ReservedLine {
  sku: string;
  /** null: reserved without naming a location. */
  location: string | null;
  reserved: number;
}

/** Per SKU × location, what the work orders still hold reserved, sorted by SKU then location (null last). */
export function reservedByLocation(orders: Iterable<WorkOrderView>): ReservedLine[] {
  const units = new Map<string, { sku: string; location: string | null; units: number }>();
  for (const o of orders)
    for (const p of o.parts)
      for (const r of p.reservedAt) {
        const key = `${p.sku}\u001f${r.location ?? ''}`;
        const held = units.get(key);
        if (held) held.units += toUnits(r.reserved);
        else units.set(key, { sku: p.sku, location: r.location, units: toUnits(r.reserved) });
      }
  return [...units.values()]
    .map((u) => ({ sku: u.sku, location: u.location, reserved: fromUnits(u.units) }))
    .sort(
      (a, b) =>
        compareText(a.sku, b.sku) ||
        (a.location === b.location ? 0 : a.location === null ? 1 : b.location === null ? -1 : 0) ||
        compareText(a.location ?? '', b.location ?? ''),
    );
}

export interface AvailabilityLine {
  sku: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved: negative when more is reserved than there is (a shortage). */
  available: number;
}

/** On hand, reserved and available per SKU (every SKU in either map), sorted by SKU. */
export function availability(
  onHand: ReadonlyMap<string, number>,
  reserved: ReadonlyMap<string, number>,
): AvailabilityLine[] {
  const skus = [...new Set([...onHand.keys(), ...reserved.keys()])].sort(compareText);
  return skus.map((sku) => {
    const h = toUnits(onHand.get(sku) ?? 0);
    const r = toUnits(reserved.get(sku) ?? 0);
    return { sku, onHand: fromUnits(h), reserved: fromUnits(r), available: fromUnits(h - r) };
  });
}

/** Available per SKU as a map (for reserve() and criticalSparesBelow). */
export function availableBySku(lines: Iterable<AvailabilityLine>): Map<string, number> {
  return new Map([...lines].map((l) => [l.sku, l.available]));
}

/**
 * Parts cost per asset over a period: issues minus returns recorded from `from` to `until`
 * (UTC days, both included), at their recorded unit costs, by the work order's asset.
 */
export function partsCostByAsset(
  orders: Iterable<WorkOrderView>,
  from: string,
  until: string,
): Map<string, number> {
  const units = new Map<string, number>();
  for (const o of orders) {
    for (const p of o.records) {
      const day = p.at.slice(0, 10);
      if (day < from || day > until) continue;
      const c = (p.kind === 'issue' ? 1 : -1) * costUnits(p.quantity, p.unitCost);
      units.set(o.asset, (units.get(o.asset) ?? 0) + c);
    }
  }
  return sortedFromUnits(units);
}

function sortedFromUnits(units: Map<string, number>): Map<string, number> {
  return new Map([...units].sort(([a], [b]) => compareText(a, b)).map(([k, u]) => [k, fromUnits(u)]));
}
