import type { Tracking } from '../catalog/item.ts';
import { effectiveAt, type Movement } from '../ledger/movement.ts';
import { purchaseLineOf } from '../ledger/references.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { type ExpiryDecision, latestDecision } from './expiry-decision.ts';
import { type LotHold, latestHold } from './lot-hold.ts';

/**
 * Lots and serials as records derived from the ledger, never edited by hand: for each
 * item × lot its expiry, where it came from, what is on hand where, whether it is held,
 * and the conflicts offline devices can create (two expiries, a serial in two places).
 * Pure and order-independent: every replica derives the same records from the same events.
 */

export interface LotLocation {
  location: string;
  quantity: number;
}

/** An expiry a receipt stated (`movement`), or that a manager decided (`decision`). */
export interface ExpiryClaim {
  expiry: string;
  movement?: string;
  decision?: string;
}

export type LotConflict =
  /**
   * Two receipts state different expiries: the first one stays until a manager decides
   * (then `kept` is the decision, and only receipts stating a date it did not weigh remain).
   */
  | { kind: 'expiry'; sku: string; lot: string; kept: ExpiryClaim; others: ExpiryClaim[] }
  /** A serial on hand more than once (two devices received it offline): one thing, shown once. */
  | { kind: 'serial-duplicate'; sku: string; lot: string; locations: LotLocation[]; receipts: string[] }
  /** A serial issued or moved from a place it was not (two devices issued it offline). */
  | { kind: 'serial-missing'; sku: string; lot: string; locations: LotLocation[] };

export interface LotRecord {
  sku: string;
  lot: string;
  serial: boolean;
  /** YYYY-MM-DD, the last day it may be used; null when no receipt stated one. */
  expiry: string | null;
  /** The purchase order of its first receipt against one (`po:<order>:<line>`). */
  purchaseOrder?: string;
  /** When it was first received (effective time), null if it only ever came in by adjustment. */
  receivedAt: string | null;
  onHand: number;
  /** Places with stock, by location code. A serial shows 1 wherever it is (conflicts say more). */
  locations: LotLocation[];
  blocked: boolean;
  /** The latest block or release, when there is one. */
  hold?: LotHold;
  /** The manager's decision the expiry comes from, when receipts disagreed. */
  expiryDecision?: ExpiryDecision;
  conflicts: LotConflict[];
}

export interface LotInputs {
  movements: Iterable<Movement>;
  holds?: Iterable<LotHold>;
  expiryDecisions?: Iterable<ExpiryDecision>;
  /** The item's tracking (catalog); unknown SKUs are taken as lot-tracked. */
  tracking?: (sku: string) => Tracking | undefined;
}

interface Acc {
  sku: string;
  lot: string;
  units: Map<string, number>;
  receipts: Movement[];
  holds: LotHold[];
  decisions: ExpiryDecision[];
}

const SEP = '\u001f';
export const lotKey = (sku: string, lot: string) => `${sku}${SEP}${lot}`;

/** Movements in a fixed order whatever order they arrived in: effective time, recorded time, id. */
export function movementOrder(a: Movement, b: Movement): number {
  return cmp(effectiveAt(a), effectiveAt(b)) || cmp(a.at, b.at) || cmp(a.id, b.id);
}

/** Every lot and serial the movements mention, keyed by lotKey(sku, lot). */
export function lotRecords(inputs: LotInputs): Map<string, LotRecord> {
  const accs = new Map<string, Acc>();
  const accOf = (sku: string, lot: string) => {
    const key = lotKey(sku, lot);
    let acc = accs.get(key);
    if (!acc) {
      acc = { sku, lot, units: new Map(), receipts: [], holds: [], decisions: [] };
      accs.set(key, acc);
    }
    return acc;
  };
  const add = (acc: Acc, location: string, units: number) =>
    acc.units.set(location, (acc.units.get(location) ?? 0) + units);

  for (const m of inputs.movements) {
    if (!m.lot) continue;
    const acc = accOf(m.sku, m.lot);
    const q = toUnits(m.quantity);
    if (m.type === 'receive') acc.receipts.push(m);
    if (m.type === 'receive' || m.type === 'adjust') add(acc, m.location, q);
    else add(acc, m.location, -q);
    if (m.type === 'transfer') add(acc, m.toLocation, q);
  }
  // A hold on a lot nothing mentions yet (blocked ahead of a recalled delivery) is a record too.
  for (const h of inputs.holds ?? []) accOf(h.sku, h.lot).holds.push(h);
  for (const d of inputs.expiryDecisions ?? []) accOf(d.sku, d.lot).decisions.push(d);

  const out = new Map<string, LotRecord>();
  for (const [key, acc] of accs) out.set(key, recordOf(acc, inputs.tracking?.(acc.sku) === 'serial'));
  return out;
}

function recordOf(acc: Acc, serial: boolean): LotRecord {
  const receipts = acc.receipts.sort(movementOrder);
  const conflicts: LotConflict[] = [];
  const dated = receipts.filter((m) => m.type === 'receive' && m.expiry !== undefined);
  const claim = (m: Movement): ExpiryClaim => ({ expiry: (m as { expiry: string }).expiry, movement: m.id });
  const decision = latestDecision(acc.decisions);
  // Dates some decision weighed (every decision, not only the standing one): not conflicts again.
  const weighed = new Set(acc.decisions.flatMap((d) => d.over));
  const kept: ExpiryClaim | null = decision
    ? { expiry: decision.expiry, decision: decision.id }
    : dated[0]
      ? claim(dated[0])
      : null;
  if (kept) {
    const others = dated
      .map(claim)
      .filter((c) => c.expiry !== kept.expiry && !(decision && weighed.has(c.expiry)));
    if (others.length > 0) conflicts.push({ kind: 'expiry', sku: acc.sku, lot: acc.lot, kept, others });
  }

  const raw = [...acc.units]
    .filter(([, u]) => u !== 0)
    .sort(([a], [b]) => cmp(a, b))
    .map(([location, u]) => ({ location, units: u }));
  let locations: LotLocation[];
  let onHand: number;
  if (serial) {
    const one = toUnits(1);
    const present = raw.filter((l) => l.units > 0);
    locations = present.map((l) => ({ location: l.location, quantity: 1 }));
    onHand = present.length > 0 ? 1 : 0;
    if (present.length > 1 || present.some((l) => l.units > one)) {
      conflicts.push({
        kind: 'serial-duplicate',
        sku: acc.sku,
        lot: acc.lot,
        locations: present.map((l) => ({ location: l.location, quantity: fromUnits(l.units) })),
        receipts: receipts.map((m) => m.id),
      });
    }
    const negative = raw.filter((l) => l.units < 0);
    if (negative.length > 0) {
      conflicts.push({
        kind: 'serial-missing',
        sku: acc.sku,
        lot: acc.lot,
        locations: negative.map((l) => ({ location: l.location, quantity: fromUnits(l.units) })),
      });
    }
  } else {
    locations = raw
      .filter((l) => l.units > 0)
      .map((l) => ({ location: l.location, quantity: fromUnits(l.units) }));
    onHand = fromUnits(raw.reduce((sum, l) => sum + Math.max(0, l.units), 0));
  }

  const hold = latestHold(acc.holds);
  const po = receipts.map((m) => purchaseLineOf(m.reference)).find((p) => p !== null);
  const record: LotRecord = {
    sku: acc.sku,
    lot: acc.lot,
    serial,
    expiry: kept?.expiry ?? null,
    receivedAt: receipts[0] ? effectiveAt(receipts[0]) : null,
    onHand,
    locations,
    blocked: hold?.action === 'block',
    conflicts,
  };
  if (po) record.purchaseOrder = po.po;
  if (hold) record.hold = hold;
  if (decision) record.expiryDecision = decision;
  return record;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
