import { randomId } from '@stockroom/shared/ids';
import type { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { stocktakeRoom } from '@stockroom/shared/sync/rooms';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../app/app-context.ts';
import { locationRows } from '../catalog/location-rows.ts';
import { TextAreaField, TextField } from '../ui/Field.tsx';
import { errorFor, type FieldErrors, unplacedErrors } from '../ui/form-errors.ts';
import { type CounterChoice, cachedCounters, loadCounters } from './counter-list.ts';
import {
  type CreateFormValues,
  createStocktake,
  emptyCreateForm,
  splitList,
  stocktakeFormId,
} from './create-form.ts';

const FIELDS = ['name', 'locations', 'skus', 'tolerance', 'counters', 'blind'];

/** Name, scope (locations/zones from the tree, or items for a cycle count), blind, tolerance, counters. */
export function CreateStocktakeForm(props: { index: StocktakeIndex; onDone: (id: string | null) => void }) {
  const app = useApp();
  const catalog = app.ws.catalog;
  const [values, setValues] = createStore<CreateFormValues>(emptyCreateForm());
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  // One token per opened form: the stocktake id derives from it, so a double tap creates one.
  const token = randomId();
  // Counters are picked from the users who may count (the server's list, kept for offline use).
  const [choices, setChoices] = createSignal<CounterChoice[] | null>(cachedCounters(window.localStorage));
  void loadCounters(app.api, window.localStorage).then(setChoices);
  const named = createMemo(() => new Set(splitList(values.counters).map((c) => c.toLowerCase())));
  const toggleCounter = (username: string) => {
    const list = splitList(values.counters);
    const next = named().has(username)
      ? list.filter((c) => c.toLowerCase() !== username)
      : [...list, username];
    setValues('counters', next.join(', '));
  };

  const rows = createMemo(() => {
    app.catalogTick();
    return locationRows(catalog.locations.values(), () => true, false);
  });
  const ticked = createMemo(() => new Set(values.locations));
  /** Codes below a ticked location: included already (a zone means everything in it). */
  const implied = createMemo(() => {
    const out = new Set<string>();
    const all = rows();
    for (const row of all) {
      const parent = row.location.parent;
      if (parent && (ticked().has(parent) || out.has(parent))) out.add(row.location.code);
    }
    return out;
  });

  const toggle = (code: string) => {
    const next = ticked().has(code)
      ? values.locations.filter((c) => c !== code)
      : [...values.locations, code];
    setValues('locations', next);
  };
  const set =
    (key: 'name' | 'skus' | 'toleranceUnits' | 'tolerancePercent' | 'toleranceValue' | 'counters') =>
    (v: string) =>
      setValues(key, v);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    const id = stocktakeFormId(app.deviceId, token);
    const { connection, release } = app.ws.acquire(stocktakeRoom(id));
    try {
      await connection.whenLocal; // never write before the local copy is there
      const room = new StocktakeRoom(connection.doc, id, null);
      const outcome = createStocktake(
        { ...values, locations: values.locations.filter((c) => !implied().has(c)) },
        {
          room,
          index: props.index,
          catalog,
          stock: app.stock().lines(),
          actor: app.actor(),
          counters: choices()?.map((c) => c.username) ?? null,
        },
      );
      room.destroy();
      if (!outcome.ok) {
        setErrors(outcome.errors);
        return;
      }
      app.notify(`Stocktake “${outcome.definition.name}” created`);
      props.onDone(id);
    } finally {
      release();
      setBusy(false);
    }
  };

  return (
    <form class="card form stocktake-form" onSubmit={submit} noValidate data-testid="stocktake-form">
      <h2>New stocktake</h2>
      <TextField
        label="Name"
        testId="stocktake-form-name"
        value={values.name}
        onValue={set('name')}
        error={errorFor(errors(), 'name')}
        placeholder="e.g. Zone A, March"
        focus
      />
      <div class="field">
        <span class="field-label">What to count</span>
        <fieldset class="segmented" aria-label="Scope">
          <button
            type="button"
            aria-pressed={values.kind === 'locations'}
            data-testid="stocktake-form-kind-locations"
            onClick={() => setValues('kind', 'locations')}
          >
            Locations
          </button>
          <button
            type="button"
            aria-pressed={values.kind === 'items'}
            data-testid="stocktake-form-kind-items"
            onClick={() => setValues('kind', 'items')}
          >
            Items (cycle count)
          </button>
        </fieldset>
      </div>
      <Show when={values.kind === 'items'}>
        <TextAreaField
          label="SKUs or barcodes (one per line, or separated by commas)"
          testId="stocktake-form-skus"
          value={values.skus}
          onValue={set('skus')}
          error={errorFor(errors(), 'skus')}
          rows={3}
        />
      </Show>
      <div class="field">
        <span class="field-label">
          {values.kind === 'items'
            ? 'Only at these locations (none ticked: wherever the items are)'
            : 'Locations — a zone or aisle includes everything in it'}
        </span>
        <ul class="scope-tree" data-testid="stocktake-form-locations">
          <For each={rows()}>
            {(row) => (
              <li style={{ '--depth': row.depth }}>
                <label class="check">
                  <input
                    type="checkbox"
                    data-testid="stocktake-form-location"
                    data-code={row.location.code}
                    checked={ticked().has(row.location.code) || implied().has(row.location.code)}
                    disabled={implied().has(row.location.code)}
                    onChange={() => toggle(row.location.code)}
                  />
                  <strong>{row.location.code}</strong>
                  <span class="muted">
                    {row.location.name ? ` ${row.location.name}` : ''} · {row.location.kind}
                  </span>
                </label>
              </li>
            )}
          </For>
        </ul>
        <Show when={errorFor(errors(), 'locations')}>
          <span class="field-error" role="alert" data-testid="stocktake-form-locations-error">
            {errorFor(errors(), 'locations')}
          </span>
        </Show>
      </div>
      <label class="check big-check">
        <input
          type="checkbox"
          data-testid="stocktake-form-blind"
          checked={values.blind}
          onChange={(e) => setValues('blind', e.currentTarget.checked)}
        />
        Blind count — counters do not see the expected quantities
      </label>
      <fieldset class="grid tolerance" aria-label="Variance tolerance">
        <legend class="field-label">
          Tolerance (each one given must hold; none: only exact counts pass)
        </legend>
        <TextField
          label="± units"
          testId="stocktake-form-tolerance-units"
          inputMode="decimal"
          value={values.toleranceUnits}
          onValue={set('toleranceUnits')}
          error={errorFor(errors(), 'tolerance.units')}
        />
        <TextField
          label="± percent"
          testId="stocktake-form-tolerance-percent"
          inputMode="decimal"
          value={values.tolerancePercent}
          onValue={set('tolerancePercent')}
          error={errorFor(errors(), 'tolerance.percent')}
        />
        <TextField
          label="± value"
          testId="stocktake-form-tolerance-value"
          inputMode="decimal"
          value={values.toleranceValue}
          onValue={set('toleranceValue')}
          error={errorFor(errors(), 'tolerance.value')}
        />
      </fieldset>
      <Show
        when={choices()?.length}
        fallback={
          <p class="muted" data-testid="stocktake-form-counters-unknown">
            The list of people who may count arrives when this device is online; type their usernames
            meanwhile.
          </p>
        }
      >
        <fieldset class="counter-choices" data-testid="stocktake-form-counter-choices">
          <legend>Who counts</legend>
          <For each={choices()}>
            {(c) => (
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="stocktake-form-counter"
                  data-username={c.username}
                  checked={named().has(c.username)}
                  onChange={() => toggleCounter(c.username)}
                />{' '}
                <bdi>{c.username}</bdi> <span class="muted">({c.role})</span>
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <TextField
        label="Counters (usernames, separated by commas)"
        testId="stocktake-form-counters"
        value={values.counters}
        onValue={set('counters')}
        error={errorFor(errors(), 'counters')}
        autocapitalize="none"
        autocomplete="off"
      />
      <Show when={unplacedErrors(errors(), FIELDS).length > 0}>
        <p class="form-error" role="alert" data-testid="stocktake-form-error">
          {unplacedErrors(errors(), FIELDS).join('; ')}
        </p>
      </Show>
      <div class="actions">
        <button
          type="submit"
          class="button primary big"
          data-testid="stocktake-form-submit"
          disabled={busy()}
        >
          Create stocktake
        </button>
        <button
          type="button"
          class="button ghost"
          data-testid="stocktake-form-cancel"
          onClick={() => props.onDone(null)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
