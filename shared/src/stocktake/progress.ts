import { type Location, type LocationKind, locationTree } from '../catalog/location.ts';
import type { AttributedCount } from './count-entry.ts';
import type { LocationFold, LocationStatus, Verification } from './rounds.ts';
import { compareText } from './stamp.ts';

/** One location on the manager's board and on a counter's device. */
export interface LocationProgress {
  location: string;
  status: LocationStatus;
  /** The round counters should count in now (the highest round there is, 1 before any). */
  activeRound: number;
  /** Whether that round is blind (counters do not see expected quantities). */
  blind: boolean;
  /** What that round is: a count (first count or recount) or a blind verification of an earlier round. */
  activeKind: 'count' | 'verify';
  /** Who that round is assigned to (recounts and verifications); empty: anyone. */
  assignees: string[];
  /** Latest complete count round (the location's count), if any. */
  countedRound: number | null;
  verification: Verification;
  /** Who started, counted or confirmed empty in the active round, and who of them is done. */
  contributors: string[];
  doneBy: string[];
  /** Non-voided entries in the active round. */
  scans: number;
  confirmedEmpty: boolean;
  emptyConflict: boolean;
}

export function locationProgress(location: string, fold: LocationFold | undefined): LocationProgress {
  const active = fold?.rounds.at(-1);
  return {
    location,
    status: fold?.status ?? 'not_started',
    activeRound: active?.round ?? 1,
    blind: active?.blind ?? true,
    activeKind: active?.kind ?? 'count',
    assignees: active?.assignees ?? [],
    countedRound: fold?.counted?.round ?? null,
    verification: fold?.verification ?? 'none',
    contributors: active?.contributors ?? [],
    doneBy: active?.doneBy ?? [],
    scans: active?.entries.length ?? 0,
    confirmedEmpty: (fold?.counted?.emptyBy.length ?? 0) > 0 && (fold?.counted?.totals.length ?? 0) === 0,
    emptyConflict: fold?.emptyConflict ?? false,
  };
}

export interface StatusCounts {
  total: number;
  notStarted: number;
  counting: number;
  done: number;
  recount: number;
}

export function countStatuses(list: Iterable<{ status: LocationStatus }>): StatusCounts {
  const c: StatusCounts = { total: 0, notStarted: 0, counting: 0, done: 0, recount: 0 };
  for (const { status } of list) {
    c.total++;
    if (status === 'not_started') c.notStarted++;
    else if (status === 'counting') c.counting++;
    else if (status === 'done') c.done++;
    else c.recount++;
  }
  return c;
}

/** Progress of a site, zone or aisle: its counted locations below it. */
export interface AreaProgress extends StatusCounts {
  code: string;
  kind: LocationKind;
  name: string;
  parent: string | null;
}

/**
 * Progress per area of the location tree (site → zone → aisle), over the stocktake's
 * locations below each; areas with none of them are left out. Sorted by code.
 */
export function areaProgress(
  catalog: Iterable<Location>,
  locations: readonly LocationProgress[],
): AreaProgress[] {
  const byCode = new Map(locations.map((l) => [l.location, l]));
  const out: AreaProgress[] = [];
  const visit = (node: ReturnType<typeof locationTree>[number]): LocationProgress[] => {
    const below: LocationProgress[] = [];
    const own = byCode.get(node.location.code);
    if (own) below.push(own);
    for (const child of node.children) below.push(...visit(child));
    if (node.children.length > 0 && below.length > 0) {
      out.push({
        code: node.location.code,
        kind: node.location.kind,
        name: node.location.name,
        parent: node.location.parent,
        ...countStatuses(below),
      });
    }
    return below;
  };
  for (const root of locationTree(catalog)) visit(root);
  return out.sort((a, b) => compareText(a.code, b.code));
}

/** A counter's pace: non-voided entries per minute (UTC minute buckets), for the pace chart. */
export interface CounterPace {
  user: string;
  scans: number;
  perMinute: { minute: string; scans: number }[];
}

export function counterPace(entries: Iterable<AttributedCount>, voided: ReadonlySet<string>): CounterPace[] {
  const byUser = new Map<string, Map<string, number>>();
  for (const e of entries) {
    if (voided.has(e.id)) continue;
    const minute = `${e.at.slice(0, 16)}Z`;
    let m = byUser.get(e.user);
    if (!m) {
      m = new Map();
      byUser.set(e.user, m);
    }
    m.set(minute, (m.get(minute) ?? 0) + 1);
  }
  return [...byUser.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([user, m]) => {
      const perMinute = [...m.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([minute, scans]) => ({ minute, scans }));
      return { user, scans: perMinute.reduce((s, p) => s + p.scans, 0), perMinute };
    });
}
