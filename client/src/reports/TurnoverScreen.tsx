import { turnoverReport } from '@stockroom/shared/reports/flow-reports';
import { excessCsv, turnoverCsv } from '@stockroom/shared/reports/report-csv';
import { excessReport } from '@stockroom/shared/reports/stock-reports';
import { createMemo } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { CsvButton, paramSetter, RangeFields } from './ReportFilters.tsx';
import { ReportFrame, ReportTable } from './ReportFrame.tsx';
import { turnoverFilter } from './report-filters.ts';
import type { ReportParams } from './report-routes.ts';
import { useReportBase } from './use-report-base.ts';

const turns = (t: number | null) => (t === null ? '—' : (Math.round(t * 100) / 100).toString());

/** Turnover (cost of issues ÷ average inventory value) over months, and the value above each item's max. */
export function TurnoverScreen(props: { params: ReportParams }) {
  const app = useApp();
  const filter = createMemo(() => turnoverFilter(props.params, app.ws.ledger.period));
  const base = useReportBase(app, () => filter().from);
  const report = createMemo(() => turnoverReport(base.history(), filter().from, filter().to));
  const excess = createMemo(() => excessReport(base.totals(), base.current(), base.itemsBySku()));
  const set = paramSetter(app, 'turnover', () => props.params);

  return (
    <ReportFrame
      report="turnover"
      loading={base.loading()}
      incomplete={base.incomplete()}
      csv={() => ({ name: `turnover-${filter().from}-${filter().to}.csv`, text: turnoverCsv(report()) })}
    >
      <div class="toolbar filters">
        <RangeFields testid="turnover" type="month" range={filter()} onChange={set} />
      </div>
      <p class="report-total">
        Turns: <strong data-testid="turnover-turns">{turns(report().turns)}</strong> — cost of issues{' '}
        {formatMoney(report().costOfIssues)} ÷ average inventory {formatMoney(report().averageValue)}
      </p>
      <ReportTable
        testid="turnover-rows"
        rows={report().rows}
        key={(r) => r.sku}
        empty="Nothing was held or issued in these months."
        columns={[
          { label: 'SKU', value: (r) => r.sku, testid: 'sku' },
          { label: 'Cost of issues', value: (r) => formatMoney(r.costOfIssues), num: true, testid: 'cost' },
          { label: 'Average value', value: (r) => formatMoney(r.averageValue), num: true, testid: 'average' },
          { label: 'Turns', value: (r) => turns(r.turns), num: true, testid: 'turns' },
        ]}
      />
      <h2>Excess over maximum</h2>
      <p class="muted">
        Value above each item’s maximum, at its average cost.{' '}
        <CsvButton
          testid="excess-csv"
          name="excess.csv"
          text={() => excessCsv(excess())}
          label="Excess CSV"
        />
      </p>
      <ReportTable
        testid="excess-rows"
        rows={excess()}
        key={(r) => r.sku}
        empty="No item is above its maximum."
        columns={[
          { label: 'SKU', value: (r) => r.sku, testid: 'sku' },
          { label: 'On hand', value: (r) => formatQuantity(r.onHand), num: true },
          { label: 'Max', value: (r) => formatQuantity(r.maxQty), num: true },
          { label: 'Excess', value: (r) => formatQuantity(r.excess), num: true, testid: 'excess' },
          { label: 'Value', value: (r) => formatMoney(r.value), num: true, testid: 'value' },
        ]}
      />
    </ReportFrame>
  );
}
