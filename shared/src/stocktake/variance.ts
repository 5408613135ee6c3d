import { effectiveAt, type Movement } from '../ledger/movement.ts';
import { stocktakeReference } from '../ledger/references.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { type Definition, skuInScope } from './definition.ts';
import { itemKey, type LocationFold, type RoundFold } from './rounds.ts';
import { compareText } from './stamp.ts';
import { withinTolerance } from './tolerance.ts';

/** One item × location × lot of a stocktake: what was expected, what was counted, the difference. */
export interface VarianceLine {
  location: string;
  sku: string;
  lot?: string;
  /** On-hand in the round's snapshot, adjusted by the movements during the count. */
  expected: number;
  counted: number;
  /** counted − expected: what an adjustment would add. */
  variance: number;
  unitCost: number;
  /** variance × unit cost. */
  value: number;
  withinTolerance: boolean;
  /** The round the count comes from. */
  round: number;
  /** From a complete round (postable); false: a running count, shown live. */
  final: boolean;
  /** False when no counter recorded a snapshot: expected is unknown (0 here) and the line is never posted. */
  snapshot: boolean;
  /** Ledger movements at this location × item during the count: shown as a warning; expected includes them. */
  movements: string[];
  /** Expected but none counted. */
  missing: boolean;
  /** Counted but none expected. */
  unexpected: boolean;
  /** Who counted how much (sum of the round's non-voided entries per counter). */
  counters: { user: string; quantity: number }[];
}

export interface VarianceContext {
  stocktakeId: string;
  definition: Definition;
  /** Ledger movements (any; those at this location during the count are used). */
  movements: readonly Movement[];
  unitCost: (sku: string) => number;
}

/**
 * The lines of one location, from its count round (the latest complete count round, or
 * the running one while none is complete). Expected = the round's snapshot (the earliest
 * start of that round, else of the latest earlier round that has one) + ledger movements
 * at the location after the snapshot and up to the round's completion (open-ended while
 * running), excluding this stocktake's own adjustments. Only SKUs in scope get lines;
 * unknown barcodes and out-of-scope SKUs are reported elsewhere (summary.ts).
 */
export function varianceLines(fold: LocationFold, ctx: VarianceContext): VarianceLine[] {
  const round = fold.counted ?? fold.current;
  if (!round) return [];
  const final = round === fold.counted;
  const snapshot = snapshotFor(fold, round);
  const expected = new Map<string, { sku: string; lot?: string; units: number; movements: string[] }>();
  const line = (sku: string, lot: string | undefined) => {
    const key = itemKey({ sku, ...(lot !== undefined ? { lot } : {}) });
    let l = expected.get(key);
    if (!l) {
      l = { sku, ...(lot !== undefined ? { lot } : {}), units: 0, movements: [] };
      expected.set(key, l);
    }
    return l;
  };

  if (snapshot) {
    for (const s of snapshot.expected) {
      if (skuInScope(ctx.definition, s.sku)) line(s.sku, s.lot).units += toUnits(s.quantity);
    }
    const from = Date.parse(snapshot.at);
    const to = round.completedAt !== null && final ? Date.parse(round.completedAt) : Number.POSITIVE_INFINITY;
    const own = stocktakeReference(ctx.stocktakeId);
    const during = ctx.movements
      .filter((m) => {
        const at = Date.parse(effectiveAt(m));
        return at > from && at <= to && m.reference !== own && skuInScope(ctx.definition, m.sku);
      })
      .sort((a, b) => compareText(a.id, b.id));
    for (const m of during) {
      const delta = deltaAt(m, fold.location);
      if (delta === null) continue;
      const l = line(m.sku, m.lot);
      l.units += delta;
      l.movements.push(m.id);
    }
  }

  const counted = new Map(
    round.totals.filter((t) => t.item.sku !== undefined).map((t) => [itemKey(t.item), t]),
  );
  for (const t of counted.values()) {
    if (skuInScope(ctx.definition, t.item.sku!)) line(t.item.sku!, t.item.lot);
  }

  const out: VarianceLine[] = [];
  for (const [key, e] of [...expected.entries()].sort(([a], [b]) => compareText(a, b))) {
    const total = counted.get(key);
    const countedUnits = total?.units ?? 0;
    if (e.units === 0 && countedUnits === 0) continue;
    const varianceUnits = countedUnits - e.units;
    const unitCost = ctx.unitCost(e.sku);
    const value = fromUnits(Math.round(varianceUnits * unitCost));
    out.push({
      location: fold.location,
      sku: e.sku,
      ...(e.lot !== undefined ? { lot: e.lot } : {}),
      expected: fromUnits(e.units),
      counted: fromUnits(countedUnits),
      variance: fromUnits(varianceUnits),
      unitCost,
      value,
      withinTolerance: withinTolerance(ctx.definition.tolerance, {
        units: varianceUnits,
        baseUnits: e.units,
        value,
      }),
      round: round.round,
      final,
      snapshot: snapshot !== null,
      movements: e.movements,
      missing: e.units > 0 && countedUnits === 0,
      unexpected: e.units <= 0 && countedUnits > 0,
      counters: (total?.byCounter ?? []).map((c) => ({ user: c.user, quantity: fromUnits(c.units) })),
    });
  }
  return out;
}

function snapshotFor(fold: LocationFold, round: RoundFold): RoundFold['snapshot'] {
  for (let i = fold.rounds.length - 1; i >= 0; i--) {
    const r = fold.rounds[i]!;
    if (r.round <= round.round && r.snapshot) return r.snapshot;
  }
  return null;
}

/** How a movement changes on-hand at the location, in units; null when it does not touch it. */
function deltaAt(m: Movement, location: string): number | null {
  const q = toUnits(m.quantity);
  switch (m.type) {
    case 'receive':
    case 'adjust':
      return m.location === location ? q : null;
    case 'issue':
      return m.location === location ? -q : null;
    case 'transfer':
      return m.location === location ? -q : m.toLocation === location ? q : null;
  }
}
