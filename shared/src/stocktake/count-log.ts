import type * as Y from 'yjs';
import { describeZodError, type InvalidEntry } from '../validation.ts';
import { CountEntry } from './count-entry.ts';
import { decodeCount, encodeCount } from './entry-codec.ts';

/**
 * The count entries of one stocktake room: an append-only Y.Map keyed by entry id, like
 * EventCollection (idempotent appends, entries never edited, every entry parsed on read,
 * invalid ones skipped and reported), but stored compactly (entry-codec.ts).
 */
export class CountLog {
  static readonly MAP = 'e';
  readonly map: Y.Map<unknown>;
  private readonly valid = new Map<string, CountEntry>();
  private readonly invalid = new Map<string, string>();
  private readonly listeners = new Set<(added: CountEntry[]) => void>();
  private readonly onMap = (e: Y.YMapEvent<unknown>) => {
    const added: CountEntry[] = [];
    for (const key of e.keysChanged) {
      // The same id written concurrently on two devices (an API retry) is one entry: report it once.
      const known = this.valid.has(key);
      const entry = this.parse(key);
      if (entry && !known) added.push(entry);
    }
    for (const l of this.listeners) l(added);
  };

  constructor(
    readonly doc: Y.Doc,
    private readonly room: string,
  ) {
    this.map = doc.getMap(CountLog.MAP);
    for (const key of this.map.keys()) this.parse(key);
    this.map.observe(this.onMap);
  }

  get size(): number {
    return this.valid.size;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  get(id: string): CountEntry | undefined {
    return this.valid.get(id);
  }

  values(): IterableIterator<CountEntry> {
    return this.valid.values();
  }

  invalidEntries(): InvalidEntry[] {
    return [...this.invalid].map(([key, problem]) => ({ room: this.room, key, problem }));
  }

  /** Appends the entry unless its id is already there (idempotent). Returns true if new. */
  append(entry: CountEntry): boolean {
    if (this.map.has(entry.id)) return false;
    this.map.set(entry.id, encodeCount(entry));
    return true;
  }

  onChange(listener: (added: CountEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.map.unobserve(this.onMap);
    this.listeners.clear();
  }

  private parse(key: string): CountEntry | undefined {
    this.valid.delete(key);
    this.invalid.delete(key);
    const raw = this.map.get(key);
    if (raw === undefined) return undefined;
    const decoded = decodeCount(key, raw);
    if ('problem' in decoded) {
      this.invalid.set(key, decoded.problem);
      return undefined;
    }
    const result = CountEntry.safeParse(decoded.value);
    if (!result.success) {
      this.invalid.set(key, describeZodError(result.error));
      return undefined;
    }
    this.valid.set(key, result.data);
    return result.data;
  }
}
