import { countAccuracyCsv } from '@stockroom/shared/reports/report-csv';
import { Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { useServerReachable } from '../app/OnlineOnly.tsx';
import { formatMoney, formatTime } from '../ui/format.ts';
import { ReportChart } from './ReportChart.tsx';
import { ReportFrame, ReportTable } from './ReportFrame.tsx';
import { useCountAccuracy } from './use-count-accuracy.ts';

const pct = (a: number | null) => (a === null ? '—' : `${a} %`);

/** Accuracy per posted stocktake and over time: lines counted, within tolerance, variance value. */
export function CountAccuracyScreen() {
  const app = useApp();
  const state = useCountAccuracy(app, useServerReachable());
  const report = () => state().report;
  return (
    <ReportFrame
      report="count-accuracy"
      loading={report() === null && !state().fromCache}
      csv={() => {
        const r = report();
        return r ? { name: 'count-accuracy.csv', text: countAccuracyCsv(r) } : null;
      }}
      note={
        <Show when={state().fromCache && state().fetchedAt}>
          <p class="muted" data-testid="count-accuracy-cached">
            As fetched from the server {formatTime(state().fetchedAt!)} (this device is offline).
          </p>
        </Show>
      }
    >
      <Show
        when={report()}
        fallback={
          <div class="empty" data-testid="count-accuracy-unavailable">
            <p>Count accuracy comes from the server; connect once to see it here, offline too afterwards.</p>
          </div>
        }
      >
        {(r) => (
          <>
            <p class="report-total">
              Overall: <strong data-testid="count-accuracy-overall">{pct(r().overall.accuracy)}</strong> of{' '}
              {r().overall.linesCounted} lines within tolerance; variance{' '}
              {formatMoney(r().overall.absoluteValue)} absolute, {formatMoney(r().overall.netValue)} net
            </p>
            <Show when={r().stocktakes.length > 1}>
              <ReportChart
                type="line"
                testid="count-accuracy-chart"
                label="Count accuracy over time"
                labels={r().stocktakes.map((s) => s.postedAt.slice(0, 10))}
                series={[
                  { label: 'Accuracy %', data: r().stocktakes.map((s) => s.accuracy), colour: '#27ae60' },
                ]}
              />
            </Show>
            <ReportTable
              testid="count-accuracy-rows"
              rows={[...r().stocktakes].reverse()}
              key={(s) => s.id}
              empty="No stocktake has been posted yet."
              columns={[
                { label: 'Stocktake', value: (s) => s.name ?? s.id },
                { label: 'Posted', value: (s) => formatTime(s.postedAt) },
                { label: 'Lines', value: (s) => String(s.linesCounted), num: true },
                { label: 'Within tolerance', value: (s) => String(s.linesWithinTolerance), num: true },
                { label: 'Accuracy', value: (s) => pct(s.accuracy), num: true, testid: 'accuracy' },
                { label: 'Variance (abs.)', value: (s) => formatMoney(s.absoluteValue), num: true },
                { label: 'Variance (net)', value: (s) => formatMoney(s.netValue), num: true },
              ]}
            />
          </>
        )}
      </Show>
    </ReportFrame>
  );
}
