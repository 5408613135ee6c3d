import type { Movement } from '@stockroom/shared/ledger/movement';
import {
  type ExpiryDecision,
  isExpiryDecision,
  isHold,
  lotDecisionsOf,
} from '@stockroom/shared/lots/expiry-decision';
import type { LotHold } from '@stockroom/shared/lots/lot-hold';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import type { LedgerService } from '../ledger/ledger-service.ts';
import { periodViewOf } from '../ledger/period-view.ts';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

/** The lot events of the whole ledger: every movement that names a lot, every hold and expiry decision. */
export interface LotEvents {
  movements: Movement[];
  holds: LotHold[];
  expiryDecisions: ExpiryDecision[];
}

/** The `lotHolds` collection (holds and expiry decisions) of a loaded ledger room, built once per load. */
export function lotHoldsIn(room: Room) {
  return room.attachment(
    'lot-holds',
    (doc) => lotDecisionsOf(doc, room.name),
    (c) => c.destroy(),
  );
}

/**
 * Lots span months: a lot received in March is issued in May and recalled in June, so its
 * record needs every ledger period, not the current one (openings carry quantities forward,
 * not expiries or origins). Reading every period on each request would load every room, so
 * each period's lot events are kept here and dropped when that period changes.
 */
export class LotIndex {
  private readonly cache = new Map<string, LotEvents>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ledger: LedgerService,
    private readonly registry: RoomRegistry,
  ) {
    this.unsubscribe = ledger.onPeriodChange((period) => this.cache.delete(period));
  }

  async events(): Promise<LotEvents> {
    const out: LotEvents = { movements: [], holds: [], expiryDecisions: [] };
    for (const period of this.ledger.knownPeriods()) {
      const e = this.cache.get(period) ?? (await this.load(period));
      out.movements.push(...e.movements);
      out.holds.push(...e.holds);
      out.expiryDecisions.push(...e.expiryDecisions);
    }
    return out;
  }

  close(): void {
    this.unsubscribe();
    this.cache.clear();
  }

  private async load(period: string): Promise<LotEvents> {
    // 'dependency': reading a month for its lots must not start recomputing its opening.
    return this.registry.with(
      ledgerRoom(period),
      (room) => {
        const movements = [...periodViewOf(room).ledger.movements.values()].filter((m) => m.lot);
        const decisions = [...lotHoldsIn(room).values()];
        const events = {
          movements,
          holds: decisions.filter(isHold),
          expiryDecisions: decisions.filter(isExpiryDecision),
        };
        this.cache.set(period, events);
        return events;
      },
      'dependency',
    );
  }
}
