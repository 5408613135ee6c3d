import { fromUnits, toUnits } from '../quantity.ts';
import type { Movement } from './movement.ts';

export interface StockLine {
  sku: string;
  location: string;
  lot?: string;
  quantity: number;
}

const SEP = '\u001f';

export function stockKey(sku: string, location: string, lot?: string): string {
  return `${sku}${SEP}${location}${SEP}${lot ?? ''}`;
}

/**
 * Stock on hand per item × location × lot as a fold over the ledger. Quantities are summed
 * in integer units, so the result is identical whatever order the movements arrive in.
 * The same code runs in the browser and on the server.
 */
export class StockFold {
  private readonly units = new Map<string, number>();

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
    return fromUnits(this.units.get(stockKey(sku, location, lot)) ?? 0);
  }

  /** Non-zero lines, sorted by SKU, location, lot. */
  lines(filter: { sku?: string; location?: string } = {}): StockLine[] {
    const out: StockLine[] = [];
    for (const [key, units] of this.units) {
      if (units === 0) continue;
      const [sku, location, lot] = key.split(SEP) as [string, string, string];
      if (filter.sku !== undefined && filter.sku !== sku) continue;
      if (filter.location !== undefined && filter.location !== location) continue;
      out.push(
        lot
          ? { sku, location, lot, quantity: fromUnits(units) }
          : { sku, location, quantity: fromUnits(units) },
      );
    }
    return out.sort(
      (a, b) =>
        a.sku.localeCompare(b.sku) ||
        a.location.localeCompare(b.location) ||
        (a.lot ?? '').localeCompare(b.lot ?? ''),
    );
  }

  /** Total per SKU across locations and lots. */
  totalsBySku(): Map<string, number> {
    const totals = new Map<string, number>();
    for (const [key, units] of this.units) {
      const sku = key.slice(0, key.indexOf(SEP));
      totals.set(sku, (totals.get(sku) ?? 0) + units);
    }
    for (const [sku, units] of totals) totals.set(sku, fromUnits(units));
    return totals;
  }

  private add(sku: string, location: string, lot: string | undefined, units: number): void {
    const key = stockKey(sku, location, lot);
    this.units.set(key, (this.units.get(key) ?? 0) + units);
  }
}
