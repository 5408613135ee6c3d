import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { causeId } from '../ids.ts';
import { Lot, Round, stamp, UserId } from './stamp.ts';

/** One line of the on-hand snapshot taken when a counter starts a location (snapshot.ts). */
export const ExpectedLine = z.object({ sku: Code, lot: Lot.optional(), quantity: z.number().finite() });
export type ExpectedLine = z.infer<typeof ExpectedLine>;

const at = { ...stamp, location: Code, round: Round };

/**
 * What happens at a location, apart from the counts themselves:
 * - start: a counter begins the location in a round; the server takes the on-hand snapshot
 *   for it (snapshot.ts) — the earliest start of a round gives its expected quantities;
 * - done: the counter has finished the location in that round (forAll: a manager closes
 *   the round for everyone, e.g. for a counter whose phone died);
 * - empty: the counter confirms there is nothing there (done, with nothing counted);
 * - recount: a manager asks for a new round, optionally for one counter, blind by default;
 * - verify: a manager asks for a second, blind count of round `of`, to compare with it.
 */
export const LocationEvent = z
  .discriminatedUnion('type', [
    // `expected`: only in starts written before snapshots moved to the server (snapshot.ts).
    z.object({ type: z.literal('start'), ...at, expected: z.array(ExpectedLine).max(20_000).optional() }),
    z.object({ type: z.literal('done'), ...at, forAll: z.boolean() }),
    z.object({ type: z.literal('empty'), ...at }),
    z.object({
      type: z.literal('recount'),
      ...at,
      assignee: UserId.nullable(),
      blind: z.boolean(),
      reason: z.string().trim().max(500).optional(),
    }),
    z.object({ type: z.literal('verify'), ...at, of: Round, assignee: UserId.nullable() }),
  ])
  .refine((e) => e.type !== 'verify' || e.of < e.round, {
    message: 'a verification checks an earlier round',
    path: ['of'],
  });
export type LocationEvent = z.infer<typeof LocationEvent>;
export type LocationEventType = LocationEvent['type'];

/**
 * Ids derived from their cause where repeating the action must not add anything: starting
 * again, pressing done twice, two managers closing a round at once. Recount and
 * verification requests get random ids (two requests are two requests; see rounds.ts).
 */
export function startId(stocktakeId: string, location: string, round: number, user: string, device: string) {
  return causeId('location-start', stocktakeId, location, round, user, device);
}
export function doneId(stocktakeId: string, location: string, round: number, user: string | null) {
  return causeId('location-done', stocktakeId, location, round, user === null ? '*' : `u:${user}`);
}
export function emptyId(stocktakeId: string, location: string, round: number, user: string) {
  return causeId('location-empty', stocktakeId, location, round, user);
}
/** A recount triggered by a failed verification: every replica that notices writes the same one. */
export function autoRecountId(stocktakeId: string, location: string, verifyRound: number) {
  return causeId('location-auto-recount', stocktakeId, location, verifyRound);
}
