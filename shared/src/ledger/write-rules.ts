import { can } from '../access/permissions.ts';
import { LOT_HOLDS_MAP } from '../lots/lot-hold.ts';
import { lotHoldRule } from '../lots/write-rules.ts';
import {
  allOf,
  fieldOf,
  keyedById,
  parsed,
  type Refusal,
  type RoomRules,
  sameUser,
  stampedBy,
  type Writer,
} from '../sync/write-rules.ts';
import { Movement } from './movement.ts';
import { isPurchaseReference, isStocktakeReference, isWorkOrderReference } from './references.ts';

/**
 * A ledger room (`ledger-YYYY-MM`): movements are appended by the user and device who made
 * them and never replaced or removed; the opening balance (`meta`) is the server's.
 */
export const ledgerRules: RoomRules = {
  maps: {
    movements: {
      mode: 'append',
      add(value, key, writer) {
        const m = parsed(Movement, value, 'movement');
        if ('refusal' in m) return m.refusal;
        return allOf(keyedById(value, key), stampedBy(value, writer), referenceAllowed(m.value, writer));
      },
      replace(held, incoming, writer) {
        // Two managers posting one stocktake offline, or two clerks posting one delivery,
        // write the same (cause-derived) ids: either copy may stay.
        const ref = fieldOf(incoming, 'reference');
        if (ref !== undefined && fieldOf(held, 'reference') === ref) {
          if (isStocktakeReference(ref) && can(writer.role, 'stocktakes.manage')) return null;
          if (isPurchaseReference(ref) && can(writer.role, 'purchasing.receive')) return null;
        }
        return sameUser(held, incoming);
      },
    },
    meta: { mode: 'server' },
    // Lot blocks and releases (recalls, quality holds): managers only (lots/write-rules.ts).
    [LOT_HOLDS_MAP]: lotHoldRule,
  },
};

/**
 * Movements that carry another concept's reference are that concept's to write: a
 * stocktake's adjustments (managers), receipts and returns of purchase orders (people who
 * receive), parts issued to and returned from work orders (people who issue parts). A
 * writer without ledger.write (a technician) writes nothing else.
 */
function referenceAllowed(m: Movement, writer: Writer): Refusal {
  if (isStocktakeReference(m.reference))
    return can(writer.role, 'stocktakes.manage') ? null : "only managers post a stocktake's adjustments";
  if (isPurchaseReference(m.reference))
    return can(writer.role, 'purchasing.receive') ? null : 'only people who receive goods write this';
  if (isWorkOrderReference(m.reference)) {
    if (!can(writer.role, 'maintenance.issue')) return 'only people who issue parts write this';
    return m.type === 'issue' || m.type === 'receive' ? null : 'a work order takes issues and returns only';
  }
  return can(writer.role, 'ledger.write') ? null : 'only parts issued to or returned from a work order';
}
