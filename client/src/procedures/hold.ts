import type { Actor } from '@stockroom/shared/actor';
import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { causeId } from '@stockroom/shared/ids';
import { prepareMovement } from '@stockroom/shared/ledger/record-movement';
import type { StockFold } from '@stockroom/shared/ledger/stock';
import {
  type ApprovalRequest,
  type ApprovalsRoom,
  HeldAdjustment,
} from '@stockroom/shared/procedures/approvals';
import { approvalNeeded, resolveReasonCode, thresholdFor } from '@stockroom/shared/procedures/checks';
import type { ProcedureSettings } from '@stockroom/shared/procedures/settings';
import { type MovementFormValues, toMovementRequest } from '../ledger/movement-form.ts';

export interface HoldContext {
  catalog: Catalog;
  stock: StockFold;
  actor: Actor;
  settings: ProcedureSettings;
  /** The form's token: the request id derives from it, so a double submit asks once. */
  token: string;
  now?: Date;
}

/**
 * An adjustment typed on this device that exceeds its item category's threshold, as the
 * approval request to write instead of a ledger movement; null when it is within the limit
 * (or invalid: the normal submit then shows the errors). The value is taken at the item's
 * unit cost (the device has no moving average; the server uses the moving average).
 */
export function heldRequest(values: MovementFormValues, ctx: HoldContext): ApprovalRequest | null {
  if (values.type !== 'adjust') return null;
  const { request } = toMovementRequest(values, (code) => ctx.catalog.skuForCode(code));
  if (typeof request.quantity !== 'number' || typeof request.sku !== 'string') return null;
  const item = ctx.catalog.items.get(ctx.catalog.skuOf(request.sku) ?? request.sku);
  if (!item) return null;
  const cost = item.unitCost > 0 ? item.unitCost : null;
  const why = approvalNeeded(
    thresholdFor(ctx.settings.thresholds, item.category),
    request.quantity,
    cost === null ? null : request.quantity * cost,
  );
  if (!why) return null;
  const now = ctx.now ?? new Date();
  const prepared = prepareMovement(request, {
    catalog: ctx.catalog,
    stock: ctx.stock,
    actor: ctx.actor,
    now,
  });
  if (!prepared.ok || prepared.value.type !== 'adjust') return null;
  const m = prepared.value;
  const code = resolveReasonCode(ctx.settings.reasonCodes, 'adjust', undefined, m.reason);
  const adjustment = HeldAdjustment.safeParse({
    sku: m.sku,
    location: m.location,
    quantity: m.quantity,
    lot: m.lot,
    reason: m.reason,
    reasonCode: code.ok ? code.code?.code : undefined,
    reference: m.reference,
  });
  if (!adjustment.success) return null;
  return {
    id: causeId('app-approval', ctx.actor.device, ctx.token),
    adjustment: adjustment.data,
    why,
    user: ctx.actor.user,
    device: ctx.actor.device,
    at: now.toISOString(),
  };
}

/** Writes the request to the local approvals room (it syncs like any other write); false if already there. */
export function askForApproval(room: ApprovalsRoom, request: ApprovalRequest): boolean {
  return room.requests.append(request);
}
