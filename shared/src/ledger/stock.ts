import { fromUnits, toUnits } from '../quantity.ts';
import type { Movement } from './movement.ts';

export interface StockLine {
  sku: string;
  location: string;
  lot?: string;
  quantity: number;
}

interface Bucket {
  sku: string;
  location: string;
  lot: string | undefined;
  units: number;
}

const SEP = '\u001f';

export function stockKey(sku: string, location: string, lot?: string): string {
  return `${sku}${SEP}${location}${SEP}${lot ?? ''}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by SKU, location, lot in code-point order: identical on every device, and fast. */
export function sortStockLines<T extends StockLine>(lines: T[]): T[] {
  return lines.sort(
    (a, b) => compare(a.sku, b.sku) || compare(a.location, b.location) || compare(a.lot ?? '', b.lot ?? ''),
  );
}

/**
 * Stock on hand per item × location × lot as a fold over the ledger. Quantities are summed
 * in integer units, so the result is identical whatever order the movements arrive in.
 * The same code runs in the browser and on the server.
 */
export class StockFold {
  private readonly buckets = new Map<string, Bucket>();

  constructor(opening: Iterable<StockLine> = []) {
    for (const line of opening) this.add(line.sku, line.location, line.lot, toUnits(line.quantity));
  }

  apply(m: Movement): void {
    const q = toUnits(m.quantity);
    switch (m.type) {
      case 'receive':
      case 'adjust':
        this.add(m.sku, m.location, m.lot, q);
        break;
      case 'issue':
        this.add(m.sku, m.location, m.lot, -q);
        break;
      case 'transfer':
        this.add(m.sku, m.location, m.lot, -q);
        this.add(m.sku, m.toLocation, m.lot, q);
        break;
    }
  }

  applyAll(movements: Iterable<Movement>): this {
    for (const m of movements) this.apply(m);
    return this;
  }

  quantity(sku: string, location: string, lot?: string): number {
    return fromUnits(this.buckets.get(stockKey(sku, location, lot))?.units ?? 0);
  }

  /** Non-zero lines, unsorted (use sortStockLines when order matters). */
  lines(filter: { sku?: string; location?: string } = {}): StockLine[] {
    const out: StockLine[] = [];
    for (const b of this.buckets.values()) {
      if (b.units === 0) continue;
      if (filter.sku !== undefined && filter.sku !== b.sku) continue;
      if (filter.location !== undefined && filter.location !== b.location) continue;
      const quantity = fromUnits(b.units);
      out.push(
        b.lot
          ? { sku: b.sku, location: b.location, lot: b.lot, quantity }
          : { sku: b.sku, location: b.location, quantity },
      );
    }
    return out;
  }

  /** Total per SKU across locations and lots. */
  totalsBySku(): Map<string, number> {
    const units = new Map<string, number>();
    for (const b of this.buckets.values()) units.set(b.sku, (units.get(b.sku) ?? 0) + b.units);
    const totals = new Map<string, number>();
    for (const [sku, u] of units) totals.set(sku, fromUnits(u));
    return totals;
  }

  private add(sku: string, location: string, lot: string | undefined, units: number): void {
    const key = stockKey(sku, location, lot);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.units += units;
    else this.buckets.set(key, { sku, location, lot: lot || undefined, units });
  }
}
