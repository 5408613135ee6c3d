import type { Actor } from '../actor.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { randomId } from '../ids.ts';
import { failure, fromZod, type Result } from '../result.ts';
import { Movement, MovementRequest } from './movement.ts';
import type { StockFold } from './stock.ts';

export interface MovementContext {
  catalog: Catalog;
  /** Stock on hand right now, to refuse issuing what is not there. */
  stock: StockFold;
  actor: Actor;
  now?: Date;
  /** A deterministic id when the movement has a cause (a form's submission id, a PO line). */
  id?: string;
  allowNegative?: boolean;
}

/**
 * Checks a movement request against the catalog and stock on hand and stamps it.
 * Does not write anything: the caller appends the result to the ledger room.
 */
export function prepareMovement(request: unknown, ctx: MovementContext): Result<Movement> {
  const parsed = fromZod(MovementRequest.safeParse(request));
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  // SKUs and location codes typed in another case mean the item and location they name.
  r.sku = ctx.catalog.skuOf(r.sku) ?? r.sku;
  r.location = ctx.catalog.locationCode(r.location) ?? r.location;
  if (r.type === 'transfer') r.toLocation = ctx.catalog.locationCode(r.toLocation) ?? r.toLocation;

  const item = ctx.catalog.items.get(r.sku);
  if (!item) return failure('not_found', `no item with SKU ${r.sku}`, 'sku');
  if (!item.active && r.type === 'receive') return failure('invalid', `item ${r.sku} is archived`, 'sku');
  if (!ctx.catalog.locations.get(r.location))
    return failure('not_found', `no location ${r.location}`, 'location');
  if (r.type === 'transfer' && !ctx.catalog.locations.get(r.toLocation)) {
    return failure('not_found', `no location ${r.toLocation}`, 'toLocation');
  }
  if (item.tracking !== 'none' && !r.lot) {
    return failure(
      'invalid',
      `item ${r.sku} is tracked by ${item.tracking}: give the ${item.tracking} number`,
      'lot',
    );
  }
  if (item.tracking === 'none' && r.lot) {
    return failure('invalid', `item ${r.sku} is not tracked by lot or serial: leave the lot empty`, 'lot');
  }
  if (r.type === 'receive' && r.expiry && item.tracking === 'none') {
    return failure('invalid', `item ${r.sku} is not tracked by lot or serial: it has no expiry`, 'expiry');
  }
  if (item.tracking === 'serial' && Math.abs(r.quantity) !== 1) {
    return failure('invalid', 'a serial-numbered item moves one at a time', 'quantity');
  }
  if (item.tracking === 'serial' && r.type === 'receive' && !ctx.allowNegative) {
    const holder = ctx.stock.lines({ sku: r.sku }).find((l) => l.lot === r.lot && l.quantity > 0);
    if (holder)
      return failure(
        'conflict',
        `serial ${r.lot} of ${r.sku} is already in stock at ${holder.location}`,
        'lot',
      );
  }

  const outgoing =
    r.type === 'issue' || r.type === 'transfer'
      ? r.quantity
      : r.type === 'adjust' && r.quantity < 0
        ? -r.quantity
        : 0;
  if (outgoing > 0 && !ctx.allowNegative && item.tracking === 'serial' && r.lot) {
    // A serial is one thing in one place: say where it is rather than "only 0 on hand".
    if (ctx.stock.quantity(r.sku, r.location, r.lot) < 1) {
      const holder = ctx.stock.lines({ sku: r.sku }).find((l) => l.lot === r.lot && l.quantity > 0);
      return failure(
        'conflict',
        `serial ${r.lot} of ${r.sku} is not on hand at ${r.location}${holder ? ` (it is at ${holder.location})` : ''}`,
        'lot',
      );
    }
  }
  if (outgoing > 0 && !ctx.allowNegative) {
    const onHand = ctx.stock.quantity(r.sku, r.location, r.lot);
    if (onHand < outgoing) {
      return failure(
        'insufficient',
        `only ${onHand} ${item.unit} of ${r.sku} on hand at ${r.location}${r.lot ? ` (lot ${r.lot})` : ''}`,
        'quantity',
      );
    }
  }

  const stamped = {
    ...r,
    id: ctx.id ?? randomId(),
    user: ctx.actor.user,
    device: ctx.actor.device,
    at: (ctx.now ?? new Date()).toISOString(),
  };
  return fromZod(Movement.safeParse(stamped));
}
