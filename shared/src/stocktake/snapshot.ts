import type * as Y from 'yjs';
import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { EventCollection } from '../event-collection.ts';
import { causeId } from '../ids.ts';
import { expectedRoom } from '../sync/rooms.ts';
import { ExpectedLine, type LocationEvent } from './location-events.ts';
import { EventId, Round } from './stamp.ts';

type StartEvent = Extract<LocationEvent, { type: 'start' }>;

/**
 * The on-hand stock at a location when a counter started it: what the count is compared
 * with. The server writes it (room `expected-<id>`, which counters of a blind stocktake
 * never receive) from the ledger as it stood at the start's time, for the earliest start
 * of each round it sees; the fold uses the earliest. Never written by a device.
 */
export const Snapshot = z.object({
  id: EventId,
  location: Code,
  round: Round,
  /** The start event it was taken for, and that event's time (the "as of"). */
  start: EventId,
  at: z.iso.datetime(),
  expected: z.array(ExpectedLine).max(20_000),
  computedAt: z.iso.datetime(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export function snapshotId(stocktakeId: string, startEventId: string): string {
  return causeId('expected-snapshot', stocktakeId, startEventId);
}

/** The snapshots of one stocktake (the `snapshots` map of its expected room). */
export class ExpectedSnapshots {
  static readonly MAP = 'snapshots';
  readonly events: EventCollection<Snapshot>;

  constructor(
    readonly doc: Y.Doc,
    readonly stocktakeId: string,
  ) {
    this.events = new EventCollection(doc, ExpectedSnapshots.MAP, Snapshot, expectedRoom(stocktakeId));
  }

  values(): IterableIterator<Snapshot> {
    return this.events.values();
  }

  /** Whether a start still needs a snapshot: none of its round is as early as it. */
  needs(start: StartEvent): boolean {
    for (const s of this.events.values()) {
      if (s.location === start.location && s.round === start.round && s.at <= start.at) return false;
    }
    return true;
  }

  /** Records the stock at the start's location as of the start (idempotent per start). */
  record(start: StartEvent, lines: Iterable<ExpectedLine>, now = new Date()): Snapshot {
    const snapshot: Snapshot = {
      id: snapshotId(this.stocktakeId, start.id),
      location: start.location,
      round: start.round,
      start: start.id,
      at: start.at,
      expected: [...lines].map((l) => ({
        sku: l.sku,
        ...(l.lot ? { lot: l.lot } : {}),
        quantity: l.quantity,
      })),
      computedAt: now.toISOString(),
    };
    this.events.append(Snapshot.parse(snapshot));
    return this.events.get(snapshot.id) ?? snapshot;
  }

  destroy(): void {
    this.events.destroy();
  }
}
