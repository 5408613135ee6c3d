import { MAX_BACKDATE_DAYS, periodOf } from '@stockroom/shared/ledger/period';
import { prepareMovement } from '@stockroom/shared/ledger/record-movement';
import {
  type ApprovalDecision,
  ApprovalDecision as ApprovalDecisionSchema,
  ApprovalRequest,
  approvalsYearOf,
  approvedMovementId,
} from '@stockroom/shared/procedures/approvals';
import { approvalsRoom } from '@stockroom/shared/sync/rooms';
import { text } from '@stockroom/shared/text';
import { z } from 'zod';
import { type ApiContext, type ApiRoute, audit, reply, route, sessionOf } from '../api/route.ts';
import { auth } from '../api/route-support.ts';
import type { Services } from '../api/services.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { withApprovals } from './settings-access.ts';

const TAG = 'approvals';
const notFound = { 404: { description: 'No such approval request', schema: ErrorBody } };

const Status = z.enum(['pending', 'approved', 'rejected']);
const ApprovalView = z.object({
  request: ApprovalRequest,
  status: Status,
  decision: ApprovalDecisionSchema.optional(),
});
const Query = z.object({ status: Status.optional() });
const DecisionBody = z.object({ note: text({ max: 500, multiline: true }).optional() }).strict();

/** The years whose approvals rooms are looked in: this one and the last (requests made around New Year). */
function yearsOf(services: Services, now = new Date()): number[] {
  const year = approvalsYearOf(now);
  const stored = new Set(services.storedRooms());
  return [year - 1, year].filter((y) => y === year || stored.has(approvalsRoom(y)));
}

export const listApprovals = route<unknown, z.infer<typeof Query>>({
  method: 'GET',
  path: '/api/approvals',
  tag: TAG,
  summary:
    'Adjustments held above their category’s threshold (this year’s and last year’s), oldest first, with their status and decision',
  access: 'ledger.read',
  query: Query,
  responses: { 200: { description: 'Approval requests', schema: z.array(ApprovalView) }, ...auth },
  handle: async (ctx) => {
    const out: z.infer<typeof ApprovalView>[] = [];
    for (const y of yearsOf(ctx.services)) {
      const list = await withApprovals(ctx.services.rooms, y, (a) => a.list());
      out.push(...list.filter((e) => ctx.query.status === undefined || e.status === ctx.query.status));
    }
    return reply(200, out);
  },
});

/** The year whose room holds request `id`, or 404. */
async function yearOf(ctx: ApiContext, id: string): Promise<number> {
  for (const y of yearsOf(ctx.services).reverse()) {
    if (await withApprovals(ctx.services.rooms, y, (a) => a.requests.has(id))) return y;
  }
  throw new ApiError('not_found', `no approval request ${id}`, [{ path: 'id', message: 'not found' }]);
}

/**
 * Approves a held adjustment: in one synchronous step (no other request runs in between),
 * checks it is still pending, records the ledger movement under an id derived from the
 * request and writes the decision. A second approval (another manager, a retry) finds the
 * decision and answers with the same movement; nothing is posted twice.
 */
export const approve = route<z.infer<typeof DecisionBody>>({
  method: 'POST',
  path: '/api/approvals/{id}/approve',
  tag: TAG,
  summary:
    'Approve a held adjustment (managers): the ledger movement is recorded now, once (its id derives from the request; approving again returns it)',
  access: 'approvals.decide',
  body: DecisionBody,
  responses: {
    200: { description: 'Approved (now or before)', schema: ApprovalView },
    ...notFound,
    409: { description: 'Rejected already, or not enough stock on hand now', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx) => {
    const id = ctx.params.id!;
    const year = await yearOf(ctx as ApiContext, id);
    const s = sessionOf(ctx as ApiContext);
    const { ledger, rooms } = ctx.services;
    const now = new Date();
    const request = await withApprovals(rooms, year, (a) => a.requests.get(id));
    if (!request)
      throw new ApiError('not_found', `no approval request ${id}`, [{ path: 'id', message: 'not found' }]);
    // It happened when it was asked for: that month's ledger, if still within back-dating bounds.
    const occurredAt = request.adjustment.occurredAt ?? request.at;
    const inBounds = now.getTime() - Date.parse(occurredAt) < MAX_BACKDATE_DAYS * 86_400_000;
    const period = inBounds ? periodOf(new Date(occurredAt)) : ledger.currentPeriod();
    return withApprovals(rooms, year, (approvals, approvalsRoomHandle) =>
      withCatalog(rooms, (catalog) =>
        ledger.withPeriod(ledger.currentPeriod(), (nowView) =>
          ledger.withPeriod(period, (view, ledgerRoom) => {
            const status = approvals.statusOf(id);
            if (status === 'rejected')
              throw new ApiError('conflict', `approval request ${id} was rejected`, [
                { path: 'id', message: 'rejected' },
              ]);
            if (status === 'approved') return reply(200, viewOf(approvals, id));
            const { allowNegative, ...adjustment } = request.adjustment;
            const result = prepareMovement(
              { type: 'adjust', ...adjustment, occurredAt: inBounds ? occurredAt : undefined },
              {
                catalog,
                stock: nowView.stock(),
                // The ledger names who made the adjustment; the decision and the audit name the approver.
                actor: { user: request.user, device: request.device },
                now,
                id: approvedMovementId(id),
                allowNegative: allowNegative ?? false,
              },
            );
            if (!result.ok) throw ApiError.from(result);
            const decision: ApprovalDecision = {
              id,
              decision: 'approved',
              movement: result.value.id,
              period,
              note: ctx.body.note,
              user: s.username,
              device: s.device,
              at: now.toISOString(),
            };
            ledgerRoom.write(() => view.ledger.movements.append(result.value));
            approvalsRoomHandle.write(() => approvals.decisions.append(decision));
            audit(ctx as ApiContext, 'approval.approve', `item:${request.adjustment.sku}`, {
              id,
              movement: result.value.id,
              period,
              quantity: request.adjustment.quantity,
              requestedBy: request.user,
            });
            return reply(200, viewOf(approvals, id));
          }),
        ),
      ),
    );
  },
});

export const reject = route<z.infer<typeof DecisionBody>>({
  method: 'POST',
  path: '/api/approvals/{id}/reject',
  tag: TAG,
  summary: 'Reject a held adjustment (managers): nothing is recorded; rejecting again changes nothing',
  access: 'approvals.decide',
  body: DecisionBody,
  responses: {
    200: { description: 'Rejected (now or before)', schema: ApprovalView },
    ...notFound,
    409: { description: 'Approved already', schema: ErrorBody },
    ...auth,
  },
  handle: async (ctx) => {
    const id = ctx.params.id!;
    const year = await yearOf(ctx as ApiContext, id);
    const s = sessionOf(ctx as ApiContext);
    return withApprovals(ctx.services.rooms, year, (approvals, room) => {
      const status = approvals.statusOf(id);
      if (status === 'approved')
        throw new ApiError('conflict', `approval request ${id} was approved`, [
          { path: 'id', message: 'approved' },
        ]);
      if (status === 'pending') {
        const decision: ApprovalDecision = {
          id,
          decision: 'rejected',
          note: ctx.body.note,
          user: s.username,
          device: s.device,
          at: new Date().toISOString(),
        };
        room.write(() => approvals.decisions.append(decision));
        audit(ctx as ApiContext, 'approval.reject', `approval:${id}`, { note: ctx.body.note });
      }
      return reply(200, viewOf(approvals, id));
    });
  },
});

function viewOf(approvals: Parameters<Parameters<typeof withApprovals>[2]>[0], id: string) {
  return approvals.list().find((e) => e.request.id === id);
}

export const APPROVAL_ROUTES: ApiRoute[] = [listApprovals, approve, reject];
