import type { Actor } from '../actor.ts';
import { causeId } from '../ids.ts';
import { Movement } from '../ledger/movement.ts';
import { periodOf } from '../ledger/period.ts';
import { stocktakeReference } from '../ledger/references.ts';
import { failure, type Result } from '../result.ts';
import { describeZodError } from '../validation.ts';
import { type PostedLine, type StateEvent, stateEventId } from './lifecycle.ts';
import type { StocktakeSummary } from './summary.ts';

/** The adjustments of a stocktake, ready to append to the ledger room of `period`. */
export interface Posting {
  stocktake: string;
  /** The ledger period (room `ledger-<period>`) the movements belong to. */
  period: string;
  /** Their effective date: when counting started. */
  at: string;
  movements: Movement[];
  lines: PostedLine[];
  /** What a manager should know before approving (nothing here blocks posting). */
  warnings: string[];
  /**
   * Locations with counts in a round nobody has marked done: their counts would not be
   * posted, so approving refuses while there are any unless the manager posts anyway with
   * a reason (StocktakeRoom.approve).
   */
  incomplete: string[];
}

/** Locations whose active count round has scans (or an empty confirmation) but is not complete. */
export function incompleteLocations(summary: StocktakeSummary): string[] {
  return summary.locations
    .filter(
      (l) =>
        l.activeKind === 'count' &&
        (l.status === 'counting' || l.status === 'recount') &&
        (l.scans > 0 || l.confirmedEmpty),
    )
    .map((l) => l.location);
}

/**
 * The one id an adjustment of this item × location × lot can have: whoever posts, from any
 * replica, even offline, writes the same id, so the ledger holds one adjustment per line.
 */
export function postingId(stocktakeId: string, sku: string, location: string, lot?: string): string {
  return causeId('stocktake-post', stocktakeId, sku, location, lot ?? '');
}

/**
 * One `adjust` movement per item × location × lot with a non-zero variance, from complete
 * rounds only, of lines that have a snapshot. Stamped with the stocktake's effective date
 * (when counting started) rather than the approval time: every manager then computes the
 * same ledger period, so concurrent approvals cannot land in two ledger rooms (each room
 * dedupes only its own ids) when they straddle a month end; the posted state event keeps
 * the real time and approver.
 *
 * Two managers posting from different views (one missed some scans) still write one
 * adjustment per line (same ids); which of the two quantities a line keeps is the ledger
 * map's merge. postingDrift() shows any line that then differs from the final count.
 */
export function postingMovements(summary: StocktakeSummary, actor: Actor): Result<Posting> {
  const def = summary.definition;
  if (!def) return failure('not_found', 'the stocktake has no definition yet');
  if (summary.status === 'draft' || summary.status === 'cancelled') {
    return failure('conflict', `a ${summary.status} stocktake cannot be posted`, 'status');
  }
  const at = summary.countingStartedAt;
  if (!at) return failure('conflict', 'counting has not started', 'status');

  const movements: Movement[] = [];
  const lines: PostedLine[] = [];
  for (const line of summary.lines) {
    if (!line.final || !line.snapshot || line.variance === 0) continue;
    const id = postingId(summary.id, line.sku, line.location, line.lot);
    const parsed = Movement.safeParse({
      type: 'adjust',
      id,
      sku: line.sku,
      location: line.location,
      ...(line.lot !== undefined ? { lot: line.lot } : {}),
      quantity: line.variance,
      reason: `Stocktake ${def.name}`,
      reference: stocktakeReference(summary.id),
      user: actor.user,
      device: actor.device,
      at,
    });
    if (!parsed.success) {
      return failure(
        'invalid',
        `adjustment of ${line.sku} at ${line.location}: ${describeZodError(parsed.error)}`,
      );
    }
    movements.push(parsed.data);
    lines.push({
      movement: id,
      sku: line.sku,
      location: line.location,
      ...(line.lot !== undefined ? { lot: line.lot } : {}),
      quantity: line.variance,
    });
  }
  return {
    ok: true,
    value: {
      stocktake: summary.id,
      period: periodOf(at),
      at,
      movements,
      lines,
      warnings: warnings(summary),
      incomplete: incompleteLocations(summary),
    },
  };
}

function warnings(summary: StocktakeSummary): string[] {
  const out: string[] = [];
  const list = (codes: string[]) => codes.slice(0, 20).join(', ') + (codes.length > 20 ? ', …' : '');
  const by = (s: string) => summary.locations.filter((l) => l.status === s).map((l) => l.location);
  const notCounted = [...by('not_started'), ...by('counting')].filter(
    (l) => summary.folds.get(l)?.counted == null,
  );
  if (notCounted.length) out.push(`not counted, left as they are: ${list(notCounted)}`);
  const recount = by('recount');
  if (recount.length) out.push(`recount open or needed, the last complete count is used: ${list(recount)}`);
  const verifying = summary.locations.filter((l) => l.verification === 'pending').map((l) => l.location);
  if (verifying.length) out.push(`verification still running: ${list(verifying)}`);
  const unsnapped = [...new Set(summary.lines.filter((l) => l.final && !l.snapshot).map((l) => l.location))];
  if (unsnapped.length) out.push(`no expected snapshot, not adjusted: ${list(unsnapped)}`);
  if (summary.unknownBarcodes.length) {
    out.push(`${summary.unknownBarcodes.length} unknown barcode line(s) not resolved, not adjusted`);
  }
  const moved = summary.lines.filter((l) => l.final && l.movements.length > 0).length;
  if (moved) out.push(`${moved} line(s) had stock movements during the count (included in expected)`);
  const conflicts = summary.locations.filter((l) => l.emptyConflict).map((l) => l.location);
  if (conflicts.length) out.push(`confirmed empty but items counted: ${list(conflicts)}`);
  return out;
}

/** The posted state event (deterministic id: concurrent approvals write one). */
export function postedEvent(posting: Posting, actor: Actor, now = new Date(), reason?: string): StateEvent {
  return {
    id: stateEventId(posting.stocktake, 'posted'),
    to: 'posted',
    user: actor.user,
    device: actor.device,
    at: now.toISOString(),
    ...(reason ? { reason } : {}),
    period: posting.period,
    adjustments: posting.lines,
  };
}

export interface PostingDrift {
  /** Lines the final count says to adjust that the ledger lacks (or holds with another quantity). */
  missing: PostedLine[];
  differing: { line: PostedLine; ledgerQuantity: number }[];
  /** Stocktake adjustments in the ledger that the final count no longer asks for. */
  extra: Movement[];
}

/**
 * Compares what the stocktake's final count asks for with the adjustments really in the
 * ledger: after two managers posted from different views, or scans synced after posting.
 * Drift is corrected by an ordinary adjustment, never by editing a movement.
 */
export function postingDrift(expected: Posting, ledger: Iterable<Movement>): PostingDrift {
  const ref = stocktakeReference(expected.stocktake);
  const inLedger = new Map<string, Movement>();
  for (const m of ledger) if (m.reference === ref) inLedger.set(m.id, m);
  const wanted = new Set(expected.lines.map((l) => l.movement));
  const drift: PostingDrift = { missing: [], differing: [], extra: [] };
  for (const line of expected.lines) {
    const m = inLedger.get(line.movement);
    if (!m) drift.missing.push(line);
    else if (m.quantity !== line.quantity) drift.differing.push({ line, ledgerQuantity: m.quantity });
  }
  for (const m of [...inLedger.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!wanted.has(m.id)) drift.extra.push(m);
  }
  return drift;
}
