import { valuationCsv } from '@stockroom/shared/reports/report-csv';
import { unitCostOf } from '@stockroom/shared/reports/report-periods';
import {
  asOfDate,
  type ValuationReport,
  valuationReport,
  valuationSource,
} from '@stockroom/shared/reports/stock-reports';
import { createMemo, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { ReportChart } from './ReportChart.tsx';
import { paramSetter } from './ReportFilters.tsx';
import { ReportFrame, ReportTable } from './ReportFrame.tsx';
import { todayNow, valuationFilter } from './report-filters.ts';
import type { ReportParams } from './report-routes.ts';
import { topRows } from './report-view.ts';
import { useLedgerMonth, useReportBase } from './use-report-base.ts';

/**
 * Stock value at moving-average cost by item, location, category or kind — now, or at the
 * end of a past day (that month's ledger folded onto the month before's stats, as the API).
 */
export function ValuationScreen(props: { params: ReportParams }) {
  const app = useApp();
  const today = todayNow();
  const filter = createMemo(() => valuationFilter(props.params, today));
  const base = useReportBase(app, () => (filter().at ?? today).slice(0, 7));
  const source = createMemo(() => {
    const at = filter().at;
    return at ? valuationSource(base.history().keys(), at, today) : ({ kind: 'now' } as const);
  });
  const month = useLedgerMonth(app, () => {
    const s = source();
    return s.kind === 'partial' || s.kind === 'closing' ? s.period : null;
  });

  const report = createMemo((): ValuationReport | null => {
    const { by, at } = filter();
    const items = base.itemsBySku();
    const s = source();
    switch (s.kind) {
      case 'now':
        return valuationReport(base.lines(), base.current(), items, by, null);
      case 'empty':
        return valuationReport([], null, items, by, at);
      case 'closing': {
        const ledger = month();
        return ledger
          ? valuationReport(ledger.stock().lines(), base.history().get(s.period) ?? null, items, by, at)
          : null;
      }
      case 'partial': {
        const ledger = month();
        if (!ledger) return null;
        const r = asOfDate({
          date: at!,
          period: s.period,
          previous: s.previous ? (base.history().get(s.previous) ?? null) : null,
          opening: ledger.opening()?.lines ?? [],
          movements: ledger.movements.values(),
          unitCostOf: unitCostOf(items),
        });
        return valuationReport(r.stock, r.stats, items, by, at);
      }
    }
  });

  const set = paramSetter(app, 'valuation', () => props.params);
  const top = createMemo(() => topRows(report()?.rows ?? [], (r) => r.value, 12));

  return (
    <ReportFrame
      report="valuation"
      loading={base.loading() || report() === null}
      incomplete={base.incomplete()}
      csv={() => {
        const r = report();
        return r
          ? {
              name: `valuation-${filter().by}-${filter().at ?? today}.csv`,
              text: valuationCsv(r, filter().by),
            }
          : null;
      }}
    >
      <div class="toolbar filters">
        <label class="field">
          <span class="field-label">Group by</span>
          <select
            data-testid="valuation-by"
            value={filter().by}
            onChange={(e) => set({ by: e.currentTarget.value === 'item' ? '' : e.currentTarget.value })}
          >
            <option value="item">Item</option>
            <option value="location">Location</option>
            <option value="category">Category</option>
            <option value="kind">Kind</option>
          </select>
        </label>
        <label class="field">
          <span class="field-label">At the end of</span>
          <input
            type="date"
            data-testid="valuation-at"
            max={today}
            value={filter().at ?? ''}
            onChange={(e) => set({ at: e.currentTarget.value })}
          />
        </label>
      </div>
      <Show when={report()}>
        {(r) => (
          <>
            <p class="report-total">
              Total value{r().at ? ` at the end of ${r().at}` : ' now'}:{' '}
              <strong data-testid="valuation-total" data-value={r().total}>
                {formatMoney(r().total)}
              </strong>
            </p>
            <Show when={r().uncosted.length > 0}>
              <p class="muted" data-testid="valuation-uncosted">
                {r().uncosted.length} item(s) on hand have no cost and count as 0:{' '}
                {r().uncosted.slice(0, 5).join(', ')}
              </p>
            </Show>
            <Show when={top().length > 0}>
              <ReportChart
                type="bar"
                testid="valuation-chart"
                label="Stock value by group"
                labels={top().map((x) => x.key)}
                series={[{ label: 'Value', data: top().map((x) => x.value), colour: '#1f4e79' }]}
              />
            </Show>
            <ReportTable
              testid="valuation-rows"
              rows={r().rows}
              key={(x) => x.key}
              empty="Nothing on hand to value."
              columns={[
                {
                  label: filter().by[0]!.toUpperCase() + filter().by.slice(1),
                  value: (x) => x.key,
                  testid: 'key',
                },
                {
                  label: 'Quantity',
                  value: (x) => formatQuantity(x.quantity),
                  num: true,
                  testid: 'quantity',
                },
                { label: 'Value', value: (x) => formatMoney(x.value), num: true, testid: 'value' },
              ]}
            />
          </>
        )}
      </Show>
    </ReportFrame>
  );
}
