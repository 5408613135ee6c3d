import { randomId } from '@stockroom/shared/ids';
import type { Movement, MovementType } from '@stockroom/shared/ledger/movement';
import { unmetSteps } from '@stockroom/shared/procedures/checks';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { useApp } from '../app/app-context.ts';
import { FefoHint } from '../lots/FefoHint.tsx';
import { type FefoAdvice, lotRefusal } from '../lots/lot-view.ts';
import { ChecklistPanel } from '../procedures/ChecklistPanel.tsx';
import { askForApproval, heldRequest } from '../procedures/hold.ts';
import { movementFacts } from '../procedures/movement-facts.ts';
import { useApprovalsRoom, useProcedureSettings, useSettingsRoom } from '../procedures/use-procedures.ts';
import { CameraScanner } from '../scanning/CameraScanner.tsx';
import { scanFeedback } from '../scanning/feedback.ts';
import { NfcReadButton } from '../scanning/NfcControls.tsx';
import { scannerSettings } from '../scanning/scanner-settings.ts';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { TextField } from '../ui/Field.tsx';
import { errorFor, type FieldErrors, focusFirstError, unplacedErrors } from '../ui/form-errors.ts';
import { formatQuantity } from '../ui/format.ts';
import {
  COMMON_ADJUST_REASONS,
  emptyMovementForm,
  type MovementFormValues,
  submitMovement,
} from './movement-form.ts';
import { applyMovementScan, type MovementScanField, type MovementScanResult } from './movement-scan.ts';
import './movement.css';

const TYPES: { type: MovementType; label: string; hint: string }[] = [
  { type: 'receive', label: 'Receive', hint: 'Stock arrives at a location' },
  { type: 'issue', label: 'Issue', hint: 'Stock leaves for use, sale or production' },
  { type: 'transfer', label: 'Transfer', hint: 'Stock moves between locations' },
  { type: 'adjust', label: 'Adjust', hint: 'Correct stock: found, lost, damaged…' },
];
const FIELDS = ['type', 'sku', 'location', 'toLocation', 'quantity', 'lot', 'expiry', 'reason', 'reference'];

const FIELD_IDS: Record<string, MovementScanField> = {
  'move-sku': 'sku',
  'move-location': 'location',
  'move-to-location': 'toLocation',
  'move-quantity': 'quantity',
  'move-lot': 'lot',
};
const SCAN_TEST_IDS: Partial<Record<MovementScanField, string>> = {
  sku: 'move-sku',
  location: 'move-location',
  toLocation: 'move-to-location',
  quantity: 'move-quantity',
  lot: 'move-lot',
};

/** Which form field has the cursor, so a scanned location lands where the person is. */
function focusedField(): MovementScanField {
  const id = document.activeElement?.getAttribute('data-testid') ?? '';
  return FIELD_IDS[id] ?? 'other';
}

/** What was recorded, in a sentence; everything people typed is bidi-isolated. */
function MovementSummary(props: { movement: Movement; unit: string }) {
  const m = () => props.movement;
  const qty = () => (
    <>
      {formatQuantity(Math.abs(m().quantity))} <bdi>{props.unit}</bdi> of <bdi>{m().sku}</bdi>
      <Show when={m().lot}>
        {(lot) => (
          <>
            {' (lot '}
            <bdi>{lot()}</bdi>)
          </>
        )}
      </Show>
    </>
  );
  const at = (word: string) => (
    <>
      {` ${word} `}
      <bdi>{m().location}</bdi>
    </>
  );
  // A function read inside JSX: the sentence follows the latest movement recorded.
  const sentence = () => {
    const movement = m();
    switch (movement.type) {
      case 'receive':
        return (
          <>
            Received {qty()}
            {at('at')}
          </>
        );
      case 'issue':
        return (
          <>
            Issued {qty()}
            {at('from')}
          </>
        );
      case 'transfer':
        return (
          <>
            Moved {qty()}
            {at('from')} to <bdi>{movement.toLocation}</bdi>
          </>
        );
      case 'adjust':
        return (
          <>
            Adjusted {movement.quantity > 0 ? '+' : '−'}
            {qty()}
            {at('at')} (<bdi>{movement.reason}</bdi>)
          </>
        );
    }
  };
  return <>{sentence()}</>;
}

/** Receive, issue, transfer and adjust: one form with a type switch, written to the local ledger. */
export function MovementScreen() {
  const app = useApp();
  const catalog = app.ws.catalog;
  const start = app.route();
  const initial: MovementFormValues =
    start.name === 'move'
      ? { ...emptyMovementForm(start.type), sku: start.sku, location: start.location }
      : emptyMovementForm();
  const [values, setValues] = createStore<MovementFormValues>(initial);
  // One token per opened form: the movement id derives from it, so a double submit records once.
  const [token, setToken] = createSignal(randomId());
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [message, setMessage] = createSignal('');
  const [last, setLast] = createSignal<{ movement: Movement; unit: string } | null>(null);
  const [touched, setTouched] = createSignal(false);
  let skuInput: HTMLInputElement | undefined;
  let formEl: HTMLFormElement | undefined;
  const [camera, setCamera] = createSignal(false);
  const [scanNote, setScanNote] = createSignal<(MovementScanResult & { raw: string }) | null>(null);
  // Procedures (issue 13): the job's checklist, the steps the app checks, held adjustments.
  const procedureSettings = useProcedureSettings(useSettingsRoom(app.ws));
  // Only people who record movements ask for approvals (others may not open the room).
  const approvals = app.canRecord() ? useApprovalsRoom(app.ws, new Date().getUTCFullYear()) : null;
  /** What was scanned first on this form: the bin ('bin') or an item ('item'). */
  const [scanOrder, setScanOrder] = createSignal<'' | 'bin' | 'item'>('');
  const [held, setHeld] = createSignal('');
  const checklist = () => procedureSettings().procedures[values.type];
  const facts = () =>
    movementFacts(values, procedureSettings(), scanOrder(), (item()?.tracking ?? 'none') !== 'none');
  // The item scan's lot/expiry/quantity stay in view after the bin label is scanned.
  const [itemNote, setItemNote] = createSignal('');
  const resolver = new ScanResolver(catalog);
  onCleanup(() => resolver.destroy());

  const item = createMemo(() => {
    app.catalogTick();
    const code = values.sku.trim();
    const sku = code ? catalog.skuForCode(code) : undefined;
    return sku ? catalog.items.get(sku) : undefined;
  });
  const locations = createMemo(() => {
    app.catalogTick();
    return [...catalog.locations.values()]
      .filter((l) => l.active)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  });
  /** As you type: items whose SKU, name, barcode or category match (a 50,000-item catalog offers 20). */
  const itemSuggestions = createMemo(() => {
    app.catalogTick();
    const q = values.sku.trim();
    return q && !item() ? catalog.searchItems(q, 20) : [];
  });
  const onHand = createMemo(() => {
    const i = item();
    const location = values.location.trim();
    if (!i || !location || !catalog.locations.get(location)) return null;
    return app.stock().quantity(i.sku, location, values.lot.trim() || undefined);
  });
  const lotShown = () => (item()?.tracking ?? 'none') !== 'none' || values.lot !== '';
  // A lot's expiry is set at receipt (issue 17), for tracked items only: the ledger refuses it on others.
  const expiryShown = () => values.type === 'receive' && (item()?.tracking ?? 'none') !== 'none';
  const toRecord = (): MovementFormValues => ({
    ...structuredClone(unwrap(values)),
    expiry: expiryShown() ? values.expiry : '',
  });
  const lastSaved = createMemo(() => {
    app.syncTick();
    app.ledgerTick();
    const l = last();
    return l ? app.ws.ledgerRoom.entrySaved(app.ws.ledger.movements.map, l.movement.id) : undefined;
  });

  const set = (key: keyof MovementFormValues) => (v: string) => {
    setValues(key, v as never);
    setTouched(true);
    setMessage('');
  };
  const setType = (type: MovementType) => {
    setValues('type', type);
    setErrors({});
    app.replaceRoute({ name: 'move', type, sku: values.sku, location: values.location });
  };
  // The address decides the type: a link, a bookmark or `location.hash` going from
  // #/move/receive to #/move/issue must never leave the form recording receipts.
  createEffect(
    on(app.route, (route) => {
      if (route.name !== 'move' || route.type === values.type) return;
      setValues('type', route.type);
      setErrors({});
      setMessage('');
    }),
  );
  /** "Issue 5 ea": the button says what it records. */
  const submitLabel = () => {
    const label = TYPES.find((t) => t.type === values.type)?.label ?? 'Record';
    const q = values.quantity.trim();
    return q ? `${label} ${q} ${item()?.unit ?? ''}`.trim() : label;
  };

  /**
   * A scan from any source (handheld scanner anywhere on this screen, camera, NFC): fills the
   * item, location, lot and quantity it identifies; the person checks and submits.
   */
  const handleScan = (scan: ScanEvent) => {
    if (!app.canRecord()) return;
    const result = applyMovementScan(structuredClone(unwrap(values)), resolver.resolve(scan), focusedField());
    setScanNote({ ...result, raw: scan.raw });
    if (result.kind === 'unknown') return;
    if (!scanOrder()) setScanOrder(result.kind === 'location' ? 'bin' : 'item');
    if (result.kind === 'item') setItemNote(result.message);
    scanFeedback(scannerSettings().camera.beep);
    setValues(result.patch);
    setTouched(true);
    setMessage('');
    setErrors({});
    const next = SCAN_TEST_IDS[result.next];
    if (next && !camera())
      queueMicrotask(() => formEl?.querySelector<HTMLInputElement>(`[data-testid="${next}"]`)?.focus());
  };
  useWedgeScanner(handleScan);

  const [lotAdvice, setLotAdvice] = createSignal<FefoAdvice>({ warnings: [] });
  const submit = (e: Event) => {
    e.preventDefault();
    if (!app.canRecord()) return;
    // A second Enter or click right after a save lands on the fresh, empty form: ignore it
    // instead of showing "required" errors for fields nobody has filled in yet.
    if (last() && !touched()) return;
    // What the lots say (FefoHint, from the server): a blocked lot is not issued, an expired one only with a reason.
    const lotProblem = lotRefusal(values.type, lotAdvice(), values.reason);
    if (lotProblem) {
      setErrors({ [lotProblem.field]: lotProblem.message });
      setMessage(lotProblem.message);
      return;
    }
    // The lot step is refused by prepareMovement with its own message on the lot field.
    const unmet = unmetSteps(checklist(), facts()).filter((s) => s.check !== 'lot');
    if (unmet.length) {
      const text = `The procedure says: ${unmet.map((s) => s.text).join('; ')}`;
      setErrors({ procedure: text });
      setMessage(text);
      return;
    }
    // Above its category's threshold, an adjustment waits for a manager instead of changing stock.
    const ask = heldRequest(structuredClone(unwrap(values)), {
      catalog,
      stock: app.ws.ledger.stock(),
      actor: app.actor(),
      settings: procedureSettings(),
      token: token(),
    });
    if (ask) {
      const room = approvals?.model();
      if (!room) {
        setMessage('Still loading the approvals on this device: try again in a moment.');
        setErrors({ procedure: 'Still loading the approvals on this device: try again in a moment.' });
        return;
      }
      askForApproval(room, ask);
      setHeld(`${formatQuantity(Math.abs(ask.adjustment.quantity))} of ${ask.adjustment.sku}: ${ask.why}`);
      setLast(null);
      setErrors({});
      setMessage('');
      setValues({
        ...emptyMovementForm(values.type),
        location: values.location,
        direction: values.direction,
      });
      setToken(randomId());
      setTouched(false);
      setScanOrder('');
      return;
    }
    setHeld('');
    const outcome = submitMovement(toRecord(), {
      catalog,
      ledger: app.ws.ledger,
      // Folded fresh: the shared memo updates on the next frame, which a fast second submit could beat.
      stock: app.ws.ledger.stock(),
      actor: app.actor(),
      token: token(),
    });
    if (!outcome.ok) {
      setErrors(outcome.errors);
      setMessage(outcome.message);
      focusFirstError(formEl);
      return;
    }
    setLast({ movement: outcome.movement, unit: catalog.items.get(outcome.movement.sku)?.unit ?? '' });
    setErrors({});
    setMessage('');
    // Keep the type and the location: people often book several items into one place.
    setValues({ ...emptyMovementForm(values.type), location: values.location, direction: values.direction });
    setToken(randomId());
    setTouched(false);
    setScanOrder('');
    setScanNote(null);
    setItemNote('');
    skuInput?.focus();
  };

  return (
    <section class="screen" data-testid="move-screen" data-type={values.type}>
      <div class="screen-head">
        <h1>Move stock</h1>
      </div>
      <Show when={!app.canRecord()}>
        <p class="notice" data-testid="move-not-allowed">
          Your role can look at stock but not record movements.
        </p>
      </Show>
      <Show when={app.canRecord()}>
        <div class="toolbar scan-tools">
          <button type="button" class="button" data-testid="move-camera" onClick={() => setCamera(true)}>
            Scan with camera
          </button>
          <NfcReadButton onScan={handleScan} />
          <span class="muted">Or scan with a handheld scanner anywhere on this screen.</span>
        </div>
      </Show>
      <Show when={itemNote() && scanNote()?.kind !== 'item' && values.sku.trim()}>
        <p class="scan-note" data-testid="move-scan-item">
          {itemNote()}
        </p>
      </Show>
      <Show when={scanNote()}>
        {(n) => (
          <p
            class="scan-note"
            classList={{ unknown: n().kind === 'unknown' }}
            role="status"
            data-testid="move-scan"
            data-kind={n().kind}
            data-raw={n().raw}
          >
            {n().message}
          </p>
        )}
      </Show>
      <Show when={held()}>
        <p class="notice" role="status" data-testid="move-held">
          Held for a manager’s approval — stock is unchanged until then: <bdi>{held()}</bdi>
        </p>
      </Show>
      <ChecklistPanel checklist={checklist()} facts={facts()} job={values.type} />
      <form
        class="card form"
        onSubmit={submit}
        noValidate
        data-testid="move-form"
        data-token={token()}
        ref={(el) => {
          formEl = el;
        }}
      >
        <fieldset disabled={!app.canRecord()}>
          <fieldset class="segmented types" aria-label="Movement type">
            <For each={TYPES}>
              {(t) => (
                <button
                  type="button"
                  aria-pressed={values.type === t.type}
                  title={t.hint}
                  data-testid={`move-type-${t.type}`}
                  onClick={() => setType(t.type)}
                >
                  {t.label}
                </button>
              )}
            </For>
          </fieldset>
          <p class="muted">{TYPES.find((t) => t.type === values.type)?.hint}</p>
          <div class="grid">
            <TextField
              label="Item (SKU or barcode)"
              testId="move-sku"
              value={values.sku}
              onValue={set('sku')}
              error={errorFor(errors(), 'sku')}
              hint={
                values.sku.trim() ? (
                  item() ? (
                    <>
                      <bdi>{item()!.name}</bdi> · <bdi>{item()!.unit}</bdi>
                    </>
                  ) : (
                    'Unknown item'
                  )
                ) : undefined
              }
              focus={!values.sku}
              autocapitalize="characters"
              autocomplete="off"
              list="move-items"
              ref={(el: HTMLInputElement) => {
                skuInput = el;
              }}
            />
            <TextField
              label={
                values.type === 'receive'
                  ? 'Into location'
                  : values.type === 'adjust'
                    ? 'At location'
                    : 'From location'
              }
              testId="move-location"
              value={values.location}
              onValue={set('location')}
              error={errorFor(errors(), 'location')}
              list="move-locations"
              autocapitalize="characters"
              autocomplete="off"
            />
            <Show when={values.type === 'transfer'}>
              <TextField
                label="To location"
                testId="move-to-location"
                value={values.toLocation}
                onValue={set('toLocation')}
                error={errorFor(errors(), 'toLocation')}
                list="move-locations"
                autocapitalize="characters"
                autocomplete="off"
              />
            </Show>
            <Show when={values.type === 'adjust'}>
              <div class="field">
                <span class="field-label">Change</span>
                <fieldset class="segmented" aria-label="Adjustment direction">
                  <button
                    type="button"
                    aria-pressed={values.direction === 'remove'}
                    data-testid="move-direction-remove"
                    onClick={() => set('direction')('remove')}
                  >
                    − Remove
                  </button>
                  <button
                    type="button"
                    aria-pressed={values.direction === 'add'}
                    data-testid="move-direction-add"
                    onClick={() => set('direction')('add')}
                  >
                    + Add
                  </button>
                </fieldset>
              </div>
            </Show>
            <TextField
              label={
                <>
                  Quantity
                  <Show when={item()}>
                    {(i) => (
                      <>
                        {' ('}
                        <bdi>{i().unit}</bdi>)
                      </>
                    )}
                  </Show>
                </>
              }
              testId="move-quantity"
              inputMode="decimal"
              value={values.quantity}
              onValue={set('quantity')}
              error={errorFor(errors(), 'quantity')}
              focus={!!values.sku}
              autocomplete="off"
            />
            <Show when={lotShown()}>
              <TextField
                label={item()?.tracking === 'serial' ? 'Serial number' : 'Lot / batch'}
                testId="move-lot"
                value={values.lot}
                onValue={set('lot')}
                error={errorFor(errors(), 'lot')}
                autocomplete="off"
              />
            </Show>
            <Show when={expiryShown()}>
              <TextField
                label="Expires (optional)"
                testId="move-expiry"
                type="date"
                value={values.expiry}
                onValue={set('expiry')}
                error={errorFor(errors(), 'expiry')}
                hint="The last day it may be used; a GS1 label fills it"
              />
            </Show>
            <TextField
              label={values.type === 'adjust' ? 'Reason (required)' : 'Reason (optional)'}
              testId="move-reason"
              value={values.reason}
              onValue={set('reason')}
              error={errorFor(errors(), 'reason')}
            />
            <TextField
              label="Reference (PO, work order…)"
              testId="move-reference"
              value={values.reference}
              onValue={set('reference')}
              error={errorFor(errors(), 'reference')}
              autocomplete="off"
            />
          </div>
          <Show when={values.type === 'adjust'}>
            <fieldset class="chips reasons" aria-label="Common reasons">
              <For each={COMMON_ADJUST_REASONS}>
                {(r) => (
                  <button
                    type="button"
                    class="chip"
                    aria-pressed={values.reason === r}
                    data-testid="move-reason-option"
                    data-reason={r}
                    onClick={() => set('reason')(r)}
                  >
                    {r}
                  </button>
                )}
              </For>
            </fieldset>
          </Show>
          <FefoHint
            type={values.type}
            sku={item()?.sku ?? ''}
            location={values.location.trim()}
            lot={values.lot}
            tracked={(item()?.tracking ?? 'none') !== 'none'}
            onUse={set('lot')}
            onAdvice={setLotAdvice}
          />
          <Show when={onHand() !== null}>
            <p class="onhand" data-testid="move-onhand" data-quantity={onHand()}>
              On hand at <bdi>{values.location.trim()}</bdi>
              <Show when={values.lot.trim()}>
                {(lot) => (
                  <>
                    {' (lot '}
                    <bdi>{lot()}</bdi>)
                  </>
                )}
              </Show>
              : <strong>{formatQuantity(onHand() ?? 0)}</strong> <bdi>{item()?.unit}</bdi>
            </p>
          </Show>
          <Show when={message() && unplacedErrors(errors(), FIELDS).length > 0}>
            <p class="form-error" role="alert" data-testid="move-error">
              {unplacedErrors(errors(), FIELDS).join('; ')}
            </p>
          </Show>
          <div class="actions">
            <button type="submit" class="button primary big" data-testid="move-submit">
              {submitLabel()}
            </button>
          </div>
        </fieldset>
        <datalist id="move-locations">
          <For each={locations()}>{(l) => <option value={l.code} label={l.name} />}</For>
        </datalist>
        <datalist id="move-items" data-testid="move-item-suggestions">
          <For each={itemSuggestions()}>{(i) => <option value={i.sku} label={i.name} />}</For>
        </datalist>
      </form>
      <Show when={camera()}>
        <div class="move-camera-sheet" data-testid="move-camera-sheet">
          <CameraScanner onScan={handleScan} />
          <div class="camera-sheet-foot">
            <Show when={scanNote()}>
              {(n) => (
                <p class="scan-note" classList={{ unknown: n().kind === 'unknown' }}>
                  {n().message}
                </p>
              )}
            </Show>
            <button
              type="button"
              class="button primary big"
              data-testid="move-camera-close"
              onClick={() => setCamera(false)}
            >
              Done scanning
            </button>
          </div>
        </div>
      </Show>
      <Show when={last()}>
        {(l) => (
          <div
            class="card saved-card"
            role="status"
            data-testid="move-status"
            data-state={lastSaved() ?? 'device'}
            data-id={l().movement.id}
          >
            <span class="saved-dot" aria-hidden="true" />
            <span>
              <strong data-testid="move-status-text">
                {lastSaved() === 'server' ? 'Saved on the server' : 'Saved on this device'}
              </strong>
              <span class="muted" data-testid="move-status-summary">
                {' '}
                · <MovementSummary movement={l().movement} unit={l().unit} />
              </span>
            </span>
          </div>
        )}
      </Show>
    </section>
  );
}
