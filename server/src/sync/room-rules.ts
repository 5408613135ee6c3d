import { catalogRules } from '@stockroom/shared/catalog/write-rules';
import { ledgerRules } from '@stockroom/shared/ledger/write-rules';
import { expectedRules, stocktakeIndexRules, stocktakeRules } from '@stockroom/shared/stocktake/write-rules';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import type { RoomRules } from '@stockroom/shared/sync/write-rules';

/** The write rules of each kind of room, as each concept declares them in shared/. */
export function rulesFor(ref: RoomRef): RoomRules {
  switch (ref.kind) {
    case 'catalog':
      return catalogRules;
    case 'ledger':
      return ledgerRules;
    case 'stocktakes':
      return stocktakeIndexRules;
    case 'stocktake':
      return stocktakeRules(ref.id);
    case 'expected':
      return expectedRules;
  }
}
