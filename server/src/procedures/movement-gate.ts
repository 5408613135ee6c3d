import { causeId, randomId } from '@stockroom/shared/ids';
import type { Movement } from '@stockroom/shared/ledger/movement';
import {
  type ApprovalRequest,
  approvalsYearOf,
  HeldAdjustment,
} from '@stockroom/shared/procedures/approvals';
import {
  approvalNeeded,
  resolveReasonCode,
  thresholdFor,
  unmetSteps,
} from '@stockroom/shared/procedures/checks';
import type { ProcedureSettings } from '@stockroom/shared/procedures/settings';
import { fromValueUnits } from '@stockroom/shared/reports/money';
import { z } from 'zod';
import { type ApiContext, audit, reply, sessionOf } from '../api/route.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError } from '../http/errors.ts';
import { currentSettings, withApprovals } from './settings-access.ts';

const TYPES = ['receive', 'issue', 'transfer', 'adjust'] as const;
type Type = (typeof TYPES)[number];

/** What the procedures decided about a movement request before it is recorded. */
export interface Gate {
  /** The request with its reason code resolved (and `reason` filled from the code's label when omitted). */
  body: Record<string, unknown>;
  /** Set when an adjustment exceeds its category's threshold: it is held instead of recorded. */
  hold: string | null;
}

/**
 * Applies the procedures to a movement posted through the API: the reason code (given, or
 * named by the free-text reason; required for adjustments once an admin turned that on), the
 * checklist steps the server can verify (a note for damage; the lot is checked by
 * prepareMovement, the bin-first step only the app can see), and the approval threshold of
 * the item's category. Throws 400 naming the field.
 */
export async function gateMovement(ctx: ApiContext, raw: Record<string, unknown>): Promise<Gate> {
  const type = raw.type as Type;
  if (!TYPES.includes(type)) return { body: raw, hold: null };
  const settings = await currentSettings(ctx.services.rooms);
  const body = { ...raw };
  const resolved = resolveReasonCode(settings.reasonCodes, type, raw.reasonCode, raw.reason);
  if (!resolved.ok)
    throw new ApiError('invalid', `${resolved.path}: ${resolved.message}`, [
      { path: resolved.path, message: resolved.message },
    ]);
  if (resolved.code) {
    body.reasonCode = resolved.code.code;
    const noReason = typeof raw.reason !== 'string' || raw.reason.trim() === '';
    // The stored movement always has its reason text: older app versions require it to read the movement.
    if (noReason) body.reason = resolved.code.label;
  }
  const unmet = unmetSteps(settings.procedures[type], {
    reasonCode: resolved.code?.code,
    note: typeof raw.reason === 'string' ? raw.reason : undefined,
  });
  if (unmet.length) {
    const path = unmet[0]!.check === 'damage-note' ? 'reason' : '';
    throw new ApiError(
      'invalid',
      `the ${type} procedure is not followed: ${unmet.map((s) => s.text).join('; ')}`,
      unmet.map((s) => ({ path, message: `step ${s.step + 1}: ${s.text}` })),
    );
  }
  const hold = type === 'adjust' ? await thresholdProblem(ctx, settings, body) : null;
  return { body, hold };
}

/** Why an adjustment waits for a manager (the limit of its item's category it exceeds), or null. */
async function thresholdProblem(
  ctx: ApiContext,
  settings: ProcedureSettings,
  body: Record<string, unknown>,
): Promise<string | null> {
  if (settings.thresholds.length === 0 || typeof body.quantity !== 'number' || typeof body.sku !== 'string')
    return null;
  const sku = body.sku;
  const item = await withCatalog(ctx.services.rooms, (c) => c.items.get(c.skuOf(sku) ?? sku));
  if (!item) return null; // prepareMovement answers 404
  const threshold = thresholdFor(settings.thresholds, item.category);
  if (!threshold) return null;
  let cost: number | null = null;
  if (threshold.value !== undefined) {
    const stats = await ctx.services.periodStats.stats(ctx.services.ledger.currentPeriod());
    const avg = stats.get(item.sku)?.avgCost;
    cost = avg === null || avg === undefined ? (item.unitCost ?? null) : fromValueUnits(avg);
  }
  return approvalNeeded(threshold, body.quantity, cost === null ? null : body.quantity * cost);
}

export const HeldReply = z.object({
  status: z.literal('pending'),
  approval: z.object({ id: z.string(), why: z.string(), at: z.string(), user: z.string() }).loose(),
});

/**
 * Holds a checked adjustment as a pending approval request instead of recording it. With a
 * `requestId`, a retry finds the request it already made (202 again, nothing new).
 */
export async function holdAdjustment(
  ctx: ApiContext,
  movement: Movement,
  why: string,
  options: { requestId?: string; allowNegative?: boolean },
) {
  const s = sessionOf(ctx);
  const now = new Date();
  const id = options.requestId ? causeId('api-approval', s.username, options.requestId) : randomId();
  const adjustment = HeldAdjustment.parse({
    sku: movement.sku,
    location: movement.location,
    quantity: movement.quantity,
    lot: movement.lot,
    reasonCode: movement.reasonCode,
    reason: movement.reason,
    reference: movement.reference,
    occurredAt: movement.occurredAt,
    allowNegative: options.allowNegative || undefined,
  });
  const request: ApprovalRequest = {
    id,
    adjustment,
    why,
    user: s.username,
    device: s.device,
    at: now.toISOString(),
  };
  return withApprovals(ctx.services.rooms, approvalsYearOf(now), (approvals, room) => {
    const earlier = approvals.requests.get(id);
    if (earlier) return reply(202, { status: 'pending', approval: earlier });
    room.write(() => approvals.requests.append(request));
    audit(ctx, 'approval.request', `item:${movement.sku}`, { id, why, quantity: movement.quantity });
    return reply(202, { status: 'pending', approval: request });
  });
}
