import { isOpen } from '@stockroom/shared/purchasing/order-fold';
import { supplierPerformance } from '@stockroom/shared/purchasing/supplier-performance';
import { createMemo, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { formatMoney } from '../ui/format.ts';
import { ProgressBar } from './OrderProgressBar.tsx';
import { expectedOf, listOrders, orderProgress } from './order-list.ts';
import { PurchasingGuard } from './PurchasingGuard.tsx';
import { canManagePurchasing, purchasingYears } from './purchasing-permissions.ts';
import { ORDER_STATUS_LABEL, orderNumber, shortId } from './status.ts';
import { roomsLoaded, useOrders, usePurchasingRoom } from './use-purchasing.ts';
import './purchasing.css';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
const days = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} d`);

/** `#/suppliers/<code>`: a supplier's details, its open purchase orders and how reliably it delivers. */
export function SupplierScreen(props: { code: string }) {
  return (
    <PurchasingGuard>
      <SupplierPage code={props.code} />
    </PurchasingGuard>
  );
}

function SupplierPage(props: { code: string }) {
  const app = useApp();
  const role = () => app.session().user.role;
  const supplier = createMemo(() => {
    app.catalogTick();
    return app.ws.catalog.suppliers.get(props.code);
  });
  const rooms = purchasingYears(role()).map((year) => usePurchasingRoom(app.ws, year));
  const orders = useOrders(rooms);
  const mine = createMemo(() => listOrders(orders().values(), { status: '', supplier: props.code }));
  const open = createMemo(() => mine().filter((o) => isOpen(o.status)));
  const performance = createMemo(() => supplierPerformance(mine(), props.code));

  return (
    <section class="screen supplier-screen" data-testid="supplier-screen" data-code={props.code}>
      <a class="muted" href={routeHref({ name: 'suppliers' })} data-testid="supplier-back">
        ‹ Suppliers
      </a>
      <Show
        when={supplier()}
        fallback={
          <div class="empty" data-testid="supplier-missing">
            <h2>
              No supplier “<bdi>{props.code}</bdi>”
            </h2>
            <p>It may not have reached this device yet.</p>
          </div>
        }
      >
        {(s) => (
          <>
            <div class="screen-head">
              <div>
                <h1>
                  <bdi>{s().code}</bdi> <span class="muted">–</span>{' '}
                  <bdi data-testid="supplier-name">{s().name}</bdi>
                  <Show when={!s().active}>
                    <span class="badge">Archived</span>
                  </Show>
                </h1>
                <p class="muted" data-testid="supplier-contact">
                  <For each={[s().email, s().phone].filter(Boolean)}>
                    {(c, i) => (
                      <>
                        {i() > 0 ? ' · ' : ''}
                        <bdi>{c}</bdi>
                      </>
                    )}
                  </For>
                  <Show when={s().leadTimeDays !== null}> · promises {s().leadTimeDays} days lead time</Show>
                </p>
              </div>
              <div class="toolbar">
                <RoomsSyncBadge rooms={rooms} testId="supplier-sync" />
                <Show when={canManagePurchasing(role()) && s().active}>
                  <a
                    class="button primary"
                    data-testid="supplier-new-order"
                    href={routeHref({ name: 'purchase-order-new', supplier: s().code })}
                  >
                    New purchase order
                  </a>
                </Show>
              </div>
            </div>

            <div class="card po-figures" data-testid="supplier-performance">
              <Figure
                testId="supplier-deliveries"
                label="Deliveries received"
                value={performance().receipts}
                text={String(performance().receipts)}
              />
              <Figure
                testId="supplier-on-time"
                label="On time"
                value={performance().onTimeRate}
                text={percent(performance().onTimeRate)}
                hint="first delivery of a line by its expected day"
              />
              <Figure
                testId="supplier-lead-time"
                label="Lead time, actual"
                value={performance().meanLeadTimeDays}
                text={days(performance().meanLeadTimeDays)}
                hint="sent → first delivery, mean"
              />
              <Figure
                testId="supplier-promised-lead-time"
                label="Lead time, promised"
                value={performance().promisedLeadTimeDays}
                text={days(performance().promisedLeadTimeDays)}
                hint="sent → expected day, mean"
              />
              <Figure
                testId="supplier-fill-rate"
                label="Fill rate"
                value={performance().fillRate}
                text={percent(performance().fillRate)}
                hint="share of the ordered quantity that arrived"
              />
            </div>

            <div class="screen-head">
              <h2>Open orders</h2>
              <a
                class="button ghost"
                data-testid="supplier-all-orders"
                href={routeHref({ name: 'purchase-orders', status: '', supplier: s().code })}
              >
                All orders of {s().code}
              </a>
            </div>
            <Show
              when={open().length > 0}
              fallback={
                <p class="muted" data-testid="supplier-orders-empty">
                  {roomsLoaded(rooms) ? 'No open orders with this supplier.' : 'Opening the purchase orders…'}
                </p>
              }
            >
              <div class="card table-wrap">
                <table class="table" data-testid="supplier-orders">
                  <thead>
                    <tr>
                      <th>Order</th>
                      <th>Status</th>
                      <th class="num">Total</th>
                      <th>Expected</th>
                      <th>Received</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={open()}>
                      {(o) => (
                        <tr data-testid="supplier-order" data-id={o.id} data-status={o.status}>
                          <td>
                            <a href={routeHref({ name: 'purchase-order', id: o.id })}>{orderNumber(o)}</a>
                            <span class="muted"> · {shortId(o.id)}</span>
                          </td>
                          <td>
                            <span class={`badge po-status-${o.status}`}>{ORDER_STATUS_LABEL[o.status]}</span>
                          </td>
                          <td class="num">{formatMoney(o.total)}</td>
                          <td>
                            {expectedOf(o) ?? ''}
                            <Show when={o.overdue}>
                              <span class="badge flag">Overdue</span>
                            </Show>
                          </td>
                          <td>
                            <ProgressBar
                              received={orderProgress(o).received}
                              ordered={orderProgress(o).ordered}
                            />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function Figure(props: { testId: string; label: string; value: number | null; text: string; hint?: string }) {
  return (
    <div class="po-figure" data-testid={props.testId} data-value={props.value ?? ''}>
      <span class="muted">{props.label}</span>
      <strong>{props.text}</strong>
      <Show when={props.hint}>
        <span class="muted small">{props.hint}</span>
      </Show>
    </div>
  );
}
