import { catalogRules } from '@stockroom/shared/catalog/write-rules';
import { ledgerRules } from '@stockroom/shared/ledger/write-rules';
import { maintenanceRules, workOrderRules } from '@stockroom/shared/maintenance/write-rules';
import { approvalsRules, settingsRules } from '@stockroom/shared/procedures/write-rules';
import { purchasingRules } from '@stockroom/shared/purchasing/write-rules';
import { expectedRules, stocktakeIndexRules, stocktakeRules } from '@stockroom/shared/stocktake/write-rules';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import type { RoomRules } from '@stockroom/shared/sync/write-rules';
import { trainingRules } from '@stockroom/shared/training/write-rules';
import { trainingGate } from '../training/gate.ts';

/** Rooms only the server writes (no map is declared: every client write is refused). */
const SERVER_ONLY: RoomRules = { maps: {} };

/** Rules of stocktake rooms by id, built once (they are asked on every scan). */
const stocktakes = new Map<string, RoomRules>();

/**
 * The write rules of each kind of room, as each concept declares them in shared/; real
 * ledger and stocktake rooms also keep the training requirement (training/gate.ts).
 */
export function rulesFor(ref: RoomRef): RoomRules {
  return trainingGate.wrap(ref, declaredRules(ref));
}

function declaredRules(ref: RoomRef): RoomRules {
  switch (ref.kind) {
    case 'catalog':
      return catalogRules;
    case 'ledger':
      return ledgerRules;
    case 'stocktakes':
      return stocktakeIndexRules;
    case 'stocktake': {
      let rules = stocktakes.get(ref.id);
      if (!rules) {
        if (stocktakes.size > 1000) stocktakes.clear();
        rules = stocktakeRules(ref.id);
        stocktakes.set(ref.id, rules);
      }
      return rules;
    }
    case 'expected':
      return expectedRules;
    case 'purchasing':
      return purchasingRules;
    case 'maintenance':
      return maintenanceRules;
    case 'work-orders':
      return workOrderRules;
    case 'stats':
      return SERVER_ONLY;
    case 'settings':
      return settingsRules;
    case 'approvals':
      return approvalsRules;
    case 'training':
      return trainingRules;
    case 'practice':
      // The same rules as the real room (and no training gate: practice is where one trains).
      return declaredRules(ref.room);
  }
}
