import type { Item } from '@stockroom/shared/catalog/item';
import { yearOfOrder } from '@stockroom/shared/purchasing/purchase-order';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { createEffect, createMemo, createSignal, For, Index, onCleanup, Show, untrack } from 'solid-js';
import { createStore, produce, unwrap } from 'solid-js/store';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { scanFeedback } from '../scanning/feedback.ts';
import { scannerSettings } from '../scanning/scanner-settings.ts';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { RoomSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';
import { errorFor, type FieldErrors, focusFirstError, unplacedErrors } from '../ui/form-errors.ts';
import { formatMoney } from '../ui/format.ts';
import {
  checkDraft,
  type DraftFormValues,
  type DraftLookups,
  defaultUnitCost,
  draftChanges,
  emptyDraft,
  emptyLine,
  formFromOrder,
} from './draft-form.ts';
import { lineTotal } from './order-csv.ts';
import { canManagePurchasing } from './purchasing-permissions.ts';
import { orderNumber } from './status.ts';
import { usePurchasingRoom } from './use-purchasing.ts';
import './purchasing.css';

const FIELDS = ['supplier', 'expectedAt', 'note', 'lines'];
const SUGGESTIONS = 12;

/**
 * `#/purchase-orders/new` and `#/purchase-orders/<id>/edit`: a draft for one supplier. Lines
 * take a SKU (suggested as you type; a scan fills it), a quantity and a unit cost that
 * defaults to the supplier's price for the item, then the item's own cost.
 */
export function PurchaseOrderEditScreen(props: { id: string | null; supplier?: string }) {
  const app = useApp();
  const year = props.id === null ? new Date().getUTCFullYear() : yearOfOrder(props.id);
  return (
    <Show
      when={canManagePurchasing(app.session().user.role)}
      fallback={
        <section class="screen">
          <p class="notice" data-testid="po-form-not-allowed">
            Only purchasing managers draft and edit purchase orders.
          </p>
        </section>
      }
    >
      <Show
        when={year}
        keyed
        fallback={
          <section class="screen">
            <div class="empty" data-testid="po-missing">
              <h2>Not a purchase order</h2>
            </div>
          </section>
        }
      >
        {(y) => <DraftEditor id={props.id} year={y} supplier={props.supplier ?? ''} />}
      </Show>
    </Show>
  );
}

function DraftEditor(props: { id: string | null; year: number; supplier: string }) {
  const app = useApp();
  const catalog = app.ws.catalog;
  const room = usePurchasingRoom(app.ws, props.year);
  const resolver = new ScanResolver(catalog);
  onCleanup(() => resolver.destroy());
  const [values, setValues] = createStore<DraftFormValues>(emptyDraft(props.supplier));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [scanNote, setScanNote] = createSignal<{ kind: 'item' | 'unknown'; text: string } | null>(null);
  const [active, setActive] = createSignal(0);
  const [loaded, setLoaded] = createSignal(props.id === null);
  let formEl: HTMLFormElement | undefined;

  const order = createMemo(() => {
    room.tick();
    return props.id === null ? null : (room.model()?.order(props.id) ?? null);
  });
  // An existing draft fills the form once, when its room has loaded; later edits elsewhere do not overwrite typing.
  createEffect(() => {
    const o = order();
    if (!untrack(loaded) && o) {
      setValues(formFromOrder(o));
      setLoaded(true);
    }
  });

  const suppliers = createMemo(() => {
    app.catalogTick();
    return [...catalog.suppliers.values()]
      .filter((s) => s.active || s.code === values.supplier)
      .sort((a, b) => a.code.localeCompare(b.code));
  });
  const itemFor = (code: string): Item | undefined => {
    app.catalogTick();
    const c = code.trim();
    if (!c) return undefined;
    const sku = catalog.skuForCode(c) ?? catalog.skuForCode(c.toUpperCase());
    return sku ? catalog.items.get(sku) : undefined;
  };
  const lookups: DraftLookups = {
    item: (code) => itemFor(code),
    supplier: (code) => catalog.suppliers.get(code),
  };
  const suggestions = createMemo(() => {
    app.catalogTick();
    const q = values.lines[active()]?.sku ?? '';
    return catalog
      .searchItems(q, SUGGESTIONS * 2)
      .filter((i) => i.active)
      .slice(0, SUGGESTIONS);
  });
  const total = createMemo(() => {
    let sum = 0;
    for (const l of values.lines) {
      const item = itemFor(l.sku);
      const q = Number(l.quantity.replace(',', '.'));
      const typed = l.unitCost.trim() === '' ? null : Number(l.unitCost.replace(',', '.'));
      const cost = typed ?? (item ? defaultUnitCost(item, values.supplier).unitCost : 0);
      if (Number.isFinite(q) && Number.isFinite(cost)) sum += lineTotal({ quantity: q, unitCost: cost });
    }
    return sum;
  });

  const setLine = (i: number, field: 'sku' | 'quantity' | 'unitCost' | 'expectedAt', v: string) => {
    setValues('lines', i, field, v);
    setErrors({});
  };
  const addLine = () => {
    setValues('lines', (lines) => [...lines, emptyLine()]);
    const i = values.lines.length - 1;
    setActive(i);
    queueMicrotask(() =>
      formEl?.querySelector<HTMLInputElement>(`[data-testid="po-form-line-${i}-sku"]`)?.focus(),
    );
  };
  const removeLine = (i: number) => {
    setValues(
      produce((v) => {
        v.lines.splice(i, 1);
        if (v.lines.length === 0) v.lines.push(emptyLine());
      }),
    );
    setErrors({});
  };

  /** A scanned item fills the SKU of the line being edited (or the first empty one, or a new line). */
  const handleScan = (scan: ScanEvent) => {
    const r = resolver.resolve(scan);
    if (r.kind !== 'item') {
      setScanNote({
        kind: 'unknown',
        text: r.kind === 'location' ? `${r.code} is a location, not an item` : `Unknown code: ${r.reason}`,
      });
      return;
    }
    scanFeedback(scannerSettings().camera.beep);
    let i = active();
    const current = values.lines[i];
    if (!current || (current.sku.trim() && itemFor(current.sku)?.sku !== r.sku)) {
      i = values.lines.findIndex((l) => !l.sku.trim());
      if (i < 0) {
        setValues('lines', (lines) => [...lines, emptyLine()]);
        i = values.lines.length - 1;
      }
    }
    setValues('lines', i, 'sku', r.sku);
    if (r.packQuantity !== undefined && !values.lines[i]!.quantity.trim())
      setValues('lines', i, 'quantity', String(r.packQuantity));
    setActive(i);
    setErrors({});
    const name = catalog.items.get(r.sku)?.name ?? '';
    setScanNote({ kind: 'item', text: `Line ${i + 1}: ${r.sku}${name ? ` – ${name}` : ''}` });
    queueMicrotask(() =>
      formEl?.querySelector<HTMLInputElement>(`[data-testid="po-form-line-${i}-quantity"]`)?.focus(),
    );
  };
  useWedgeScanner(handleScan);

  const save = (e: Event) => {
    e.preventDefault();
    const r = room.model();
    if (!r) return;
    const o = order();
    const checked = checkDraft(structuredClone(unwrap(values)), lookups, props.id === null);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(formEl);
      return;
    }
    const ctx = { actor: app.actor() };
    if (props.id === null) {
      const result = r.draft(
        {
          supplier: checked.value.supplier,
          lines: checked.value.lines.map((l) => l.input),
          ...(checked.value.expectedAt ? { expectedAt: checked.value.expectedAt } : {}),
          ...(checked.value.note ? { note: checked.value.note } : {}),
        },
        ctx,
      );
      if (!result.ok) {
        setErrors(Object.fromEntries(result.fields.map((f) => [f.path, f.message])));
        focusFirstError(formEl);
        return;
      }
      app.notify(`Draft for ${result.value.supplier} saved on this device`);
      app.navigate({ name: 'purchase-order', id: result.value.id });
      return;
    }
    if (!o) return;
    if (o.status !== 'draft') {
      setErrors({ '': `This order is ${o.status.replace('_', ' ')} now: its lines can no longer change` });
      return;
    }
    const changes = draftChanges(o, checked.value);
    for (const s of changes.set) {
      const result = r.setLine(o.id, s.line, s.input, ctx);
      if (!result.ok) return setErrors({ '': result.message });
    }
    for (const line of changes.remove) {
      const result = r.removeLine(o.id, line, ctx);
      if (!result.ok) return setErrors({ '': result.message });
    }
    app.notify(
      changes.set.length + changes.remove.length === 0
        ? 'Nothing changed'
        : `${orderNumber(o)} saved on this device`,
    );
    app.navigate({ name: 'purchase-order', id: o.id });
  };

  const supplierCode = () => values.supplier.trim();

  return (
    <section class="screen po-edit" data-testid="po-form-screen">
      <a
        class="muted"
        href={
          props.id === null
            ? routeHref({ name: 'purchase-orders', status: '', supplier: '' })
            : routeHref({ name: 'purchase-order', id: props.id })
        }
        data-testid="po-form-back"
      >
        ‹ {props.id === null ? 'Purchase orders' : 'Back to the order'}
      </a>
      <div class="screen-head">
        <h1>
          {props.id === null ? 'New purchase order' : `Edit ${order() ? orderNumber(order()!) : 'draft'}`}
        </h1>
        <RoomSyncBadge room={room} testId="po-form-sync" />
      </div>
      <Show when={props.id !== null && room.model() && !order()}>
        <div class="empty" data-testid="po-missing">
          <h2>This order is not on this device yet</h2>
        </div>
      </Show>
      <Show when={props.id !== null && order() && order()!.status !== 'draft'}>
        <p class="notice" data-testid="po-form-not-draft">
          This order has been sent: its lines can no longer change.
        </p>
      </Show>
      <Show when={scanNote()}>
        {(n) => (
          <p
            class="scan-note"
            classList={{ unknown: n().kind === 'unknown' }}
            role="status"
            data-testid="po-form-scan"
            data-kind={n().kind}
          >
            {n().text}
          </p>
        )}
      </Show>
      <Show when={room.model() && loaded()} fallback={<p class="muted">Opening the purchase orders…</p>}>
        <form
          class="card form"
          data-testid="po-form"
          noValidate
          onSubmit={save}
          ref={(el) => {
            formEl = el;
          }}
        >
          <div class="grid">
            <Show
              when={props.id === null}
              fallback={
                <div class="field">
                  <span class="field-label">Supplier</span>
                  <strong data-testid="po-form-supplier-fixed">
                    <bdi>{values.supplier}</bdi>
                  </strong>
                </div>
              }
            >
              <SelectField
                label="Supplier"
                testId="po-form-supplier"
                value={values.supplier}
                onValue={(v) => {
                  setValues('supplier', v);
                  setErrors({});
                }}
                error={errorFor(errors(), 'supplier')}
                options={[
                  { value: '', label: suppliers().length ? 'Choose a supplier…' : 'No suppliers yet' },
                  ...suppliers().map((s) => ({ value: s.code, label: `${s.code} – ${s.name}` })),
                ]}
              />
              <TextField
                label="Expected (all lines)"
                testId="po-form-expected"
                type="date"
                value={values.expectedAt}
                onValue={(v) => setValues('expectedAt', v)}
                error={errorFor(errors(), 'expectedAt')}
              />
              <TextAreaField
                label="Note to the supplier (optional)"
                testId="po-form-note"
                value={values.note}
                onValue={(v) => setValues('note', v)}
                error={errorFor(errors(), 'note')}
                fieldClass="wide"
                rows={2}
              />
            </Show>
          </div>
          <Show when={props.id === null && suppliers().length === 0}>
            <p class="notice" data-testid="po-form-no-suppliers">
              Add the supplier first: <a href={routeHref({ name: 'suppliers' })}>Suppliers</a>.
            </p>
          </Show>

          <h3>Lines</h3>
          <p class="muted">Type a SKU or scan an item; a blank unit cost takes the supplier’s price.</p>
          <div class="po-form-lines">
            <Index each={values.lines}>
              {(l, i) => {
                const item = () => itemFor(l().sku);
                const fallback = () => {
                  const it = item();
                  return it ? defaultUnitCost(it, supplierCode()) : null;
                };
                return (
                  <fieldset
                    class="po-form-line"
                    data-testid="po-form-line"
                    data-index={i}
                    data-line={l().line ?? ''}
                  >
                    <legend>Line {i + 1}</legend>
                    <TextField
                      label="Item (SKU or barcode)"
                      testId={`po-form-line-${i}-sku`}
                      value={l().sku}
                      onValue={(v) => setLine(i, 'sku', v)}
                      onFocus={() => setActive(i)}
                      error={errorFor(errors(), `lines.${i}.sku`)}
                      list="po-sku-suggestions"
                      autocomplete="off"
                      autocapitalize="characters"
                      focus={i === 0 && props.id === null && !!values.supplier}
                      hint={
                        l().sku.trim() ? (
                          item() ? (
                            <>
                              <bdi>{item()!.name}</bdi> · <bdi>{item()!.unit}</bdi>
                            </>
                          ) : (
                            'Unknown item'
                          )
                        ) : undefined
                      }
                    />
                    <TextField
                      label="Quantity"
                      testId={`po-form-line-${i}-quantity`}
                      inputMode="decimal"
                      autocomplete="off"
                      value={l().quantity}
                      onValue={(v) => setLine(i, 'quantity', v)}
                      onFocus={() => setActive(i)}
                      error={errorFor(errors(), `lines.${i}.quantity`)}
                    />
                    <TextField
                      label="Unit cost"
                      testId={`po-form-line-${i}-unit-cost`}
                      inputMode="decimal"
                      autocomplete="off"
                      value={l().unitCost}
                      placeholder={fallback() ? String(fallback()!.unitCost) : ''}
                      onValue={(v) => setLine(i, 'unitCost', v)}
                      onFocus={() => setActive(i)}
                      error={errorFor(errors(), `lines.${i}.unitCost`)}
                      hint={
                        fallback() && !l().unitCost.trim()
                          ? `${formatMoney(fallback()!.unitCost)} (${
                              fallback()!.from === 'supplier'
                                ? `${supplierCode()}’s price`
                                : 'the item’s cost'
                            })`
                          : undefined
                      }
                    />
                    <TextField
                      label="Expected (optional)"
                      testId={`po-form-line-${i}-expected`}
                      type="date"
                      value={l().expectedAt}
                      onValue={(v) => setLine(i, 'expectedAt', v)}
                      onFocus={() => setActive(i)}
                      error={errorFor(errors(), `lines.${i}.expectedAt`)}
                    />
                    <button
                      type="button"
                      class="button ghost po-form-remove"
                      data-testid={`po-form-line-${i}-remove`}
                      aria-label={`Remove line ${i + 1}`}
                      onClick={() => removeLine(i)}
                    >
                      Remove
                    </button>
                  </fieldset>
                );
              }}
            </Index>
          </div>
          <Show when={errors().lines}>
            <p class="form-error" role="alert" data-testid="po-form-lines-error">
              {errors().lines}
            </p>
          </Show>
          <div class="actions">
            <button type="button" class="button" data-testid="po-form-add-line" onClick={addLine}>
              Add line
            </button>
            <span class="muted" data-testid="po-form-total" data-total={total()}>
              Total {formatMoney(total())}
            </span>
          </div>
          <Show when={unplacedErrors(errors(), FIELDS).length > 0}>
            <p class="form-error" role="alert" data-testid="po-form-error">
              {unplacedErrors(errors(), FIELDS).join('; ')}
            </p>
          </Show>
          <div class="actions">
            <button
              type="submit"
              class="button primary big"
              data-testid="po-form-save"
              disabled={props.id !== null && order()?.status !== 'draft'}
            >
              Save draft
            </button>
            <a
              class="button"
              data-testid="po-form-discard"
              href={
                props.id === null
                  ? routeHref({ name: 'purchase-orders', status: '', supplier: '' })
                  : routeHref({ name: 'purchase-order', id: props.id })
              }
            >
              Discard changes
            </a>
          </div>
          <datalist id="po-sku-suggestions">
            <For each={suggestions()}>{(s) => <option value={s.sku}>{s.name}</option>}</For>
          </datalist>
        </form>
      </Show>
    </section>
  );
}
