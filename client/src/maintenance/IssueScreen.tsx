import { randomId } from '@stockroom/shared/ids';
import type { PartRecord } from '@stockroom/shared/maintenance/work-order';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { ManualScanEntry } from '../scanning/ManualScanEntry.tsx';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { countFeedback, type Feedback } from '../stocktake/count-feedback.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { TextField } from '../ui/Field.tsx';
import { formatMoney, formatQuantity, formatTime } from '../ui/format.ts';
import {
  applyIssueScan,
  type IssueState,
  issueUnitCost,
  loadIssueState,
  type PartToPost,
  saveIssueState,
} from './issue-session.ts';
import { MaintenanceGuard, PartLinesTable, WoStatusBadge } from './MaintenanceParts.tsx';
import { canIssueParts } from './maintenance-permissions.ts';
import { useMaintenanceRoom, usePeriodStats } from './use-maintenance.ts';
import { useWorkOrder, useWorkOrderRooms } from './use-work-order.ts';
import { isActive, scanTarget, workOrderNumber } from './work-order-list.ts';
import './maintenance.css';

type LastKind = 'posted' | 'bin' | 'error' | 'switch';
const FEEDBACK: Record<LastKind, Feedback> = {
  posted: 'counted',
  bin: 'location',
  error: 'error',
  switch: 'done',
};

/**
 * `#/work-orders/<id>/issue`: a technician's phone. Scan the job sheet or the asset's tag
 * (another work order opens), the bin, then each part: it is issued at once — a part record
 * in the work order's room and an issue movement in the ledger, both keyed by a request id
 * chosen here, so an offline replay counts once. Returns work the same way in "return" mode.
 */
export function IssueScreen(props: { id: string }) {
  return (
    <MaintenanceGuard>
      <Issuing id={props.id} />
    </MaintenanceGuard>
  );
}

function Issuing(props: { id: string }) {
  const app = useApp();
  const catalog = app.ws.catalog;
  const rooms = useWorkOrderRooms(app);
  const maintenance = useMaintenanceRoom(app.ws);
  const stats = usePeriodStats(app.ws, app.ws.ledger.period);
  const { order, room } = useWorkOrder(rooms, () => props.id);
  const resolver = new ScanResolver(catalog);
  onCleanup(() => resolver.destroy());
  const storage = window.localStorage;
  const [state, setState] = createSignal<IssueState>(loadIssueState(storage));
  createEffect(() => saveIssueState(storage, state()));
  const [binText, setBinText] = createSignal(state().bin ?? '');
  const [last, setLast] = createSignal<{ kind: LastKind; text: string } | null>(null);
  /** An issue refused for want of stock at the bin, kept so it can be issued anyway. */
  const [short, setShort] = createSignal<PartToPost | null>(null);
  const allowed = () => canIssueParts(app.session().user.role);

  const say = (kind: LastKind, text: string) => {
    countFeedback(FEEDBACK[kind]);
    setLast({ kind, text });
  };
  const setBin = (bin: string | null) => setState((s) => ({ ...s, bin }));

  const post = (part: PartToPost, allowNegative: boolean) => {
    const r = room()?.model();
    const o = order();
    if (!r || !o) return;
    const kind = state().mode;
    const now = new Date();
    const ctx = { actor: app.actor(), now };
    const result =
      kind === 'issue'
        ? r.issue(
            o.id,
            {
              ...part,
              unitCost: issueUnitCost(
                stats.model()?.get(part.sku)?.avgCost,
                catalog.items.get(part.sku)?.unitCost,
              ),
            },
            app.ws.ledger.movements,
            { ...ctx, onHand: app.stock().quantity(part.sku, part.location, part.lot), allowNegative },
          )
        : r.returnPart(o.id, part, app.ws.ledger.movements, ctx);
    if (!result.ok) {
      if (result.kind === 'insufficient') setShort(part);
      return say('error', result.message);
    }
    setShort(null);
    setState((s) => ({ ...s, quantity: 1 }));
    const sign = kind === 'issue' ? '−' : '+';
    say(
      'posted',
      `${kind === 'issue' ? 'Issued' : 'Returned'} ${formatQuantity(part.quantity)} ${part.sku} ${sign} ${part.location}`,
    );
  };

  const handleScan = (scan: ScanEvent) => {
    const o = order();
    if (!o) return say('error', 'Still opening the work order: scan again in a moment');
    if (!allowed()) return say('error', 'Your role does not issue parts');
    const m = maintenance.model();
    const target = scanTarget(
      scan.raw,
      [...rooms.orders().values()].map((x) => x.order),
      m ? m.assets.values() : [],
      (code) => m?.assetForBarcode(code),
    );
    const outcome = applyIssueScan({
      state: state(),
      order: o,
      target,
      resolution: resolver.resolve(scan),
      tracking: (sku) => catalog.items.get(sku)?.tracking ?? 'none',
      request: randomId,
    });
    switch (outcome.kind) {
      case 'switch':
        say('switch', 'Opening the scanned work order');
        return app.navigate({ name: 'work-order-issue', id: outcome.id });
      case 'bin':
        setBin(outcome.bin);
        setBinText(outcome.bin);
        return say('bin', `${state().mode === 'issue' ? 'From' : 'Back into'} ${outcome.bin}`);
      case 'post':
        return post(outcome.part, false);
      case 'error':
        return say('error', outcome.message);
    }
  };
  useWedgeScanner(handleScan);

  const records = createMemo(() => {
    const r = room();
    r?.syncTick();
    app.syncTick();
    const o = order();
    const model = r?.model();
    if (!o || !r || !model) return [];
    return [...o.records].reverse().map((x: PartRecord) => ({
      record: x,
      saved:
        r.connection.entrySaved(model.parts.map, x.id) === 'server' &&
        app.ws.ledgerRoom.entrySaved(app.ws.ledger.movements.map, x.movement) !== 'device'
          ? 'server'
          : 'device',
    }));
  });
  const binError = () => {
    const code = binText().trim();
    return code && !catalog.locations.get(code) ? `no location ${code}` : undefined;
  };

  return (
    <section
      class="screen issue-screen"
      data-testid="issue-screen"
      data-id={props.id}
      data-mode={state().mode}
    >
      <div class="count-head">
        <a
          class="button ghost small"
          href={routeHref({ name: 'work-order', id: props.id })}
          data-testid="issue-back"
        >
          ‹ Work order
        </a>
        <div class="count-title">
          <strong data-testid="issue-number" data-number={order()?.number ?? ''}>
            {order() ? workOrderNumber(order()!) : '…'}
          </strong>
          <Show when={order()}>{(o) => <WoStatusBadge order={o()} testId="issue-status" />}</Show>
        </div>
        <RoomsSyncBadge rooms={rooms.rooms} ledger testId="issue-sync" />
      </div>

      <Show
        when={rooms.loaded()}
        fallback={
          <p class="muted" data-testid="issue-loading">
            Opening the work orders stored on this device…
          </p>
        }
      >
        <Show
          when={order()}
          fallback={
            <div class="empty" data-testid="issue-missing">
              <h2>This work order is not on this device yet</h2>
              <p>It arrives as soon as the device is online.</p>
            </div>
          }
        >
          {(o) => (
            <>
              <p>
                <bdi>{o().title}</bdi> · asset <bdi data-testid="issue-asset">{o().asset}</bdi>
              </p>
              <Show when={!allowed()}>
                <p class="notice" data-testid="issue-not-allowed">
                  Your role can look at work orders but not issue parts.
                </p>
              </Show>
              <Show when={allowed() && !isActive(o().status)}>
                <p class="notice" data-testid="issue-closed">
                  This work order is {o().status}: no parts can be issued or returned.
                </p>
              </Show>

              <fieldset class="segmented" aria-label="Issue or return">
                <button
                  type="button"
                  class="button"
                  classList={{ primary: state().mode === 'issue' }}
                  aria-pressed={state().mode === 'issue'}
                  data-testid="issue-mode-issue"
                  onClick={() => setState((s) => ({ ...s, mode: 'issue' }))}
                >
                  Issue parts
                </button>
                <button
                  type="button"
                  class="button"
                  classList={{ primary: state().mode === 'return' }}
                  aria-pressed={state().mode === 'return'}
                  data-testid="issue-mode-return"
                  onClick={() => setState((s) => ({ ...s, mode: 'return' }))}
                >
                  Return unused
                </button>
              </fieldset>

              <div class="grid issue-setup">
                <TextField
                  label={
                    state().mode === 'issue' ? 'From bin (scan its label)' : 'Back into bin (scan its label)'
                  }
                  testId="issue-bin"
                  value={binText()}
                  autocomplete="off"
                  autocapitalize="characters"
                  onValue={(v) => {
                    setBinText(v);
                    const code = v.trim();
                    setBin(code && catalog.locations.get(code) ? code : null);
                  }}
                  error={binError()}
                />
                <TextField
                  label="Quantity per scan"
                  testId="issue-quantity"
                  type="number"
                  inputmode="decimal"
                  min="0"
                  step="any"
                  value={String(state().quantity)}
                  onValue={(v) => setState((s) => ({ ...s, quantity: Number(v) }))}
                  error={state().quantity > 0 ? undefined : 'must be greater than 0'}
                  hint="Back to 1 after each scan"
                />
                <TextField
                  label="Lot / serial (optional)"
                  testId="issue-lot"
                  value={state().lot}
                  maxLength={64}
                  autocomplete="off"
                  onValue={(v) => setState((s) => ({ ...s, lot: v }))}
                />
              </div>

              <Show when={last()}>
                {(l) => (
                  <div
                    class={`last-scan last-${l().kind}`}
                    role="status"
                    data-testid="issue-last"
                    data-kind={l().kind}
                  >
                    <span class="last-text">
                      <strong data-testid="issue-last-text">{l().text}</strong>
                    </span>
                  </div>
                )}
              </Show>
              <Show when={short()}>
                {(p) => (
                  <div class="notice" role="alert" data-testid="issue-short">
                    <p>
                      The ledger on this device has less than {formatQuantity(p().quantity)} of{' '}
                      <bdi>{p().sku}</bdi> at <bdi>{p().location}</bdi>.
                    </p>
                    <button
                      type="button"
                      class="button"
                      data-testid="issue-anyway"
                      onClick={() => post(p(), true)}
                    >
                      Issue anyway
                    </button>
                  </div>
                )}
              </Show>

              <PartLinesTable order={o()} />

              <Show when={records().length > 0}>
                <div class="card" data-testid="issue-records">
                  <h3>Issued and returned</h3>
                  <ul class="plain">
                    <For each={records()}>
                      {(x) => (
                        <li
                          data-testid="issue-record"
                          data-kind={x.record.kind}
                          data-sku={x.record.sku}
                          data-quantity={x.record.quantity}
                          data-location={x.record.location}
                          data-saved={x.saved}
                        >
                          {x.record.kind === 'issue' ? 'Issued' : 'Returned'}{' '}
                          {formatQuantity(x.record.quantity)} <bdi>{x.record.sku}</bdi> ·{' '}
                          <bdi>{x.record.location}</bdi>
                          <Show when={x.record.lot}>
                            {' '}
                            · lot <bdi>{x.record.lot}</bdi>
                          </Show>{' '}
                          · {formatMoney(x.record.quantity * x.record.unitCost)} · <bdi>{x.record.user}</bdi>,{' '}
                          {formatTime(x.record.at)}{' '}
                          <span class="muted">
                            {x.saved === 'server' ? '· on the server' : '· this device only'}
                          </span>
                        </li>
                      )}
                    </For>
                  </ul>
                </div>
              </Show>

              <Show when={allowed() && isActive(o().status)}>
                <details class="manual-entry">
                  <summary>Type a code instead</summary>
                  <ManualScanEntry
                    onScan={handleScan}
                    placeholder="Work order, asset tag, bin or part code"
                  />
                </details>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
