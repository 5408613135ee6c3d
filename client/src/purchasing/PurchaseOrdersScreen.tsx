import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { PO_STATUS_FILTERS, type PoStatusFilter, routeHref } from '../routing/route.ts';
import { ManualScanEntry } from '../scanning/ManualScanEntry.tsx';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { formatMoney } from '../ui/format.ts';
import { ProgressBar } from './OrderProgressBar.tsx';
import { expectedOf, findOrder, listOrders, orderProgress } from './order-list.ts';
import { PurchasingGuard } from './PurchasingGuard.tsx';
import { canManagePurchasing, canReceiveGoods, purchasingYears } from './purchasing-permissions.ts';
import { canBeReceived, ORDER_STATUS_LABEL, orderNumber, shortId } from './status.ts';
import { roomsLoaded, useOrders, usePurchasingRoom } from './use-purchasing.ts';
import './purchasing.css';

const FILTER_LABEL: Record<Exclude<PoStatusFilter, ''>, string> = {
  open: 'Open (draft, sent, partly received)',
  ...ORDER_STATUS_LABEL,
};

/**
 * `#/purchase-orders`: this year's and last year's orders, from this device's copy of the
 * rooms. Filters live in the address. Scanning an order's barcode (its PDF) anywhere on the
 * screen opens it for receiving.
 */
export function PurchaseOrdersScreen() {
  return (
    <PurchasingGuard>
      <OrdersList />
    </PurchasingGuard>
  );
}

function OrdersList() {
  const app = useApp();
  const role = () => app.session().user.role;
  const rooms = purchasingYears(role()).map((year) => usePurchasingRoom(app.ws, year));
  const orders = useOrders(rooms);
  const start = app.route();
  const [status, setStatus] = createSignal<PoStatusFilter>(
    start.name === 'purchase-orders' ? start.status : '',
  );
  const [supplier, setSupplier] = createSignal(start.name === 'purchase-orders' ? start.supplier : '');
  const [scanNote, setScanNote] = createSignal<{ kind: 'unknown' | 'error'; text: string } | null>(null);

  const filter = (s: PoStatusFilter, sup: string) => {
    setStatus(s);
    setSupplier(sup);
    app.replaceRoute({ name: 'purchase-orders', status: s, supplier: sup });
  };
  const rows = createMemo(() => listOrders(orders().values(), { status: status(), supplier: supplier() }));
  const suppliers = createMemo(() => {
    app.catalogTick();
    return [...app.ws.catalog.suppliers.values()].sort((a, b) => a.code.localeCompare(b.code));
  });
  const supplierName = (code: string) => {
    app.catalogTick();
    return app.ws.catalog.suppliers.get(code)?.name ?? '';
  };

  /** A purchase order's barcode (its id) or number: open it for receiving, or its page. */
  const handleScan = (scan: ScanEvent) => {
    const order = findOrder(orders().values(), scan.raw);
    if (!order) {
      setScanNote({
        kind: 'unknown',
        text: roomsLoaded(rooms)
          ? `No purchase order on this device answers to “${scan.raw.trim()}”`
          : 'Still opening the purchase orders stored on this device: scan again in a moment',
      });
      return;
    }
    setScanNote(null);
    if (canBeReceived(order.status) && canReceiveGoods(role()))
      app.navigate({ name: 'purchase-order-receive', id: order.id });
    else app.navigate({ name: 'purchase-order', id: order.id });
  };
  useWedgeScanner(handleScan);

  return (
    <section class="screen purchase-orders" data-testid="po-list-screen">
      <div class="screen-head">
        <h1>Purchase orders</h1>
        <div class="toolbar">
          <RoomsSyncBadge rooms={rooms} testId="po-list-sync" />
          <Show when={canManagePurchasing(role())}>
            <a
              class="button primary"
              data-testid="po-new"
              href={routeHref({ name: 'purchase-order-new', supplier: supplier() })}
            >
              New purchase order
            </a>
          </Show>
        </div>
      </div>
      <div class="toolbar filters">
        <label class="field">
          <span class="field-label">Status</span>
          <select
            data-testid="po-filter-status"
            value={status()}
            onChange={(e) => filter(e.currentTarget.value as PoStatusFilter, supplier())}
          >
            <option value="" selected={status() === ''}>
              All
            </option>
            <For each={PO_STATUS_FILTERS}>
              {(s) => (
                <option value={s} selected={status() === s}>
                  {FILTER_LABEL[s]}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">Supplier</span>
          <select
            data-testid="po-filter-supplier"
            value={supplier()}
            onChange={(e) => filter(status(), e.currentTarget.value)}
          >
            <option value="" selected={supplier() === ''}>
              All suppliers
            </option>
            <For each={suppliers()}>
              {(s) => (
                <option value={s.code} selected={supplier() === s.code}>
                  {s.code} – {s.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <Show when={supplier()}>
          <a
            class="button ghost"
            data-testid="po-filter-supplier-page"
            href={routeHref({ name: 'supplier', code: supplier() })}
          >
            Supplier page
          </a>
        </Show>
      </div>
      <p class="muted">Scan a purchase order’s barcode with a handheld scanner to receive it.</p>
      <Show when={scanNote()}>
        {(n) => (
          <p class="scan-note unknown" role="status" data-testid="po-list-scan" data-kind={n().kind}>
            {n().text}
          </p>
        )}
      </Show>
      <Show
        when={roomsLoaded(rooms)}
        fallback={
          <p class="muted" data-testid="po-list-loading">
            Opening the purchase orders stored on this device…
          </p>
        }
      >
        <Show
          when={rows().length > 0}
          fallback={
            <div class="empty" data-testid="po-list-empty">
              <Show
                when={orders().size > 0}
                fallback={
                  <>
                    <h2>No purchase orders yet</h2>
                    <p>
                      {canManagePurchasing(role())
                        ? 'Draft one for a supplier: its lines, quantities, prices and when the goods are due.'
                        : 'Orders managers send to suppliers show here, ready to receive.'}
                    </p>
                  </>
                }
              >
                <h2>No purchase orders match</h2>
                <p>
                  <button
                    type="button"
                    class="button"
                    data-testid="po-filter-clear"
                    onClick={() => filter('', '')}
                  >
                    Show all orders
                  </button>
                </p>
              </Show>
            </div>
          }
        >
          <p class="count muted" data-testid="po-list-count" data-count={rows().length}>
            {rows().length === 1 ? '1 order' : `${rows().length} orders`}
          </p>
          <div class="card table-wrap">
            <table class="table po-table" data-testid="po-list">
              <thead>
                <tr>
                  <th>Order</th>
                  <th>Supplier</th>
                  <th>Status</th>
                  <th class="num">Lines</th>
                  <th class="num">Total</th>
                  <th>Expected</th>
                  <th>Received</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(o) => <OrderRow order={o} supplierName={supplierName(o.supplier)} />}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
      <details class="manual-entry">
        <summary>Type an order number instead</summary>
        <ManualScanEntry onScan={handleScan} placeholder="PO-2026-0001 or the order id" />
      </details>
    </section>
  );
}

function OrderRow(props: { order: OrderView; supplierName: string }) {
  const o = () => props.order;
  const progress = () => orderProgress(o());
  return (
    <tr
      data-testid="po-row"
      data-id={o().id}
      data-number={o().number ?? ''}
      data-status={o().status}
      data-overdue={o().overdue ? 'true' : 'false'}
    >
      <td>
        <a href={routeHref({ name: 'purchase-order', id: o().id })} data-testid="po-row-number">
          <strong classList={{ pending: o().number === null }}>{orderNumber(o())}</strong>
        </a>
        <span class="muted po-short-id"> · {shortId(o().id)}</span>
      </td>
      <td data-testid="po-row-supplier">
        <a href={routeHref({ name: 'supplier', code: o().supplier })}>
          <bdi>{o().supplier}</bdi>
        </a>
        <Show when={props.supplierName}>
          <span class="muted">
            {' '}
            <bdi>{props.supplierName}</bdi>
          </span>
        </Show>
      </td>
      <td>
        <span class={`badge po-status-${o().status}`} data-testid="po-row-status">
          {ORDER_STATUS_LABEL[o().status]}
        </span>
      </td>
      <td class="num" data-testid="po-row-lines">
        {o().lines.length}
      </td>
      <td class="num" data-testid="po-row-total">
        {formatMoney(o().total)}
      </td>
      <td data-testid="po-row-expected">
        {expectedOf(o()) ?? ''}
        <Show when={o().overdue}>
          <span class="badge flag" data-testid="po-row-overdue">
            Overdue
          </span>
        </Show>
      </td>
      <td>
        <ProgressBar received={progress().received} ordered={progress().ordered} testId="po-row-progress" />
      </td>
    </tr>
  );
}
