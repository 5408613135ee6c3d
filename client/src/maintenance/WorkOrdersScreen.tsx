import type { Priority } from '@stockroom/shared/maintenance/work-order';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { SelectField } from '../ui/Field.tsx';
import { formatMoney } from '../ui/format.ts';
import { MaintenanceGuard, WoStatusBadge } from './MaintenanceParts.tsx';
import { canIssueParts, canPlanMaintenance } from './maintenance-permissions.ts';
import { DEFAULT_WO_FILTER } from './maintenance-routes.ts';
import { useMaintenanceRoom } from './use-maintenance.ts';
import { useWorkOrderRooms } from './use-work-order.ts';
import { WorkOrderForm } from './WorkOrderForm.tsx';
import {
  filterWorkOrders,
  PRIORITIES,
  PRIORITY_LABEL,
  STATUS_LABEL,
  scanTarget,
  WO_STATUS_FILTERS,
  type WoDueFilter,
  type WoFilter,
  type WoStatusFilter,
  workOrderNumber,
} from './work-order-list.ts';
import './maintenance.css';

const DUE_LABEL: Record<WoDueFilter, string> = {
  '': 'Any due date',
  overdue: 'Overdue',
  today: 'Due today',
  week: 'Due within 7 days',
};

/**
 * `#/work-orders?status=&priority=&due=&asset=`: the work to do, overdue first. Scanning a job
 * sheet or an asset's tag opens it (technicians: straight to issuing parts); planners create
 * work orders here.
 */
export function WorkOrdersScreen(props: { filter: WoFilter }) {
  return (
    <MaintenanceGuard>
      <List filter={props.filter} />
    </MaintenanceGuard>
  );
}

function List(props: { filter: WoFilter }) {
  const app = useApp();
  const rooms = useWorkOrderRooms(app);
  const maintenance = useMaintenanceRoom(app.ws);
  const [creating, setCreating] = createSignal(false);
  const [scanError, setScanError] = createSignal('');
  const today = () => new Date().toISOString().slice(0, 10);
  const all = createMemo(() => [...rooms.orders().values()].map((x) => x.order));
  const shown = createMemo(() => filterWorkOrders(all(), props.filter, today()));
  const assets = createMemo(() => {
    maintenance.tick();
    return [...(maintenance.model()?.assets.values() ?? [])].sort((a, b) => (a.code < b.code ? -1 : 1));
  });
  const setFilter = (patch: Partial<WoFilter>) =>
    app.replaceRoute({ name: 'work-orders', filter: { ...props.filter, ...patch } });
  const issues = () => canIssueParts(app.session().user.role);
  const plans = () => canPlanMaintenance(app.session().user.role);
  const open = (id: string) =>
    app.navigate(issues() && !plans() ? { name: 'work-order-issue', id } : { name: 'work-order', id });

  const handleScan = (scan: ScanEvent) => {
    if (creating()) return;
    const m = maintenance.model();
    const t = scanTarget(scan.raw, all(), m ? m.assets.values() : [], (c) => m?.assetForBarcode(c));
    if (t.kind === 'order') return open(t.id);
    if (t.kind === 'asset') {
      if (t.open.length === 1) return open(t.open[0]!);
      setScanError(t.open.length === 0 ? `Asset ${t.code} has no open work order` : '');
      return setFilter({ asset: t.code, status: 'active' });
    }
    setScanError(`No work order or asset answers to ${scan.raw.trim()}`);
  };
  useWedgeScanner(handleScan);

  return (
    <section class="screen wo-list-screen" data-testid="wo-list-screen">
      <div class="screen-head">
        <h2>Work orders</h2>
        <RoomsSyncBadge rooms={[...rooms.rooms, maintenance]} testId="wo-list-sync" />
        <Show when={plans() && !creating()}>
          <button type="button" class="button primary" data-testid="wo-new" onClick={() => setCreating(true)}>
            New work order
          </button>
        </Show>
      </div>
      <Show when={creating()}>
        <WorkOrderForm
          assets={assets()}
          room={rooms.rooms[0]!}
          onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            app.navigate({ name: 'work-order', id });
          }}
        />
      </Show>
      <p class="muted">Scan a job sheet or an asset’s tag to open its work order.</p>
      <div class="toolbar wo-filters">
        <SelectField
          label="Status"
          testId="wo-filter-status"
          value={props.filter.status === '' ? 'all' : props.filter.status}
          onValue={(v) => setFilter({ status: v === 'all' ? '' : (v as WoStatusFilter) })}
          options={[
            ...WO_STATUS_FILTERS.map((s) => ({
              value: s,
              label: s === 'active' ? 'Still to do' : STATUS_LABEL[s as keyof typeof STATUS_LABEL],
            })),
            { value: 'all', label: 'All' },
          ]}
        />
        <SelectField
          label="Priority"
          testId="wo-filter-priority"
          value={props.filter.priority}
          onValue={(v) => setFilter({ priority: v as Priority | '' })}
          options={[
            { value: '', label: 'Any priority' },
            ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] })),
          ]}
        />
        <SelectField
          label="Due"
          testId="wo-filter-due"
          value={props.filter.due}
          onValue={(v) => setFilter({ due: v as WoDueFilter })}
          options={(Object.keys(DUE_LABEL) as WoDueFilter[]).map((d) => ({ value: d, label: DUE_LABEL[d] }))}
        />
        <Show when={props.filter.asset}>
          <button
            type="button"
            class="button ghost small"
            data-testid="wo-filter-asset"
            onClick={() => setFilter({ asset: '' })}
          >
            Asset <bdi>{props.filter.asset}</bdi> ✕
          </button>
        </Show>
      </div>
      <Show when={scanError()}>
        <p class="form-error" role="alert" data-testid="wo-scan-error">
          {scanError()}
        </p>
      </Show>
      <Show
        when={rooms.loaded()}
        fallback={
          <p class="muted" data-testid="wo-list-loading">
            Opening the work orders stored on this device…
          </p>
        }
      >
        <Show
          when={shown().length > 0}
          fallback={
            <div class="empty" data-testid="wo-list-empty">
              <h3>{all().length === 0 ? 'No work orders yet' : 'No work order matches these filters'}</h3>
              <Show when={all().length > 0}>
                <a href={routeHref({ name: 'work-orders', filter: { ...DEFAULT_WO_FILTER, status: '' } })}>
                  Show all
                </a>
              </Show>
            </div>
          }
        >
          <ul class="plain wo-list">
            <For each={shown()}>
              {(o) => (
                <li
                  class="wo-row"
                  classList={{ overdue: o.overdue }}
                  data-testid="wo-row"
                  data-id={o.id}
                  data-number={o.number ?? ''}
                  data-status={o.status}
                  data-priority={o.priority}
                  data-overdue={o.overdue ? 'true' : 'false'}
                >
                  <a
                    href={routeHref(
                      issues() && !plans()
                        ? { name: 'work-order-issue', id: o.id }
                        : { name: 'work-order', id: o.id },
                    )}
                  >
                    <strong>{workOrderNumber(o)}</strong> <bdi>{o.title}</bdi>
                  </a>
                  <span class="muted">
                    <bdi>{o.asset}</bdi> · {PRIORITY_LABEL[o.priority]} ·{' '}
                    {o.due ? `due ${o.due}` : 'no due date'}
                    {o.overdue ? ' · ' : ''}
                    <Show when={o.overdue}>
                      <strong class="overdue" data-testid="wo-row-overdue">
                        overdue
                      </strong>
                    </Show>
                    {' · '}
                    {formatMoney(o.totalCost)}
                  </span>
                  <WoStatusBadge order={o} testId="wo-row-status" />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
