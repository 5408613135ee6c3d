import type { StocktakeStatus } from '@stockroom/shared/stocktake/lifecycle';
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
