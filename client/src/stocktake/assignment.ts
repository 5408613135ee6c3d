import type { LocationProgress } from '@stockroom/shared/stocktake/progress';

export type Assignment = 'recount' | 'verify';

/**
 * What a location asks of me: a recount or a blind verification assigned to me that I have
 * not finished yet, or null. A verification that disagreed leaves the location flagged for a
 * recount but its round closed: that is not a recount waiting for anyone until one is requested.
 */
export function assignmentFor(
  l: Pick<LocationProgress, 'status' | 'activeKind' | 'verification' | 'assignees' | 'doneBy'>,
  me: string,
): Assignment | null {
  if (!l.assignees.includes(me) || l.doneBy.includes(me)) return null;
  if (l.activeKind === 'verify') return l.verification === 'pending' ? 'verify' : null;
  return l.status === 'recount' ? 'recount' : null;
}

/** "A recount is waiting for you", "2 verifications are…", "3 recounts or verifications are…". */
export function assignmentsText(kinds: readonly Assignment[]): string {
  const n = kinds.length;
  const what = kinds.every((k) => k === 'recount')
    ? ['recount', 'recounts']
    : kinds.every((k) => k === 'verify')
      ? ['verification', 'verifications']
      : ['recount or verification', 'recounts or verifications'];
  return n === 1 ? `A ${what[0]} is waiting for you` : `${n} ${what[1]} are waiting for you`;
}
