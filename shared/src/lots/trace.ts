import type { Movement } from '../ledger/movement.ts';
import type { ExpiryDecision } from './expiry-decision.ts';
import type { LotHold } from './lot-hold.ts';
import {
  type LotConflict,
  type LotInputs,
  type LotLocation,
  lotKey,
  lotRecords,
  movementOrder,
} from './lot-records.ts';

/**
 * Everything that happened to one lot or serial, for a recall or an audit: every movement
 * that names it in time order (received on which PO, moved where, counted, issued to which
 * work order / reference), its blocks and releases, the managers' expiry decisions, and
 * what is left where.
 */
export interface LotTrace {
  sku: string;
  lot: string;
  serial: boolean;
  expiry: string | null;
  purchaseOrder?: string;
  blocked: boolean;
  movements: Movement[];
  holds: LotHold[];
  expiryDecisions: ExpiryDecision[];
  onHand: LotLocation[];
  conflicts: LotConflict[];
}

/** The trace of sku × lot, or null when nothing ever named it. */
export function traceLot(inputs: LotInputs, sku: string, lot: string): LotTrace | null {
  const movements = [...inputs.movements].filter((m) => m.sku === sku && m.lot === lot).sort(movementOrder);
  const holds = [...(inputs.holds ?? [])]
    .filter((h) => h.sku === sku && h.lot === lot)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const expiryDecisions = [...(inputs.expiryDecisions ?? [])]
    .filter((d) => d.sku === sku && d.lot === lot)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const record = lotRecords({ movements, holds, expiryDecisions, tracking: inputs.tracking }).get(
    lotKey(sku, lot),
  );
  if (!record) return null;
  const trace: LotTrace = {
    sku,
    lot,
    serial: record.serial,
    expiry: record.expiry,
    blocked: record.blocked,
    movements,
    holds,
    expiryDecisions,
    onHand: record.locations,
    conflicts: record.conflicts,
  };
  if (record.purchaseOrder) trace.purchaseOrder = record.purchaseOrder;
  return trace;
}
