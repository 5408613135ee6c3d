import type * as Y from 'yjs';
import type { z } from 'zod';
import { describeZodError, type InvalidEntry } from './validation.ts';

/**
 * An append-only set of immutable events in a Y.Map keyed by event id.
 *
 * Keying by id makes appends idempotent: the same event delivered twice, or created twice
 * from the same cause on two devices, is one entry. Events are never edited; corrections
 * are new events. Every entry is parsed on read; invalid ones are skipped and reported.
 */
export class EventCollection<T extends { id: string }> {
  readonly map: Y.Map<unknown>;
  private readonly valid = new Map<string, T>();
  private readonly invalid = new Map<string, string>();
  private readonly listeners = new Set<(added: T[]) => void>();
  private readonly onMap = (e: Y.YMapEvent<unknown>) => {
    const added: T[] = [];
    for (const key of e.keysChanged) {
      // A concurrent copy of an id already held (same cause on two devices) replaces it in
      // the Y.Map: it is not a new event, and reporting it again would double an incremental fold.
      const known = this.valid.has(key);
      const event = this.parse(key);
      if (event && !known) added.push(event);
    }
    for (const l of this.listeners) l(added);
  };

  constructor(
    readonly doc: Y.Doc,
    readonly name: string,
    private readonly schema: z.ZodType<T>,
    private readonly room: string,
  ) {
    this.map = doc.getMap(name);
    for (const key of this.map.keys()) this.parse(key);
    this.map.observe(this.onMap);
  }

  get size(): number {
    return this.valid.size;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  get(id: string): T | undefined {
    return this.valid.get(id);
  }

  values(): IterableIterator<T> {
    return this.valid.values();
  }

  invalidEntries(): InvalidEntry[] {
    return [...this.invalid].map(([key, problem]) => ({ room: this.room, key, problem }));
  }

  /** Appends the event unless one with its id is already there (idempotent). Returns true if new. */
  append(event: T): boolean {
    if (this.map.has(event.id)) return false;
    this.map.set(event.id, event as unknown);
    return true;
  }

  /** Called after every change with the events that arrived in it (each id reported once). */
  onChange(listener: (added: T[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.map.unobserve(this.onMap);
    this.listeners.clear();
  }

  private parse(key: string): T | undefined {
    this.valid.delete(key);
    this.invalid.delete(key);
    const raw = this.map.get(key);
    if (raw === undefined) return undefined;
    const result = this.schema.safeParse(raw);
    if (!result.success) {
      this.invalid.set(key, describeZodError(result.error));
      return undefined;
    }
    if (result.data.id !== key) {
      this.invalid.set(key, 'id does not match its key');
      return undefined;
    }
    this.valid.set(key, result.data);
    return result.data;
  }
}
