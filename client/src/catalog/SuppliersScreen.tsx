import type { Supplier } from '@stockroom/shared/catalog/supplier';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { TextAreaField, TextField } from '../ui/Field.tsx';
import {
  errorFor,
  errorsByField,
  type FieldErrors,
  focusFirstError,
  parseNumberField,
  unplacedErrors,
} from '../ui/form-errors.ts';
import { TableWrap } from '../ui/TableWrap.tsx';

const FIELDS = ['code', 'name', 'email', 'phone', 'leadTimeDays', 'notes'];

export function SuppliersScreen() {
  const app = useApp();
  const suppliers = createMemo(() => {
    app.catalogTick();
    return [...app.ws.catalog.suppliers.values()].sort((a, b) => a.code.localeCompare(b.code));
  });
  const [adding, setAdding] = createSignal(false);
  const [editing, setEditing] = createSignal<Supplier | null>(null);

  return (
    <section class="screen" data-testid="suppliers-screen">
      <div class="screen-head">
        <h1>Suppliers</h1>
        <Show when={app.canEditCatalog() && !adding()}>
          <button
            type="button"
            class="button primary"
            data-testid="suppliers-new"
            onClick={() => setAdding(true)}
          >
            New supplier
          </button>
        </Show>
      </div>
      <Show when={adding()}>
        <SupplierForm
          onDone={(code) => {
            setAdding(false);
            if (code) app.notify(`Supplier ${code} created`);
          }}
        />
      </Show>
      <Show when={editing()} keyed>
        {(supplier) => (
          <SupplierForm
            editing={supplier}
            onDone={(code) => {
              setEditing(null);
              if (code) app.notify(`Supplier ${code} saved`);
            }}
          />
        )}
      </Show>
      <Show
        when={suppliers().length > 0}
        fallback={
          <div class="empty" data-testid="suppliers-empty">
            <h2>No suppliers yet</h2>
            <p>Suppliers can then be referenced on items with their part numbers and prices.</p>
          </div>
        }
      >
        <TableWrap label="Suppliers">
          <table class="table" data-testid="suppliers-table">
            <thead>
              <tr>
                <th>Code</th>
                <th>Name</th>
                <th>Contact</th>
                <th class="num">Lead time</th>
                <Show when={app.canEditCatalog()}>
                  <th aria-label="Actions" />
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={suppliers()}>
                {(s) => (
                  <tr data-testid="supplier-row" data-code={s.code} classList={{ archived: !s.active }}>
                    <td>
                      <a href={routeHref({ name: 'supplier', code: s.code })} data-testid="supplier-link">
                        <strong dir="auto">{s.code}</strong>
                      </a>
                    </td>
                    <td dir="auto">{s.name}</td>
                    <td>
                      <For each={[s.email, s.phone].filter(Boolean)}>
                        {(contact, i) => (
                          <>
                            {i() > 0 ? ' · ' : ''}
                            <bdi>{contact}</bdi>
                          </>
                        )}
                      </For>
                    </td>
                    <td class="num">{s.leadTimeDays === null ? '' : `${s.leadTimeDays} d`}</td>
                    <Show when={app.canEditCatalog()}>
                      <td>
                        <button
                          type="button"
                          class="button small ghost"
                          data-testid="supplier-edit"
                          onClick={() => {
                            setAdding(false);
                            setEditing(s);
                          }}
                        >
                          Edit
                        </button>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </Show>
    </section>
  );
}

/** Creates a supplier, or, given `editing`, changes everything but its code (orders and items refer to it). */
function SupplierForm(props: { editing?: Supplier; onDone: (code: string | null) => void }) {
  const app = useApp();
  const e0 = props.editing;
  const [v, setV] = createSignal({
    code: e0?.code ?? '',
    name: e0?.name ?? '',
    email: e0?.email ?? '',
    phone: e0?.phone ?? '',
    leadTimeDays: e0?.leadTimeDays === null || e0?.leadTimeDays === undefined ? '' : String(e0.leadTimeDays),
    notes: e0?.notes ?? '',
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const set = (k: keyof ReturnType<typeof v>) => (value: string) => setV({ ...v(), [k]: value });
  let formEl: HTMLFormElement | undefined;

  const submit = (e: Event) => {
    e.preventDefault();
    const values = v();
    const lead = parseNumberField(values.leadTimeDays);
    const fields = {
      name: values.name,
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      leadTimeDays: lead.ok ? lead.value : values.leadTimeDays,
      notes: values.notes,
    };
    const result = props.editing
      ? app.ws.catalog.patchSupplier(props.editing.code, fields)
      : app.ws.catalog.createSupplier({ code: values.code, ...fields }, app.actor());
    if (result.ok) props.onDone(result.value.code);
    else {
      setErrors({ ...errorsByField(result), ...(lead.ok ? {} : { leadTimeDays: 'must be a number' }) });
      focusFirstError(formEl);
    }
  };

  return (
    <form class="card form" ref={formEl} onSubmit={submit} noValidate data-testid="supplier-form">
      <div class="grid">
        <TextField
          label="Code"
          testId="supplier-form-code"
          value={v().code}
          onValue={set('code')}
          error={errorFor(errors(), 'code')}
          focus={!props.editing}
          disabled={!!props.editing}
        />
        <TextField
          label="Name"
          testId="supplier-form-name"
          value={v().name}
          onValue={set('name')}
          error={errorFor(errors(), 'name')}
        />
        <TextField
          label="E-mail"
          testId="supplier-form-email"
          type="email"
          value={v().email}
          onValue={set('email')}
          error={errorFor(errors(), 'email')}
        />
        <TextField
          label="Phone"
          testId="supplier-form-phone"
          type="tel"
          value={v().phone}
          onValue={set('phone')}
          error={errorFor(errors(), 'phone')}
        />
        <TextField
          label="Lead time (days)"
          testId="supplier-form-lead-time"
          inputMode="numeric"
          value={v().leadTimeDays}
          onValue={set('leadTimeDays')}
          error={errorFor(errors(), 'leadTimeDays')}
        />
        <TextAreaField
          label="Notes"
          testId="supplier-form-notes"
          value={v().notes}
          onValue={set('notes')}
          error={errorFor(errors(), 'notes')}
          fieldClass="wide"
          rows={2}
        />
      </div>
      <Show when={unplacedErrors(errors(), FIELDS).length > 0}>
        <p class="form-error" role="alert" data-testid="supplier-form-error">
          {unplacedErrors(errors(), FIELDS).join('; ')}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="button primary big" data-testid="supplier-form-submit">
          {props.editing ? 'Save' : 'Create supplier'}
        </button>
        <button
          type="button"
          class="button"
          data-testid="supplier-form-cancel"
          onClick={() => props.onDone(null)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
