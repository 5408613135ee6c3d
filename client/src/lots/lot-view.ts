import { z } from 'zod';

/** What GET /api/lots answers, as the client reads it (validated: the server is a boundary too). */
export const LotView = z.object({
  sku: z.string(),
  lot: z.string(),
  serial: z.boolean(),
  expiry: z.string().nullable(),
  expired: z.boolean(),
  expiryDecidedBy: z.object({ user: z.string(), at: z.string(), id: z.string() }).optional(),
  purchaseOrder: z.string().optional(),
  category: z.string(),
  onHand: z.number(),
  /** on hand × unit cost, as the server values it. */
  value: z.number(),
  blocked: z.boolean(),
  hold: z.object({ action: z.string(), reason: z.string(), user: z.string(), at: z.string() }).optional(),
  locations: z.array(z.object({ location: z.string(), quantity: z.number() })),
  conflicts: z.array(z.object({ kind: z.string() }).loose()),
});
export type LotView = z.infer<typeof LotView>;

const TraceMovement = z
  .object({
    id: z.string(),
    type: z.string(),
    location: z.string(),
    toLocation: z.string().optional(),
    quantity: z.number(),
    reference: z.string().optional(),
    reason: z.string().optional(),
    user: z.string(),
    at: z.string(),
    occurredAt: z.string().optional(),
  })
  .loose();

export const TraceView = z.object({
  sku: z.string(),
  lot: z.string(),
  serial: z.boolean(),
  expiry: z.string().nullable(),
  supplier: z.string().optional(),
  purchaseOrder: z.string().optional(),
  blocked: z.boolean(),
  movements: z.array(TraceMovement),
  holds: z.array(
    z
      .object({ id: z.string(), action: z.string(), reason: z.string(), user: z.string(), at: z.string() })
      .loose(),
  ),
  expiryDecisions: z
    .array(
      z
        .object({
          id: z.string(),
          expiry: z.string(),
          over: z.array(z.string()),
          user: z.string(),
          at: z.string(),
        })
        .loose(),
    )
    .default([]),
  onHand: z.array(z.object({ location: z.string(), quantity: z.number() })),
  conflicts: z.array(z.object({ kind: z.string() }).loose()),
});
export type TraceView = z.infer<typeof TraceView>;

/** One line describing a movement of a lot, in the words the trace page uses. */
export function describeTraceMovement(m: z.infer<typeof TraceMovement>): string {
  const ref = m.reference ? ` · ${m.reference}` : '';
  switch (m.type) {
    case 'receive':
      return `Received ${m.quantity} into ${m.location}${ref}`;
    case 'issue':
      return `Issued ${m.quantity} from ${m.location}${ref}`;
    case 'transfer':
      return `Moved ${m.quantity} from ${m.location} to ${m.toLocation ?? '?'}${ref}`;
    default:
      return `Adjusted ${m.quantity > 0 ? '+' : ''}${m.quantity} at ${m.location}${m.reason ? ` (${m.reason})` : ''}${ref}`;
  }
}

/** A conflict as GET /api/lots/conflicts answers it (validated loosely: the shape is the shared LotConflict). */
export const ConflictView = z
  .object({
    kind: z.string(),
    sku: z.string(),
    lot: z.string(),
    kept: z.object({ expiry: z.string() }).loose().optional(),
    others: z.array(z.object({ expiry: z.string() }).loose()).optional(),
    locations: z.array(z.object({ location: z.string(), quantity: z.number() })).optional(),
  })
  .loose();
export type ConflictView = z.infer<typeof ConflictView>;

/** A conflict in one sentence, for the manager who resolves it. */
export function describeConflict(c: { kind: string } & Record<string, unknown>): string {
  if (c.kind === 'expiry') {
    const kept = (c.kept as { expiry?: string } | undefined)?.expiry ?? '?';
    const others = ((c.others as { expiry: string }[] | undefined) ?? []).map((o) => o.expiry).join(', ');
    return `Received with different expiries: ${kept} kept, ${others} also stated`;
  }
  if (c.kind === 'serial-duplicate') return 'This serial is on hand more than once (received on two devices)';
  if (c.kind === 'serial-missing') return 'This serial was issued or moved from a place it was not';
  return c.kind;
}

export interface FefoAdvice {
  proposed?: LotView;
  warnings: ('blocked' | 'expired' | 'not-first')[];
}

/**
 * From the lots on hand at a location, first to expire first (as GET /api/lots answers):
 * the lot to take (neither blocked nor expired), and what is wrong with the chosen one.
 */
export function fefoAdvice(lots: readonly LotView[], lot: string): FefoAdvice {
  const proposed = lots.find((l) => !l.blocked && !l.expired);
  const chosen = lots.find((l) => l.lot === lot);
  const warnings: FefoAdvice['warnings'] = [];
  if (chosen?.blocked) warnings.push('blocked');
  if (chosen?.expired) warnings.push('expired');
  if (chosen && proposed && chosen.lot !== proposed.lot && lots.indexOf(proposed) < lots.indexOf(chosen))
    warnings.push('not-first');
  return proposed ? { proposed, warnings } : { warnings };
}

/**
 * Why the movement form must not record this (what the API would refuse too): issuing a
 * blocked lot, or an expired one without a reason. Null when the lots have nothing against it.
 */
export function lotRefusal(
  type: string,
  advice: FefoAdvice,
  reason: string,
): { field: 'lot' | 'reason'; message: string } | null {
  if (type !== 'issue') return null;
  if (advice.warnings.includes('blocked'))
    return { field: 'lot', message: 'This lot is blocked: it cannot be issued until a manager releases it.' };
  if (advice.warnings.includes('expired') && !reason.trim())
    return { field: 'reason', message: 'This lot is expired: give a reason to issue it.' };
  return null;
}
