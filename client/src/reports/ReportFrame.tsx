import { For, type JSX, Show } from 'solid-js';
import { routeHref } from '../routing/route.ts';
import { downloadText } from '../ui/download.ts';
import { TableWrap } from '../ui/TableWrap.tsx';
import type { ReportName } from './report-routes.ts';

export const REPORT_TITLES: Record<ReportName, string> = {
  valuation: 'Stock valuation',
  consumption: 'Consumption',
  abc: 'ABC analysis',
  'dead-stock': 'Dead stock & ageing',
  turnover: 'Turnover & excess',
  'count-accuracy': 'Count accuracy',
};

/**
 * What every report screen shares: its title, links to the others, CSV of what it shows
 * (made on the device, offline too), and one line on how complete this device's data is.
 */
export function ReportFrame(props: {
  report: ReportName;
  csv: () => { name: string; text: string } | null;
  loading: boolean;
  incomplete?: boolean;
  note?: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <section class="screen report" data-testid={`report-${props.report}`}>
      <div class="screen-head">
        <h1>{REPORT_TITLES[props.report]}</h1>
        <div class="toolbar">
          <a class="button ghost" href={routeHref({ name: 'dashboard' })} data-testid="report-back">
            Dashboard
          </a>
          <button
            type="button"
            class="button"
            data-testid="report-csv"
            disabled={props.csv() === null}
            onClick={() => {
              const f = props.csv();
              if (f) downloadText(f.name, f.text);
            }}
          >
            Export CSV
          </button>
        </div>
      </div>
      <nav class="report-tabs" aria-label="Reports">
        <For each={Object.entries(REPORT_TITLES) as [ReportName, string][]}>
          {([name, title]) => (
            <a
              href={routeHref({ name: 'report', report: name, params: {} })}
              aria-current={name === props.report ? 'page' : undefined}
              data-testid={`report-tab-${name}`}
            >
              {title}
            </a>
          )}
        </For>
      </nav>
      <Show when={props.loading}>
        <p class="muted" data-testid="report-loading" role="status">
          Loading the earlier months from this device…
        </p>
      </Show>
      <Show when={props.incomplete}>
        <p class="banner warning" data-testid="report-incomplete">
          Some earlier months are not on this device yet: figures before this month may be missing until it
          syncs with the server.
        </p>
      </Show>
      {props.note}
      {props.children}
    </section>
  );
}

export interface Column<T> {
  label: string;
  value: (row: T) => string;
  num?: boolean;
  testid?: string;
}

/** A plain table of rows; long reports show the first `limit` rows (the CSV has them all). */
export function ReportTable<T>(props: {
  rows: readonly T[];
  columns: Column<T>[];
  testid: string;
  key: (row: T) => string;
  limit?: number;
  empty: string;
  foot?: JSX.Element;
}) {
  const limit = () => props.limit ?? 200;
  return (
    <Show
      when={props.rows.length > 0}
      fallback={
        <div class="empty" data-testid={`${props.testid}-empty`}>
          <p>{props.empty}</p>
        </div>
      }
    >
      <TableWrap label="Report">
        <table class="table" data-testid={props.testid} data-count={props.rows.length}>
          <thead>
            <tr>
              <For each={props.columns}>{(c) => <th class={c.num ? 'num' : undefined}>{c.label}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows.slice(0, limit())}>
              {(row) => (
                <tr data-key={props.key(row)}>
                  <For each={props.columns}>
                    {(c) => (
                      <td class={c.num ? 'num' : undefined} data-col={c.testid}>
                        {c.value(row)}
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
          {props.foot}
        </table>
      </TableWrap>
      <Show when={props.rows.length > limit()}>
        <p class="muted">
          Showing the first {limit()} of {props.rows.length} rows; the CSV has every row.
        </p>
      </Show>
    </Show>
  );
}
