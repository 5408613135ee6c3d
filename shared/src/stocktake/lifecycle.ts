import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { causeId } from '../ids.ts';
import { Quantity } from '../quantity.ts';
import { byTimeThenId, EventId, Lot, Reason, stamp } from './stamp.ts';

export const StocktakeStatus = z.enum(['draft', 'counting', 'review', 'posted', 'cancelled']);
export type StocktakeStatus = z.infer<typeof StocktakeStatus>;

/** One adjustment a posting wrote to the ledger, kept in the posted event as the record of it. */
export const PostedLine = z.object({
  movement: EventId,
  sku: Code,
  location: Code,
  lot: Lot.optional(),
  quantity: Quantity,
});
export type PostedLine = z.infer<typeof PostedLine>;

const transition = { ...stamp, reason: Reason.optional() };

/**
 * A state change. There is no status field: the status is folded from these events.
 * Each target state has one deterministic id per stocktake, so two managers starting,
 * closing, cancelling or posting at once write one entry, not two.
 */
export const StateEvent = z.discriminatedUnion('to', [
  z.object({ to: z.literal('counting'), ...transition }),
  z.object({ to: z.literal('review'), ...transition }),
  z.object({ to: z.literal('cancelled'), ...transition }),
  z.object({
    to: z.literal('posted'),
    ...transition,
    /** The ledger period (room) the adjustments went to. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    adjustments: z.array(PostedLine).max(100_000),
  }),
]);
export type StateEvent = z.infer<typeof StateEvent>;
export type TargetState = StateEvent['to'];

export function stateEventId(stocktakeId: string, to: TargetState): string {
  return causeId('stocktake-state', stocktakeId, to);
}

/**
 * Conflict rules, applied to the SET of state events (so delivery order never matters):
 * posted > cancelled > review > counting > draft. Posted and cancelled are terminal.
 * Posted beats a concurrent cancel because its adjustments are already in the ledger
 * (another room) and cannot be taken back silently; cancel beats review and counting.
 * There is no way back from review to counting: recounts requested in review are counted
 * in review.
 */
const PRECEDENCE: readonly TargetState[] = ['posted', 'cancelled', 'review', 'counting'];

export function foldStatus(events: Iterable<StateEvent>): StocktakeStatus {
  const reached = new Set<TargetState>();
  for (const e of events) reached.add(e.to);
  return PRECEDENCE.find((s) => reached.has(s)) ?? 'draft';
}

const ALLOWED: Record<StocktakeStatus, readonly TargetState[]> = {
  draft: ['counting', 'cancelled'],
  counting: ['review', 'cancelled'],
  review: ['posted', 'cancelled'],
  posted: [],
  cancelled: [],
};

export function canTransition(from: StocktakeStatus, to: TargetState): boolean {
  return ALLOWED[from].includes(to);
}

/** Whether counts, voids and location events may still be written (the room is read-only after). */
export function acceptsCounts(status: StocktakeStatus): boolean {
  return status === 'counting' || status === 'review';
}

/** The state events in time order, for the history view. */
export function stateHistory(events: Iterable<StateEvent>): StateEvent[] {
  return [...events].sort(byTimeThenId);
}

/** When counting started: the effective date of the stocktake's adjustments (see posting.ts). */
export function countingStartedAt(events: Iterable<StateEvent>): string | null {
  // Normally one event (deterministic id); should a foreign writer add more, the earliest counts.
  const first = [...events].filter((e) => e.to === 'counting').sort(byTimeThenId)[0];
  return first?.at ?? null;
}
