import type { AttributedCount } from './count-entry.ts';
import type { Tolerance } from './definition.ts';
import type { ExpectedLine, LocationEvent } from './location-events.ts';

/*
 * The shapes a location's rounds fold into (rounds.ts folds them; verification.ts compares
 * two of them): apart from the fold so that the comparison needs no import of it.
 */

export type LocationStatus = 'not_started' | 'counting' | 'done' | 'recount';
export type Verification = 'none' | 'pending' | 'agrees' | 'disagrees';

type RequestEvent = Extract<LocationEvent, { type: 'recount' | 'verify' }>;

/** What was counted: a SKU (known, or an unknown barcode resolved to it) or a still unknown barcode. */
export interface CountedItem {
  sku?: string;
  barcode?: string;
  lot?: string;
}

export interface ItemTotal {
  item: CountedItem;
  /** Sum of the round's non-voided entries, in quantity units (1/10,000). */
  units: number;
  /** The same sum split by counter (user), sorted by user. */
  byCounter: { user: string; units: number }[];
}

export interface RoundFold {
  round: number;
  /** count: a first count or recount; verify: a second blind count compared with round `of`. */
  kind: 'count' | 'verify';
  of: number | null;
  blind: boolean;
  assignees: string[];
  /** Recount/verification requests for this round, oldest first. */
  requests: RequestEvent[];
  /** The earliest snapshot of the round: its expected quantities, as of its time. */
  snapshot: RoundSnapshot | null;
  /** Everyone who started, counted in, or confirmed empty this round. */
  contributors: string[];
  /** Those who pressed done or confirmed empty. */
  doneBy: string[];
  emptyBy: string[];
  closedForAll: boolean;
  complete: boolean;
  /** The last done/empty of a complete round: the end of "during the count". */
  completedAt: string | null;
  /** Non-voided entries, in time order. */
  entries: AttributedCount[];
  voided: number;
  totals: ItemTotal[];
}

export interface RoundSnapshot {
  at: string;
  expected: ExpectedLine[];
}

export interface LocationFold {
  location: string;
  /** Ascending by round number; earlier rounds are kept as evidence. */
  rounds: RoundFold[];
  /** The latest count round (complete or not). */
  current: RoundFold | null;
  /** The latest COMPLETE count round: the location's count. */
  counted: RoundFold | null;
  verification: Verification;
  status: LocationStatus;
  /** Someone confirmed the location empty while someone else counted items in that round. */
  emptyConflict: boolean;
}

const SEP = '\u001f';

export function itemKey(item: CountedItem): string {
  return item.sku !== undefined
    ? `s${SEP}${item.sku}${SEP}${item.lot ?? ''}`
    : `b${SEP}${item.barcode ?? ''}${SEP}${item.lot ?? ''}`;
}

export interface FoldOptions {
  tolerance: Tolerance;
  /** Unit cost of a SKU, for value tolerances (default 0). */
  unitCost?: (sku: string) => number;
}
