import type { Actor } from '@stockroom/shared/actor';
import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { causeId } from '@stockroom/shared/ids';
import type { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement, MovementType } from '@stockroom/shared/ledger/movement';
import { prepareMovement } from '@stockroom/shared/ledger/record-movement';
import type { StockFold } from '@stockroom/shared/ledger/stock';
import { errorsByField, type FieldErrors, parseNumberField } from '../ui/form-errors.ts';

export interface MovementFormValues {
  type: MovementType;
  sku: string;
  location: string;
  toLocation: string;
  quantity: string;
  /** For an adjustment: whether stock was found (+) or lost (−); the quantity is typed positive. */
  direction: 'add' | 'remove';
  lot: string;
  /** A receipt's expiry (YYYY-MM-DD), for lot- and serial-tracked items; filled by a GS1 scan (AI 17, else 15). */
  expiry: string;
  reason: string;
  reference: string;
}

export function emptyMovementForm(type: MovementType = 'receive'): MovementFormValues {
  return {
    type,
    sku: '',
    location: '',
    toLocation: '',
    quantity: '',
    direction: 'remove',
    lot: '',
    expiry: '',
    reason: '',
    reference: '',
  };
}

/** Reasons offered for adjustments; any other text is allowed too. */
export const COMMON_ADJUST_REASONS = [
  'Damaged',
  'Lost or missing',
  'Found',
  'Count correction',
  'Expired',
  'Used for samples or testing',
  'Returned to stock',
] as const;

/** The form's stable submission id: the same token (one open form) always gives the same movement id. */
export function movementFormId(deviceId: string, token: string): string {
  return causeId('movement-form', deviceId, token);
}

/** Turns the typed form into a movement request (scanned barcodes in the SKU field resolve to the SKU). */
export function toMovementRequest(
  values: MovementFormValues,
  resolveSku: (code: string) => string | undefined,
): { request: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const typedSku = values.sku.trim();
  const parsed = parseNumberField(values.quantity);
  let quantity: unknown = values.quantity;
  if (!parsed.ok) errors.quantity = 'must be a number';
  else if (parsed.value === null) errors.quantity = 'is required';
  else
    quantity =
      values.type === 'adjust' && values.direction === 'remove' ? -Math.abs(parsed.value) : parsed.value;

  const request: Record<string, unknown> = {
    type: values.type,
    sku: (typedSku && resolveSku(typedSku)) || typedSku,
    location: values.location.trim(),
    quantity,
  };
  if (values.type === 'transfer') request.toLocation = values.toLocation.trim();
  if (values.lot.trim()) request.lot = values.lot.trim();
  if (values.type === 'receive' && values.expiry.trim()) request.expiry = values.expiry.trim();
  if (values.reason.trim() || values.type === 'adjust') request.reason = values.reason.trim();
  if (values.reference.trim()) request.reference = values.reference.trim();
  return { request, errors };
}

export interface SubmitContext {
  catalog: Catalog;
  ledger: LedgerPeriod;
  stock: StockFold;
  actor: Actor;
  /** The token generated when the form opened. */
  token: string;
  now?: Date;
}

export type SubmitOutcome =
  | { ok: true; movement: Movement; duplicate: boolean }
  | { ok: false; errors: FieldErrors; message: string };

/**
 * Validates and records a movement in the local ledger room. The id derives from the form's
 * token, so submitting the same form twice (double tap, Enter then click) records one movement.
 */
export function submitMovement(values: MovementFormValues, ctx: SubmitContext): SubmitOutcome {
  const id = movementFormId(ctx.actor.device, ctx.token);
  const existing = ctx.ledger.movements.get(id);
  if (existing) return { ok: true, movement: existing, duplicate: true };
  const { request, errors } = toMovementRequest(values, (code) => ctx.catalog.skuForCode(code));
  const prepared = prepareMovement(request, {
    catalog: ctx.catalog,
    stock: ctx.stock,
    actor: ctx.actor,
    id,
    ...(ctx.now ? { now: ctx.now } : {}),
  });
  if (!prepared.ok) {
    const all = { ...errorsByField(prepared), ...errors };
    return { ok: false, errors: all, message: prepared.message };
  }
  if (Object.keys(errors).length) return { ok: false, errors, message: 'Check the highlighted fields.' };
  const added = ctx.ledger.movements.append(prepared.value);
  return { ok: true, movement: prepared.value, duplicate: !added };
}
