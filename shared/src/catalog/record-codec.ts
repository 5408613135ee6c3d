import type { z } from 'zod';

/**
 * How a record is stored in its room: the key field is dropped (it is the map key), fields
 * equal to their schema default are dropped, and field names are shortened. For 50,000
 * items this halves the room (15.7 MB → 7.9 MB, see BENCHMARKS.md), which keeps the catalog
 * under the 10 MB room budget. Reading reverses it and the schema fills the defaults.
 */
export class RecordCodec {
  private readonly toLong: Map<string, string>;
  private readonly defaults: Map<string, string>;

  constructor(
    private readonly keyField: string,
    private readonly toShort: Readonly<Record<string, string>>,
    shape: Readonly<Record<string, z.ZodType>>,
  ) {
    this.toLong = new Map(Object.entries(toShort).map(([long, short]) => [short, long]));
    this.defaults = new Map();
    for (const [field, schema] of Object.entries(shape)) {
      const d = schema.safeParse(undefined);
      if (d.success && d.data !== undefined) this.defaults.set(field, JSON.stringify(d.data));
    }
  }

  encode(record: object): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      if (field === this.keyField || value === undefined) continue;
      if (this.defaults.get(field) === JSON.stringify(value)) continue;
      out[this.toShort[field] ?? field] = value;
    }
    return out;
  }

  decode(key: string, stored: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(stored)) out[this.toLong.get(field) ?? field] = value;
    out[this.keyField] = key;
    return out;
  }
}
