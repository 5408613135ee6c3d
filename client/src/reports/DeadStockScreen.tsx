import { periodOf } from '@stockroom/shared/ledger/period';
import { ageingCsv, deadStockCsv } from '@stockroom/shared/reports/report-csv';
import { deadStockReport, stockAgeingReport } from '@stockroom/shared/reports/stock-reports';
import { createMemo, For } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { ReportChart } from './ReportChart.tsx';
import { CsvButton, paramSetter } from './ReportFilters.tsx';
import { ReportFrame, ReportTable } from './ReportFrame.tsx';
import { deadStockDays } from './report-filters.ts';
import type { ReportParams } from './report-routes.ts';
import { useReportBase } from './use-report-base.ts';

/** Stock on hand with no issue for N days (default 180), and how old the stock is by receipt. */
export function DeadStockScreen(props: { params: ReportParams }) {
  const app = useApp();
  const now = new Date();
  const days = createMemo(() => deadStockDays(props.params));
  const base = useReportBase(app, () => periodOf(new Date(now.getTime() - 366 * 86_400_000)));
  const rows = createMemo(() =>
    deadStockReport(base.totals(), base.current(), base.itemsBySku(), now, days()),
  );
  const ageing = createMemo(() => stockAgeingReport(base.totals(), base.history(), base.itemsBySku(), now));
  const set = paramSetter(app, 'dead-stock', () => props.params);
  const total = () => rows().reduce((s, r) => s + r.value, 0);

  return (
    <ReportFrame
      report="dead-stock"
      loading={base.loading()}
      incomplete={base.incomplete()}
      csv={() => ({ name: `dead-stock-${days()}d.csv`, text: deadStockCsv(rows()) })}
    >
      <div class="toolbar filters">
        <label class="field">
          <span class="field-label">No issue for (days)</span>
          <input
            type="number"
            min="1"
            max="3650"
            data-testid="dead-stock-days"
            value={days()}
            onChange={(e) => set({ days: e.currentTarget.value })}
          />
        </label>
      </div>
      <p class="report-total">
        {rows().length} item(s) idle, worth{' '}
        <strong data-testid="dead-stock-total">{formatMoney(total())}</strong>
      </p>
      <ReportTable
        testid="dead-stock-rows"
        rows={rows()}
        key={(r) => r.sku}
        empty={`Everything on hand was issued in the last ${days()} days.`}
        columns={[
          { label: 'SKU', value: (r) => r.sku, testid: 'sku' },
          { label: 'On hand', value: (r) => formatQuantity(r.quantity), num: true, testid: 'quantity' },
          { label: 'Value', value: (r) => formatMoney(r.value), num: true, testid: 'value' },
          { label: 'Last issue', value: (r) => r.lastIssueAt?.slice(0, 10) ?? 'never', testid: 'last-issue' },
          {
            label: 'Idle days',
            value: (r) => (r.idleDays === null ? '—' : String(r.idleDays)),
            num: true,
            testid: 'idle',
          },
        ]}
      />
      <h2>Stock ageing</h2>
      <p class="muted">
        Days since receipt, first in first out; receipts are dated by month (the month’s last receipt).{' '}
        <CsvButton
          testid="ageing-csv"
          name="stock-ageing.csv"
          text={() => ageingCsv(ageing())}
          label="Ageing CSV"
        />
      </p>
      <ReportChart
        type="bar"
        testid="ageing-chart"
        label="Stock value by age"
        labels={ageing().totals.map((t) => `${t.bucket} d`)}
        series={[{ label: 'Value', data: ageing().totals.map((t) => t.value), colour: '#8e44ad' }]}
      />
      <div class="tiles compact">
        <For each={ageing().totals}>
          {(t) => (
            <div class="tile" data-testid={`ageing-${t.bucket}`} data-value={t.value}>
              <span class="tile-label">{t.bucket} days</span>
              <strong class="tile-value">{formatMoney(t.value)}</strong>
              <span class="muted">{formatQuantity(t.quantity)} units</span>
            </div>
          )}
        </For>
      </div>
    </ReportFrame>
  );
}
