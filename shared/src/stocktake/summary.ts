import type { Location } from '../catalog/location.ts';
import type { Movement } from '../ledger/movement.ts';
import { fromUnits, toUnits } from '../quantity.ts';
import { assignedCounters } from './counters.ts';
import { countableLocations, type Definition, locationInScope, skuInScope } from './definition.ts';
import { countingStartedAt, foldStatus, type StocktakeStatus } from './lifecycle.ts';
import {
  type AreaProgress,
  areaProgress,
  type CounterPace,
  counterPace,
  countStatuses,
  type LocationProgress,
  locationProgress,
  type StatusCounts,
} from './progress.ts';
import { foldLocations, type LocationFold } from './rounds.ts';
import { compareText } from './stamp.ts';
import type { StocktakeData } from './stocktake-data.ts';
import { type VarianceLine, varianceLines } from './variance.ts';
import { type VerificationSummary, verificationSummaries } from './verification.ts';

/** What the folds need from outside the room. All optional: a summary works with less, knowing less. */
export interface SummaryContext {
  /** The catalog's locations: zones in scope expand to their bins; progress per area. */
  locations?: Iterable<Location>;
  /** Ledger movements (at least those at the counted locations since counting started). */
  movements?: Iterable<Movement>;
  /** Unit cost per SKU (the catalog's item unitCost); 0 when not given. */
  unitCost?: (sku: string) => number;
}

export interface UnknownBarcode {
  barcode: string;
  location: string;
  round: number;
  lot?: string;
  quantity: number;
  counters: string[];
}

/** Counted but not part of the stocktake: at a location outside the scope, or a SKU outside a cycle count. */
export interface OutOfScope {
  location: string;
  sku: string;
  lot?: string;
  quantity: number;
  reason: 'location' | 'item';
}

export interface SummaryTotals {
  /** Lines from complete rounds: what posting would use. */
  finalLines: number;
  withinTolerance: number;
  /** Percentage of final lines within tolerance; null before any location is complete. */
  accuracy: number | null;
  /** Net variance and value over all lines shown (running ones included). */
  varianceUnits: number;
  varianceValue: number;
  /** Sum of absolute values: what "money moved" looks like. */
  absoluteValue: number;
  beyondTolerance: number;
}

export interface StocktakeSummary {
  id: string;
  definition: Definition | null;
  status: StocktakeStatus;
  countingStartedAt: string | null;
  counters: string[];
  locations: LocationProgress[];
  progress: StatusCounts;
  areas: AreaProgress[];
  lines: VarianceLine[];
  totals: SummaryTotals;
  unknownBarcodes: UnknownBarcode[];
  outOfScope: OutOfScope[];
  pace: CounterPace[];
  /** Every verification next to the round it checks, per location (for managers: counters count blind). */
  verifications: VerificationSummary[];
  /** The per-location folds (every round kept as evidence), by location code. */
  folds: Map<string, LocationFold>;
}

/**
 * The whole live view of a stocktake, from the room's data and what the caller knows of
 * the catalog and ledger. Pure and deterministic: every replica holding the same events
 * computes the same summary, whatever order the events arrived in.
 */
export function summarize(data: StocktakeData, ctx: SummaryContext = {}): StocktakeSummary {
  const def = data.definition;
  const catalog = ctx.locations ? [...ctx.locations] : undefined;
  const unitCost = ctx.unitCost ?? (() => 0);
  const status = foldStatus(data.states);
  const foldOptions = { tolerance: def?.tolerance ?? {}, unitCost };
  const folds = foldLocations(data, foldOptions);

  const tracked = new Set(def ? countableLocations(def, catalog) : []);
  for (const location of folds.keys()) {
    if (!def || locationInScope(def, location, catalog)) tracked.add(location);
  }
  const locations = [...tracked].sort(compareText).map((l) => locationProgress(l, folds.get(l)));

  const lines: VarianceLine[] = [];
  const unknownBarcodes: UnknownBarcode[] = [];
  const outOfScope: OutOfScope[] = [];
  const movements = ctx.movements ? [...ctx.movements] : [];
  for (const fold of folds.values()) {
    const inScope = def ? locationInScope(def, fold.location, catalog) : true;
    if (def && inScope) {
      lines.push(...varianceLines(fold, { stocktakeId: data.id, definition: def, movements, unitCost }));
    }
    const round = fold.counted ?? fold.current;
    for (const t of round?.totals ?? []) {
      const lot = t.item.lot !== undefined ? { lot: t.item.lot } : {};
      const quantity = fromUnits(t.units);
      if (t.item.sku === undefined) {
        unknownBarcodes.push({
          barcode: t.item.barcode ?? '',
          location: fold.location,
          round: round!.round,
          ...lot,
          quantity,
          counters: t.byCounter.map((c) => c.user),
        });
      } else if (def && (!inScope || !skuInScope(def, t.item.sku))) {
        const reason = inScope ? 'item' : 'location';
        outOfScope.push({ location: fold.location, sku: t.item.sku, ...lot, quantity, reason });
      }
    }
  }

  const voided = new Set(data.voids.map((v) => v.entry));
  return {
    id: data.id,
    definition: def,
    status,
    countingStartedAt: countingStartedAt(data.states),
    counters: assignedCounters(data.assignments),
    locations,
    progress: countStatuses(locations),
    areas: catalog ? areaProgress(catalog, locations) : [],
    lines,
    totals: totalsOf(lines),
    unknownBarcodes,
    outOfScope,
    pace: counterPace(data.entries, voided),
    verifications: verificationSummaries(folds.values(), foldOptions),
    folds,
  };
}

function totalsOf(lines: readonly VarianceLine[]): SummaryTotals {
  const final = lines.filter((l) => l.final);
  const within = final.filter((l) => l.withinTolerance).length;
  let varianceUnits = 0;
  let value = 0;
  let absolute = 0;
  for (const l of lines) {
    varianceUnits += toUnits(l.variance);
    value += toUnits(l.value);
    absolute += Math.abs(toUnits(l.value));
  }
  return {
    finalLines: final.length,
    withinTolerance: within,
    accuracy: final.length ? Math.round((within / final.length) * 10_000) / 100 : null,
    varianceUnits: fromUnits(varianceUnits),
    varianceValue: fromUnits(value),
    absoluteValue: fromUnits(absolute),
    beyondTolerance: lines.filter((l) => !l.withinTolerance).length,
  };
}
