import { ItemKind } from '@stockroom/shared/catalog/item';
import {
  consumptionReport,
  demandByDay,
  onHandOf,
  selectedSkus,
} from '@stockroom/shared/reports/flow-reports';
import { consumptionCsv } from '@stockroom/shared/reports/report-csv';
import { createMemo, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { ReportChart } from './ReportChart.tsx';
import { paramSetter, RangeFields } from './ReportFilters.tsx';
import { ReportFrame, ReportTable } from './ReportFrame.tsx';
import { consumptionFilter, todayNow } from './report-filters.ts';
import type { ReportParams } from './report-routes.ts';
import { consumptionChart, coverText, forecastSentence } from './report-view.ts';
import { useReportBase } from './use-report-base.ts';

/** Demand per day, week or month with its forecast (SES or SBA), the hold-out MAE and days of cover. */
export function ConsumptionScreen(props: { params: ReportParams }) {
  const app = useApp();
  const today = todayNow();
  const filter = createMemo(() => consumptionFilter(props.params, today));
  const base = useReportBase(app, () => filter().from.slice(0, 7));
  const categories = createMemo(() =>
    [
      ...new Set(
        app
          .items()
          .map((i) => i.category)
          .filter(Boolean),
      ),
    ].sort(),
  );

  const report = createMemo(() => {
    const f = filter();
    const all = !f.sku && !f.category && !f.kind;
    const skus = all
      ? null
      : selectedSkus(app.items(), {
          sku: f.sku || undefined,
          category: f.category || undefined,
          kind: f.kind || undefined,
        });
    return consumptionReport(
      demandByDay(base.history(), skus, f.from, f.to),
      { from: f.from, to: f.to, interval: f.interval },
      onHandOf(base.totals(), skus),
    );
  });
  const chart = createMemo(() => consumptionChart(report()));
  const set = paramSetter(app, 'consumption', () => props.params);
  const hasDemand = () => report().series.some((p) => p.quantity !== 0);

  return (
    <ReportFrame
      report="consumption"
      loading={base.loading()}
      incomplete={base.incomplete()}
      csv={() => ({
        name: `consumption-${filter().from}-${filter().to}.csv`,
        text: consumptionCsv(report()),
      })}
    >
      <div class="toolbar filters">
        <label class="field">
          <span class="field-label">Item (SKU)</span>
          <input
            data-testid="consumption-sku"
            list="consumption-skus"
            value={filter().sku}
            onChange={(e) => set({ sku: e.currentTarget.value.trim() })}
          />
          <datalist id="consumption-skus">
            <For each={app.items().slice(0, 500)}>{(i) => <option value={i.sku}>{i.name}</option>}</For>
          </datalist>
        </label>
        <label class="field">
          <span class="field-label">Category</span>
          <select
            data-testid="consumption-category"
            value={filter().category}
            onChange={(e) => set({ category: e.currentTarget.value })}
          >
            <option value="">All</option>
            <For each={categories()}>{(c) => <option value={c}>{c}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">Kind</span>
          <select
            data-testid="consumption-kind"
            value={filter().kind}
            onChange={(e) => set({ kind: e.currentTarget.value })}
          >
            <option value="">All</option>
            <For each={ItemKind.options}>{(k) => <option value={k}>{k.replace('_', ' ')}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">Per</span>
          <select
            data-testid="consumption-interval"
            value={filter().interval}
            onChange={(e) => set({ interval: e.currentTarget.value === 'week' ? '' : e.currentTarget.value })}
          >
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
        <RangeFields testid="consumption" type="date" range={filter()} onChange={set} />
      </div>
      <div class="report-figures">
        <p>
          Consumed:{' '}
          <strong data-testid="consumption-total">
            {formatQuantity(report().series.reduce((s, p) => s + p.quantity, 0))}
          </strong>{' '}
          (value {formatMoney(report().series.reduce((s, p) => s + p.value, 0))})
        </p>
        <p>
          On hand: <strong data-testid="consumption-on-hand">{formatQuantity(report().onHand)}</strong> — days
          of cover: <strong data-testid="consumption-cover">{coverText(report().daysOfCover)}</strong>
        </p>
        <p
          data-testid="consumption-forecast"
          data-method={report().forecast.method}
          data-mae={report().forecast.mae ?? ''}
        >
          {forecastSentence(report(), filter().interval)}
        </p>
      </div>
      <Show
        when={hasDemand()}
        fallback={
          <div class="empty" data-testid="consumption-empty">
            <p>Nothing was issued in this range{filter().sku ? ` for ${filter().sku}` : ''}.</p>
          </div>
        }
      >
        <ReportChart
          type="line"
          testid="consumption-chart"
          label="Consumption per period with forecast"
          labels={chart().labels}
          series={[
            { label: 'Consumed', data: chart().actual, colour: '#1f4e79' },
            { label: 'Forecast', data: chart().forecast, colour: '#c0392b', dashed: true },
          ]}
        />
        <ReportTable
          testid="consumption-rows"
          rows={[
            ...report().series.map((p) => ({ ...p, forecast: null as number | null })),
            ...report().forecast.periods.map((p) => ({
              period: p.period,
              quantity: null,
              value: null,
              forecast: p.quantity,
            })),
          ]}
          key={(p) => p.period}
          empty=""
          columns={[
            { label: 'Period', value: (p) => p.period, testid: 'period' },
            {
              label: 'Quantity',
              value: (p) => (p.quantity === null ? '' : formatQuantity(p.quantity)),
              num: true,
              testid: 'quantity',
            },
            {
              label: 'Value',
              value: (p) => (p.value === null ? '' : formatMoney(p.value)),
              num: true,
              testid: 'value',
            },
            {
              label: 'Forecast',
              value: (p) => (p.forecast === null ? '' : formatQuantity(Math.round(p.forecast * 100) / 100)),
              num: true,
              testid: 'forecast',
            },
          ]}
        />
      </Show>
    </ReportFrame>
  );
}
