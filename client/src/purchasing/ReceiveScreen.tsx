import { randomId } from '@stockroom/shared/ids';
import { yearOfOrder } from '@stockroom/shared/purchasing/purchase-order';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { BatchScanner, type BatchVerdict } from '../scanning/BatchScanner.tsx';
import { CameraScanner } from '../scanning/CameraScanner.tsx';
import { ManualScanEntry } from '../scanning/ManualScanEntry.tsx';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { countFeedback, type Feedback } from '../stocktake/count-feedback.ts';
import { Keypad } from '../stocktake/Keypad.tsx';
import { keypadQuantity } from '../stocktake/keypad.ts';
import { RoomSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { TextField } from '../ui/Field.tsx';
import { formatQuantity, formatTime } from '../ui/format.ts';
import { ProgressBar } from './OrderProgressBar.tsx';
import { PurchasingGuard } from './PurchasingGuard.tsx';
import { canReceiveGoods } from './purchasing-permissions.ts';
import {
  applyScan,
  deliveryProblem,
  loadSession,
  MAX_DELIVERY_LENGTH,
  newSession,
  postSession,
  type ReceiveScan,
  type ReceiveSession,
  receiving,
  repeatScan,
  saveSession,
  sessionUnits,
  withLot,
} from './receive-session.ts';
import { canBeReceived, ORDER_STATUS_LABEL, orderNumber, shortId } from './status.ts';
import { usePurchasingRoom } from './use-purchasing.ts';
import './purchasing.css';

type LastKind = 'added' | 'bin' | 'error' | 'lot' | 'posted';

interface LastScan {
  kind: LastKind;
  text: string;
  detail?: string;
}

interface Posted {
  deliveries: string[];
  /** Receipt and movement ids written now (empty: already posted before). */
  receipts: { id: string; movement: string }[];
  units: number;
  alreadyPosted: boolean;
  at: string;
}

const FEEDBACK: Record<LastKind, Feedback> = {
  added: 'counted',
  bin: 'location',
  error: 'error',
  lot: 'unknown',
  posted: 'done',
};

/**
 * `#/purchase-orders/<id>/receive`: receiving a delivery by scan. The delivery id (the
 * delivery note number, or this device's scan-session id) and every scan are kept on this
 * device until posted, so a reload loses nothing and posting again adds nothing. The lines'
 * progress follows the room, so receipts from other devices move it live.
 */
export function ReceiveScreen(props: { id: string }) {
  const year = yearOfOrder(props.id);
  return (
    <Show
      when={year}
      keyed
      fallback={
        <section class="screen">
          <div class="empty" data-testid="receive-missing">
            <h2>Not a purchase order</h2>
          </div>
        </section>
      }
    >
      {(y) => (
        <PurchasingGuard>
          <Receiving id={props.id} year={y} />
        </PurchasingGuard>
      )}
    </Show>
  );
}

function Receiving(props: { id: string; year: number }) {
  const app = useApp();
  const catalog = app.ws.catalog;
  const room = usePurchasingRoom(app.ws, props.year);
  const resolver = new ScanResolver(catalog);
  onCleanup(() => resolver.destroy());
  const storage = window.localStorage;
  const [session, setSession] = createSignal<ReceiveSession>(
    loadSession(storage, props.id) ?? newSession(props.id),
  );
  createEffect(() => saveSession(storage, session()));
  const [binText, setBinText] = createSignal(session().bin ?? '');
  const [keypad, setKeypad] = createSignal('');
  const [lotFor, setLotFor] = createSignal<ReceiveScan | null>(null);
  const [lotText, setLotText] = createSignal('');
  const [last, setLast] = createSignal<LastScan | null>(null);
  const [overConfirmed, setOverConfirmed] = createSignal(false);
  const [posted, setPosted] = createSignal<Posted | null>(null);
  const [error, setError] = createSignal('');
  const [deliveryTouched, setDeliveryTouched] = createSignal(false);
  const [camera, setCamera] = createSignal(false);
  const [batch, setBatch] = createSignal(false);

  const order = createMemo(() => {
    room.tick();
    return room.model()?.order(props.id) ?? null;
  });
  const lines = createMemo(() => {
    const o = order();
    return o ? receiving(o, session()) : [];
  });
  const over = createMemo(() => lines().filter((l) => l.over > 0));
  const skipped = createMemo(() => lines().filter((l) => l.alreadyPosted > 0));
  const adding = createMemo(() => lines().reduce((n, l) => n + l.session, 0));
  // A new over-receipt (another device's receipt arrived, one more scan) needs a new confirmation.
  createEffect(
    on(
      () =>
        over()
          .map((l) => `${l.line}:${l.over}`)
          .join(','),
      () => setOverConfirmed(false),
      { defer: true },
    ),
  );
  const deliveryError = () =>
    deliveryTouched() || session().scans.length > 0 ? deliveryProblem(session().delivery) : null;
  const receivable = () => {
    const o = order();
    return !!o && canBeReceived(o.status);
  };
  const allowed = () => canReceiveGoods(app.session().user.role);
  const binError = () => {
    const code = binText().trim();
    return code && !catalog.locations.get(code) ? `no location ${code}` : undefined;
  };
  const locations = createMemo(() => {
    app.catalogTick();
    return [...catalog.locations.values()]
      .filter((l) => l.active)
      .map((l) => l.code)
      .sort();
  });

  /** `quiet`: batch mode gives one sound per frame itself (BatchScanner), not one per code. */
  const say = (
    kind: LastKind,
    text: string,
    detail?: string,
    source?: ScanEvent['source'],
    quiet = false,
  ) => {
    if (!quiet) countFeedback(FEEDBACK[kind], { sound: !(source === 'camera' && kind === 'added') });
    setLast(detail === undefined ? { kind, text } : { kind, text, detail });
  };
  const setBin = (code: string | null) => {
    setSession((s) => ({ ...s, bin: code }));
  };
  const add = (scan: ReceiveScan, source?: ScanEvent['source'], quiet = false) => {
    setSession((s) => ({ ...s, scans: [...s.scans, scan] }));
    setKeypad('');
    setLotFor(null);
    setPosted(null);
    setError('');
    const packs = scan.pack
      ? `${formatQuantity(scan.quantity / scan.pack)} × pack of ${formatQuantity(scan.pack)}`
      : '';
    const extra = [
      catalog.items.get(scan.sku)?.name,
      packs,
      scan.lot ? `lot ${scan.lot}` : '',
      scan.expiry ? `expires ${scan.expiry}` : '',
      `into ${scan.location}`,
    ].filter(Boolean);
    say('added', `+${formatQuantity(scan.quantity)} ${scan.sku}`, extra.join(' · '), source, quiet);
  };

  const handleScan = (scan: ScanEvent) => {
    const o = order();
    if (!room.model() || !o) return say('error', 'Still opening the order: scan again in a moment');
    if (!allowed()) return say('error', 'Your role does not receive goods');
    if (!receivable())
      return say(
        'error',
        `This order is ${ORDER_STATUS_LABEL[o.status].toLowerCase()}: nothing can be received`,
      );
    const pending = lotFor();
    if (pending) return add(withLot(pending, scan), scan.source);
    if (scan.raw.trim() === o.id)
      return say('bin', `Receiving ${orderNumber(o)}`, 'Scan the bin, then the items');
    const outcome = applyScan(scan, resolver.resolve(scan), {
      order: o,
      bin: session().bin,
      keypad: keypadQuantity(keypad()),
      pending: sessionUnits(session().scans),
      tracking: (sku) => catalog.items.get(sku)?.tracking ?? 'none',
      id: randomId,
    });
    switch (outcome.kind) {
      case 'bin':
        setBin(outcome.bin);
        setBinText(outcome.bin);
        return say(
          'bin',
          `Into ${outcome.bin}`,
          catalog.locations.get(outcome.bin)?.name || undefined,
          scan.source,
        );
      case 'added':
        return add(outcome.scan, scan.source);
      case 'needs-lot':
        setLotFor(outcome.scan);
        setLotText('');
        return say(
          'lot',
          `${outcome.scan.sku}: scan or type the ${outcome.tracking === 'serial' ? 'serial' : 'lot'} number`,
          undefined,
          scan.source,
        );
      case 'error':
        return say('error', outcome.message, undefined, scan.source);
    }
  };
  useWedgeScanner(handleScan, { enabled: () => !camera() && !batch() });

  /** Batch mode: each distinct code of the order in view adds its own scan to the delivery, once. */
  const batchScan = (scan: ScanEvent): BatchVerdict => {
    const o = order();
    if (!room.model() || !o || !allowed() || !receivable())
      return { kind: 'refused', message: 'nothing can be received now' };
    const resolution = resolver.resolve(scan);
    // A bin label in view is not a change of bin: the batch goes into the bin chosen for it.
    if (resolution.kind === 'location' || scan.raw.trim() === o.id)
      return { kind: 'refused', message: 'not an item: not received' };
    const outcome = applyScan(scan, resolution, {
      order: o,
      bin: session().bin,
      keypad: null,
      pending: sessionUnits(session().scans),
      tracking: (sku) => catalog.items.get(sku)?.tracking ?? 'none',
      id: randomId,
    });
    if (outcome.kind === 'added') {
      add(outcome.scan, scan.source, true);
      const { id, sku, quantity, location } = outcome.scan;
      return {
        kind: 'counted',
        label: `+${formatQuantity(quantity)} ${sku} → ${location}`,
        undo: () => removeScan(id),
      };
    }
    if (outcome.kind === 'needs-lot')
      return { kind: 'refused', message: 'needs its lot / serial: scan it on its own' };
    const message = outcome.kind === 'error' ? outcome.message : 'not received';
    return { kind: resolution.kind === 'unknown' ? 'unknown' : 'refused', recorded: false, message };
  };

  const lastScan = () => session().scans.at(-1) ?? null;
  const addFromKeypad = (quantity: number) => {
    const l = lastScan();
    if (!l || !receivable()) return;
    if (catalog.items.get(l.sku)?.tracking === 'serial')
      return say('error', `${l.sku} has serial numbers: scan each unit`);
    add(repeatScan(l, quantity, randomId()));
  };
  const removeScan = (id: string) => setSession((s) => ({ ...s, scans: s.scans.filter((x) => x.id !== id) }));

  const confirm = () => {
    const r = room.model();
    const o = order();
    if (!r || !o) return;
    setDeliveryTouched(true);
    const problem = deliveryProblem(session().delivery);
    if (problem) {
      setError(`Delivery: ${problem}`);
      queueMicrotask(() =>
        document.querySelector<HTMLInputElement>('[data-testid="receive-delivery"]')?.focus(),
      );
      return;
    }
    if (over().length > 0 && !overConfirmed()) {
      setError('More than ordered: confirm the over-receipt first');
      return;
    }
    const s = { ...session(), delivery: session().delivery.trim() };
    const units = adding();
    const result = postSession(r, s, app.ws.ledger.movements, {
      actor: app.actor(),
      allowOver: overConfirmed(),
    });
    if (!result.ok) {
      setError(result.message);
      say('error', result.message);
      return;
    }
    setError('');
    setPosted({
      deliveries: result.deliveries,
      receipts: result.receipts.map((x) => ({ id: x.id, movement: x.movement })),
      units,
      alreadyPosted: result.alreadyPosted,
      at: new Date().toISOString(),
    });
    // The next delivery starts its own session (same bin: the same dock, usually).
    setSession(newSession(props.id, s.bin));
    setDeliveryTouched(false);
    setKeypad('');
    setOverConfirmed(false);
    say(
      'posted',
      result.alreadyPosted
        ? `Delivery ${s.delivery} was already posted: nothing added`
        : `Received ${formatQuantity(units)} (delivery ${s.delivery})`,
    );
  };

  /** Where the posted delivery is: on the server once both its receipts and its stock movements are. */
  const postedSaved = createMemo(() => {
    room.tick();
    room.syncTick();
    app.syncTick();
    app.ledgerTick();
    const p = posted();
    const r = room.model();
    if (!p || !r) return 'device';
    const all = p.receipts.every(
      (x) =>
        room.connection.entrySaved(r.receipts.map, x.id) === 'server' &&
        app.ws.ledgerRoom.entrySaved(app.ws.ledger.movements.map, x.movement) === 'server',
    );
    return all ? 'server' : 'device';
  });
  const deliveries = createMemo(() => {
    room.syncTick();
    const o = order();
    const r = room.model();
    if (!o || !r) return [];
    const by = new Map<
      string,
      { delivery: string; units: number; user: string; at: string; saved: string }
    >();
    for (const x of o.receipts) {
      const d = by.get(x.delivery) ?? {
        delivery: x.delivery,
        units: 0,
        user: x.user,
        at: x.at,
        saved: 'server',
      };
      d.units += x.quantity;
      if (room.connection.entrySaved(r.receipts.map, x.id) !== 'server') d.saved = 'device';
      by.set(x.delivery, d);
    }
    return [...by.values()].reverse();
  });

  return (
    <section
      class="screen receive-screen"
      data-testid="receive-screen"
      data-id={props.id}
      data-bin={session().bin ?? ''}
    >
      <div class="count-head">
        <a
          class="button ghost small"
          href={routeHref({ name: 'purchase-order', id: props.id })}
          data-testid="receive-back"
        >
          ‹ Order
        </a>
        <div class="count-title">
          <strong data-testid="receive-number" data-number={order()?.number ?? ''}>
            {order() ? orderNumber(order()!) : '…'}
          </strong>
          <span class="muted">{shortId(props.id)}</span>
          <Show when={order()}>
            {(o) => (
              <span
                class={`badge po-status-${o().status}`}
                data-testid="receive-status"
                data-status={o().status}
              >
                {ORDER_STATUS_LABEL[o().status]}
              </span>
            )}
          </Show>
        </div>
        <RoomSyncBadge room={room} testId="receive-sync" />
      </div>

      <Show when={room.model()} fallback={<p class="muted">Opening the order stored on this device…</p>}>
        <Show
          when={order()}
          fallback={
            <div class="empty" data-testid="receive-missing">
              <h2>This order is not on this device yet</h2>
              <p>It arrives as soon as the device is online.</p>
            </div>
          }
        >
          {(o) => (
            <>
              <p class="muted">
                From <bdi>{o().supplier}</bdi>
                <Show when={catalog.suppliers.get(o().supplier)?.name}>
                  {(n) => (
                    <>
                      {' '}
                      (<bdi>{n()}</bdi>)
                    </>
                  )}
                </Show>
              </p>
              <Show when={!allowed()}>
                <p class="notice" data-testid="receive-not-allowed">
                  Your role can look at orders but not receive goods.
                </p>
              </Show>
              <Show when={allowed() && !receivable()}>
                <p class="notice" data-testid="receive-not-open">
                  This order is {ORDER_STATUS_LABEL[o().status].toLowerCase()}: nothing can be received
                  against it.
                </p>
              </Show>

              <div class="grid receive-setup">
                <TextField
                  label="Delivery note number"
                  testId="receive-delivery"
                  value={session().delivery}
                  maxLength={MAX_DELIVERY_LENGTH}
                  autocomplete="off"
                  onValue={(v) => {
                    setSession((s) => ({ ...s, delivery: v }));
                    setDeliveryTouched(true);
                  }}
                  error={deliveryError() ?? undefined}
                  hint={
                    /^S-[A-Z2-9]{8}$/.test(session().delivery)
                      ? 'This device’s scan session: type the delivery note number instead if there is one'
                      : 'The same delivery posted again adds nothing'
                  }
                />
                <TextField
                  label="Into bin (scan its label)"
                  testId="receive-bin"
                  value={binText()}
                  list="receive-locations"
                  autocomplete="off"
                  autocapitalize="characters"
                  onValue={(v) => {
                    setBinText(v);
                    const code = v.trim();
                    setBin(code && catalog.locations.get(code) ? code : null);
                  }}
                  error={binError()}
                />
                <datalist id="receive-locations">
                  <For each={locations()}>{(code) => <option value={code} />}</For>
                </datalist>
              </div>

              <Show when={last()}>
                {(l) => (
                  <div
                    class={`last-scan last-${l().kind}`}
                    role="status"
                    data-testid="receive-last"
                    data-kind={l().kind}
                  >
                    <span class="last-text">
                      <strong data-testid="receive-last-text">{l().text}</strong>
                      <Show when={l().detail}>
                        <span>{l().detail}</span>
                      </Show>
                    </span>
                  </div>
                )}
              </Show>

              <Show when={posted()}>
                {(p) => (
                  <div
                    class="card saved-card"
                    role="status"
                    data-testid="receive-posted"
                    data-delivery={p().deliveries.join(' ')}
                    data-count={p().receipts.length}
                    data-already={p().alreadyPosted ? 'true' : 'false'}
                    data-state={postedSaved()}
                  >
                    <span class="saved-dot" aria-hidden="true" />
                    <span data-testid="receive-posted-text">
                      <strong>
                        {p().alreadyPosted
                          ? 'Already posted: nothing added'
                          : postedSaved() === 'server'
                            ? 'Saved on the server'
                            : 'Saved on this device'}
                      </strong>{' '}
                      · delivery <bdi>{p().deliveries[0]}</bdi>
                      {p().deliveries.length > 1 ? ` (${p().deliveries.length} parts)` : ''}
                      {p().alreadyPosted ? '' : `, ${formatQuantity(p().units)} received`}
                    </span>
                  </div>
                )}
              </Show>

              <Show when={lotFor()}>
                {(pending) => (
                  <form
                    class="card lot-prompt"
                    data-testid="receive-lot"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const lot = lotText().trim();
                      if (lot) add(withLot(pending(), { raw: lot }));
                    }}
                  >
                    <label class="field">
                      <span class="field-label">
                        Lot / serial number of <bdi>{pending().sku}</bdi>
                      </span>
                      <input
                        dir="auto"
                        data-testid="receive-lot-input"
                        value={lotText()}
                        maxLength={64}
                        onInput={(e) => setLotText(e.currentTarget.value)}
                        autocomplete="off"
                      />
                    </label>
                    <div class="actions">
                      <button type="submit" class="button primary big" data-testid="receive-lot-submit">
                        Receive {formatQuantity(pending().quantity)}
                      </button>
                      <button type="button" class="button ghost" onClick={() => setLotFor(null)}>
                        Skip
                      </button>
                    </div>
                  </form>
                )}
              </Show>

              <div class="card receive-lines" data-testid="receive-lines">
                <For each={lines()}>
                  {(l) => (
                    <div
                      class="receive-line"
                      classList={{ over: l.over > 0, complete: l.open === 0 }}
                      data-testid="receive-line"
                      data-line={l.line}
                      data-sku={l.sku}
                      data-ordered={l.ordered}
                      data-received={l.received}
                      data-returned={l.returned}
                      data-open={l.open}
                      data-session={l.session}
                      data-over={l.over}
                    >
                      <div class="receive-line-head">
                        <strong>
                          <bdi>{l.sku}</bdi>
                        </strong>
                        <span class="muted">
                          <bdi>{catalog.items.get(l.sku)?.name ?? ''}</bdi>
                        </span>
                        <span class="receive-line-open" data-testid="receive-line-open">
                          {l.open > 0 ? `${formatQuantity(l.open)} open` : 'complete'}
                        </span>
                      </div>
                      <ProgressBar
                        received={Math.max(0, l.received - l.returned)}
                        ordered={l.ordered}
                        adding={l.session}
                        testId="receive-line-progress"
                      />
                      <Show when={l.over > 0}>
                        <span class="field-error" data-testid="receive-line-over">
                          {formatQuantity(l.over)} more than ordered
                        </span>
                      </Show>
                      <Show when={l.alreadyPosted > 0}>
                        <span class="muted" data-testid="receive-line-skipped">
                          {formatQuantity(l.alreadyPosted)} already posted in this delivery: skipped
                        </span>
                      </Show>
                    </div>
                  )}
                </For>
              </div>

              <Show when={receivable() && allowed()}>
                <div class="count-tools receive-tools">
                  <button
                    type="button"
                    class="button big"
                    data-testid="receive-camera"
                    onClick={() => setCamera(true)}
                  >
                    Camera
                  </button>
                  <button
                    type="button"
                    class="button big"
                    data-testid="receive-batch"
                    onClick={() => setBatch(true)}
                  >
                    Batch
                  </button>
                  <button
                    type="button"
                    class="button big"
                    data-testid="receive-clear"
                    disabled={session().scans.length === 0}
                    onClick={() => {
                      setSession((s) => ({ ...s, scans: [] }));
                      setLast(null);
                    }}
                  >
                    Start over
                  </button>
                  <button
                    type="button"
                    class="button primary big"
                    data-testid="receive-confirm"
                    disabled={session().scans.length === 0 || skipped().length + adding() === 0}
                    onClick={confirm}
                  >
                    Confirm delivery
                  </button>
                </div>

                <Show when={over().length > 0}>
                  <div
                    class="notice receive-over"
                    role="alert"
                    data-testid="receive-over"
                    data-lines={over().length}
                  >
                    <p>
                      <strong>More than ordered:</strong>{' '}
                      {over()
                        .map(
                          (l) => `${l.sku} +${formatQuantity(l.over)} (only ${formatQuantity(l.open)} open)`,
                        )
                        .join('; ')}
                    </p>
                    <label class="big-check">
                      <input
                        type="checkbox"
                        data-testid="receive-over-confirm"
                        checked={overConfirmed()}
                        onChange={(e) => setOverConfirmed(e.currentTarget.checked)}
                      />
                      Yes, receive more than ordered
                    </label>
                  </div>
                </Show>
                <Show when={skipped().length > 0}>
                  <p class="notice" data-testid="receive-already">
                    Delivery <bdi>{session().delivery.trim()}</bdi> was already posted for{' '}
                    {skipped()
                      .map((l) => l.sku)
                      .join(', ')}
                    : those scans add nothing.
                  </p>
                </Show>
                <Show when={error()}>
                  <p class="form-error" role="alert" data-testid="receive-error">
                    {error()}
                  </p>
                </Show>

                <Keypad
                  testIdPrefix="receive"
                  text={keypad()}
                  onText={setKeypad}
                  target={lastScan() ? `${lastScan()!.sku} → ${lastScan()!.location}` : null}
                  onAdd={addFromKeypad}
                />
              </Show>

              <Show when={session().scans.length > 0}>
                <div class="card" data-testid="receive-scans">
                  <h3>This delivery, not posted yet</h3>
                  <ul class="plain receive-scan-list">
                    <For each={[...session().scans].reverse()}>
                      {(s) => (
                        <li
                          data-testid="receive-scan"
                          data-id={s.id}
                          data-line={s.line}
                          data-sku={s.sku}
                          data-quantity={s.quantity}
                          data-location={s.location}
                          data-lot={s.lot ?? ''}
                        >
                          <span>
                            +{formatQuantity(s.quantity)} <bdi>{s.sku}</bdi> → <bdi>{s.location}</bdi>
                            <Show when={s.lot}>
                              {(lot) => (
                                <>
                                  {' '}
                                  · lot <bdi>{lot()}</bdi>
                                </>
                              )}
                            </Show>
                            <Show when={s.expiry}> · expires {s.expiry}</Show>
                          </span>
                          <button
                            type="button"
                            class="button ghost small"
                            data-testid="receive-scan-remove"
                            onClick={() => removeScan(s.id)}
                          >
                            Remove
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </div>
              </Show>

              <Show when={deliveries().length > 0}>
                <div class="card" data-testid="receive-deliveries">
                  <h3>Deliveries received</h3>
                  <ul class="plain">
                    <For each={deliveries()}>
                      {(d) => (
                        <li
                          data-testid="receive-delivery-row"
                          data-delivery={d.delivery}
                          data-saved={d.saved}
                        >
                          <bdi>{d.delivery}</bdi>: {formatQuantity(d.units)} by <bdi>{d.user}</bdi>,{' '}
                          {formatTime(d.at)}{' '}
                          <span class="muted">
                            {d.saved === 'server' ? '· on the server' : '· this device only'}
                          </span>
                        </li>
                      )}
                    </For>
                  </ul>
                </div>
              </Show>

              <Show when={receivable() && allowed()}>
                <details class="manual-entry">
                  <summary>Type a code instead</summary>
                  <ManualScanEntry
                    onScan={handleScan}
                    placeholder="Bin or item code, SKU or (01)… GS1 text"
                  />
                </details>
              </Show>
            </>
          )}
        </Show>
      </Show>

      <Show when={batch()}>
        <BatchScanner
          testId="receive-batch"
          onScan={batchScan}
          onClose={() => setBatch(false)}
          context={session().bin ? `into ${session().bin}` : 'choose the bin first'}
        />
      </Show>
      <Show when={camera()}>
        <div class="camera-sheet" data-testid="receive-camera-sheet">
          <CameraScanner onScan={handleScan} repeat />
          <div class="camera-status">
            <Show when={last()} fallback={<p>Point the camera at a label</p>}>
              {(l) => (
                <div class={`last-scan last-${l().kind}`}>
                  <span class="last-text">
                    <strong>{l().text}</strong>
                    <span>{session().bin ? `into ${session().bin}` : 'scan the bin first'}</span>
                  </span>
                </div>
              )}
            </Show>
          </div>
          <button
            type="button"
            class="button primary big"
            data-testid="receive-camera-close"
            onClick={() => setCamera(false)}
          >
            Close camera
          </button>
        </div>
      </Show>
    </section>
  );
}
