import { can } from '@stockroom/shared/access/permissions';
import { longestWindow, windowPeriods } from '@stockroom/shared/replenishment/suggestions';
import { trendRange } from '@stockroom/shared/reports/dashboard-report';
import { todayOf } from '@stockroom/shared/reports/report-periods';
import { createMemo, type JSX, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { useServerReachable } from '../app/OnlineOnly.tsx';
import { ExpiryTile } from '../lots/ExpiryTile.tsx';
import { useSuggestions } from '../replenishment/use-suggestions.ts';
import { type Route, routeHref } from '../routing/route.ts';
import { formatMoney } from '../ui/format.ts';
import { dashboardFrom, percent, trendChange } from './dashboard-view.ts';
import { ReportChart } from './ReportChart.tsx';
import { useCountAccuracy } from './use-count-accuracy.ts';
import { useOperations } from './use-operations.ts';
import { useReportBase } from './use-report-base.ts';

function Tile(props: {
  testid: string;
  label: string;
  href: string;
  value: JSX.Element;
  detail?: JSX.Element;
  alert?: boolean;
}) {
  return (
    <a class={props.alert ? 'tile alert' : 'tile'} href={props.href} data-testid={props.testid}>
      <span class="tile-label">{props.label}</span>
      <strong class="tile-value" data-testid={`${props.testid}-value`}>
        {props.value}
      </strong>
      <Show when={props.detail}>
        <span class="muted">{props.detail}</span>
      </Show>
    </a>
  );
}

/**
 * The figures a manager looks at first, each a link into its report, computed on this device
 * from its copies of the rooms (the same shared code as GET /api/reports/dashboard), so it
 * works offline and shows what was recorded here a moment ago.
 */
export function DashboardScreen() {
  const app = useApp();
  const now = new Date();
  const today = todayOf(now);
  const role = app.session().user.role;
  const trend = trendRange(today);
  const oldest = createMemo(() => {
    const window = windowPeriods(now, longestWindow(app.items()))[0] ?? today.slice(0, 7);
    const t = trend.from.slice(0, 7);
    return [window, t].sort()[0]!;
  });
  const base = useReportBase(app, oldest);
  const ops = useOperations(app);
  const accuracy = useCountAccuracy(app, useServerReachable());
  const suggestions = useSuggestions(app, base, ops, now);

  const figures = createMemo(() => {
    return dashboardFrom({
      lines: base.lines(),
      totals: base.totals(),
      items: base.itemsBySku(),
      history: base.history(),
      current: base.current(),
      suggestions: suggestions(),
      minimums: ops.minimums(),
      reserved: ops.reserved(),
      orders: ops.orders(),
      workOrders: ops.workOrders(),
      accuracy: accuracy().report?.stocktakes ?? [],
      now,
    });
  });
  const href = (r: Route) => routeHref(r);
  const report = (name: 'valuation' | 'consumption' | 'dead-stock' | 'turnover' | 'count-accuracy') =>
    href({ name: 'report', report: name, params: {} });
  const change = () => trendChange(figures().consumptionTrend);

  return (
    <section class="screen dashboard" data-testid="dashboard">
      <div class="screen-head">
        <h1>Dashboard</h1>
      </div>
      <Show when={base.loading() || !ops.loaded()}>
        <p class="muted" data-testid="dashboard-loading" role="status">
          Loading this device’s copies…
        </p>
      </Show>
      <Show when={base.incomplete()}>
        <p class="banner warning" data-testid="report-incomplete">
          Some earlier months are not on this device yet; trend and reorder figures may change once it syncs.
        </p>
      </Show>
      <div class="tiles">
        <Tile
          testid="tile-stock-value"
          label="Stock value"
          href={report('valuation')}
          value={formatMoney(figures().stockValue)}
        />
        <Tile
          testid="tile-below-rop"
          label="Below reorder point"
          href={href({ name: 'replenishment', supplier: '' })}
          value={figures().belowReorderPoint}
          alert={figures().belowReorderPoint > 0}
        />
        <Show when={can(role, 'maintenance.read')}>
          <Tile
            testid="tile-critical-spares"
            label="Critical spares below minimum"
            href="#/critical-spares"
            value={figures().criticalSparesBelowMin}
            alert={figures().criticalSparesBelowMin > 0}
          />
          <Tile
            testid="tile-open-wos"
            label="Open work orders"
            href="#/work-orders"
            value={figures().openWorkOrders}
          />
        </Show>
        <Show when={can(role, 'purchasing.read')}>
          <Tile
            testid="tile-open-pos"
            label="Open purchase orders"
            href={href({ name: 'purchase-orders', status: 'open', supplier: '' })}
            value={figures().openPurchaseOrders}
            detail={<span data-testid="tile-overdue-pos">{figures().overduePurchaseOrders} overdue</span>}
            alert={figures().overduePurchaseOrders > 0}
          />
        </Show>
        <Show when={can(role, 'ledger.read')}>
          <ExpiryTile />
        </Show>
        <Tile
          testid="tile-last-count"
          label="Last count accuracy"
          href={report('count-accuracy')}
          value={
            figures().lastCount
              ? figures().lastCount!.accuracy === null
                ? '—'
                : `${figures().lastCount!.accuracy} %`
              : '—'
          }
          detail={
            figures().lastCount
              ? (figures().lastCount!.name ?? figures().lastCount!.id)
              : 'No posted count yet'
          }
        />
        <Tile
          testid="tile-dead-stock"
          label="Dead stock (180 days)"
          href={report('dead-stock')}
          value={formatMoney(figures().deadStock.value)}
          detail={`${figures().deadStock.items} items`}
        />
        <Tile
          testid="tile-excess"
          label="Above maximum"
          href={report('turnover')}
          value={formatMoney(figures().excess.value)}
          detail={`${figures().excess.items} items`}
        />
      </div>
      <a class="card trend" href={report('consumption')} data-testid="tile-trend">
        <span class="tile-label">
          Consumption, last 12 weeks
          {change() === null
            ? ''
            : ` (last 4 weeks ${change()! >= 0 ? '+' : ''}${percent(change())} vs the 4 before)`}
        </span>
        <ReportChart
          type="line"
          small
          testid="dashboard-trend-chart"
          label="Units consumed per week, last 12 weeks"
          labels={figures().consumptionTrend.map((p) => p.period)}
          series={[
            { label: 'Units', data: figures().consumptionTrend.map((p) => p.quantity), colour: '#1f4e79' },
          ]}
        />
      </a>
    </section>
  );
}
