import { fromUnits, toUnits } from '../quantity.ts';

export interface StockFigures {
  onHand: number;
  /** Open purchase-order lines not yet received, drafts included (purchasing's `onOrderBySku`). */
  onOrder: number;
  /** Reserved for work orders, not yet issued. */
  reserved: number;
}

/**
 * Inventory position = on hand + on order − reserved: what will be available once what is
 * ordered arrives. Drafts count as on order, or tomorrow's run would suggest the same order
 * again (ERPNext #58404, #36154). Summed in quantity units so 0.1 + 0.2 is 0.3.
 */
export function inventoryPosition(s: StockFigures): number {
  return fromUnits(toUnits(s.onHand) + toUnits(s.onOrder) - toUnits(s.reserved));
}
