import { nextPeriod, periodOf } from '@stockroom/shared/ledger/period';
import type { Accessor } from 'solid-js';
import type { AppContextValue } from '../app/app-context.ts';
import { useLedgerPeriods } from '../ledger/use-ledger-periods.ts';

/** A stocktake older than this many months is not worth reading movements for. */
const MAX_EARLIER = 3;

/** The ledger periods from `from` up to (not including) `current`, at most MAX_EARLIER of the latest. */
export function periodsBetween(from: string, current: string): string[] {
  const out: string[] = [];
  for (let p = from; p < current && out.length < 240; p = nextPeriod(p)) out.push(p);
  return out.slice(-MAX_EARLIER);
}

/**
 * The ledger movements a stocktake's variance needs: those since counting started (the
 * current month and, for a count that crossed a month end, the earlier ones).
 */
export function useMovementsSince(app: AppContextValue, startedAt: Accessor<string | null>) {
  return useLedgerPeriods(app, () => {
    const at = startedAt();
    const current = app.ws.ledger.period;
    return [...(at ? periodsBetween(periodOf(at), current) : []), current];
  });
}
