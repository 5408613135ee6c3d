import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { PositiveQuantity, Quantity } from '../quantity.ts';
import { identifier, text } from '../text.ts';
import { MAX_BACKDATE_DAYS } from './period.ts';

export const MovementType = z.enum(['receive', 'issue', 'transfer', 'adjust']);
export type MovementType = z.infer<typeof MovementType>;

/** Lot number, or serial number for serial-tracked items: the third part of a stock key. */
const Lot = text({ max: 64, required: 'must not be empty' });
/** Why stock changed: free text, several lines allowed (an API client may send a note). */
const Reason = text({ max: 500, required: 'is required for an adjustment', multiline: true });
/** A document number or similar (PO-7, WO-1): one line. */
const Reference = text({ max: 200 });

const stamp = {
  id: identifier(64),
  user: identifier(64),
  device: identifier(64),
  at: z.iso.datetime(),
};

const common = {
  sku: Code,
  location: Code,
  lot: Lot.optional(),
  reference: Reference.optional(),
  /**
   * The reason code (procedures/settings.ts) the movement was recorded with, e.g. `damaged`.
   * Optional and additive: older movements have none, and `reason` stays the text people read.
   */
  reasonCode: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a reason code')
    .optional(),
  /**
   * When it really happened, if earlier than it was recorded (`at`): a clerk entering
   * yesterday's issues, an integrator's back-dated import. Folds and reports order and date
   * movements by `occurredAt ?? at`; the audit keeps both.
   */
  occurredAt: z.iso
    .datetime({ error: 'must be a date and time (ISO 8601, e.g. 2026-11-30T14:00:00Z)' })
    .optional(),
};

/** A receipt's cost per unit, in the organisation's currency. */
export const UnitCost = z.number().finite().nonnegative().max(1e9);

/** A calendar date, YYYY-MM-DD (a real date: 2027-02-30 is refused). */
export const ExpiryDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

const receive = z.object({
  type: z.literal('receive'),
  ...common,
  quantity: PositiveQuantity,
  reason: Reason.optional(),
  /** What one unit cost in this receipt: it moves the item's moving-average cost (reports). */
  unitCost: UnitCost.optional(),
  /**
   * The lot's expiry date (last day usable, GS1 AI 17) as the receipt states it. Optional and
   * additive: older receipts have none. A lot's expiry is the first one received (lots/).
   */
  expiry: ExpiryDate.optional(),
});
const issue = z.object({
  type: z.literal('issue'),
  ...common,
  quantity: PositiveQuantity,
  reason: Reason.optional(),
});
const transfer = z.object({
  type: z.literal('transfer'),
  ...common,
  toLocation: Code,
  quantity: PositiveQuantity,
  reason: Reason.optional(),
});
/** An adjustment's quantity is a signed change (+found, −lost); a reason is required. */
const adjust = z.object({
  type: z.literal('adjust'),
  ...common,
  quantity: Quantity.refine((n) => n !== 0, 'must not be 0'),
  reason: Reason,
});

const differentLocations = (m: { type: string; location: string; toLocation?: string }) =>
  m.type !== 'transfer' || m.location !== m.toLocation;
const sameLocationMessage = { message: 'must differ from the source location', path: ['toLocation'] };

/** What a person or an API client asks for. */
export const MovementRequest = z
  .discriminatedUnion('type', [receive, issue, transfer, adjust], {
    error: 'must be one of receive, issue, transfer, adjust',
  })
  .refine(differentLocations, sameLocationMessage);
export type MovementRequest = z.infer<typeof MovementRequest>;

/** A ledger entry: the request stamped with its id, who, which device and when. Immutable. */
export const Movement = z
  .discriminatedUnion('type', [
    receive.extend(stamp),
    issue.extend(stamp),
    transfer.extend(stamp),
    adjust.extend(stamp),
  ])
  .refine(differentLocations, sameLocationMessage)
  .refine(backdatedWithinBounds, {
    message: `must not be after it was recorded, nor more than ${MAX_BACKDATE_DAYS} days before`,
    path: ['occurredAt'],
  });
export type Movement = z.infer<typeof Movement>;

/** Recorded clocks drift a little: a movement may claim to have happened up to 5 minutes "after" it was recorded. */
const CLOCK_SLACK_MS = 5 * 60_000;

function backdatedWithinBounds(m: { at: string; occurredAt?: string }): boolean {
  if (m.occurredAt === undefined) return true;
  const at = Date.parse(m.at);
  const occurred = Date.parse(m.occurredAt);
  return occurred <= at + CLOCK_SLACK_MS && occurred >= at - MAX_BACKDATE_DAYS * 86_400_000;
}

/** When the movement happened: its `occurredAt` if back-dated, else when it was recorded. */
export function effectiveAt(m: Pick<Movement, 'at' | 'occurredAt'>): string {
  return m.occurredAt ?? m.at;
}
