import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { StockFold } from '@stockroom/shared/ledger/stock';
import type { Room } from '../sync/room.ts';

/**
 * A loaded ledger room seen through the shared LedgerPeriod, with its stock fold cached
 * until the room next changes (the API folds on every request otherwise).
 */
export class PeriodView {
  readonly ledger: LedgerPeriod;
  private fold: StockFold | null = null;
  private readonly unsubscribe: () => void;

  constructor(room: Room, period: string) {
    this.ledger = new LedgerPeriod(room.doc, period);
    this.unsubscribe = room.onUpdate(() => {
      this.fold = null;
    });
  }

  /** Stock on hand at the end of this period as stored now. Read-only: do not apply to it. */
  stock(): StockFold {
    this.fold ??= this.ledger.stock();
    return this.fold;
  }

  destroy(): void {
    this.unsubscribe();
    this.ledger.destroy();
  }
}

export function periodViewOf(room: Room): PeriodView {
  if (room.ref.kind !== 'ledger') throw new Error(`${room.name} is not a ledger room`);
  const period = room.ref.period;
  return room.attachment(
    'ledger',
    () => new PeriodView(room, period),
    (v) => v.destroy(),
  );
}
