import type { StocktakeStatus } from '@stockroom/shared/stocktake/lifecycle';
import type { LocationProgress } from '@stockroom/shared/stocktake/progress';
import type { LocationStatus } from '@stockroom/shared/stocktake/rounds';

export const STATUS_LABEL: Record<StocktakeStatus, string> = {
  draft: 'Draft',
  counting: 'Counting',
  review: 'In review',
  posted: 'Posted',
  cancelled: 'Cancelled',
};

export const LOCATION_STATUS_LABEL: Record<LocationStatus, string> = {
  not_started: 'Not started',
  counting: 'Counting',
  done: 'Done',
  recount: 'Recount',
};

/** A location's status in words; a location being verified says so rather than "Counting". */
export function locationStatusLabel(
  l: Pick<LocationProgress, 'status' | 'activeKind' | 'verification'>,
): string {
  return l.activeKind === 'verify' && l.verification === 'pending'
    ? 'Verifying'
    : LOCATION_STATUS_LABEL[l.status];
}
