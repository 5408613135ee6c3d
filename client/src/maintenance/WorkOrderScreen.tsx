import { randomId } from '@stockroom/shared/ids';
import type { WorkOrderStatus } from '@stockroom/shared/maintenance/work-order';
import { reservedBySku } from '@stockroom/shared/maintenance/work-order-fold';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { TextField } from '../ui/Field.tsx';
import { formatQuantity, formatTime } from '../ui/format.ts';
import { MaintenanceGuard, PartLinesTable, WoStatusBadge } from './MaintenanceParts.tsx';
import { canIssueParts, canPlanMaintenance } from './maintenance-permissions.ts';
import { checkReserve, type ReserveDraft, type ReserveErrors, shortageOf } from './reserve-form.ts';
import { useWorkOrder, useWorkOrderRooms } from './use-work-order.ts';
import {
  isActive,
  nextStatuses,
  PRIORITY_LABEL,
  STATUS_ACTION,
  STATUS_LABEL,
  workOrderNumber,
} from './work-order-list.ts';
import './maintenance.css';

const EMPTY: ReserveDraft = { sku: '', quantity: '', location: '' };

/**
 * `#/work-orders/<id>`: what the job is, per part planned / reserved / issued / returned /
 * cost and the total, the status buttons the transitions allow, and (planners) reserving parts:
 * more than is available warns and needs an explicit "reserve anyway".
 */
export function WorkOrderScreen(props: { id: string }) {
  return (
    <MaintenanceGuard>
      <Detail id={props.id} />
    </MaintenanceGuard>
  );
}

function Detail(props: { id: string }) {
  const app = useApp();
  const catalog = app.ws.catalog;
  const rooms = useWorkOrderRooms(app);
  const { order, room } = useWorkOrder(rooms, () => props.id);
  const plans = () => canPlanMaintenance(app.session().user.role);
  const issues = () => canIssueParts(app.session().user.role);
  const [draft, setDraft] = createSignal<ReserveDraft>(EMPTY);
  const [errors, setErrors] = createSignal<ReserveErrors>({});
  const [request, setRequest] = createSignal(randomId());
  const [warning, setWarning] = createSignal('');
  const [error, setError] = createSignal('');

  const available = createMemo(() => {
    const onHand = app.stock().totalsBySku();
    const reserved = reservedBySku([...rooms.orders().values()].map((x) => x.order));
    return (sku: string) => (onHand.get(sku) ?? 0) - (reserved.get(sku) ?? 0);
  });
  const ctx = () => ({ actor: app.actor(), now: new Date() });

  const setStatus = (to: WorkOrderStatus) => {
    const r = room()?.model();
    if (!r) return;
    const result = r.setStatus(props.id, to, ctx());
    if (!result.ok) return setError(result.message);
    setError('');
    app.notify(`Work order ${STATUS_LABEL[result.value.status].toLowerCase()}`);
  };

  const reserve = (allowShortage: boolean) => {
    const r = room()?.model();
    if (!r) return;
    const checked = checkReserve(draft(), {
      itemExists: (sku) => catalog.items.get(sku) !== undefined,
      locationExists: (code) => catalog.locations.get(code) !== undefined,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const v = checked.value;
    const result = r.reserve(props.id, { ...v, request: request() }, available()(v.sku), {
      ...ctx(),
      allowShortage,
    });
    if (!result.ok) {
      if (result.kind === 'insufficient') return setWarning(result.message);
      setWarning('');
      return setError(result.message);
    }
    setWarning('');
    setError('');
    setDraft(EMPTY);
    setRequest(randomId());
    app.notify(`Reserved ${formatQuantity(v.quantity)} ${v.sku}${allowShortage ? ' (short)' : ''}`);
  };

  const release = (sku: string) => {
    const r = room()?.model();
    if (!r) return;
    const result = r.release(props.id, { sku }, ctx());
    if (!result.ok) return setError(result.message);
    app.notify(`Released what was reserved of ${sku}`);
  };

  const preview = createMemo(() => {
    const sku = draft().sku.trim();
    const q = Number(draft().quantity);
    if (!catalog.items.get(sku)) return null;
    const avail = available()(sku);
    return { sku, available: avail, ...(q > 0 ? shortageOf(q, avail) : { after: avail, short: false }) };
  });

  return (
    <section
      class="screen wo-screen"
      data-testid="wo-screen"
      data-id={props.id}
      data-status={order()?.status ?? ''}
    >
      <div class="screen-head">
        <a
          class="button ghost small"
          href={routeHref({
            name: 'work-orders',
            filter: { status: 'active', priority: '', due: '', asset: '' },
          })}
          data-testid="wo-back"
        >
          ‹ Work orders
        </a>
        <RoomsSyncBadge rooms={rooms.rooms} testId="wo-sync" />
      </div>
      <Show
        when={rooms.loaded()}
        fallback={
          <p class="muted" data-testid="wo-loading">
            Opening the work orders stored on this device…
          </p>
        }
      >
        <Show
          when={order()}
          fallback={
            <div class="empty" data-testid="wo-missing">
              <h2>This work order is not on this device yet</h2>
              <p>It arrives as soon as the device is online.</p>
            </div>
          }
        >
          {(o) => (
            <>
              <h2>
                <span data-testid="wo-number" data-number={o().number ?? ''}>
                  {workOrderNumber(o())}
                </span>{' '}
                <bdi data-testid="wo-title">{o().title}</bdi> <WoStatusBadge order={o()} testId="wo-status" />
              </h2>
              <dl class="wo-facts">
                <dt>Asset</dt>
                <dd>
                  <a href={routeHref({ name: 'asset', code: o().asset })} data-testid="wo-asset">
                    <bdi>{o().asset}</bdi>
                  </a>
                </dd>
                <dt>Priority</dt>
                <dd data-testid="wo-priority">{PRIORITY_LABEL[o().priority]}</dd>
                <dt>Due</dt>
                <dd
                  data-testid="wo-due"
                  data-overdue={o().overdue ? 'true' : 'false'}
                  classList={{ overdue: o().overdue }}
                >
                  {o().due ?? 'no date'}
                  {o().overdue ? ' · overdue' : ''}
                </dd>
                <Show when={o().assignee}>
                  <dt>Assignee</dt>
                  <dd>
                    <bdi>{o().assignee}</bdi>
                  </dd>
                </Show>
              </dl>
              <Show when={o().description}>
                <p class="wo-description">
                  <bdi>{o().description}</bdi>
                </p>
              </Show>

              <div class="actions">
                <Show when={issues() && isActive(o().status)}>
                  <a
                    class="button primary"
                    href={routeHref({ name: 'work-order-issue', id: o().id })}
                    data-testid="wo-issue"
                  >
                    Issue / return parts
                  </a>
                </Show>
                <Show when={plans()}>
                  <For each={nextStatuses(o().status)}>
                    {(to) => (
                      <button
                        type="button"
                        class="button"
                        data-testid={`wo-status-${to}`}
                        onClick={() => setStatus(to)}
                      >
                        {STATUS_ACTION[to]}
                      </button>
                    )}
                  </For>
                </Show>
              </div>
              <Show when={error()}>
                <p class="form-error" role="alert" data-testid="wo-error">
                  {error()}
                </p>
              </Show>

              <PartLinesTable order={o()} />
              <Show when={plans() && isActive(o().status)}>
                <div class="wo-release">
                  <For each={o().parts.filter((p) => p.reserved > 0)}>
                    {(p) => (
                      <button
                        type="button"
                        class="button ghost small"
                        data-testid="wo-release"
                        data-sku={p.sku}
                        onClick={() => release(p.sku)}
                      >
                        Release {formatQuantity(p.reserved)} <bdi>{p.sku}</bdi>
                      </button>
                    )}
                  </For>
                </div>

                <form
                  class="card wo-reserve"
                  data-testid="wo-reserve"
                  onSubmit={(e) => {
                    e.preventDefault();
                    reserve(false);
                  }}
                >
                  <h3>Reserve parts</h3>
                  <div class="grid">
                    <TextField
                      label="Part (SKU)"
                      testId="wo-reserve-sku"
                      value={draft().sku}
                      autocomplete="off"
                      onValue={(v) => {
                        setDraft((d) => ({ ...d, sku: v }));
                        setWarning('');
                      }}
                      error={errors().sku}
                    />
                    <TextField
                      label="Quantity"
                      testId="wo-reserve-quantity"
                      type="number"
                      inputmode="decimal"
                      step="any"
                      value={draft().quantity}
                      onValue={(v) => {
                        setDraft((d) => ({ ...d, quantity: v }));
                        setWarning('');
                      }}
                      error={errors().quantity}
                    />
                    <TextField
                      label="From bin (optional)"
                      testId="wo-reserve-location"
                      value={draft().location}
                      autocomplete="off"
                      onValue={(v) => setDraft((d) => ({ ...d, location: v }))}
                      error={errors().location}
                    />
                  </div>
                  <Show when={preview()}>
                    {(p) => (
                      <p class="muted" data-testid="wo-reserve-available" data-available={p().available}>
                        {formatQuantity(p().available)} of <bdi>{p().sku}</bdi> available now
                        {p().short ? ` — reserving this leaves ${formatQuantity(-p().after)} short` : ''}
                      </p>
                    )}
                  </Show>
                  <Show when={warning()}>
                    <div class="notice" role="alert" data-testid="wo-reserve-warning">
                      <p>{warning()}</p>
                      <button
                        type="button"
                        class="button"
                        data-testid="wo-reserve-anyway"
                        onClick={() => reserve(true)}
                      >
                        Reserve anyway (as a shortage)
                      </button>
                    </div>
                  </Show>
                  <button type="submit" class="button primary" data-testid="wo-reserve-submit">
                    Reserve
                  </button>
                </form>
              </Show>

              <Show when={o().history.length > 0}>
                <div class="card" data-testid="wo-history">
                  <h3>Status history</h3>
                  <ul class="plain">
                    <For each={o().history}>
                      {(h) => (
                        <li data-testid="wo-history-row" data-to={h.to}>
                          {STATUS_LABEL[h.to]} · <bdi>{h.user}</bdi>, {formatTime(h.at)}
                          <Show when={h.reason}>
                            {' '}
                            · <bdi>{h.reason}</bdi>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </div>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
