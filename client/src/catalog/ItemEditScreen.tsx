import { ITEM_KIND_LABELS, ItemKind, Tracking } from '@stockroom/shared/catalog/item';
import { sortStockLines } from '@stockroom/shared/ledger/stock';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { Dynamic } from 'solid-js/web';
import { useApp } from '../app/app-context.ts';
import { auditRoute } from '../audit/audit-view.ts';
import { EMPTY_HISTORY_FILTER, routeHref } from '../routing/route.ts';
import { canReadAudit } from '../session/permissions.ts';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';
import {
  errorFor,
  errorsByField,
  type FieldErrors,
  focusFirstError,
  unplacedErrors,
} from '../ui/form-errors.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import {
  changedFields,
  emptyItemForm,
  emptyPack,
  emptySupplierRef,
  formToInput,
  type ItemFormValues,
  itemToForm,
  withoutBlankRows,
} from './item-form.ts';

const KIND_OPTIONS = ItemKind.options.map((k) => ({ value: k, label: ITEM_KIND_LABELS[k] }));
const TRACKING_OPTIONS = Tracking.options.map((t) => ({
  value: t,
  label: t === 'none' ? 'Not tracked' : t === 'lot' ? 'By lot / batch' : 'By serial number',
}));
const SHOWN_FIELDS = [
  'sku',
  'name',
  'description',
  'kind',
  'unit',
  'barcodes',
  'category',
  'unitCost',
  'reorderPoint',
  'minQty',
  'maxQty',
  'leadTimeDays',
  'tracking',
  'suppliers',
  'packs',
];

/** Create an item (`sku` null) or view and edit one. */
export function ItemEditScreen(props: { sku: string | null }) {
  const app = useApp();
  const item = createMemo(() => {
    app.catalogTick();
    return props.sku === null ? undefined : app.ws.catalog.items.get(props.sku);
  });
  return (
    <Show
      when={props.sku === null || item() !== undefined}
      fallback={
        <section class="screen" data-testid="item-missing">
          <div class="empty">
            <h2>
              No item with SKU <bdi>{props.sku}</bdi>
            </h2>
            <p>It may have been created on another device that has not synced yet.</p>
            <a class="button" href={routeHref({ name: 'items', q: '' })}>
              Back to items
            </a>
          </div>
        </section>
      }
    >
      <ItemForm sku={props.sku} />
    </Show>
  );
}

/**
 * The new-item form inside another screen (e.g. the stocktake's unknown barcodes): pre-filled,
 * and instead of opening the new item it hands its SKU back.
 */
export function NewItemPanel(props: {
  initial: Partial<ItemFormValues>;
  title: string;
  note?: string[];
  onCreated: (sku: string) => void;
  onCancel: () => void;
}) {
  return <ItemForm sku={null} embedded={props} />;
}

function ItemForm(props: {
  sku: string | null;
  embedded?: {
    initial: Partial<ItemFormValues>;
    title: string;
    note?: string[];
    onCreated: (sku: string) => void;
    onCancel: () => void;
  };
}) {
  const app = useApp();
  const catalog = app.ws.catalog;
  const creating = props.sku === null;
  const embedded = props.embedded;
  const current = createMemo(() => {
    app.catalogTick();
    return props.sku === null ? undefined : catalog.items.get(props.sku);
  });
  let baseline: ItemFormValues = current()
    ? itemToForm(current()!)
    : { ...emptyItemForm(), ...(embedded?.initial ?? {}) };
  const [values, setValues] = createStore<ItemFormValues>(structuredClone(baseline));
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [saved, setSaved] = createSignal('');
  /** Archiving an item that still has stock asks first, saying how much (the stock stays on the books). */
  const [confirmArchive, setConfirmArchive] = createSignal(false);
  const readOnly = () => !app.canEditCatalog();
  let formEl: HTMLFormElement | undefined;
  const fail = (next: FieldErrors) => {
    setErrors(next);
    focusFirstError(formEl);
  };

  const suppliers = createMemo(() => {
    app.catalogTick();
    return [...catalog.suppliers.values()].sort((a, b) => a.code.localeCompare(b.code));
  });
  const supplierOptions = (selected: string) => [
    { value: '', label: 'Choose a supplier' },
    ...suppliers()
      .filter((s) => s.active || s.code === selected)
      .map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` })),
    ...(selected && !catalog.suppliers.get(selected)
      ? [{ value: selected, label: `${selected} (unknown)` }]
      : []),
  ];
  const stockLines = createMemo(() =>
    props.sku === null ? [] : sortStockLines(app.stock().lines({ sku: props.sku })),
  );

  // Getters, so that spreading these props into a field stays reactive.
  const field = <K extends keyof ItemFormValues>(key: K) => ({
    get value() {
      return values[key] as string;
    },
    onValue: (v: string) => {
      setValues(key, v as ItemFormValues[K]);
      setSaved('');
    },
    get error() {
      return errorFor(errors(), key);
    },
  });

  const submit = (e: Event) => {
    e.preventDefault();
    if (readOnly()) return;
    // Blank rows go first, so that an error's row number is the row on screen.
    const snapshot = withoutBlankRows(structuredClone(unwrap(values)));
    setValues('suppliers', snapshot.suppliers);
    setValues('packs', snapshot.packs);
    if (creating) {
      const { input, errors: local } = formToInput(snapshot);
      const result = catalog.createItem(input, app.actor());
      if (!result.ok) {
        fail({ ...errorsByField(result), ...local });
        return;
      }
      setErrors({});
      app.notify(`Item ${result.value.sku} created`);
      if (embedded) embedded.onCreated(result.value.sku);
      else app.navigate({ name: 'item-edit', sku: result.value.sku });
      return;
    }
    const { input, errors: local } = changedFields(baseline, snapshot);
    if (Object.keys(input).length === 0 && Object.keys(local).length === 0) {
      setErrors({});
      setSaved('Nothing changed');
      return;
    }
    const result = catalog.patchItem(props.sku!, input);
    if (!result.ok) {
      fail({ ...errorsByField(result), ...local });
      return;
    }
    baseline = snapshot;
    setErrors({});
    setSaved('Saved on this device');
    app.notify(`Item ${props.sku} saved`);
  };

  const onHand = () => (props.sku === null ? 0 : (app.stock().totalsBySku().get(props.sku) ?? 0));
  const archive = () => {
    if (onHand() !== 0 && !confirmArchive()) return setConfirmArchive(true);
    setConfirmArchive(false);
    setActive(false);
  };
  const setActive = (active: boolean) => {
    const result = catalog.patchItem(props.sku!, { active });
    if (result.ok) app.notify(active ? `Item ${props.sku} is active again` : `Item ${props.sku} archived`);
    else fail(errorsByField(result));
  };

  return (
    <Dynamic
      component={embedded ? 'div' : 'section'}
      class={embedded ? 'embedded-item-form' : 'screen'}
      data-testid={embedded ? 'item-new-panel' : 'item-screen'}
    >
      <Show
        when={embedded}
        fallback={
          <div class="screen-head">
            <h1>
              {creating ? (
                'New item'
              ) : (
                <>
                  Item <bdi>{props.sku}</bdi>
                </>
              )}
            </h1>
            <a class="button ghost" href={routeHref({ name: 'items', q: '' })} data-testid="item-back">
              All items
            </a>
          </div>
        }
      >
        {(e) => (
          <>
            <h2>
              <bdi>{e().title}</bdi>
            </h2>
            <Show when={e().note?.length}>
              <ul class="notes muted" data-testid="item-new-notes">
                <For each={e().note}>
                  {(n) => (
                    <li>
                      <bdi>{n}</bdi>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
      <Show when={current()}>
        {(item) => (
          <div class="item-summary card" data-testid="item-summary">
            <div class="summary-line">
              <span class="badge" data-testid="item-status">
                {item().active ? 'Active' : 'Archived'}
              </span>
              <span>
                On hand{' '}
                <strong data-testid="item-onhand-total">
                  {formatQuantity(app.stock().totalsBySku().get(item().sku) ?? 0)}
                </strong>{' '}
                <bdi>{item().unit}</bdi>
              </span>
              <span class="muted">
                Created by <bdi>{item().createdBy}</bdi> on {new Date(item().createdAt).toLocaleDateString()}
              </span>
            </div>
            <Show when={stockLines().length > 0}>
              <ul class="chips" data-testid="item-stock-lines">
                <For each={stockLines()}>
                  {(l) => (
                    <li data-testid="item-stock-line" data-location={l.location} data-lot={l.lot ?? ''}>
                      <strong>
                        <bdi>{l.location}</bdi>
                      </strong>
                      <Show when={l.lot}>
                        {(lot) => (
                          <>
                            {' · lot '}
                            <bdi>{lot()}</bdi>
                          </>
                        )}
                      </Show>
                      : {formatQuantity(l.quantity)} ({formatMoney(l.quantity * item().unitCost)})
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <div class="actions">
              <Show when={app.canRecord()}>
                <a
                  class="button"
                  data-testid="item-receive"
                  href={routeHref({ name: 'move', type: 'receive', sku: item().sku, location: '' })}
                >
                  Receive
                </a>
                <a
                  class="button"
                  data-testid="item-issue"
                  href={routeHref({ name: 'move', type: 'issue', sku: item().sku, location: '' })}
                >
                  Issue
                </a>
              </Show>
              <a
                class="button"
                data-testid="item-history"
                href={routeHref({ name: 'history', filter: { ...EMPTY_HISTORY_FILTER, sku: item().sku } })}
              >
                History
              </a>
              <Show when={canReadAudit(app.session().user.role)}>
                <a class="button" data-testid="item-audit" href={routeHref(auditRoute('item', item().sku))}>
                  Audit
                </a>
              </Show>
              <Show when={app.canEditCatalog()}>
                <Show
                  when={item().active}
                  fallback={
                    <button
                      type="button"
                      class="button"
                      data-testid="item-unarchive"
                      onClick={() => setActive(true)}
                    >
                      Unarchive
                    </button>
                  }
                >
                  <button type="button" class="button danger" data-testid="item-archive" onClick={archive}>
                    {confirmArchive() ? 'Archive anyway' : 'Archive'}
                  </button>
                  <Show when={confirmArchive()}>
                    <button type="button" class="button ghost" onClick={() => setConfirmArchive(false)}>
                      Keep it active
                    </button>
                  </Show>
                </Show>
              </Show>
            </div>
            <Show when={confirmArchive()}>
              <p class="notice warning" role="alert" data-testid="item-archive-confirm">
                {formatQuantity(onHand())} {item().unit} of {item().sku} are still on hand. Archived, the item
                leaves the lists and forms but its stock stays on the books until issued or adjusted.
              </p>
            </Show>
          </div>
        )}
      </Show>
      <form class="card form" ref={formEl} onSubmit={submit} noValidate data-testid="item-form">
        <fieldset disabled={readOnly()}>
          <div class="grid">
            <TextField
              label="SKU / part number"
              testId="item-form-sku"
              {...field('sku')}
              readOnly={!creating}
              focus={creating}
              autocapitalize="characters"
              hint={creating ? 'Letters, digits and . _ - / — cannot change later' : 'The SKU cannot change'}
            />
            <TextField label="Name" testId="item-form-name" {...field('name')} />
            <SelectField label="Kind" testId="item-form-kind" {...field('kind')} options={KIND_OPTIONS} />
            <TextField
              label="Unit of measure"
              testId="item-form-unit"
              {...field('unit')}
              hint="ea, kg, m, box…"
            />
            <TextField label="Category" testId="item-form-category" {...field('category')} />
            <SelectField
              label="Tracking"
              testId="item-form-tracking"
              {...field('tracking')}
              options={TRACKING_OPTIONS}
            />
            <TextField
              label="Unit cost"
              testId="item-form-unit-cost"
              inputMode="decimal"
              {...field('unitCost')}
            />
            <TextField
              label="Reorder point"
              testId="item-form-reorder-point"
              inputMode="decimal"
              {...field('reorderPoint')}
            />
            <TextField label="Minimum" testId="item-form-min" inputMode="decimal" {...field('minQty')} />
            <TextField label="Maximum" testId="item-form-max" inputMode="decimal" {...field('maxQty')} />
            <TextField
              label="Lead time (days)"
              testId="item-form-lead-time"
              inputMode="numeric"
              {...field('leadTimeDays')}
            />
            <TextAreaField
              label="Barcodes"
              testId="item-form-barcodes"
              {...field('barcodes')}
              hint="One per line"
              rows={2}
            />
            <TextAreaField
              label="Description"
              testId="item-form-description"
              {...field('description')}
              fieldClass="wide"
              rows={2}
            />
          </div>
          <h2 class="subhead">Suppliers</h2>
          <Show when={values.suppliers.length === 0}>
            <p class="muted" data-testid="item-form-no-suppliers">
              No supplier references.{' '}
              {suppliers().length === 0 ? 'Add suppliers on the Suppliers screen first.' : ''}
            </p>
          </Show>
          <For each={values.suppliers}>
            {(ref, i) => {
              const path = (f: string) => `suppliers.${i()}.${f}`;
              const set = (f: keyof typeof ref) => (v: string) => setValues('suppliers', i(), f, v);
              return (
                <div class="grid supplier-ref" data-testid="item-form-supplier-row">
                  <SelectField
                    label="Supplier"
                    testId={`item-form-supplier-${i()}-supplier`}
                    value={ref.supplier}
                    onValue={set('supplier')}
                    options={supplierOptions(ref.supplier)}
                    error={errorFor(errors(), path('supplier'))}
                  />
                  <TextField
                    label="Supplier’s part number"
                    testId={`item-form-supplier-${i()}-sku`}
                    value={ref.supplierSku}
                    onValue={set('supplierSku')}
                    error={errorFor(errors(), path('supplierSku'))}
                  />
                  <TextField
                    label="Their price"
                    testId={`item-form-supplier-${i()}-unit-cost`}
                    inputMode="decimal"
                    value={ref.unitCost}
                    onValue={set('unitCost')}
                    error={errorFor(errors(), path('unitCost'))}
                  />
                  <TextField
                    label="Pack size"
                    testId={`item-form-supplier-${i()}-pack-size`}
                    inputMode="decimal"
                    value={ref.packSize}
                    onValue={set('packSize')}
                    error={errorFor(errors(), path('packSize'))}
                  />
                  <TextField
                    label="Lead time (days)"
                    testId={`item-form-supplier-${i()}-lead-time`}
                    inputMode="numeric"
                    value={ref.leadTimeDays}
                    onValue={set('leadTimeDays')}
                    error={errorFor(errors(), path('leadTimeDays'))}
                  />
                  <button
                    type="button"
                    class="button ghost"
                    data-testid={`item-form-supplier-${i()}-remove`}
                    onClick={() => setValues('suppliers', (list) => list.filter((_, j) => j !== i()))}
                  >
                    Remove
                  </button>
                </div>
              );
            }}
          </For>
          <button
            type="button"
            class="button"
            data-testid="item-form-add-supplier"
            onClick={() => setValues('suppliers', (list) => [...list, emptySupplierRef()])}
          >
            Add supplier reference
          </button>
          <h2 class="subhead">Pack barcodes</h2>
          <Show when={values.packs.length === 0}>
            <p class="muted" data-testid="item-form-no-packs">
              No pack barcodes. Add the barcode of a box or case to count its contents with one scan.
            </p>
          </Show>
          <For each={values.packs}>
            {(pack, i) => {
              const path = (f: string) => `packs.${i()}.${f}`;
              const set = (f: keyof typeof pack) => (v: string) => {
                setValues('packs', i(), f, v);
                setSaved('');
              };
              return (
                <div class="grid pack-row" data-testid="item-form-pack-row">
                  <TextField
                    label="Pack barcode"
                    testId={`item-form-pack-${i()}-barcode`}
                    value={pack.barcode}
                    onValue={set('barcode')}
                    error={errorFor(errors(), path('barcode'))}
                    autocomplete="off"
                  />
                  <TextField
                    label={
                      <>
                        Units per pack (<bdi>{values.unit || 'ea'}</bdi>)
                      </>
                    }
                    testId={`item-form-pack-${i()}-quantity`}
                    inputMode="decimal"
                    value={pack.quantity}
                    onValue={set('quantity')}
                    error={errorFor(errors(), path('quantity'))}
                  />
                  <TextField
                    label="Pack name"
                    testId={`item-form-pack-${i()}-name`}
                    value={pack.name}
                    onValue={set('name')}
                    error={errorFor(errors(), path('name'))}
                    hint="box, case of 12… (optional)"
                  />
                  <button
                    type="button"
                    class="button ghost"
                    data-testid={`item-form-pack-${i()}-remove`}
                    onClick={() => setValues('packs', (list) => list.filter((_, j) => j !== i()))}
                  >
                    Remove
                  </button>
                </div>
              );
            }}
          </For>
          <button
            type="button"
            class="button"
            data-testid="item-form-add-pack"
            onClick={() => setValues('packs', (list) => [...list, emptyPack()])}
          >
            Add pack barcode
          </button>
          <Show when={unplacedErrors(errors(), SHOWN_FIELDS).length > 0}>
            <p class="form-error" role="alert" data-testid="item-form-error">
              {unplacedErrors(errors(), SHOWN_FIELDS).join('; ')}
            </p>
          </Show>
          <div class="actions sticky-actions">
            <button type="submit" class="button primary big" data-testid="item-form-submit">
              {creating ? 'Create item' : 'Save changes'}
            </button>
            <Show when={embedded}>
              {(e) => (
                <button
                  type="button"
                  class="button ghost"
                  data-testid="item-new-cancel"
                  onClick={() => e().onCancel()}
                >
                  Cancel
                </button>
              )}
            </Show>
            <Show when={saved()}>
              <span class="saved-note" data-testid="item-form-saved">
                {saved()}
              </span>
            </Show>
          </div>
        </fieldset>
        <Show when={readOnly()}>
          <p class="muted">Your role can view items but not change them.</p>
        </Show>
      </form>
    </Dynamic>
  );
}
