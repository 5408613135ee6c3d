import type { EntryChange } from '@stockroom/shared/sync/write-rules';
import * as Y from 'yjs';

/**
 * What an incoming update would do to a room, worked out from its structs and delete set
 * against the room's document — before anything is applied, so that an update that breaks
 * a write rule is never stored. Our rooms hold only top-level Y.Maps of plain values, so an
 * update is a set of map entries added (an Item with no origin), edited (an Item whose
 * origin is the previous value of its key) and removed (the delete set).
 */
export interface Inspection {
  /** Clients with structs the room does not hold yet: their clientIDs must belong to the writer. */
  newClients: Set<number>;
  /** Structs (and deleted ranges) the room does not hold yet. */
  newStructs: number;
  changes: EntryChange[];
  /** Deletions of structs the room does not hold (they would apply when those arrive), per client. */
  futureDeletes: Set<number>;
  /** Why the update cannot be judged at all (nested types, text, missing dependencies); it is refused. */
  problem: string | null;
}

type Place = { map: string; key: string };

interface Fresh {
  item: Y.Item;
  deleted: boolean;
  place?: Place | string;
}

class Unjudgeable extends Error {}

export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
  const { structs, ds } = Y.decodeUpdate(update);
  const out: Inspection = {
    newClients: new Set(),
    newStructs: 0,
    changes: [],
    futureDeletes: new Set(),
    problem: null,
  };
  try {
    return new Inspector(doc, out).run(structs, ds);
  } catch (error) {
    if (!(error instanceof Unjudgeable)) throw error;
    out.problem = error.message;
    return out;
  }
}

class Inspector {
  private readonly store: Y.Doc['store'];
  private readonly roots = new Map<unknown, string>();
  /** New structs per client, in clock order. */
  private readonly fresh = new Map<number, Fresh[]>();
  private readonly touched = new Map<string, { place: Place; items: Fresh[]; heldDeleted: boolean }>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly out: Inspection,
  ) {
    this.store = doc.store;
    for (const [name, type] of doc.share) this.roots.set(type, name);
  }

  run(structs: (Y.Item | Y.GC | Y.Skip)[], ds: ReturnType<typeof Y.decodeUpdate>['ds']): Inspection {
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      const client = s.id.client;
      const state = Y.getState(this.store, client);
      if (s.id.clock + s.length <= state) continue; // already held: Yjs skips it
      this.out.newClients.add(client);
      this.out.newStructs++;
      if (s instanceof Y.GC) continue; // a removed range: no content, no place
      const list = this.fresh.get(client) ?? [];
      list.push({ item: s, deleted: s.content instanceof Y.ContentDeleted });
      this.fresh.set(client, list);
    }
    for (const [client, ranges] of ds.clients) {
      for (const r of ranges) this.deleteRange(client, r.clock, r.len);
    }
    for (const list of this.fresh.values()) {
      for (const f of list) {
        const content = f.item.content;
        if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentDeleted)) {
          throw new Unjudgeable('only plain values may be written');
        }
        if (content instanceof Y.ContentAny && f.item.length !== 1) {
          throw new Unjudgeable('only map entries may be written');
        }
        this.entryOf(this.placeOfFresh(f)).items.push(f);
      }
    }
    for (const entry of this.touched.values()) this.out.changes.push(this.changeOf(entry));
    return this.out;
  }

  private entryOf(place: Place) {
    const id = `${place.map}\u0000${place.key}`;
    let entry = this.touched.get(id);
    if (!entry) {
      entry = { place, items: [], heldDeleted: false };
      this.touched.set(id, entry);
    }
    return entry;
  }

  private deleteRange(client: number, clock: number, len: number): void {
    const end = clock + len;
    const state = Y.getState(this.store, client);
    if (clock < state) {
      const held = this.store.clients.get(client)!;
      for (let i = Y.findIndexSS(held, clock); i < held.length && held[i]!.id.clock < end; i++) {
        const s = held[i]!;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        this.out.newStructs++;
        const place = this.placeOfHeld(s);
        const visible = this.mapOf(place.map)?._map.get(place.key);
        // Deleting a value that is no longer the visible one changes nothing anybody sees.
        if (visible === s) this.entryOf(place).heldDeleted = true;
      }
    }
    if (end <= state) return;
    let covered = Math.max(clock, state);
    for (const f of this.fresh.get(client) ?? []) {
      const from = f.item.id.clock;
      const to = from + f.item.length;
      if (to <= covered || from >= end) continue;
      if (from > covered) break;
      f.deleted = true;
      covered = to;
    }
    if (covered < end) this.out.futureDeletes.add(client);
  }

  private changeOf(entry: { place: Place; items: Fresh[]; heldDeleted: boolean }): EntryChange {
    const { place, items } = entry;
    const held = this.mapOf(place.map)?._map.get(place.key);
    const before = held && !held.deleted ? entryValue(held) : undefined;
    const added = items.filter((f) => !f.deleted).map((f) => entryValue(f.item));
    const overwrites = items.some((f) => f.item.origin !== null || f.item.rightOrigin !== null);
    // Concurrent values of one key: the one with the highest clientID is the visible one
    // (Yjs orders items with the same origin by client). Our maps never nest or move.
    let winner: Fresh | null = null;
    for (const f of items) {
      if (!winner || f.item.id.client > winner.item.id.client) winner = f;
    }
    const heldTop = held ? highestClient(held) : -1;
    let after: unknown;
    let replaced = false;
    if (winner && (overwrites || winner.item.id.client > heldTop)) {
      // An edit (its origin is the held value) or a concurrent value that wins.
      const last = overwrites ? lastOfChain(items) : winner;
      after = last.deleted ? undefined : entryValue(last.item);
      replaced = held !== undefined;
    } else {
      after = held && !held.deleted && !entry.heldDeleted ? before : undefined;
    }
    return { map: place.map, key: place.key, before, after, added, overwrites, replaced };
  }

  private mapOf(name: string): { _map: Map<string, Y.Item> } | undefined {
    return this.doc.share.get(name);
  }

  private placeOfHeld(item: Y.Item): Place {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent || parent._item !== null) throw new Unjudgeable('changes a nested type');
    const map = this.roots.get(parent);
    if (map === undefined || item.parentSub === null)
      throw new Unjudgeable('changes something that is not a map entry');
    return { map, key: item.parentSub };
  }

  private placeOfFresh(f: Fresh, depth = 0): Place {
    if (typeof f.place === 'object') return f.place;
    if (typeof f.place === 'string' || depth > 10_000)
      throw new Unjudgeable('its structs refer to each other in a loop');
    f.place = 'resolving';
    const item = f.item;
    let place: Place;
    if (typeof item.parent === 'string') {
      if (item.parentSub === null) throw new Unjudgeable('writes something that is not a map entry');
      place = { map: item.parent, key: item.parentSub };
    } else if (item.parent !== null) {
      throw new Unjudgeable('writes into a nested type');
    } else {
      const origin = item.origin ?? item.rightOrigin;
      if (!origin) throw new Unjudgeable('writes a struct without a place');
      place = this.placeOfId(origin, depth + 1);
    }
    f.place = place;
    return place;
  }

  private placeOfId(id: Y.ID, depth: number): Place {
    if (id.clock < Y.getState(this.store, id.client)) {
      const s = Y.getItem(this.store, id) as Y.Item | Y.GC;
      if (s instanceof Y.GC) throw new Unjudgeable('refers to removed content');
      return this.placeOfHeld(s);
    }
    for (const f of this.fresh.get(id.client) ?? []) {
      if (id.clock >= f.item.id.clock && id.clock < f.item.id.clock + f.item.length)
        return this.placeOfFresh(f, depth);
    }
    throw new Unjudgeable('depends on changes the room does not hold');
  }
}

/** The value an item stands for (the last one, for a run of values). */
function entryValue(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentDeleted) return undefined;
  const values = item.content.getContent();
  return values[values.length - 1];
}

/** The highest clientID among the values a key has had (the visible one and those it beat). */
function highestClient(item: Y.Item): number {
  let top = -1;
  for (let i: Y.Item | null = item; i; i = i.left) if (i.id.client > top) top = i.id.client;
  return top;
}

/** Of one writer's successive edits of a key, the last (the highest clock of the highest client). */
function lastOfChain(items: Fresh[]): Fresh {
  let last = items[0]!;
  for (const f of items) {
    const a = f.item.id;
    const b = last.item.id;
    if (a.client > b.client || (a.client === b.client && a.clock > b.clock)) last = f;
  }
  return last;
}
