import { can } from '@stockroom/shared/access/permissions';
import type { Role } from '@stockroom/shared/access/role';

/*
 * What the purchasing screens offer to each role (the server enforces the same table and the
 * purchasing room's write rules: a write a role may not make closes its connection).
 */
export function canReadPurchasing(role: Role): boolean {
  return can(role, 'purchasing.read');
}

/** Draft, edit, send, close and cancel orders. */
export function canManagePurchasing(role: Role): boolean {
  return can(role, 'purchasing.manage');
}

/** Receive deliveries and return goods to the supplier. */
export function canReceiveGoods(role: Role): boolean {
  return can(role, 'purchasing.receive');
}

/**
 * Last year's room: orders sent in December still arrive in January. Only roles that write
 * purchasing rooms may open a year nobody wrote yet (the server answers 404 to readers), so
 * read-only roles open this year's room only.
 */
export function purchasingYears(role: Role, now = new Date()): number[] {
  const year = now.getUTCFullYear();
  const writes = can(role, 'purchasing.receive') || can(role, 'purchasing.manage');
  return writes ? [year, year - 1] : [year];
}
