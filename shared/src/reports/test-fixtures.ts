import type { Movement } from '../ledger/movement.ts';

/** Movements for report tests: only what the folds read, stamped with a fixed user and device. */
type Extra = { id?: string; lot?: string; reference?: string; occurredAt?: string; location?: string };
let seq = 0;
const stamp = (at: string, extra: Extra) => ({
  id: extra.id ?? `m${String(++seq).padStart(4, '0')}`,
  user: 'ann',
  device: 'd1',
  at,
  location: extra.location ?? 'A-01',
  ...(extra.lot !== undefined ? { lot: extra.lot } : {}),
  ...(extra.reference !== undefined ? { reference: extra.reference } : {}),
  ...(extra.occurredAt !== undefined ? { occurredAt: extra.occurredAt } : {}),
});

export function receive(
  sku: string,
  quantity: number,
  at: string,
  unitCost?: number,
  extra: Extra = {},
): Movement {
  return {
    type: 'receive',
    sku,
    quantity,
    ...(unitCost !== undefined ? { unitCost } : {}),
    ...stamp(at, extra),
  };
}

export function issue(sku: string, quantity: number, at: string, extra: Extra = {}): Movement {
  return { type: 'issue', sku, quantity, ...stamp(at, extra) };
}

export function adjust(sku: string, quantity: number, at: string, extra: Extra = {}): Movement {
  return { type: 'adjust', sku, quantity, reason: 'counted', ...stamp(at, extra) };
}

export function transfer(
  sku: string,
  quantity: number,
  at: string,
  toLocation: string,
  extra: Extra = {},
): Movement {
  return { type: 'transfer', sku, quantity, toLocation, ...stamp(at, extra) };
}
