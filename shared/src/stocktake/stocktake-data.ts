import type { BarcodeResolution } from './barcode-resolution.ts';
import type { AttributedCount } from './count-entry.ts';
import type { CountVoid } from './count-void.ts';
import type { CounterAssignment } from './counters.ts';
import type { Definition } from './definition.ts';
import type { StateEvent } from './lifecycle.ts';
import type { LocationEvent } from './location-events.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Everything a stocktake room holds, validated, as plain values. Every fold takes this, so
 * the browser, the server and the tests run the same code on the same input. Arrays are in
 * no particular order: the folds sort whatever they depend on.
 */
export interface StocktakeData {
  id: string;
  definition: Definition | null;
  states: StateEvent[];
  assignments: CounterAssignment[];
  entries: AttributedCount[];
  voids: CountVoid[];
  locationEvents: LocationEvent[];
  resolutions: BarcodeResolution[];
  /** Expected stock per location and round (the expected room; empty where it is not read). */
  snapshots: Snapshot[];
}

export function emptyData(id: string): StocktakeData {
  return {
    id,
    definition: null,
    states: [],
    assignments: [],
    entries: [],
    voids: [],
    locationEvents: [],
    resolutions: [],
    snapshots: [],
  };
}
