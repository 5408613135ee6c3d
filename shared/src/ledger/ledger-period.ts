import type * as Y from 'yjs';
import { EventCollection } from '../event-collection.ts';
import { ledgerRoom } from '../sync/rooms.ts';
import { describeZodError, type InvalidEntry } from '../validation.ts';
import { effectiveAt, Movement } from './movement.ts';
import { OpeningBalance } from './opening.ts';
import { StockFold } from './stock.ts';

/**
 * One ledger room: the movements recorded in one period, plus the opening balances carried
 * forward into it. Stock on hand = opening + fold(movements).
 */
export class LedgerPeriod {
  readonly movements: EventCollection<Movement>;
  readonly meta: Y.Map<unknown>;
  readonly room: string;
  /**
   * The last stored opening and what it parsed to: 50,000 lines take ≈70 ms to validate,
   * and every fold reads it. A Y.Map hands back the same object until the entry is replaced.
   */
  private parsedOpening: { raw: unknown; result: ReturnType<typeof OpeningBalance.safeParse> } | null = null;

  constructor(
    readonly doc: Y.Doc,
    readonly period: string,
  ) {
    this.room = ledgerRoom(period);
    this.movements = new EventCollection(doc, 'movements', Movement, this.room);
    this.meta = doc.getMap('meta');
  }

  opening(): OpeningBalance | null {
    const raw = this.meta.get('opening');
    if (raw === undefined) return null;
    const parsed = this.parseOpening(raw);
    return parsed.success && parsed.data.period === this.period ? parsed.data : null;
  }

  setOpening(opening: OpeningBalance): void {
    this.meta.set('opening', opening);
  }

  invalidEntries(): InvalidEntry[] {
    const out = this.movements.invalidEntries();
    const raw = this.meta.get('opening');
    if (raw !== undefined) {
      const parsed = this.parseOpening(raw);
      if (!parsed.success)
        out.push({ room: this.room, key: 'opening', problem: describeZodError(parsed.error) });
      else if (parsed.data.period !== this.period)
        out.push({
          room: this.room,
          key: 'opening',
          problem: `opening is for period ${parsed.data.period}, not ${this.period}`,
        });
    }
    return out;
  }

  /** Stock on hand as of an instant of this period: the opening plus the movements up to it. */
  stockAsOf(at: string): StockFold {
    const until = Date.parse(at);
    const earlier = [...this.movements.values()].filter((m) => Date.parse(effectiveAt(m)) <= until);
    return new StockFold(this.opening()?.lines ?? []).applyAll(earlier);
  }

  /** Stock on hand at the end of what this room holds. */
  stock(): StockFold {
    return new StockFold(this.opening()?.lines ?? []).applyAll(this.movements.values());
  }

  destroy(): void {
    this.movements.destroy();
  }

  private parseOpening(raw: unknown): ReturnType<typeof OpeningBalance.safeParse> {
    const cached = this.parsedOpening;
    if (cached && cached.raw === raw) return cached.result;
    const result = OpeningBalance.safeParse(raw);
    this.parsedOpening = { raw, result };
    return result;
  }
}
