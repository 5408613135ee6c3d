import type * as Y from 'yjs';
import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { EventCollection } from '../event-collection.ts';
import { causeId } from '../ids.ts';
import { Quantity } from '../quantity.ts';
import { identifier, text } from '../text.ts';

/**
 * Held adjustments (`approvals-YYYY`, by the year they were asked for): an adjustment above
 * its category's threshold is not a ledger movement but a request here, until a manager
 * approves it (then the server writes the movement, with an id derived from the request, so
 * two managers approving at once post it once) or rejects it. Decisions are the server's:
 * it checks that the request is still pending and writes the movement in the same step.
 */

export const REQUESTS_MAP = 'requests';
export const DECISIONS_MAP = 'decisions';

const stamp = { user: identifier(64), device: identifier(64), at: z.iso.datetime() };

/** The adjustment asked for, as it will be recorded once approved. */
export const HeldAdjustment = z.object({
  sku: Code,
  location: Code,
  quantity: Quantity.refine((n) => n !== 0, 'must not be 0'),
  lot: text({ max: 64, required: 'must not be empty' }).optional(),
  reasonCode: z.string().max(40).optional(),
  reason: text({ max: 500, required: 'is required for an adjustment', multiline: true }),
  reference: text({ max: 200 }).optional(),
  occurredAt: z.iso.datetime().optional(),
  /** Record it even if stock on hand is short when it is approved (as `allowNegative` on a movement). */
  allowNegative: z.boolean().optional(),
});
export type HeldAdjustment = z.infer<typeof HeldAdjustment>;

export const ApprovalRequest = z.object({
  id: identifier(64),
  adjustment: HeldAdjustment,
  /** Which limit it exceeds (shown to the manager). */
  why: text({ max: 200 }),
  ...stamp,
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export const ApprovalDecision = z.object({
  /** The request's id: one decision per request. */
  id: identifier(64),
  decision: z.enum(['approved', 'rejected']),
  /** Approved: the ledger movement written for it, and its period. */
  movement: identifier(64).optional(),
  period: z.string().optional(),
  note: text({ max: 500, multiline: true }).optional(),
  ...stamp,
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

/** The ledger movement of an approved request: derived from it, so it is written once whoever approves. */
export function approvedMovementId(requestId: string): string {
  return causeId('approved-adjustment', requestId);
}

/** The year of the approvals room a request made at `at` lives in. */
export function approvalsYearOf(at: Date): number {
  return at.getUTCFullYear();
}

export class ApprovalsRoom {
  readonly requests: EventCollection<ApprovalRequest>;
  readonly decisions: EventCollection<ApprovalDecision>;

  constructor(
    readonly doc: Y.Doc,
    readonly name: string,
  ) {
    this.requests = new EventCollection(doc, REQUESTS_MAP, ApprovalRequest, name);
    this.decisions = new EventCollection(doc, DECISIONS_MAP, ApprovalDecision, name);
  }

  statusOf(id: string): ApprovalStatus {
    return this.decisions.get(id)?.decision ?? 'pending';
  }

  /** Every request with its status and decision, oldest first. */
  list(): { request: ApprovalRequest; status: ApprovalStatus; decision?: ApprovalDecision }[] {
    return [...this.requests.values()]
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
      .map((request) => {
        const decision = this.decisions.get(request.id);
        return { request, status: decision?.decision ?? 'pending', decision };
      });
  }

  onChange(listener: () => void): () => void {
    const a = this.requests.onChange(listener);
    const b = this.decisions.onChange(listener);
    return () => {
      a();
      b();
    };
  }

  destroy(): void {
    this.requests.destroy();
    this.decisions.destroy();
  }
}
