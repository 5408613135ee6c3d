import { randomId } from '@stockroom/shared/ids';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { yearOfOrder } from '@stockroom/shared/purchasing/purchase-order';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { RoomSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { errorFor, type FieldErrors, focusFirstError } from '../ui/form-errors.ts';
import { formatMoney, formatQuantity, formatTime } from '../ui/format.ts';
import { ConfirmPanel } from './ConfirmPanel.tsx';
import { saveFile } from './download.ts';
import { ProgressBar } from './OrderProgressBar.tsx';
import { lineTotal, type OrderDocumentContext, orderCsv, orderFileName } from './order-csv.ts';
import { expectedOf } from './order-list.ts';
import { PurchasingGuard } from './PurchasingGuard.tsx';
import { canManagePurchasing, canReceiveGoods } from './purchasing-permissions.ts';
import { checkReturn, type ReturnFormValues, returnableLines, returnDefaults } from './return-form.ts';
import { canBeReceived, canBeReturned, ORDER_STATUS_LABEL, orderNumber, shortId } from './status.ts';
import { usePurchasingRoom } from './use-purchasing.ts';
import './purchasing.css';
import { TableWrap } from '../ui/TableWrap.tsx';

type Pending = 'send' | 'cancel' | 'close' | null;

/** `#/purchase-orders/<id>`: one order — lines and progress, receipts, returns, actions, CSV and PDF. */
export function PurchaseOrderScreen(props: { id: string }) {
  const year = yearOfOrder(props.id);
  return (
    <Show
      when={year}
      fallback={
        <section class="screen">
          <div class="empty" data-testid="po-missing">
            <h2>Not a purchase order</h2>
            <p>
              “<bdi>{props.id}</bdi>” is not the id of a purchase order.{' '}
              <a href={routeHref({ name: 'purchase-orders', status: '', supplier: '' })}>
                All purchase orders
              </a>
            </p>
          </div>
        </section>
      }
      keyed
    >
      {(y) => (
        <PurchasingGuard>
          <OrderDetail id={props.id} year={y} />
        </PurchasingGuard>
      )}
    </Show>
  );
}

function OrderDetail(props: { id: string; year: number }) {
  const app = useApp();
  const room = usePurchasingRoom(app.ws, props.year);
  const role = () => app.session().user.role;
  const order = createMemo(() => {
    room.tick();
    return room.model()?.order(props.id) ?? null;
  });
  const [pending, setPending] = createSignal<Pending>(null);
  const [returning, setReturning] = createSignal(false);
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const docContext = (o: OrderView): OrderDocumentContext => {
    const catalog = app.ws.catalog;
    return {
      supplierName: catalog.suppliers.get(o.supplier)?.name ?? '',
      itemName: (sku) => catalog.items.get(sku)?.name ?? '',
      supplierSku: (sku) =>
        catalog.items.get(sku)?.suppliers.find((s) => s.supplier === o.supplier)?.supplierSku ?? '',
      unit: (sku) => catalog.items.get(sku)?.unit ?? '',
    };
  };

  const act = (what: Exclude<Pending, null>, reason: string) => {
    const r = room.model();
    const o = order();
    if (!r || !o) return;
    const ctx = { actor: app.actor(), ...(reason ? { reason } : {}) };
    const result =
      what === 'send' ? r.send(o.id, ctx) : what === 'close' ? r.close(o.id, ctx) : r.cancel(o.id, ctx);
    setPending(null);
    if (!result.ok) return setError(result.message);
    setError('');
    app.notify(`${orderNumber(result.value)}: ${ORDER_STATUS_LABEL[result.value.status].toLowerCase()}`);
  };

  const csv = () => {
    const o = order();
    if (!o) return;
    saveFile(orderFileName(o, 'csv'), orderCsv(o, docContext(o)), 'text/csv;charset=utf-8');
  };
  const pdf = async () => {
    const o = order();
    if (!o) return;
    setBusy(true);
    try {
      // pdf-lib and bwip-js come with the export, not with the screen (precached: works offline).
      const { renderOrderPdf } = await import('./order-pdf.ts');
      const supplier = app.ws.catalog.suppliers.get(o.supplier);
      const note = room.model()?.orders.get(o.id)?.note;
      const bytes = await renderOrderPdf(o, {
        ...docContext(o),
        ...(supplier
          ? { supplierContact: [supplier.email, supplier.phone].filter(Boolean).join(' · ') }
          : {}),
        ...(note ? { note } : {}),
      });
      saveFile(orderFileName(o, 'pdf'), bytes, 'application/pdf');
    } catch (e) {
      app.notify(`The PDF could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const saved = (map: 'receipts' | 'returns', id: string) => {
    room.syncTick();
    const r = room.model();
    return (r && room.connection.entrySaved(r[map].map, id)) ?? 'device';
  };

  return (
    <section
      class="screen po-detail"
      data-testid="po-screen"
      data-id={props.id}
      data-status={order()?.status ?? ''}
    >
      <a
        class="muted"
        href={routeHref({ name: 'purchase-orders', status: '', supplier: '' })}
        data-testid="po-back"
      >
        ‹ Purchase orders
      </a>
      <Show
        when={room.model()}
        fallback={<p class="muted">Opening the purchase orders stored on this device…</p>}
      >
        <Show
          when={order()}
          fallback={
            <div class="empty" data-testid="po-missing">
              <h2>This order is not on this device yet</h2>
              <p>It arrives as soon as the device is online (if it exists and you may see it).</p>
            </div>
          }
        >
          {(o) => (
            <>
              <div class="screen-head">
                <div>
                  <h1>
                    <span data-testid="po-number" data-number={o().number ?? ''}>
                      {o().number ?? 'Purchase order (number pending)'}
                    </span>{' '}
                    <span
                      class={`badge po-status-${o().status}`}
                      data-testid="po-status"
                      data-status={o().status}
                    >
                      {ORDER_STATUS_LABEL[o().status]}
                    </span>
                    <Show when={o().overdue}>
                      <span class="badge flag" data-testid="po-overdue">
                        Overdue
                      </span>
                    </Show>
                  </h1>
                  <p class="muted" data-testid="po-facts">
                    <span data-testid="po-short-id">{shortId(o().id)}</span> · supplier{' '}
                    <a href={routeHref({ name: 'supplier', code: o().supplier })} data-testid="po-supplier">
                      <bdi>{o().supplier}</bdi>
                    </a>
                    <Show when={app.ws.catalog.suppliers.get(o().supplier)?.name}>
                      {(name) => (
                        <>
                          {' '}
                          (<bdi>{name()}</bdi>)
                        </>
                      )}
                    </Show>{' '}
                    · created {formatTime(o().createdAt)} by <bdi>{o().createdBy}</bdi>
                    <Show when={o().reference}>
                      {(ref) => (
                        <>
                          {' '}
                          · their number <bdi data-testid="po-reference">{ref()}</bdi>
                        </>
                      )}
                    </Show>
                    <Show when={o().sentAt}>{(at) => <> · sent {formatTime(at())}</>}</Show>
                    <Show when={expectedOf(o())}>
                      {(day) => (
                        <>
                          {' '}
                          · expected <span data-testid="po-expected">{day()}</span>
                        </>
                      )}
                    </Show>
                    <Show when={o().closedAt}>{(at) => <> · closed {formatTime(at())}</>}</Show>
                  </p>
                </div>
                <RoomSyncBadge room={room} testId="po-sync" />
              </div>

              <div class="actions" data-testid="po-actions">
                <Show when={canReceiveGoods(role()) && canBeReceived(o().status)}>
                  <a
                    class="button primary big"
                    data-testid="po-receive"
                    href={routeHref({ name: 'purchase-order-receive', id: o().id })}
                  >
                    Receive
                  </a>
                </Show>
                <Show when={canReceiveGoods(role()) && canBeReturned(o())}>
                  <button
                    type="button"
                    class="button"
                    data-testid="po-return"
                    aria-expanded={returning()}
                    onClick={() => setReturning(!returning())}
                  >
                    Return to supplier
                  </button>
                </Show>
                <Show when={canManagePurchasing(role())}>
                  <Show when={o().status === 'draft'}>
                    <a
                      class="button"
                      data-testid="po-edit"
                      href={routeHref({ name: 'purchase-order-edit', id: o().id })}
                    >
                      Edit draft
                    </a>
                    <button
                      type="button"
                      class="button primary"
                      data-testid="po-send"
                      disabled={o().lines.length === 0}
                      onClick={() => setPending('send')}
                    >
                      Send
                    </button>
                  </Show>
                  <Show when={o().status === 'draft' || o().status === 'sent'}>
                    <button
                      type="button"
                      class="button danger"
                      data-testid="po-cancel"
                      onClick={() => setPending('cancel')}
                    >
                      Cancel order
                    </button>
                  </Show>
                  <Show when={canBeReceived(o().status)}>
                    <button
                      type="button"
                      class="button"
                      data-testid="po-close"
                      onClick={() => setPending('close')}
                    >
                      Close
                    </button>
                  </Show>
                </Show>
                <button type="button" class="button ghost" data-testid="po-csv" onClick={csv}>
                  CSV
                </button>
                <button
                  type="button"
                  class="button ghost"
                  data-testid="po-pdf"
                  disabled={busy()}
                  onClick={pdf}
                >
                  {busy() ? 'Making the PDF…' : 'PDF'}
                </button>
              </div>

              <Show when={pending() === 'send'}>
                <ConfirmPanel
                  testId="po-send-panel"
                  title={`Send this order to ${o().supplier}?`}
                  confirmLabel="Send the order"
                  onConfirm={(r) => act('send', r)}
                  onCancel={() => setPending(null)}
                >
                  {o().lines.length === 1 ? '1 line' : `${o().lines.length} lines`}, total{' '}
                  {formatMoney(o().total)}. Once sent its lines can no longer change; goods can be received
                  against it.
                </ConfirmPanel>
              </Show>
              <Show when={pending() === 'cancel'}>
                <ConfirmPanel
                  testId="po-cancel-panel"
                  title="Cancel this order?"
                  confirmLabel="Cancel the order"
                  danger
                  reason
                  onConfirm={(r) => act('cancel', r)}
                  onCancel={() => setPending(null)}
                >
                  Nothing more is expected from it and it no longer counts as on order. This cannot be undone.
                </ConfirmPanel>
              </Show>
              <Show when={pending() === 'close'}>
                <ConfirmPanel
                  testId="po-close-panel"
                  title="Close this order?"
                  confirmLabel="Close the order"
                  reason
                  onConfirm={(r) => act('close', r)}
                  onCancel={() => setPending(null)}
                >
                  What is still open is no longer expected. What arrived stays received; goods can still be
                  returned.
                </ConfirmPanel>
              </Show>
              <Show when={error()}>
                <p class="form-error" role="alert" data-testid="po-error">
                  {error()}
                </p>
              </Show>

              <Show when={returning()}>
                <ReturnForm order={o()} room={room} onDone={() => setReturning(false)} />
              </Show>

              <TableWrap label="Order lines">
                <table class="table" data-testid="po-lines">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>Item</th>
                      <th class="num">Ordered</th>
                      <th class="num">Received</th>
                      <th class="num">Returned</th>
                      <th class="num">Open</th>
                      <th>Progress</th>
                      <th class="num">Unit cost</th>
                      <th class="num">Total</th>
                      <th>Expected</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For
                      each={o().lines}
                      fallback={
                        <tr>
                          <td colSpan={10} class="muted" data-testid="po-no-lines">
                            No lines yet.
                          </td>
                        </tr>
                      }
                    >
                      {(l) => (
                        <tr
                          data-testid="po-line"
                          data-line={l.line}
                          data-sku={l.sku}
                          data-ordered={l.quantity}
                          data-received={l.received}
                          data-returned={l.returned}
                          data-open={l.open}
                        >
                          <td>{l.line}</td>
                          <td>
                            <strong>
                              <bdi>{l.sku}</bdi>
                            </strong>{' '}
                            <span class="muted">
                              <bdi>{app.ws.catalog.items.get(l.sku)?.name ?? ''}</bdi>
                            </span>
                          </td>
                          <td class="num">{formatQuantity(l.quantity)}</td>
                          <td class="num">{formatQuantity(l.received)}</td>
                          <td class="num">{formatQuantity(l.returned)}</td>
                          <td class="num">{formatQuantity(l.open)}</td>
                          <td>
                            <ProgressBar
                              received={Math.max(0, l.net)}
                              ordered={l.quantity}
                              testId="po-line-progress"
                            />
                          </td>
                          <td class="num">{formatMoney(l.unitCost)}</td>
                          <td class="num">{formatMoney(lineTotal(l))}</td>
                          <td>{l.expectedAt ?? ''}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                  <tfoot>
                    <tr>
                      <td colSpan={8}>Total</td>
                      <td class="num" data-testid="po-total" data-total={o().total}>
                        {formatMoney(o().total)}
                      </td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </TableWrap>

              <h2>Receipts</h2>
              <Show
                when={o().receipts.length > 0}
                fallback={
                  <p class="muted" data-testid="po-no-receipts">
                    Nothing received yet.
                  </p>
                }
              >
                <TableWrap label="Receipts">
                  <table class="table" data-testid="po-receipts">
                    <thead>
                      <tr>
                        <th>Delivery</th>
                        <th>Line</th>
                        <th class="num">Quantity</th>
                        <th>Bin</th>
                        <th>Lot / expiry</th>
                        <th>By</th>
                        <th>Saved</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={o().receipts}>
                        {(r) => (
                          <tr
                            data-testid="po-receipt"
                            data-id={r.id}
                            data-delivery={r.delivery}
                            data-line={r.line}
                            data-quantity={r.quantity}
                            data-location={r.location}
                            data-saved={saved('receipts', r.id)}
                          >
                            <td>
                              <bdi>{r.delivery}</bdi>
                              <Show when={r.overReceipt}>
                                <span class="badge flag">Over</span>
                              </Show>
                            </td>
                            <td>
                              {r.line} · <bdi>{r.sku}</bdi>
                            </td>
                            <td class="num">{formatQuantity(r.quantity)}</td>
                            <td>
                              <bdi>{r.location}</bdi>
                            </td>
                            <td>
                              <bdi>{r.lot ?? ''}</bdi>
                              {r.expiry ? ` · ${r.expiry}` : ''}
                            </td>
                            <td>
                              <bdi>{r.user}</bdi>, {formatTime(r.at)}
                            </td>
                            <td>
                              {saved('receipts', r.id) === 'server' ? 'On the server' : 'This device only'}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </TableWrap>
              </Show>

              <Show when={o().returns.length > 0}>
                <h2>Returns to the supplier</h2>
                <TableWrap label="Returns">
                  <table class="table" data-testid="po-returns">
                    <thead>
                      <tr>
                        <th>Line</th>
                        <th class="num">Quantity</th>
                        <th>Bin</th>
                        <th>Reason</th>
                        <th>By</th>
                        <th>Saved</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={o().returns}>
                        {(r) => (
                          <tr
                            data-testid="po-return-row"
                            data-id={r.id}
                            data-line={r.line}
                            data-quantity={r.quantity}
                            data-saved={saved('returns', r.id)}
                          >
                            <td>
                              {r.line} · <bdi>{r.sku}</bdi>
                            </td>
                            <td class="num">{formatQuantity(r.quantity)}</td>
                            <td>
                              <bdi>{r.location}</bdi>
                              <Show when={r.lot}>
                                {(lot) => (
                                  <>
                                    {' '}
                                    · lot <bdi>{lot()}</bdi>
                                  </>
                                )}
                              </Show>
                            </td>
                            <td>
                              <bdi>{r.reason}</bdi>
                            </td>
                            <td>
                              <bdi>{r.user}</bdi>, {formatTime(r.at)}
                            </td>
                            <td>
                              {saved('returns', r.id) === 'server' ? 'On the server' : 'This device only'}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </TableWrap>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

const RETURN_FIELDS = ['line', 'quantity', 'location', 'lot', 'reason'];

/** Goods going back to the supplier from one line: quantity, bin, a reason (required). */
function ReturnForm(props: {
  order: OrderView;
  room: ReturnType<typeof usePurchasingRoom>;
  onDone: () => void;
}) {
  const app = useApp();
  const [values, setValues] = createSignal<ReturnFormValues>(returnDefaults(props.order));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  // One request id per opened form: a double submit (or a replay) returns once.
  const [request, setRequest] = createSignal(randomId());
  let formEl: HTMLFormElement | undefined;
  const set = (k: keyof ReturnFormValues) => (v: string) =>
    setValues(k === 'line' ? returnDefaults(props.order, v) : { ...values(), [k]: v });
  const line = () => props.order.lines.find((l) => l.line === values().line);
  const tracking = () => {
    const l = line();
    return l ? (app.ws.catalog.items.get(l.sku)?.tracking ?? 'none') : 'none';
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const room = props.room.model();
    if (!room) return;
    const checked = checkReturn(values(), props.order, {
      locationExists: (c) => !!app.ws.catalog.locations.get(c),
      onHand: (sku, location, lot) => app.ws.ledger.stock().quantity(sku, location, lot),
      tracking: (sku) => app.ws.catalog.items.get(sku)?.tracking ?? 'none',
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(formEl);
      return;
    }
    const result = room.returnGoods(props.order.id, request(), [checked.value], app.ws.ledger.movements, {
      actor: app.actor(),
    });
    if (!result.ok) {
      const field = result.fields[0]?.path.replace(/^lines\.\d+\./, '') ?? '';
      setErrors({ [RETURN_FIELDS.includes(field) ? field : '']: result.message });
      focusFirstError(formEl);
      return;
    }
    setErrors({});
    setRequest(randomId());
    app.notify(
      result.value.alreadyPosted
        ? 'This return was already recorded: nothing changed'
        : `Returned ${formatQuantity(checked.value.quantity)} of ${line()?.sku ?? ''} to ${props.order.supplier}`,
    );
    props.onDone();
  };

  return (
    <form
      class="card form"
      data-testid="po-return-form"
      data-request={request()}
      noValidate
      ref={(el) => {
        formEl = el;
      }}
      onSubmit={submit}
    >
      <h3>Return to {props.order.supplier}</h3>
      <div class="grid">
        <SelectField
          label="Line"
          testId="po-return-line"
          value={values().line}
          onValue={set('line')}
          error={errorFor(errors(), 'line')}
          options={returnableLines(props.order).map((l) => ({
            value: l.line,
            label: `${l.line} · ${l.sku} (${formatQuantity(l.net)} arrived)`,
          }))}
        />
        <TextField
          label="Quantity"
          testId="po-return-quantity"
          inputMode="decimal"
          autocomplete="off"
          value={values().quantity}
          onValue={set('quantity')}
          error={errorFor(errors(), 'quantity')}
          focus
        />
        <TextField
          label="From bin"
          testId="po-return-location"
          autocomplete="off"
          autocapitalize="characters"
          value={values().location}
          onValue={set('location')}
          error={errorFor(errors(), 'location')}
        />
        <Show when={tracking() !== 'none' || values().lot}>
          <TextField
            label={tracking() === 'serial' ? 'Serial number' : 'Lot'}
            testId="po-return-lot"
            autocomplete="off"
            value={values().lot}
            onValue={set('lot')}
            error={errorFor(errors(), 'lot')}
          />
        </Show>
        <TextField
          label="Reason (required)"
          testId="po-return-reason"
          value={values().reason}
          onValue={set('reason')}
          error={errorFor(errors(), 'reason')}
          fieldClass="wide"
        />
      </div>
      <Show when={errors()['']}>
        <p class="form-error" role="alert" data-testid="po-return-error">
          {errors()['']}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="button primary" data-testid="po-return-submit">
          Return goods
        </button>
        <button type="button" class="button" data-testid="po-return-cancel" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
