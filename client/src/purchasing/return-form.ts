import type { Tracking } from '@stockroom/shared/catalog/item';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { SupplierReturn } from '@stockroom/shared/purchasing/purchase-order';
import type { ReturnLine } from '@stockroom/shared/purchasing/purchasing-room';
import { PositiveQuantity, toUnits } from '@stockroom/shared/quantity';
import { type FieldErrors, parseNumberField } from '../ui/form-errors.ts';
import { formatQuantity } from '../ui/format.ts';

export interface ReturnFormValues {
  line: string;
  quantity: string;
  location: string;
  lot: string;
  reason: string;
}

/** Lines goods may go back from: something of them arrived (net of earlier returns). */
export function returnableLines(order: OrderView) {
  return order.lines.filter((l) => l.net > 0);
}

/** The form for one line: the bin and lot its latest receipt went into. */
export function returnDefaults(order: OrderView, line?: string): ReturnFormValues {
  const chosen = line ?? returnableLines(order)[0]?.line ?? '';
  const last = order.receipts.filter((r) => r.line === chosen).at(-1);
  return { line: chosen, quantity: '', location: last?.location ?? '', lot: last?.lot ?? '', reason: '' };
}

export interface ReturnContext {
  locationExists: (code: string) => boolean;
  /** Stock on hand now at a location (and lot). */
  onHand: (sku: string, location: string, lot: string | undefined) => number;
  tracking: (sku: string) => Tracking;
}

export type ReturnCheck = { ok: true; value: ReturnLine } | { ok: false; errors: FieldErrors };

/** A return as typed: every problem on its field (`quantity`, `location`, `reason`…). */
export function checkReturn(values: ReturnFormValues, order: OrderView, ctx: ReturnContext): ReturnCheck {
  const errors: FieldErrors = {};
  const line = order.lines.find((l) => l.line === values.line);
  if (!line) errors.line = 'choose the line';
  const location = values.location.trim();
  if (!location) errors.location = 'give the bin the goods leave from';
  else if (!ctx.locationExists(location)) errors.location = `no location ${location}`;
  const lot = values.lot.trim();
  if (line && ctx.tracking(line.sku) !== 'none' && !lot)
    errors.lot = `give the ${ctx.tracking(line.sku) === 'serial' ? 'serial' : 'lot'} number`;

  const q = parseNumberField(values.quantity);
  let quantity: number | null = null;
  if (!q.ok) errors.quantity = 'must be a number';
  else if (q.value === null) errors.quantity = 'give the quantity';
  else {
    const p = PositiveQuantity.safeParse(q.value);
    if (!p.success) errors.quantity = p.error.issues[0]?.message ?? 'must be greater than 0';
    else quantity = p.data;
  }
  if (line && quantity !== null) {
    if (toUnits(quantity) > toUnits(line.net))
      errors.quantity = `only ${formatQuantity(line.net)} of ${line.sku} arrived on this order`;
    else if (location && !errors.location) {
      const held = ctx.onHand(line.sku, location, lot || undefined);
      if (toUnits(quantity) > toUnits(held))
        errors.quantity = `only ${formatQuantity(held)} of ${line.sku} on hand at ${location}`;
    }
  }
  const reason = SupplierReturn.shape.reason.safeParse(values.reason);
  if (!reason.success) errors.reason = reason.error.issues[0]?.message ?? 'give a reason for the return';

  if (Object.keys(errors).length > 0 || !line || quantity === null || !reason.success)
    return { ok: false, errors };
  return {
    ok: true,
    value: { line: line.line, quantity, location, ...(lot ? { lot } : {}), reason: reason.data },
  };
}
