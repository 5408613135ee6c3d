import type * as Y from 'yjs';
import type { z } from 'zod';
import { describeZodError, type InvalidEntry } from '../validation.ts';
import type { RecordCodec } from './record-codec.ts';

const SEP = '\u001f';

export interface RecordCollectionOptions {
  /**
   * Validate records when first read instead of all at once when the collection opens: a
   * device showing one screen of a 50,000-record room validates that screen first and the
   * rest later (`settleSome`). Every read still goes through the schema: `get` validates its
   * record, and `values`, `size` and `invalidEntries` validate everything not read yet, so
   * invalid entries are skipped and reported exactly as in the default (eager) mode.
   */
  lazy?: boolean;
}

/**
 * Records (items, locations, suppliers) in a Y.Doc with field-level merges.
 *
 * A record's creation is one plain value in `<kind>` keyed by its natural key (compacted by
 * a RecordCodec); later edits are one plain value per field in `<kind>.fields` keyed `key␟field`. Two people editing
 * different fields of one record both win; nested Y.Maps are avoided on purpose (their
 * concurrent initialisation loses a subtree, and they cost twice the bytes and load time).
 *
 * Every record is parsed with its schema when read; what fails is kept aside as invalid and
 * never reaches the UI or a fold. Parsing is incremental: only changed keys are re-read.
 * With `lazy`, a record loaded with the room is parsed the first time it is read.
 */
export class RecordCollection<T> {
  readonly base: Y.Map<unknown>;
  readonly fields: Y.Map<unknown>;
  private readonly valid = new Map<string, T>();
  private readonly invalid = new Map<string, string>();
  private readonly editedFields = new Map<string, Set<string>>();
  /** Keys loaded with the room and not validated yet (lazy mode only). */
  private readonly unparsed = new Set<string>();
  private readonly listeners = new Set<(changed: ReadonlySet<string>) => void>();
  private readonly onBase = (e: Y.YMapEvent<unknown>) => this.refresh(e.keysChanged);
  private readonly onFields = (e: Y.YMapEvent<unknown>) => {
    const keys = new Set<string>();
    for (const k of e.keysChanged) {
      const [key, field] = splitFieldKey(k);
      if (key === undefined || field === undefined) continue;
      const set = this.editedFields.get(key) ?? new Set<string>();
      if (this.fields.has(k)) set.add(field);
      else set.delete(field);
      this.editedFields.set(key, set);
      keys.add(key);
    }
    this.refresh(keys);
  };

  constructor(
    readonly doc: Y.Doc,
    readonly kind: string,
    private readonly schema: z.ZodType<T>,
    private readonly room: string,
    /** The field holding the natural key: it is the map key and is never edited. */
    private readonly keyField: string,
    private readonly codec: RecordCodec,
    options: RecordCollectionOptions = {},
  ) {
    this.base = doc.getMap(kind);
    this.fields = doc.getMap(`${kind}.fields`);
    for (const k of this.fields.keys()) {
      const [key, field] = splitFieldKey(k);
      if (key === undefined || field === undefined) continue;
      const set = this.editedFields.get(key) ?? new Set<string>();
      set.add(field);
      this.editedFields.set(key, set);
    }
    if (options.lazy) for (const key of this.base.keys()) this.unparsed.add(key);
    else for (const key of this.base.keys()) this.parse(key);
    this.base.observe(this.onBase);
    this.fields.observe(this.onFields);
  }

  get size(): number {
    this.settle();
    return this.valid.size;
  }

  get(key: string): T | undefined {
    // Inside a transaction that created the record the observers have not run yet: read it
    // from the map (a batch of writes — an import — sees the records it created itself).
    if (this.unparsed.has(key) || (!this.valid.has(key) && !this.invalid.has(key) && this.base.has(key)))
      this.parse(key);
    return this.valid.get(key);
  }

  /** True when the key is taken, even by an entry that failed validation. */
  exists(key: string): boolean {
    return this.base.has(key);
  }

  values(): IterableIterator<T> {
    this.settle();
    return this.valid.values();
  }

  invalidEntries(): InvalidEntry[] {
    this.settle();
    return [...this.invalid].map(([key, problem]) => ({ room: this.room, key, problem }));
  }

  /** Every key of the room, valid or not, without validating anything (see `exists`). */
  keys(): IterableIterator<string> {
    return this.base.keys();
  }

  /** True once every record is validated (always, unless lazy). */
  get settled(): boolean {
    return this.unparsed.size === 0;
  }

  /** Validates up to `max` records not read yet; true once every record is validated. */
  settleSome(max: number): boolean {
    if (this.unparsed.size === 0) return true;
    let n = 0;
    for (const key of this.unparsed) {
      if (n++ >= max) break;
      this.parse(key);
    }
    if (this.unparsed.size > 0) return false;
    this.restoreOrder();
    return true;
  }

  /** Validates every record not read yet. */
  settle(): void {
    if (this.unparsed.size === 0) return;
    for (const key of this.unparsed) this.parse(key);
    this.restoreOrder();
  }

  /** Writes a new record. Creating an existing key again overwrites it as one entry, never two. */
  create(key: string, record: T): void {
    this.base.set(key, this.codec.encode(record as object));
  }

  /** Writes only the given fields, each as its own entry, in one transaction. */
  patch(key: string, patch: Record<string, unknown>): void {
    this.doc.transact(() => {
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined) this.fields.set(`${key}${SEP}${field}`, value);
      }
    });
  }

  /** Called after any change, with the keys whose parsed record may have changed. */
  onChange(listener: (changed: ReadonlySet<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.base.unobserve(this.onBase);
    this.fields.unobserve(this.onFields);
    this.listeners.clear();
  }

  private refresh(keys: ReadonlySet<string>): void {
    for (const key of keys) this.parse(key);
    if (keys.size) for (const l of this.listeners) l(keys);
  }

  /**
   * `values()` and `invalidEntries()` list in the room's key order, as in eager mode, whichever
   * records were read first (a barcode shared by two items resolves the same way in both modes).
   */
  private restoreOrder(): void {
    reorder(this.valid, this.base.keys());
    reorder(this.invalid, this.base.keys());
  }

  private parse(key: string): void {
    this.unparsed.delete(key);
    const base = this.base.get(key);
    this.valid.delete(key);
    this.invalid.delete(key);
    if (base === undefined) return;
    if (typeof base !== 'object' || base === null || Array.isArray(base)) {
      this.invalid.set(key, 'entry is not a record');
      return;
    }
    const merged = this.codec.decode(key, base as Record<string, unknown>);
    for (const field of this.editedFields.get(key) ?? []) {
      if (field !== this.keyField) merged[field] = this.fields.get(`${key}${SEP}${field}`);
    }
    const result = this.schema.safeParse(merged);
    if (result.success) this.valid.set(key, result.data);
    else this.invalid.set(key, describeZodError(result.error));
  }
}

function reorder<V>(map: Map<string, V>, keys: Iterable<string>): void {
  const ordered: [string, V][] = [];
  for (const key of keys) {
    const value = map.get(key);
    if (value !== undefined) ordered.push([key, value]);
  }
  map.clear();
  for (const [key, value] of ordered) map.set(key, value);
}

function splitFieldKey(k: string): [string | undefined, string | undefined] {
  const i = k.lastIndexOf(SEP);
  return i < 0 ? [undefined, undefined] : [k.slice(0, i), k.slice(i + 1)];
}
