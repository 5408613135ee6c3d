import type * as Y from 'yjs';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { Code } from '../catalog/codes.ts';
import { EventCollection } from '../event-collection.ts';
import { randomId } from '../ids.ts';
import { ExpiryDate } from '../ledger/movement.ts';
import { identifier, text } from '../text.ts';
import { LOT_HOLDS_MAP, LotHold } from './lot-hold.ts';

/**
 * A manager's decision on which expiry a lot keeps, when receipts stated different ones (two
 * devices offline, two labels). The receipts are never edited: the decision is an event of
 * its own, in the same `lotHolds` map as blocks and releases — the ledger room's map of
 * managers' decisions about lots, with the same write rule (managers, in their own name,
 * append only). `over` is every expiry it chose between: a later receipt stating yet another
 * date is a new conflict, one stating a date already decided against is not.
 */
export const ExpiryDecision = z
  .object({
    id: identifier(64),
    action: z.literal('expiry'),
    sku: Code,
    lot: text({ max: 64, required: 'must not be empty' }),
    expiry: ExpiryDate,
    over: z.array(ExpiryDate).min(2, 'must name the expiries chosen between').max(50),
    reason: text({ max: 500, multiline: true }).optional(),
    user: identifier(64),
    device: identifier(64),
    at: z.iso.datetime(),
  })
  .refine((d) => d.over.includes(d.expiry), {
    message: 'must be one of the expiries chosen between',
    path: ['expiry'],
  });
export type ExpiryDecision = z.infer<typeof ExpiryDecision>;

/**
 * What the `lotHolds` map holds. Older app versions parse entries as LotHold only: to them a
 * decision is an invalid entry, skipped, never mistaken for a release (its action is neither).
 */
export const LotDecision = z.union([LotHold, ExpiryDecision]);
export type LotDecision = z.infer<typeof LotDecision>;

/** Every decision (holds and expiries) of one ledger room's document. */
export function lotDecisionsOf(doc: Y.Doc, room: string): EventCollection<LotDecision> {
  return new EventCollection(doc, LOT_HOLDS_MAP, LotDecision, room);
}

export function isExpiryDecision(d: LotDecision): d is ExpiryDecision {
  return d.action === 'expiry';
}

export function isHold(d: LotDecision): d is LotHold {
  return d.action !== 'expiry';
}

/** A decision stamped with who, which device and when; validated (throws on invalid input). */
export function newExpiryDecision(
  fields: { sku: string; lot: string; expiry: string; over: string[]; reason?: string },
  actor: Actor,
  now: Date,
  id: string = randomId(),
): ExpiryDecision {
  const { reason, ...rest } = fields;
  return ExpiryDecision.parse({
    ...rest,
    over: [...new Set(rest.over)].sort(),
    ...(reason ? { reason } : {}),
    action: 'expiry',
    id,
    user: actor.user,
    device: actor.device,
    at: now.toISOString(),
  });
}

/** The decision that stands: the latest; ties by id, so every replica picks the same one. */
export function latestDecision(decisions: Iterable<ExpiryDecision>): ExpiryDecision | undefined {
  let latest: ExpiryDecision | undefined;
  for (const d of decisions)
    if (!latest || d.at > latest.at || (d.at === latest.at && d.id > latest.id)) latest = d;
  return latest;
}
