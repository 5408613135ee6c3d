import type * as Y from 'yjs';
import { z } from 'zod';
import { EventCollection } from '../event-collection.ts';
import { STOCKTAKES_ROOM } from '../sync/rooms.ts';
import type { InvalidEntry } from '../validation.ts';
import { type Definition, StocktakeId, StocktakeName } from './definition.ts';
import { byTimeThenId, UserId } from './stamp.ts';

/**
 * One line of the stocktake index: written once when the stocktake is defined, never
 * changed. Status, counters and counts live in the stocktake's own room, so the index
 * never needs a mutable field (and two writers of one id write the same value).
 */
export const StocktakeIndexEntry = z.object({
  id: StocktakeId,
  name: StocktakeName,
  createdAt: z.iso.datetime(),
  createdBy: UserId,
});
export type StocktakeIndexEntry = z.infer<typeof StocktakeIndexEntry>;

/**
 * The `stocktakes` room: Y.Map `stocktakes`, id → StocktakeIndexEntry, so a device can
 * list stocktakes without opening every stocktake room. Validated on read; invalid
 * entries are skipped and reported.
 */
export class StocktakeIndex {
  static readonly MAP = 'stocktakes';
  readonly entries: EventCollection<StocktakeIndexEntry>;

  constructor(readonly doc: Y.Doc) {
    this.entries = new EventCollection(doc, StocktakeIndex.MAP, StocktakeIndexEntry, STOCKTAKES_ROOM);
  }

  /** Records a stocktake (once: an id already listed is left as it is). Returns true if new. */
  add(entry: StocktakeIndexEntry): boolean {
    return this.entries.append(StocktakeIndexEntry.parse(entry));
  }

  /** Records a stocktake from its definition (what the creating device or the server calls). */
  addDefinition(def: Definition): boolean {
    return this.add({ id: def.id, name: def.name, createdAt: def.createdAt, createdBy: def.createdBy });
  }

  get(id: string): StocktakeIndexEntry | undefined {
    return this.entries.get(id);
  }

  /** Newest first (creation time, then id: the same order on every replica). */
  list(): StocktakeIndexEntry[] {
    const key = (e: StocktakeIndexEntry) => ({ at: e.createdAt, id: e.id });
    return [...this.entries.values()].sort((a, b) => byTimeThenId(key(b), key(a)));
  }

  invalidEntries(): InvalidEntry[] {
    return this.entries.invalidEntries();
  }

  onChange(listener: () => void): () => void {
    return this.entries.onChange(() => listener());
  }

  destroy(): void {
    this.entries.destroy();
  }
}
