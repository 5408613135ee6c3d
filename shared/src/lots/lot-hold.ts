import type * as Y from 'yjs';
import { z } from 'zod';
import { can, type Role } from '../access/permissions.ts';
import type { Actor } from '../actor.ts';
import { Code } from '../catalog/codes.ts';
import { EventCollection } from '../event-collection.ts';
import { randomId } from '../ids.ts';
import { identifier, text } from '../text.ts';

/**
 * A lot (or serial) held or released: a recall, a quality hold. Events, never edited: the
 * lot's state is the latest event across every ledger period (lot-records.ts). They live in
 * the ledger room of the month they were made (map `lotHolds`), next to the movements they
 * stop, so every device that can issue stock has them; a new room would need its own
 * access rules for what is a handful of events a year.
 */
export const LOT_HOLDS_MAP = 'lotHolds';

export const LotHoldAction = z.enum(['block', 'release']);
export type LotHoldAction = z.infer<typeof LotHoldAction>;

export const LotHold = z.object({
  id: identifier(64),
  action: LotHoldAction,
  sku: Code,
  lot: text({ max: 64, required: 'must not be empty' }),
  reason: text({ max: 500, required: 'is required', multiline: true }),
  user: identifier(64),
  device: identifier(64),
  at: z.iso.datetime(),
});
export type LotHold = z.infer<typeof LotHold>;

/**
 * Who may block and release lots: managers and admins. There is no permission of its own
 * yet; catalog.write is held by exactly those roles, and a hold is a decision about items.
 */
export function mayHoldLots(role: Role): boolean {
  return can(role, 'catalog.write');
}

/** The `lotHolds` events of one ledger room's document. */
export function lotHoldsOf(doc: Y.Doc, room: string): EventCollection<LotHold> {
  return new EventCollection(doc, LOT_HOLDS_MAP, LotHold, room);
}

/** A hold event stamped with who, which device and when; validated (throws on invalid input). */
export function newLotHold(
  fields: { action: LotHoldAction; sku: string; lot: string; reason: string },
  actor: Actor,
  now: Date,
  id: string = randomId(),
): LotHold {
  return LotHold.parse({ ...fields, id, user: actor.user, device: actor.device, at: now.toISOString() });
}

/** The hold state of one lot: the latest event wins; a block wins a tie (a recall is the safe side). */
export function latestHold(holds: Iterable<LotHold>): LotHold | undefined {
  let latest: LotHold | undefined;
  for (const h of holds) if (!latest || holdOrder(h, latest) > 0) latest = h;
  return latest;
}

function holdOrder(a: LotHold, b: LotHold): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.action !== b.action) return a.action === 'block' ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
