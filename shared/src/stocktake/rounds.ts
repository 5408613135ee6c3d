import { toUnits } from '../quantity.ts';
import { resolvedBarcodes } from './barcode-resolution.ts';
import type { AttributedCount } from './count-entry.ts';
import type { LocationEvent } from './location-events.ts';
import {
  type CountedItem,
  type FoldOptions,
  itemKey,
  type LocationFold,
  type LocationStatus,
  type RoundFold,
  type RoundSnapshot,
  type Verification,
} from './round-fold.ts';
import type { Snapshot } from './snapshot.ts';
import { byTimeThenId, compareText } from './stamp.ts';
import type { StocktakeData } from './stocktake-data.ts';
import { compareRounds } from './verification.ts';

export type {
  CountedItem,
  FoldOptions,
  ItemTotal,
  LocationFold,
  LocationStatus,
  RoundFold,
  RoundSnapshot,
  Verification,
} from './round-fold.ts';
export { itemKey } from './round-fold.ts';

type StartEvent = Extract<LocationEvent, { type: 'start' }>;
type RequestEvent = Extract<LocationEvent, { type: 'recount' | 'verify' }>;

const SEP = '\u001f';

/**
 * The combining rules, per location (explicit, never last-writer-wins):
 * - entries of one round from any number of counters SUM (a team count);
 * - voided entries count for nothing; a void of the same entry twice is one void;
 * - a round is complete when a manager closed it for everyone, or when everyone who
 *   started, counted or confirmed empty in it has pressed done (or confirmed empty);
 * - the latest complete COUNT round is the location's count; earlier rounds are evidence;
 * - a verification round, once it and the round it checks are complete, is compared with
 *   that round item by item: any difference beyond tolerance means the location needs a
 *   recount (status `recount`) until a later count round completes;
 * - round kinds: round 1 is the first count; a later round with a recount request is a
 *   recount, else with a verification request a verification (a recount request wins when
 *   two managers picked the same round number for both); a round nobody requested is a recount.
 * The result depends only on the set of events, never on their order of arrival.
 */
export function foldLocations(data: StocktakeData, options: FoldOptions): Map<string, LocationFold> {
  const resolutions = resolvedBarcodes(data.resolutions);
  const voided = new Set(data.voids.map((v) => v.entry));
  const byLocation = new Map<string, { entries: AttributedCount[]; events: LocationEvent[] }>();
  const bucket = (location: string) => {
    let b = byLocation.get(location);
    if (!b) {
      b = { entries: [], events: [] };
      byLocation.set(location, b);
    }
    return b;
  };
  for (const e of data.entries) bucket(e.location).entries.push(e);
  for (const e of data.locationEvents) bucket(e.location).events.push(e);
  const snapshots = new Map<string, Snapshot[]>();
  for (const s of data.snapshots) {
    const key = `${s.location}${SEP}${s.round}`;
    snapshots.set(key, [...(snapshots.get(key) ?? []), s]);
  }
  const snapshotsOf = (location: string, round: number) => snapshots.get(`${location}${SEP}${round}`) ?? [];

  const out = new Map<string, LocationFold>();
  for (const location of [...byLocation.keys()].sort(compareText)) {
    const { entries, events } = byLocation.get(location)!;
    out.set(
      location,
      foldLocation(
        location,
        entries,
        events,
        voided,
        resolutions,
        data.definition?.blind ?? true,
        options,
        (r) => snapshotsOf(location, r),
      ),
    );
  }
  return out;
}

function foldLocation(
  location: string,
  allEntries: AttributedCount[],
  allEvents: LocationEvent[],
  voided: ReadonlySet<string>,
  resolutions: ReadonlyMap<string, string>,
  blindFirstRound: boolean,
  options: FoldOptions,
  snapshotsOf: (round: number) => Snapshot[],
): LocationFold {
  const numbers = new Set<number>();
  for (const e of allEntries) numbers.add(e.round);
  for (const e of allEvents) numbers.add(e.round);
  const rounds = [...numbers]
    .sort((a, b) => a - b)
    .map((round) =>
      foldRound(
        round,
        allEntries.filter((e) => e.round === round),
        allEvents.filter((e) => e.round === round).sort(byTimeThenId),
        voided,
        resolutions,
        blindFirstRound,
        snapshotsOf(round),
      ),
    );
  const countRounds = rounds.filter((r) => r.kind === 'count');
  const current = countRounds.at(-1) ?? null;
  const counted = countRounds.filter((r) => r.complete).at(-1) ?? null;

  let verification: Verification = 'none';
  if (current?.complete) {
    for (const v of rounds.filter((r) => r.kind === 'verify' && r.of === current.round)) {
      const result: Verification = !v.complete
        ? 'pending'
        : agrees(current, v, options)
          ? 'agrees'
          : 'disagrees';
      verification = worse(verification, result);
    }
  }
  let status: LocationStatus;
  if (rounds.length === 0) status = 'not_started';
  else if (!current) status = 'counting';
  else if (!current.complete) status = current.round === 1 ? 'counting' : 'recount';
  else if (verification === 'pending') status = 'counting';
  else if (verification === 'disagrees') status = 'recount';
  else status = 'done';

  const emptyConflict = rounds.some((r) => r.emptyBy.length > 0 && r.totals.some((t) => t.units > 0));
  return { location, rounds, current, counted, verification, status, emptyConflict };
}

const VERIFICATION_RANK: Record<Verification, number> = { none: 0, agrees: 1, pending: 2, disagrees: 3 };
function worse(a: Verification, b: Verification): Verification {
  return VERIFICATION_RANK[b] > VERIFICATION_RANK[a] ? b : a;
}

function agrees(primary: RoundFold, check: RoundFold, options: FoldOptions): boolean {
  return compareRounds(primary, check, options).every((l) => l.withinTolerance);
}

function foldRound(
  round: number,
  entries: AttributedCount[],
  events: LocationEvent[],
  voided: ReadonlySet<string>,
  resolutions: ReadonlyMap<string, string>,
  blindFirstRound: boolean,
  snapshots: Snapshot[],
): RoundFold {
  const requests = events.filter((e): e is RequestEvent => e.type === 'recount' || e.type === 'verify');
  const recounts = requests.filter((e) => e.type === 'recount');
  const verifies = requests.filter((e) => e.type === 'verify');
  const kind = round === 1 || recounts.length > 0 || verifies.length === 0 ? 'count' : 'verify';
  const of = kind === 'verify' ? (verifies[0]?.of ?? null) : null;
  const blind =
    round === 1
      ? blindFirstRound
      : kind === 'verify' || recounts.length === 0 || recounts.some((r) => r.blind);
  const assignees = unique(requests.flatMap((r) => (r.assignee === null ? [] : [r.assignee])));

  const starts = events.filter((e): e is StartEvent => e.type === 'start');
  const contributors = new Set<string>();
  const doneBy = new Set<string>();
  const emptyBy = new Set<string>();
  let closedForAll = false;
  let lastClose: string | null = null;
  for (const e of starts) contributors.add(e.user);
  for (const e of entries) contributors.add(e.user);
  for (const e of events) {
    if (e.type === 'empty') {
      contributors.add(e.user);
      emptyBy.add(e.user);
      doneBy.add(e.user);
    } else if (e.type === 'done') {
      if (e.forAll) closedForAll = true;
      else doneBy.add(e.user);
    } else continue;
    lastClose = e.at; // events are in time order
  }
  const complete = closedForAll || (doneBy.size > 0 && [...contributors].every((u) => doneBy.has(u)));

  const live = entries.filter((e) => !voided.has(e.id)).sort(byTimeThenId);
  const totals = new Map<string, { item: CountedItem; units: number; byCounter: Map<string, number> }>();
  for (const e of live) {
    const item = countedItem(e, resolutions);
    const key = itemKey(item);
    let t = totals.get(key);
    if (!t) {
      t = { item, units: 0, byCounter: new Map() };
      totals.set(key, t);
    }
    const units = toUnits(e.quantity);
    t.units += units;
    t.byCounter.set(e.user, (t.byCounter.get(e.user) ?? 0) + units);
  }

  return {
    round,
    kind,
    of,
    blind,
    assignees,
    requests,
    snapshot: roundSnapshot(snapshots, starts),
    contributors: unique([...contributors]),
    doneBy: unique([...doneBy]),
    emptyBy: unique([...emptyBy]),
    closedForAll,
    complete,
    completedAt: complete ? lastClose : null,
    entries: live,
    voided: entries.length - live.length,
    totals: [...totals.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([, t]) => ({
        item: t.item,
        units: t.units,
        byCounter: [...t.byCounter.entries()]
          .sort(([a], [b]) => compareText(a, b))
          .map(([user, units]) => ({ user, units })),
      })),
  };
}

/**
 * The round's expected stock: the earliest snapshot the server took for it; for rounds
 * started before snapshots moved to the server, the earliest start that carried one.
 */
function roundSnapshot(snapshots: Snapshot[], starts: StartEvent[]): RoundSnapshot | null {
  const first = [...snapshots].sort(byTimeThenId)[0];
  if (first) return { at: first.at, expected: first.expected };
  const legacy = starts.find((s) => s.expected !== undefined);
  return legacy ? { at: legacy.at, expected: legacy.expected! } : null;
}

export function countedItem(e: AttributedCount, resolutions: ReadonlyMap<string, string>): CountedItem {
  const sku = e.sku ?? (e.barcode !== undefined ? resolutions.get(e.barcode) : undefined);
  const item: CountedItem = sku !== undefined ? { sku } : { barcode: e.barcode ?? '' };
  if (e.lot !== undefined) item.lot = e.lot;
  return item;
}

function unique(list: string[]): string[] {
  return [...new Set(list)].sort(compareText);
}
