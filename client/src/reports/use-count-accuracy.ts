import type { CountAccuracyReport } from '@stockroom/shared/reports/dashboard-report';
import { type Accessor, createEffect, createSignal } from 'solid-js';
import { z } from 'zod';
import type { AppContextValue } from '../app/app-context.ts';

const Accuracy = {
  linesCounted: z.number(),
  linesWithinTolerance: z.number(),
  accuracy: z.number().nullable(),
  absoluteValue: z.number(),
  netValue: z.number(),
};
const CountAccuracyOut = z.object({
  stocktakes: z.array(
    z.object({ id: z.string(), name: z.string().optional(), postedAt: z.string(), ...Accuracy }),
  ),
  overall: z.object(Accuracy),
});
const Cached = z.object({ fetchedAt: z.string(), report: CountAccuracyOut });

const KEY = 'stockroom.reports.countAccuracy';

export interface CountAccuracyState {
  report: CountAccuracyReport | null;
  /** When the figures were fetched from the server (shown when they come from this device's copy). */
  fetchedAt: string | null;
  fromCache: boolean;
}

/**
 * Count accuracy needs every posted stocktake's counts, expected snapshots and the ledger of
 * its counting window: more rooms than a device should open for one figure. It comes from
 * the server (GET /api/reports/count-accuracy) and the last answer is kept on the device, so
 * the dashboard and the report still show it offline, with when it was fetched.
 */
export function useCountAccuracy(
  app: AppContextValue,
  reachable: Accessor<boolean>,
): Accessor<CountAccuracyState> {
  const cached = (): CountAccuracyState => {
    try {
      const c = Cached.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
      return c.success
        ? { report: c.data.report, fetchedAt: c.data.fetchedAt, fromCache: true }
        : { report: null, fetchedAt: null, fromCache: true };
    } catch {
      return { report: null, fetchedAt: null, fromCache: true };
    }
  };
  const [state, setState] = createSignal<CountAccuracyState>(cached());
  createEffect(() => {
    if (!reachable()) return;
    void app.api.get('/api/reports/count-accuracy', CountAccuracyOut).then((r) => {
      if (!r.ok) return;
      const fetchedAt = new Date().toISOString();
      localStorage.setItem(KEY, JSON.stringify({ fetchedAt, report: r.data }));
      setState({ report: r.data, fetchedAt, fromCache: false });
    });
  });
  return state;
}
