import type * as Y from 'yjs';
import type { z } from 'zod';
import { describeZodError, type InvalidEntry } from '../validation.ts';
import type { RecordCodec } from './record-codec.ts';

const SEP = '\u001f';

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
 */
export class RecordCollection<T> {
  readonly base: Y.Map<unknown>;
  readonly fields: Y.Map<unknown>;
  private readonly valid = new Map<string, T>();
  private readonly invalid = new Map<string, string>();
  private readonly editedFields = new Map<string, Set<string>>();
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
    for (const key of this.base.keys()) this.parse(key);
    this.base.observe(this.onBase);
    this.fields.observe(this.onFields);
  }

  get size(): number {
    return this.valid.size;
  }

  get(key: string): T | undefined {
    return this.valid.get(key);
  }

  /** True when the key is taken, even by an entry that failed validation. */
  exists(key: string): boolean {
    return this.base.has(key);
  }

  values(): IterableIterator<T> {
    return this.valid.values();
  }

  invalidEntries(): InvalidEntry[] {
    return [...this.invalid].map(([key, problem]) => ({ room: this.room, key, problem }));
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

  private parse(key: string): void {
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

function splitFieldKey(k: string): [string | undefined, string | undefined] {
  const i = k.lastIndexOf(SEP);
  return i < 0 ? [undefined, undefined] : [k.slice(0, i), k.slice(i + 1)];
}
