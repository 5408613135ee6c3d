import type { CodeTarget } from '@stockroom/shared/scanning/resolve-code';
import { canIssueParts, canPlanMaintenance } from '../maintenance/maintenance-permissions.ts';
import { DEFAULT_WO_FILTER } from '../maintenance/maintenance-routes.ts';
import { canReceiveGoods } from '../purchasing/purchasing-permissions.ts';
import type { Route } from '../routing/route.ts';
import type { Role } from '../session/session.ts';

/*
 * Where a scan made outside any scanning screen takes the user, by what the code names and
 * what the role may do there. Pure, so every kind of code is unit-tested.
 */

/** Counters never see stock on hand (blind counts), so an item or bin opens its catalog page. */
const seesStock = (role: Role) => role !== 'counter';

/** The route for a resolved code; null for an unknown code (the caller offers to create it). */
export function scanRoute(target: CodeTarget, role: Role): Route | null {
  switch (target.kind) {
    case 'item':
      return seesStock(role)
        ? { name: 'stock', by: 'item', q: target.sku }
        : { name: 'item-edit', sku: target.sku };
    case 'location':
      return seesStock(role) ? { name: 'stock', by: 'location', q: target.code } : { name: 'locations' };
    case 'stocktake-location':
      return { name: 'stocktake-count', id: target.stocktake };
    case 'purchase-order':
      return canReceiveGoods(role)
        ? { name: 'purchase-order-receive', id: target.id }
        : { name: 'purchase-order', id: target.id };
    case 'work-order':
      // Technicians issue parts; planners land on the work order, where they issue too.
      return canIssueParts(role) && !canPlanMaintenance(role)
        ? { name: 'work-order-issue', id: target.id }
        : { name: 'work-order', id: target.id };
    case 'asset':
      // Parts go to the asset's open work orders: the list narrowed to it shows them.
      return canIssueParts(role)
        ? { name: 'work-orders', filter: { ...DEFAULT_WO_FILTER, asset: target.code } }
        : { name: 'asset', code: target.code };
    case 'unknown':
      return null;
  }
}

/** Text fields keep what is typed into them: a wedge scan there is the field's business. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if ((el as HTMLElement).isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}
