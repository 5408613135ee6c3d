import { reportCsv, reportRows } from '@stockroom/shared/stocktake/report';
import type { StocktakeSummary } from '@stockroom/shared/stocktake/summary';
import { createMemo, For, Show } from 'solid-js';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { TableWrap } from '../ui/TableWrap.tsx';

/** Rows shown on screen; the CSV always has every row. */
const SHOWN = 500;

/** Counted vs expected, variance, value, accuracy and who counted what; CSV download. */
export function ReportPanel(props: { summary: StocktakeSummary; onDownload: (csv: string) => void }) {
  const rows = createMemo(() => reportRows(props.summary));
  const byCounter = createMemo(() => {
    const units = new Map<string, number>();
    for (const l of props.summary.lines) {
      for (const c of l.counters) units.set(c.user, (units.get(c.user) ?? 0) + c.quantity);
    }
    return props.summary.pace.map((p) => ({ user: p.user, scans: p.scans, units: units.get(p.user) ?? 0 }));
  });
  const t = () => props.summary.totals;
  return (
    <div class="report" data-testid="stocktake-report">
      <div class="stat-grid">
        <div class="card stat">
          <span class="muted">Accuracy (lines within tolerance)</span>
          <strong data-testid="stocktake-report-accuracy" data-value={t().accuracy ?? ''}>
            {t().accuracy === null ? '—' : `${t().accuracy}%`}
          </strong>
          <span class="muted">
            {t().withinTolerance} of {t().finalLines} final lines
          </span>
        </div>
        <div class="card stat">
          <span class="muted">Net variance value</span>
          <strong data-testid="stocktake-report-value">{formatMoney(t().varianceValue)}</strong>
          <span class="muted">absolute {formatMoney(t().absoluteValue)}</span>
        </div>
        <div class="card stat">
          <span class="muted">Net variance units</span>
          <strong>{formatQuantity(t().varianceUnits)}</strong>
        </div>
      </div>
      <div class="card">
        <h2>Who counted what</h2>
        <table class="table compact">
          <thead>
            <tr>
              <th>Counter</th>
              <th class="num">Scans</th>
              <th class="num">Units counted</th>
            </tr>
          </thead>
          <tbody>
            <For each={byCounter()}>
              {(c) => (
                <tr
                  data-testid="stocktake-report-counter"
                  data-user={c.user}
                  data-scans={c.scans}
                  data-units={c.units}
                >
                  <td>{c.user}</td>
                  <td class="num">{c.scans}</td>
                  <td class="num">{formatQuantity(c.units)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="card">
        <div class="screen-head">
          <h2>Lines</h2>
          <button
            type="button"
            class="button primary"
            data-testid="stocktake-report-csv"
            onClick={() => props.onDownload(reportCsv(props.summary))}
          >
            Download CSV
          </button>
        </div>
        <TableWrap label="Report lines" card={false}>
          <table class="table compact" data-testid="stocktake-report-table">
            <thead>
              <tr>
                <th>Location</th>
                <th>Item</th>
                <th class="num">Expected</th>
                <th class="num">Counted</th>
                <th class="num">Variance</th>
                <th class="num">Value</th>
                <th>OK</th>
                <th>Counted by</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows().slice(0, SHOWN)}>
                {(r) => (
                  <tr
                    classList={{ flagged: r.withinTolerance === false }}
                    data-testid="stocktake-report-row"
                    data-location={r.location}
                    data-sku={r.sku}
                    data-barcode={r.barcode}
                    data-expected={r.expected ?? ''}
                    data-counted={r.counted}
                    data-variance={r.variance ?? ''}
                  >
                    <td>{r.location}</td>
                    <td>
                      {r.sku || r.barcode}
                      {r.lot ? ` · lot ${r.lot}` : ''}
                    </td>
                    <td class="num">{r.expected === null ? '' : formatQuantity(r.expected)}</td>
                    <td class="num">{formatQuantity(r.counted)}</td>
                    <td class="num">{r.variance === null ? '' : formatQuantity(r.variance)}</td>
                    <td class="num">{r.value === null ? '' : formatMoney(r.value)}</td>
                    <td>{r.withinTolerance === null ? '' : r.withinTolerance ? '✓' : '⚠'}</td>
                    <td>{r.countedBy}</td>
                    <td class="muted">{r.note}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
        <Show when={rows().length > SHOWN}>
          <p class="muted">
            Showing {SHOWN} of {rows().length} lines: the CSV has them all.
          </p>
        </Show>
      </div>
    </div>
  );
}
