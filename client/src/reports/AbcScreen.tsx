import { abcReport } from '@stockroom/shared/reports/flow-reports';
import { abcCsv } from '@stockroom/shared/reports/report-csv';
import { createMemo, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney } from '../ui/format.ts';
import { percent } from './dashboard-view.ts';
import { ReportChart } from './ReportChart.tsx';
import { paramSetter, RangeFields } from './ReportFilters.tsx';
import { ReportFrame, ReportTable } from './ReportFrame.tsx';
import { abcFilter, todayNow } from './report-filters.ts';
import type { ReportParams } from './report-routes.ts';
import { abcChart, abcSummary } from './report-view.ts';
import { useReportBase } from './use-report-base.ts';

/** ABC classes by consumption value (A below 80 % above it, B below 95 %, else C), with a Pareto chart. */
export function AbcScreen(props: { params: ReportParams }) {
  const app = useApp();
  const today = todayNow();
  const filter = createMemo(() => abcFilter(props.params, today));
  const base = useReportBase(app, () => filter().from.slice(0, 7));
  const rows = createMemo(() => abcReport(base.history(), app.items(), filter().from, filter().to));
  const summary = createMemo(() => abcSummary(rows()));
  const chart = createMemo(() => abcChart(rows()));
  const set = paramSetter(app, 'abc', () => props.params);

  return (
    <ReportFrame
      report="abc"
      loading={base.loading()}
      incomplete={base.incomplete()}
      csv={() => ({ name: `abc-${filter().from}-${filter().to}.csv`, text: abcCsv(rows()) })}
    >
      <div class="toolbar filters">
        <RangeFields testid="abc" type="date" range={filter()} onChange={set} />
      </div>
      <div class="tiles compact">
        <For each={summary()}>
          {(s) => (
            <div
              class={`tile abc-${s.cls}`}
              data-testid={`abc-class-${s.cls}`}
              data-items={s.items}
              data-value={s.value}
            >
              <span class="tile-label">Class {s.cls}</span>
              <strong class="tile-value">{s.items} items</strong>
              <span class="muted">
                {formatMoney(s.value)} · {percent(s.share)}
              </span>
            </div>
          )}
        </For>
      </div>
      <Show when={chart().labels.length > 0}>
        <ReportChart
          type="bar"
          testid="abc-chart"
          label="Consumption value by item, with the cumulative share"
          labels={chart().labels}
          series={[
            { label: 'Consumption value', data: chart().values, colour: '#1f4e79' },
            { label: 'Cumulative %', data: chart().cumulative, colour: '#c0392b', type: 'line', right: true },
          ]}
        />
      </Show>
      <ReportTable
        testid="abc-rows"
        rows={rows()}
        key={(r) => r.sku}
        empty="No active items yet."
        columns={[
          { label: 'SKU', value: (r) => r.sku, testid: 'sku' },
          {
            label: 'Consumption value',
            value: (r) => formatMoney(r.consumptionValue),
            num: true,
            testid: 'value',
          },
          { label: 'Share', value: (r) => percent(r.share), num: true, testid: 'share' },
          { label: 'Cumulative', value: (r) => percent(r.cumulativeShare), num: true, testid: 'cumulative' },
          { label: 'Class', value: (r) => r.class, testid: 'class' },
        ]}
      />
    </ReportFrame>
  );
}
