import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { voidId } from '@stockroom/shared/stocktake/count-void';
import { acceptsCounts } from '@stockroom/shared/stocktake/lifecycle';
import type { LocationProgress } from '@stockroom/shared/stocktake/progress';
import { sessionId } from '@stockroom/shared/stocktake/session';
import type { StocktakeSummary } from '@stockroom/shared/stocktake/summary';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { BatchScanner, type BatchVerdict } from '../scanning/BatchScanner.tsx';
import { CameraScanner } from '../scanning/CameraScanner.tsx';
import { ManualScanEntry } from '../scanning/ManualScanEntry.tsx';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { formatQuantity } from '../ui/format.ts';
import { countFeedback, type Feedback } from './count-feedback.ts';
import { type ScanAction, scanAction } from './count-scan.ts';
import { Keypad } from './Keypad.tsx';
import { keypadQuantity } from './keypad.ts';
import { LocationPicker } from './LocationPicker.tsx';
import type { Presence } from './presence.ts';
import { type RecentEntry, RecentScans } from './RecentScans.tsx';
import { RoomSyncBadge } from './RoomSyncBadge.tsx';
import { StocktakeMissing } from './StocktakeMissing.tsx';
import { STATUS_LABEL } from './status-label.ts';
import { Throttle } from './throttle.ts';
import { useExpectedSnapshots, useStocktakeRoom } from './use-room.ts';
import './stocktake.css';

type CountAction = Extract<ScanAction, { kind: 'count' }>;

interface LastScan {
  kind: Feedback;
  text: string;
  detail?: string;
  /** The entry this scan recorded: undo right from the banner. */
  entry?: string;
}

/** How many of my latest entries at the location stay on screen, each with its undo. */
const RECENT = 8;
/** Counter screens recompute their summary at most this often (a scan shows at once regardless). */
const SUMMARY_INTERVAL_MS = 400;
const EMPTY_CONFIRM_MS = 5000;

/**
 * `#/stocktakes/<id>/count`: phone-first counting. Scan (wedge anywhere on the screen, the
 * camera, or typed) or pick a location, then scan items. Everything is written to the
 * stocktake room on this device first; each entry shows whether the server has it yet.
 */
export function CountScreen(props: { id: string }) {
  const app = useApp();
  const open = useStocktakeRoom(app.ws, props.id);
  const me = () => app.session().user.username;
  const mySession = () => sessionId(me(), app.deviceId);
  const resolver = new ScanResolver(app.ws.catalog);
  onCleanup(() => resolver.destroy());

  // Kept for the tab's lifetime: a reload (or the phone dropping the page) comes back to the
  // location being counted instead of the location list.
  const locationKey = `stockroom.count-location.${props.id}`;
  const [location, setLocation] = createSignal<string | null>(readSession(locationKey));
  createEffect(() => writeSession(locationKey, location()));
  const [keypad, setKeypad] = createSignal('');
  const [last, setLast] = createSignal<LastScan | null>(null);
  const [target, setTarget] = createSignal<Omit<CountAction, 'quantity' | 'source' | 'kind'> | null>(null);
  const [lotFor, setLotFor] = createSignal<CountAction | null>(null);
  const [lotText, setLotText] = createSignal('');
  const [camera, setCamera] = createSignal(false);
  const [batch, setBatch] = createSignal(false);
  const [confirmEmpty, setConfirmEmpty] = createSignal(false);
  const [summary, setSummary] = createSignal<StocktakeSummary | null>(null);
  let emptyTimer: ReturnType<typeof setTimeout> | undefined;

  // Expected quantities reach a counter only when the stocktake is not blind (the server refuses otherwise).
  const [mayExpect, setMayExpect] = createSignal(false);
  const snapshots = useExpectedSnapshots(app.ws, props.id, mayExpect);
  const throttle = new Throttle(() => {
    const room = open.model();
    setSummary(room ? room.summary({ catalog: app.ws.catalog, snapshots: snapshots() }) : null);
  }, SUMMARY_INTERVAL_MS);
  onCleanup(() => {
    throttle.cancel();
    clearTimeout(emptyTimer);
  });
  createEffect(() => {
    open.tick();
    open.model();
    snapshots();
    app.catalogTick();
    throttle.request();
  });

  const definition = () => summary()?.definition ?? null;
  createEffect(() => setMayExpect(definition()?.blind === false));
  const status = () => summary()?.status ?? 'draft';
  const counting = () => acceptsCounts(status());
  const assigned = () => summary()?.counters.includes(me()) ?? false;
  const progressOf = (code: string | null): LocationProgress | undefined =>
    code === null ? undefined : summary()?.locations.find((l) => l.location === code);
  const here = createMemo(() => progressOf(location()));
  /** Cycle counts without locations: any location of the catalog may hold the items. */
  const anyLocation = () => (definition()?.scope.locations.length ?? 1) === 0;
  const inScope = (code: string) =>
    anyLocation() ? !!app.ws.catalog.locations.get(code) : !!progressOf(code);
  /** Round 1 follows the stocktake's setting until something happens at the location; recounts are blind by default. */
  const blindHere = () => {
    const code = location();
    if (code !== null && summary()?.folds.has(code)) return here()?.blind ?? true;
    return definition()?.blind ?? true;
  };
  const doneByMe = () => here()?.doneBy.includes(me()) ?? false;
  const locationClosed = () => here()?.status === 'done' || doneByMe();

  // Presence: who counts where, for the manager's live view (awareness: never stored).
  const awareness = open.connection.awareness;
  createEffect(() => {
    const presence: Presence = {
      user: me(),
      device: app.deviceId,
      location: location(),
      role: 'counter',
      since: new Date().toISOString(),
    };
    awareness.setLocalStateField('presence', presence);
  });
  onCleanup(() => awareness.setLocalStateField('presence', null));

  /** `quiet`: batch mode gives one sound per frame itself (BatchScanner), not one per code. */
  const feedback = (
    kind: Feedback,
    text: string,
    detail?: string,
    source?: ScanEvent['source'],
    quiet = false,
  ) => {
    // The camera beeps by itself on every accepted code: only add our sound when it says more.
    if (!quiet) countFeedback(kind, { sound: !(source === 'camera' && kind === 'counted') });
    setLast(detail === undefined ? { kind, text } : { kind, text, detail });
  };

  const itemLabel = (a: {
    sku?: string | undefined;
    barcode?: string | undefined;
    lot?: string | undefined;
  }) => {
    const lot = a.lot ? ` · lot ${a.lot}` : '';
    if (a.sku !== undefined) return `${a.sku}${lot}`;
    return `unknown ${a.barcode}${lot}`;
  };

  const selectLocation = (code: string, source?: ScanEvent['source']) => {
    setLocation(code);
    setTarget(null);
    setLotFor(null);
    setConfirmEmpty(false);
    const p = progressOf(code);
    const name = app.ws.catalog.locations.get(code)?.name;
    feedback('location', `Counting ${code}`, name || undefined, source);
    const verifying = p?.activeKind === 'verify' && p.verification === 'pending';
    if (p && (p.status === 'recount' || verifying) && p.assignees.length && !p.assignees.includes(me()))
      setLast({
        kind: 'error',
        text: `${verifying ? 'Verification' : 'Recount'} of ${code} is assigned to ${p.assignees.join(', ')}`,
      });
  };

  const record = (
    action: CountAction,
    source?: ScanEvent['source'],
    quiet = false,
  ): { id: string; label: string; unknown: boolean } | { error: string } => {
    const room = open.model();
    const code = location();
    if (!room || code === null) return { error: 'Scan or pick a location first' };
    const result = room.count(
      {
        location: code,
        ...(action.sku !== undefined ? { sku: action.sku } : { barcode: action.barcode }),
        quantity: action.quantity,
        ...(action.lot !== undefined ? { lot: action.lot } : {}),
        source: action.source,
      },
      { actor: app.actor(), catalog: app.ws.catalog },
    );
    if (!result.ok) {
      if (result.fields.some((f) => f.path === 'lot') && action.lot === undefined) {
        setLotFor(action);
        setLotText('');
        feedback('error', `${action.sku}: scan or type the lot / serial number`, undefined, source, quiet);
        return { error: 'needs its lot / serial number: scan it on its own' };
      }
      feedback('error', result.message, undefined, source, quiet);
      return { error: result.message };
    }
    setKeypad('');
    setLotFor(null);
    const { entry } = result.value;
    setTarget({
      ...(entry.sku !== undefined ? { sku: entry.sku } : { barcode: entry.barcode }),
      ...(entry.lot !== undefined ? { lot: entry.lot } : {}),
    });
    const item = entry.sku !== undefined ? app.ws.catalog.items.get(entry.sku) : undefined;
    const packs =
      action.pack !== undefined
        ? `${formatQuantity(entry.quantity / action.pack)} × pack of ${formatQuantity(action.pack)}`
        : undefined;
    feedback(
      entry.sku === undefined ? 'unknown' : 'counted',
      `+${formatQuantity(entry.quantity)} ${itemLabel(entry)}`,
      entry.sku === undefined
        ? 'Unknown barcode recorded: a manager will assign it to an item'
        : [item?.name, packs].filter(Boolean).join(' · ') || undefined,
      source,
      quiet,
    );
    setLast((l) => (l ? { ...l, entry: entry.id } : l));
    throttle.flush();
    const label = `+${formatQuantity(entry.quantity)} ${itemLabel(entry)}`;
    return { id: entry.id, label, unknown: entry.sku === undefined };
  };

  /** Batch mode: each distinct code in view counts once at this location, each its own entry. */
  const batchScan = (scan: ScanEvent): BatchVerdict => {
    if (!open.model() || !summary() || !counting() || locationClosed())
      return { kind: 'refused', message: 'nothing can be counted here now' };
    const resolution = resolver.resolve(scan);
    // A bin label in view is not a move: the batch counts into the location chosen for it.
    if (resolution.kind === 'location') return { kind: 'refused', message: 'location label: not counted' };
    const action = scanAction(scan, resolution, { location: location(), inScope, keypad: null });
    if (action.kind !== 'count')
      return { kind: 'refused', message: action.kind === 'error' ? action.message : '' };
    const done = record(action, scan.source, true);
    if ('error' in done) return { kind: 'refused', message: done.error };
    return { kind: done.unknown ? 'unknown' : 'counted', label: done.label, undo: () => undo(done.id) };
  };

  const handleScan = (scan: ScanEvent) => {
    if (!open.model() || !summary()) {
      feedback('error', 'Still opening the stocktake: scan again in a moment', undefined, scan.source);
      return;
    }
    if (!counting()) {
      feedback('error', `This stocktake is ${STATUS_LABEL[status()].toLowerCase()}: nothing can be counted`);
      return;
    }
    const pendingLot = lotFor();
    if (pendingLot) {
      const lot = scan.gs1?.lot ?? scan.gs1?.serial ?? scan.raw.trim();
      record({ ...pendingLot, lot }, scan.source);
      return;
    }
    const action = scanAction(scan, resolver.resolve(scan), {
      location: location(),
      inScope,
      keypad: keypadQuantity(keypad()),
    });
    if (action.kind === 'error') return feedback('error', action.message, undefined, scan.source);
    if (action.kind === 'location') return selectLocation(action.location, scan.source);
    if (locationClosed()) {
      feedback(
        'error',
        doneByMe() ? `You marked ${location()} done` : `${location()} is done`,
        'A manager can request a recount',
        scan.source,
      );
      return;
    }
    record(action, scan.source);
  };

  useWedgeScanner(handleScan, { enabled: () => !camera() && !batch() });

  const addFromKeypad = (quantity: number) => {
    const t = target();
    if (!t || !counting() || locationClosed()) return;
    record({ kind: 'count', ...t, quantity, source: 'keypad' });
  };

  const markDone = () => {
    const room = open.model();
    const code = location();
    if (!room || code === null) return;
    const verifying = here()?.activeKind === 'verify';
    const result = room.done(code, { actor: app.actor(), catalog: app.ws.catalog });
    if (!result.ok) return feedback('error', result.message);
    if (verifying) recountIfDisagreeing();
    feedback('done', `${code} done`, 'Scan or pick the next location');
    setLocation(null);
    setTarget(null);
    throttle.flush();
  };

  /**
   * The verification this device just finished may disagree with the count it checks: the
   * recount it calls for is requested right away, so nobody counts into the closed round.
   * Its id comes from the verification, so the manager's device doing the same adds nothing.
   * Nothing is shown here: the verifier counts blind and is not told how the counts compare.
   */
  const recountIfDisagreeing = () => {
    open.model()?.requestRecountsAfterVerification({ actor: app.actor(), catalog: app.ws.catalog });
  };

  const markEmpty = () => {
    const room = open.model();
    const code = location();
    if (!room || code === null) return;
    const verifying = here()?.activeKind === 'verify';
    if (!confirmEmpty()) {
      setConfirmEmpty(true);
      clearTimeout(emptyTimer);
      emptyTimer = setTimeout(() => setConfirmEmpty(false), EMPTY_CONFIRM_MS);
      return;
    }
    setConfirmEmpty(false);
    const result = room.confirmEmpty(code, { actor: app.actor(), catalog: app.ws.catalog });
    if (!result.ok) return feedback('error', result.message);
    if (verifying) recountIfDisagreeing();
    feedback('done', `${code} confirmed empty`, 'Scan or pick the next location');
    setLocation(null);
    setTarget(null);
    throttle.flush();
  };

  const undo = (entryId: string) => {
    const room = open.model();
    if (!room) return;
    const entry = room.entries.get(entryId);
    const result = room.voidEntry(entryId, { actor: app.actor() });
    if (!result.ok) return feedback('error', result.message);
    feedback(
      'counted',
      `Undone: ${entry ? `+${formatQuantity(entry.quantity)} ${itemLabel(entry)}` : entryId}`,
    );
    throttle.flush();
  };

  const recent = createMemo<RecentEntry[]>(() => {
    open.tick();
    open.syncTick();
    const room = open.model();
    const code = location();
    const round = here()?.activeRound ?? 1;
    if (!room || code === null) return [];
    const session = mySession();
    const mine = [...room.entries.values()].filter(
      (e) => e.session === session && e.location === code && e.round === round,
    );
    const clock = (id: string) => room.entries.map._map.get(id)?.id.clock ?? 0;
    mine.sort((a, b) => (a.at === b.at ? clock(b.id) - clock(a.id) : a.at < b.at ? 1 : -1));
    return mine.slice(0, RECENT).map((e) => ({
      id: e.id,
      label: itemLabel(e),
      quantity: e.quantity,
      at: e.at,
      unknown: e.sku === undefined,
      voided: room.voids.has(voidId(room.id, e.id)),
      saved: open.connection.entrySaved(room.entries.map, e.id) ?? 'device',
    }));
  });

  /** Team totals at this location in the active round (counters working together sum). */
  const totals = createMemo(() => {
    const code = location();
    const fold = code === null ? undefined : summary()?.folds.get(code);
    const round = fold?.rounds.at(-1);
    return (round?.totals ?? []).map((t) => ({
      label: itemLabel(t.item),
      sku: t.item.sku ?? '',
      barcode: t.item.barcode ?? '',
      lot: t.item.lot ?? '',
      total: t.units / 10_000,
      mine: (t.byCounter.find((c) => c.user === me())?.units ?? 0) / 10_000,
    }));
  });
  /** Expected quantities: shown only when the round is not blind. */
  const expected = createMemo(() => {
    const code = location();
    const p = here();
    if (code === null || !p || blindHere()) return null;
    const fold = summary()?.folds.get(code);
    const snapshot = fold?.rounds.findLast((r) => r.snapshot)?.snapshot;
    if (!snapshot) return 'pending' as const; // the server takes it once this location's start reaches it
    return snapshot.expected.map((l) => ({
      label: `${l.sku}${l.lot ? ` · lot ${l.lot}` : ''}`,
      quantity: l.quantity,
    }));
  });

  const expectedLines = () => {
    const e = expected();
    return Array.isArray(e) ? e : null;
  };

  return (
    <section
      class="screen count-screen"
      data-testid="count-screen"
      data-location={location() ?? ''}
      data-status={status()}
    >
      <div class="count-head">
        <a class="button ghost small" href={routeHref({ name: 'stocktakes' })} data-testid="count-back">
          ‹ Stocktakes
        </a>
        <div class="count-title">
          <h1 class="count-name" data-testid="count-name">
            {definition()?.name ?? '…'}
          </h1>
          <Show when={definition()}>
            <span class={`badge status-${status()}`} data-testid="count-status">
              {STATUS_LABEL[status()]}
            </span>
          </Show>
        </div>
        <RoomSyncBadge room={open} testId="count-sync" pendingLabel={(n) => `${n} on this device only`} />
      </div>

      <Show when={open.model() && summary()} fallback={<p class="muted">Opening the stocktake…</p>}>
        <Show when={!definition()}>
          <StocktakeMissing id={props.id} testId="count-missing" />
        </Show>
        <Show when={definition() && !counting()}>
          <p class="notice" data-testid="count-not-counting">
            {status() === 'draft'
              ? 'Counting has not started yet. It starts when a manager starts it.'
              : `This stocktake is ${STATUS_LABEL[status()].toLowerCase()}: nothing more can be counted.`}
          </p>
        </Show>
        <Show when={definition() && counting() && !assigned()}>
          <p class="notice" data-testid="count-not-assigned">
            You are not assigned to this stocktake: the server keeps only counts of assigned counters.
          </p>
        </Show>

        <Show when={last()}>
          {(l) => (
            <div
              class={`last-scan last-${l().kind}`}
              role="status"
              data-testid="count-last"
              data-kind={l().kind}
            >
              <span class="last-text">
                <strong data-testid="count-last-text">{l().text}</strong>
                <Show when={l().detail}>
                  <span>{l().detail}</span>
                </Show>
              </span>
              <Show when={l().entry && !recent().find((e) => e.id === l().entry)?.voided}>
                <button
                  type="button"
                  class="button undo"
                  data-testid="count-last-undo"
                  disabled={!counting()}
                  onClick={() => undo(l().entry!)}
                >
                  Undo
                </button>
              </Show>
            </div>
          )}
        </Show>

        <Show when={lotFor()}>
          {(pending) => (
            <form
              class="card lot-prompt"
              data-testid="count-lot"
              onSubmit={(e) => {
                e.preventDefault();
                const lot = lotText().trim();
                if (lot) record({ ...pending(), lot });
              }}
            >
              <label class="field">
                <span class="field-label">Lot / serial number of {pending().sku}</span>
                <input
                  data-testid="count-lot-input"
                  value={lotText()}
                  onInput={(e) => setLotText(e.currentTarget.value)}
                  autocomplete="off"
                />
              </label>
              <div class="actions">
                <button type="submit" class="button primary big" data-testid="count-lot-submit">
                  Count {formatQuantity(pending().quantity)}
                </button>
                <button type="button" class="button ghost" onClick={() => setLotFor(null)}>
                  Skip
                </button>
              </div>
            </form>
          )}
        </Show>

        <Show
          when={location()}
          fallback={
            <Show when={definition() && counting()}>
              <LocationPicker
                locations={summary()?.locations ?? []}
                me={me()}
                anyLocation={anyLocation()}
                onPick={(code) => selectLocation(code)}
              />
            </Show>
          }
        >
          {(code) => (
            <div
              class="counting"
              data-testid="count-location"
              data-code={code()}
              data-round={here()?.activeRound ?? 1}
            >
              <div class="location-banner">
                <div>
                  <strong class="location-code" data-testid="count-location-code">
                    {code()}
                  </strong>
                  <span class="muted">
                    {(here()?.activeRound ?? 1) === 1
                      ? 'first count'
                      : here()?.activeKind === 'verify'
                        ? `verification round ${here()?.activeRound}`
                        : `recount round ${here()?.activeRound}`}
                    {blindHere() ? ' · blind' : ''}
                  </span>
                </div>
                <button
                  type="button"
                  class="button"
                  data-testid="count-change-location"
                  onClick={() => {
                    setLocation(null);
                    setTarget(null);
                  }}
                >
                  Change
                </button>
              </div>
              <Show when={locationClosed()}>
                <p class="notice" data-testid="count-location-closed">
                  {doneByMe() ? `You marked ${code()} done.` : `${code()} is done.`} A manager can request a
                  recount.
                </p>
              </Show>

              <div class="count-tools">
                <button
                  type="button"
                  class="button big"
                  data-testid="count-camera"
                  onClick={() => setCamera(true)}
                  disabled={!counting() || locationClosed()}
                >
                  <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" class="icon">
                    <path
                      fill="currentColor"
                      d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9Zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"
                    />
                  </svg>
                  Camera
                </button>
                <button
                  type="button"
                  class="button big"
                  data-testid="count-batch"
                  onClick={() => setBatch(true)}
                  disabled={!counting() || locationClosed()}
                >
                  Batch
                </button>
                <button
                  type="button"
                  class="button big"
                  classList={{ danger: confirmEmpty() }}
                  data-testid="count-empty"
                  data-confirm={confirmEmpty() ? 'true' : 'false'}
                  onClick={markEmpty}
                  disabled={!counting() || locationClosed() || totals().some((t) => t.mine > 0)}
                >
                  {confirmEmpty() ? `Yes, ${code()} is empty` : 'Location empty'}
                </button>
                <button
                  type="button"
                  class="button primary big"
                  data-testid="count-done"
                  onClick={markDone}
                  disabled={!counting() || locationClosed() || recent().length === 0}
                >
                  Location done
                </button>
              </div>

              <Keypad
                testIdPrefix="count"
                text={keypad()}
                onText={setKeypad}
                target={target() ? itemLabel(target()!) : null}
                onAdd={addFromKeypad}
                disabled={!counting() || locationClosed()}
              />

              <RecentScans entries={recent()} onUndo={undo} disabled={!counting()} />

              <div class="card count-totals" data-testid="count-totals">
                <h3>Counted at {code()}</h3>
                <Show when={totals().length > 0} fallback={<p class="muted">Nothing counted here yet.</p>}>
                  <table class="table">
                    <thead>
                      <tr>
                        <th>Item</th>
                        <th class="num">Team</th>
                        <th class="num">You</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={totals()}>
                        {(t) => (
                          <tr
                            data-testid="count-total"
                            data-sku={t.sku}
                            data-barcode={t.barcode}
                            data-lot={t.lot}
                            data-total={t.total}
                            data-mine={t.mine}
                          >
                            <td>{t.label}</td>
                            <td class="num">{formatQuantity(t.total)}</td>
                            <td class="num">{formatQuantity(t.mine)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </Show>
                <Show when={expected() === 'pending'}>
                  <p class="muted" data-testid="count-expected-pending">
                    Expected quantities show here once you have counted something at this location and the
                    server has it.
                  </p>
                </Show>
                <Show when={expectedLines()}>
                  {(lines) => (
                    <div data-testid="count-expected">
                      <h3>Expected (not a blind count)</h3>
                      <ul class="plain">
                        <For each={lines()}>
                          {(l) => (
                            <li>
                              {l.label}: <strong>{formatQuantity(l.quantity)}</strong>
                            </li>
                          )}
                        </For>
                      </ul>
                    </div>
                  )}
                </Show>
              </div>
            </div>
          )}
        </Show>

        <Show when={counting()}>
          <details class="manual-entry">
            <summary>Type a code instead</summary>
            <ManualScanEntry onScan={handleScan} placeholder="Location or item code, SKU or (01)… GS1 text" />
          </details>
        </Show>
      </Show>

      <Show when={batch()}>
        <BatchScanner
          testId="count-batch"
          onScan={batchScan}
          onClose={() => setBatch(false)}
          context={location() ? `at ${location()}` : 'no location yet'}
        />
      </Show>
      <Show when={camera()}>
        <div class="camera-sheet" data-testid="count-camera-sheet">
          <CameraScanner onScan={handleScan} repeat />
          <div class="camera-status">
            <Show when={last()} fallback={<p>Point the camera at a label</p>}>
              {(l) => (
                <div class={`last-scan last-${l().kind}`} data-testid="count-camera-last">
                  <span class="last-text">
                    <strong>{l().text}</strong>
                    <span>{location() ? `at ${location()}` : 'no location yet'}</span>
                  </span>
                  <Show when={l().entry && !recent().find((e) => e.id === l().entry)?.voided}>
                    <button type="button" class="button undo" onClick={() => undo(l().entry!)}>
                      Undo
                    </button>
                  </Show>
                </div>
              )}
            </Show>
          </div>
          <button
            type="button"
            class="button primary big"
            data-testid="count-camera-close"
            onClick={() => setCamera(false)}
          >
            Close camera
          </button>
        </div>
      </Show>
    </section>
  );
}

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null; // storage disabled: start from the location list
  }
}

function writeSession(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage disabled or full: the location is simply not restored after a reload
  }
}
