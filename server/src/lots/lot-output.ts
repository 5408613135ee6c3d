import { ExpiryDate } from '@stockroom/shared/ledger/movement';
import { lotValue } from '@stockroom/shared/lots/expiry-alerts';
import { expiringWithin, fefoOrder, isExpired } from '@stockroom/shared/lots/fefo';
import type { LotRecord } from '@stockroom/shared/lots/lot-records';
import { z } from 'zod';
import type { LotItemInfo, LotState } from './lot-state.ts';

/** How the lot routes answer a lot record, and the one filter GET /api/lots and its CSV share. */

export const LotLocationOut = z.object({ location: z.string(), quantity: z.number() });
const HoldView = z.object({
  action: z.enum(['block', 'release']),
  reason: z.string(),
  user: z.string(),
  at: z.string(),
});
export const ConflictOut = z.object({ kind: z.string(), sku: z.string(), lot: z.string() }).loose();
export const LotOut = z.object({
  sku: z.string(),
  lot: z.string(),
  serial: z.boolean(),
  expiry: ExpiryDate.nullable(),
  expired: z.boolean(),
  /** The manager's expiry decision the expiry comes from, when receipts disagreed. */
  expiryDecidedBy: z.object({ user: z.string(), at: z.string(), id: z.string() }).optional(),
  purchaseOrder: z.string().optional(),
  category: z.string(),
  onHand: z.number(),
  /** on hand × the item's unit cost (catalog), in the ledger's 1/10,000 precision. */
  value: z.number(),
  blocked: z.boolean(),
  hold: HoldView.optional(),
  locations: z.array(LotLocationOut),
  conflicts: z.array(ConflictOut),
});
export type LotOut = z.infer<typeof LotOut>;

export function lotOut(l: LotRecord, today: string, item: LotItemInfo | undefined): LotOut {
  const { sku, lot, serial, expiry, onHand, blocked, locations, conflicts } = l;
  const d = l.expiryDecision;
  return {
    sku,
    lot,
    serial,
    expiry,
    expired: isExpired(l, today),
    ...(d ? { expiryDecidedBy: { user: d.user, at: d.at, id: d.id } } : {}),
    ...(l.purchaseOrder ? { purchaseOrder: l.purchaseOrder } : {}),
    category: item?.category ?? '',
    onHand,
    value: lotValue(onHand, item?.unitCost ?? 0),
    blocked,
    ...(l.hold
      ? { hold: { action: l.hold.action, reason: l.hold.reason, user: l.hold.user, at: l.hold.at } }
      : {}),
    locations,
    conflicts,
  };
}

export const LotFilter = z.object({
  sku: z.string().max(64).optional(),
  location: z.string().max(64).optional(),
  /** An item category as the catalog spells it (exact match; `category=` with nothing: items without one). */
  category: z.string().max(100).optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type LotFilter = z.infer<typeof LotFilter>;

/** The lots with stock the filter keeps, first to expire first (at `location`: only what is there). */
export function selectLots(state: LotState, f: LotFilter, today: string): LotRecord[] {
  let lots = [...state.records.values()].filter(
    (l) =>
      (f.sku === undefined || l.sku === f.sku) &&
      (f.category === undefined || (state.item(l.sku)?.category ?? '') === f.category),
  );
  if (f.location !== undefined) {
    lots = lots.flatMap((l) => {
      const here = l.locations.filter((x) => x.location === f.location);
      return here.length ? [{ ...l, locations: here, onHand: here[0]!.quantity }] : [];
    });
  }
  return f.expiringWithinDays === undefined
    ? fefoOrder(lots.filter((l) => l.onHand > 0))
    : expiringWithin(lots, f.expiringWithinDays, today);
}
