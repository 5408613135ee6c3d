import { StocktakeStatus } from '@stockroom/shared/stocktake/lifecycle';
import type { StocktakeIndexEntry } from '@stockroom/shared/stocktake/stocktake-index';
import type { StocktakeSummary } from '@stockroom/shared/stocktake/summary';
import type { VarianceLine } from '@stockroom/shared/stocktake/variance';
import { z } from 'zod';

/** What the stocktake API answers with. The domain computes; these only shape it for HTTP. */

export const StocktakeCreated = z.object({ id: z.string() });

export const StocktakeListEntry = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  status: StocktakeStatus,
  blind: z.boolean(),
  counters: z.array(z.string()),
});
export type StocktakeListEntry = z.infer<typeof StocktakeListEntry>;

export const StocktakeProgress = z.object({
  locations: z.number().int(),
  done: z.number().int(),
  counting: z.number().int(),
  notStarted: z.number().int(),
  recount: z.number().int(),
});

/** Expected, variance, value and tolerance are null for counters of a blind stocktake. */
export const StocktakeLineView = z.object({
  location: z.string(),
  sku: z.string(),
  lot: z.string().optional(),
  expected: z.number().nullable(),
  counted: z.number(),
  variance: z.number().nullable(),
  value: z.number().nullable(),
  withinTolerance: z.boolean().nullable(),
  /** From a complete round (what approval posts); false while the location is still being counted. */
  final: z.boolean(),
  warnings: z.array(z.string()),
});
export type StocktakeLineView = z.infer<typeof StocktakeLineView>;

export const UnknownBarcodeView = z.object({
  barcode: z.string(),
  location: z.string(),
  round: z.number().int(),
  lot: z.string().optional(),
  quantity: z.number(),
  counters: z.array(z.string()),
});

export const LocationView = z.object({
  location: z.string(),
  status: z.enum(['not_started', 'counting', 'done', 'recount']),
  round: z.number().int(),
  countedRound: z.number().int().nullable(),
  assignees: z.array(z.string()),
  contributors: z.array(z.string()),
  doneBy: z.array(z.string()),
  scans: z.number().int(),
});

export const StocktakeView = z.object({
  id: z.string(),
  name: z.string(),
  status: StocktakeStatus,
  blind: z.boolean(),
  counters: z.array(z.string()),
  countingStartedAt: z.string().nullable(),
  progress: StocktakeProgress,
  locations: z.array(LocationView),
  lines: z.array(StocktakeLineView),
  unknownBarcodes: z.array(UnknownBarcodeView),
  /** Percentage of final lines within tolerance; null before any location is complete. */
  accuracy: z.number().nullable(),
  /** What approving now would leave out or should be known (see the domain's posting warnings). */
  warnings: z.array(z.string()),
});
export type StocktakeView = z.infer<typeof StocktakeView>;

export const StocktakeStatusView = z.object({ id: z.string(), status: StocktakeStatus });

export const LocationEventView = z.object({
  id: z.string(),
  location: z.string(),
  round: z.number().int(),
  status: LocationView.shape.status,
});

export const ApprovalView = z.object({
  /** Adjustment movements of this stocktake (one per item × location × lot with a variance). */
  posted: z.number().int(),
  movements: z.array(z.string()),
  /** How many of them this call wrote (0 when they were already in the ledger). */
  appended: z.number().int(),
  alreadyPosted: z.boolean(),
  period: z.string(),
  warnings: z.array(z.string()),
});

export function listEntry(
  entry: StocktakeIndexEntry,
  state: { status: StocktakeListEntry['status']; blind: boolean; counters: string[] },
): StocktakeListEntry {
  return { ...entry, ...state };
}

function lineWarnings(l: VarianceLine): string[] {
  const out: string[] = [];
  if (!l.final) out.push('count still running');
  if (!l.snapshot) out.push('no expected snapshot: not adjusted');
  if (l.missing) out.push('expected, none counted');
  if (l.unexpected) out.push('found, none expected');
  if (l.movements.length) {
    out.push(`${l.movements.length} stock movement(s) during the count, included in expected`);
  }
  if (!l.withinTolerance) out.push('beyond tolerance');
  return out;
}

/** The summary as the API shows it; `hideExpected` for counters of a blind stocktake. */
export function stocktakeView(
  summary: StocktakeSummary,
  options: { hideExpected: boolean; warnings: string[] },
): StocktakeView {
  const def = summary.definition!;
  const hide = options.hideExpected;
  return {
    id: summary.id,
    name: def.name,
    status: summary.status,
    blind: def.blind,
    counters: summary.counters,
    countingStartedAt: summary.countingStartedAt,
    progress: {
      locations: summary.progress.total,
      done: summary.progress.done,
      counting: summary.progress.counting,
      notStarted: summary.progress.notStarted,
      recount: summary.progress.recount,
    },
    locations: summary.locations.map((l) => ({
      location: l.location,
      status: l.status,
      round: l.activeRound,
      countedRound: l.countedRound,
      assignees: l.assignees,
      contributors: l.contributors,
      doneBy: l.doneBy,
      scans: l.scans,
    })),
    // Blind: a line nobody has counted would tell the counter what is expected there.
    lines: summary.lines
      .filter((l) => !hide || l.counted !== 0)
      .map((l) => ({
        location: l.location,
        sku: l.sku,
        ...(l.lot !== undefined ? { lot: l.lot } : {}),
        expected: hide ? null : l.expected,
        counted: l.counted,
        variance: hide ? null : l.variance,
        value: hide ? null : l.value,
        withinTolerance: hide ? null : l.withinTolerance,
        final: l.final,
        warnings: hide ? lineWarnings(l).filter((w) => w === 'count still running') : lineWarnings(l),
      })),
    unknownBarcodes: summary.unknownBarcodes.map((u) => ({ ...u })),
    accuracy: hide ? null : summary.totals.accuracy,
    warnings: hide ? [] : options.warnings,
  };
}
