import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { countingStartedAt, type StateEvent } from '@stockroom/shared/stocktake/lifecycle';
import { type Posting, postingMovements } from '@stockroom/shared/stocktake/posting';
import type { StocktakeSummary } from '@stockroom/shared/stocktake/summary';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { downloadText, fileSafe } from '../ui/download.ts';
import { formatMoney, formatQuantity, formatTime } from '../ui/format.ts';
import { LocationBoard } from './LocationBoard.tsx';
import { disagreeing, locationRows, paceSeries, recentPace } from './manager-view.ts';
import { PaceChart } from './PaceChart.tsx';
import { type Presence, presenceList } from './presence.ts';
import { ReportPanel } from './ReportPanel.tsx';
import { RoomSyncBadge } from './RoomSyncBadge.tsx';
import { StocktakeMissing } from './StocktakeMissing.tsx';
import { STATUS_LABEL } from './status-label.ts';
import { canManageStocktakes } from './stocktake-permissions.ts';
import { Throttle } from './throttle.ts';
import { UnknownBarcodes } from './UnknownBarcodes.tsx';
import { useMovementsSince } from './use-ledgers.ts';
import { useExpectedSnapshots, useStocktakeRoom } from './use-room.ts';
import './stocktake.css';

/** The live view recomputes its summary at most twice a second, however fast scans arrive. */
const SUMMARY_INTERVAL_MS = 500;

/**
 * `#/stocktakes/<id>`: the manager's live view of one stocktake — progress, who counts
 * where, pace, running variance, unknown barcodes, recounts — then review, approval
 * (adjustments into the ledger) and the report.
 */
export function ManagerScreen(props: { id: string }) {
  const app = useApp();
  const open = useStocktakeRoom(app.ws, props.id);
  const manager = () => canManageStocktakes(app.session().user.role);
  /** Counters count; the live view (expected quantities, variances) is not theirs to see. */
  const counterOnly = () => app.session().user.role === 'counter';
  const [tab, setTab] = createSignal<'live' | 'report'>('live');
  const [summary, setSummary] = createSignal<StocktakeSummary | null>(null);
  const [presence, setPresence] = createSignal<Presence[]>([]);
  const [preview, setPreview] = createSignal<Posting | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** The reason to post although some locations' counts are not complete ('' until given). */
  const [anyway, setAnyway] = createSignal('');
  const [now, setNow] = createSignal(new Date());

  const startedAt = createMemo(() => {
    open.tick();
    const room = open.model();
    return room ? countingStartedAt(room.states.values()) : null;
  });
  const movements = useMovementsSince(app, startedAt);
  const mayExpect = createMemo(() => {
    open.tick();
    const def = open.model()?.definition();
    return manager() || (counterOnly() && def?.blind === false);
  });
  const snapshots = useExpectedSnapshots(app.ws, props.id, mayExpect);
  const context = () => ({ catalog: app.ws.catalog, movements: movements(), snapshots: snapshots() });

  const throttle = new Throttle(() => {
    const room = open.model();
    setSummary(room ? room.summary(context()) : null);
  }, SUMMARY_INTERVAL_MS);
  createEffect(() => {
    open.tick();
    open.model();
    app.catalogTick();
    movements();
    snapshots();
    throttle.request();
  });
  const clock = setInterval(() => setNow(new Date()), 15_000);
  onCleanup(() => {
    throttle.cancel();
    clearInterval(clock);
  });

  // Presence: everyone's awareness state, validated; the manager shows as watching.
  const awareness = open.connection.awareness;
  const readPresence = () => setPresence(presenceList(awareness.getStates()));
  awareness.on('change', readPresence);
  readPresence();
  if (!counterOnly())
    awareness.setLocalStateField('presence', {
      user: app.session().user.username,
      device: app.deviceId,
      location: null,
      role: 'manager',
      since: new Date().toISOString(),
    } satisfies Presence);
  onCleanup(() => {
    awareness.off('change', readPresence);
    awareness.setLocalStateField('presence', null);
  });

  const def = () => summary()?.definition ?? null;
  const status = () => summary()?.status ?? 'draft';
  const rows = createMemo(() => (summary() ? locationRows(summary()!) : []));
  const pace = createMemo(() => paceSeries(summary()?.pace ?? []));
  const perMinute = createMemo(() => recentPace(summary()?.pace ?? [], now()));
  const counting = createMemo(() => presence().filter((p) => p.role === 'counter'));
  const posted = createMemo(() => {
    open.tick();
    const room = open.model();
    return room
      ? [...room.states.values()].find((s): s is Extract<StateEvent, { to: 'posted' }> => s.to === 'posted')
      : undefined;
  });

  const actor = () => app.actor();
  const act = (what: 'start' | 'close' | 'cancel') => {
    const room = open.model();
    if (!room) return;
    if (what === 'cancel' && !window.confirm('Cancel this stocktake? Counts are kept, nothing is posted.'))
      return;
    const result =
      what === 'start'
        ? room.start({ actor: actor() })
        : what === 'close'
          ? room.close({ actor: actor() })
          : room.cancel({ actor: actor() });
    app.notify(result.ok ? `Stocktake ${STATUS_LABEL[result.value].toLowerCase()}` : result.message);
    throttle.flush();
  };

  const disagreements = createMemo(() => (summary() ? disagreeing(summary()!) : []));
  /** One blind recount per disagreeing verification; the ids come from the verification, so twice adds nothing. */
  const recountDisagreements = () => {
    const room = open.model();
    if (!room) return;
    const result = room.requestRecountsAfterVerification({ actor: actor(), catalog: app.ws.catalog });
    if (!result.ok) return app.notify(result.message);
    const n = result.value.length;
    app.notify(
      n === 0
        ? 'Every disagreement already has its recount'
        : `Recount requested at ${result.value.map((e) => e.location).join(', ')}`,
    );
    throttle.flush();
  };

  const review = () => {
    const room = open.model();
    if (!room) return;
    const result = postingMovements(room.summary(context()), actor());
    if (!result.ok) return app.notify(result.message);
    setAnyway('');
    setPreview(result.value);
  };

  /**
   * Posts the adjustments: opens the ledger room of the period the posting belongs to (the
   * month counting started), waits for its local copy, then approves. The ids are derived
   * from the stocktake and line, so approving twice or on two devices posts one set.
   */
  const approve = async () => {
    const room = open.model();
    const planned = preview();
    if (!room || !planned || busy()) return;
    setBusy(true);
    const { connection, release } = app.ws.acquire(ledgerRoom(planned.period));
    let own: LedgerPeriod | undefined;
    try {
      await connection.whenLocal;
      if (app.ws.ledger.period !== planned.period) own = new LedgerPeriod(connection.doc, planned.period);
      const ledger = own ?? app.ws.ledger;
      const reason = anyway().trim();
      const result = room.approve(() => ledger.movements, {
        ...context(),
        actor: actor(),
        ...(reason ? { postAnyway: reason } : {}),
      });
      if (!result.ok) return app.notify(result.message);
      const { appended, posting, alreadyPosted } = result.value;
      app.notify(
        alreadyPosted
          ? 'Already posted: nothing was added'
          : `Posted ${appended} adjustment${appended === 1 ? '' : 's'} to ${ledgerRoom(posting.period)}`,
      );
      setPreview(null);
      throttle.flush();
    } finally {
      own?.destroy();
      release();
      setBusy(false);
    }
  };

  const downloadCsv = (csv: string) =>
    downloadText(`stocktake-${fileSafe(def()?.name ?? props.id)}-${props.id}.csv`, csv);

  return (
    <section class="screen manager-screen" data-testid="stocktake-screen" data-status={status()}>
      <div class="screen-head">
        <div>
          <a class="muted" href={routeHref({ name: 'stocktakes' })} data-testid="stocktake-back">
            ‹ Stocktakes
          </a>
          <h1 data-testid="stocktake-name">{def()?.name ?? 'Stocktake'}</h1>
          <p class="muted">
            <Show when={def()}>
              <span class={`badge status-${status()}`} data-testid="stocktake-status">
                {STATUS_LABEL[status()]}
              </span>{' '}
            </Show>
            <Show when={def()}>
              {(d) => (
                <>
                  {d().blind ? 'Blind' : 'Not blind'} · by {d().createdBy}, {formatTime(d().createdAt)} ·
                  counters:{' '}
                  <span data-testid="stocktake-counters">{summary()?.counters.join(', ') || 'none'}</span>
                </>
              )}
            </Show>
          </p>
        </div>
        <RoomSyncBadge room={open} testId="stocktake-sync" />
      </div>

      <Show when={open.model() && summary()} fallback={<p class="muted">Opening the stocktake…</p>}>
        <Show when={!def()}>
          <StocktakeMissing id={props.id} testId="stocktake-missing" />
        </Show>
        <Show when={def() && counterOnly()}>
          <div class="empty" data-testid="stocktake-counter-only">
            <h2>The live view is for managers</h2>
            <p>It shows expected quantities, which a blind count keeps from counters.</p>
            <a class="button primary big" href={routeHref({ name: 'stocktake-count', id: props.id })}>
              Count
            </a>
          </div>
        </Show>
        <Show when={def() && !counterOnly()}>
          <div class="actions stocktake-actions">
            <Show when={status() === 'counting' || status() === 'review'}>
              <a
                class="button"
                data-testid="stocktake-count"
                href={routeHref({ name: 'stocktake-count', id: props.id })}
              >
                Count
              </a>
            </Show>
            <Show when={manager()}>
              <Show when={status() === 'draft'}>
                <button
                  type="button"
                  class="button primary"
                  data-testid="stocktake-start"
                  onClick={() => act('start')}
                >
                  Start counting
                </button>
              </Show>
              <Show when={status() === 'counting'}>
                <button
                  type="button"
                  class="button"
                  data-testid="stocktake-close"
                  onClick={() => act('close')}
                >
                  Close counting (review)
                </button>
              </Show>
              <Show when={status() === 'counting' || status() === 'review'}>
                <button type="button" class="button primary" data-testid="stocktake-approve" onClick={review}>
                  Approve…
                </button>
              </Show>
              <Show when={status() !== 'posted' && status() !== 'cancelled'}>
                <button
                  type="button"
                  class="button ghost"
                  data-testid="stocktake-cancel"
                  onClick={() => act('cancel')}
                >
                  Cancel stocktake
                </button>
              </Show>
            </Show>
          </div>

          <Show when={preview()}>
            {(p) => (
              <div
                class="card approve-panel"
                data-testid="stocktake-approve-panel"
                data-count={p().movements.length}
              >
                <h2>Approve and post</h2>
                <p>
                  Posts <strong data-testid="stocktake-approve-count">{p().movements.length}</strong>{' '}
                  adjustment
                  {p().movements.length === 1 ? '' : 's'} to the ledger of {p().period}, dated when counting
                  started ({formatTime(p().at)}).
                </p>
                <Show when={p().warnings.length > 0}>
                  <ul class="warnings" data-testid="stocktake-approve-warnings">
                    <For each={p().warnings}>{(w) => <li>{w}</li>}</For>
                  </ul>
                </Show>
                <Show when={p().incomplete.length > 0}>
                  <div class="notice warning" role="alert" data-testid="stocktake-approve-incomplete">
                    <p>
                      Counts at <strong>{p().incomplete.join(', ')}</strong> are not marked done: they would
                      not be posted. Ask the counters to finish them, or post anyway with a reason (kept in
                      the audit).
                    </p>
                    <label>
                      Reason to post anyway
                      <input
                        type="text"
                        maxlength="500"
                        data-testid="stocktake-approve-anyway"
                        value={anyway()}
                        onInput={(e) => setAnyway(e.currentTarget.value)}
                      />
                    </label>
                  </div>
                </Show>
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>Location</th>
                      <th>Item</th>
                      <th class="num">Adjust</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={p().lines}>
                      {(l) => (
                        <tr
                          data-testid="stocktake-approve-line"
                          data-sku={l.sku}
                          data-location={l.location}
                          data-quantity={l.quantity}
                        >
                          <td>{l.location}</td>
                          <td>
                            {l.sku}
                            {l.lot ? ` · lot ${l.lot}` : ''}
                          </td>
                          <td class="num">
                            {l.quantity > 0 ? '+' : ''}
                            {formatQuantity(l.quantity)}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <div class="actions">
                  <button
                    type="button"
                    class="button primary big"
                    data-testid="stocktake-approve-confirm"
                    disabled={busy() || (p().incomplete.length > 0 && !anyway().trim())}
                    onClick={() => void approve()}
                  >
                    Post {p().movements.length} adjustment{p().movements.length === 1 ? '' : 's'}
                  </button>
                  <button type="button" class="button ghost" onClick={() => setPreview(null)}>
                    Not yet
                  </button>
                </div>
              </div>
            )}
          </Show>

          <Show when={posted()}>
            {(p) => (
              <p
                class="notice"
                data-testid="stocktake-posted"
                data-period={p().period}
                data-count={p().adjustments.length}
              >
                Posted by {p().user}, {formatTime(p().at)}: {p().adjustments.length} adjustment
                {p().adjustments.length === 1 ? '' : 's'} in the ledger of {p().period}.
              </p>
            )}
          </Show>

          <nav class="segmented tabs-inline" aria-label="View">
            <button
              type="button"
              aria-pressed={tab() === 'live'}
              data-testid="stocktake-tab-live"
              onClick={() => setTab('live')}
            >
              Live
            </button>
            <button
              type="button"
              aria-pressed={tab() === 'report'}
              data-testid="stocktake-tab-report"
              onClick={() => setTab('report')}
            >
              Report
            </button>
          </nav>

          <Show when={tab() === 'live'}>
            <div class="stat-grid" data-testid="stocktake-totals">
              <div class="card stat">
                <span class="muted">Locations done</span>
                <strong
                  data-testid="stocktake-progress"
                  data-done={summary()!.progress.done}
                  data-total={summary()!.progress.total}
                >
                  {summary()!.progress.done} / {summary()!.progress.total}
                </strong>
                <StatusBar counts={summary()!.progress} />
              </div>
              <div class="card stat">
                <span class="muted">Variance (units)</span>
                <strong data-testid="stocktake-variance-units" data-value={summary()!.totals.varianceUnits}>
                  {summary()!.totals.varianceUnits > 0 ? '+' : ''}
                  {formatQuantity(summary()!.totals.varianceUnits)}
                </strong>
              </div>
              <div class="card stat">
                <span class="muted">Variance (value)</span>
                <strong data-testid="stocktake-variance-value" data-value={summary()!.totals.varianceValue}>
                  {formatMoney(summary()!.totals.varianceValue)}
                </strong>
              </div>
              <div class="card stat" classList={{ flagged: summary()!.totals.beyondTolerance > 0 }}>
                <span class="muted">Beyond tolerance</span>
                <strong data-testid="stocktake-beyond" data-value={summary()!.totals.beyondTolerance}>
                  {summary()!.totals.beyondTolerance}
                </strong>
              </div>
            </div>

            <div class="manager-grid">
              <div class="card" data-testid="stocktake-presence">
                <h2>Counting now</h2>
                <Show
                  when={counting().length > 0}
                  fallback={<p class="muted">Nobody is connected and counting.</p>}
                >
                  <ul class="plain">
                    <For each={counting()}>
                      {(p) => (
                        <li
                          data-testid="stocktake-presence-row"
                          data-user={p.user}
                          data-location={p.location ?? ''}
                        >
                          <strong>{p.user}</strong>{' '}
                          {p.location ? (
                            <>
                              at <strong>{p.location}</strong>
                            </>
                          ) : (
                            <span class="muted">choosing a location</span>
                          )}
                          <span class="muted"> · device {p.device.slice(0, 6)}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>
              <div class="card" data-testid="stocktake-pace">
                <h2>Pace</h2>
                <PaceChart data={pace()} />
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>Counter</th>
                      <th class="num">Scans</th>
                      <th class="num">Per min (5 min)</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={summary()!.pace}>
                      {(p) => (
                        <tr data-testid="stocktake-pace-row" data-user={p.user} data-scans={p.scans}>
                          <td>{p.user}</td>
                          <td class="num">{p.scans}</td>
                          <td class="num">{perMinute().get(p.user) ?? 0}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </div>

            <Show when={summary()!.areas.length > 0}>
              <div class="card" data-testid="stocktake-areas">
                <h2>Progress by area</h2>
                <ul class="plain area-list">
                  <For each={summary()!.areas}>
                    {(a) => (
                      <li
                        data-testid="stocktake-area"
                        data-code={a.code}
                        data-done={a.done}
                        data-total={a.total}
                      >
                        <span>
                          <strong>{a.code}</strong>{' '}
                          <span class="muted">
                            {a.name !== a.code ? a.name : ''} · {a.kind}
                          </span>
                        </span>
                        <span class="muted">
                          {a.done} / {a.total} done
                        </span>
                        <StatusBar counts={a} />
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </Show>

            <Show when={disagreements().length > 0}>
              <div
                class="card flagged disagreements"
                data-testid="stocktake-disagreements"
                data-count={disagreements().length}
              >
                <p>
                  <strong>Verification disagrees</strong> at {disagreements().join(', ')}: the second count
                  differs from the first beyond tolerance, so the location needs a recount.
                </p>
                <Show when={manager() && (status() === 'counting' || status() === 'review')}>
                  <button
                    type="button"
                    class="button primary"
                    data-testid="stocktake-recount-disagreements"
                    onClick={recountDisagreements}
                  >
                    Request recounts where they disagree
                  </button>
                </Show>
              </div>
            </Show>

            <LocationBoard
              rows={rows()}
              room={open.model()!}
              counters={summary()!.counters}
              manager={manager()}
              counting={status() === 'counting' || status() === 'review'}
              presence={counting()}
              onChanged={() => throttle.flush()}
            />

            <UnknownBarcodes
              unknown={summary()!.unknownBarcodes}
              room={open.model()!}
              manager={manager() && status() !== 'posted' && status() !== 'cancelled'}
              onChanged={() => throttle.flush()}
            />

            <Show when={summary()!.outOfScope.length > 0}>
              <div class="card" data-testid="stocktake-out-of-scope">
                <h2>Counted outside the stocktake</h2>
                <ul class="plain">
                  <For each={summary()!.outOfScope}>
                    {(o) => (
                      <li>
                        {formatQuantity(o.quantity)} × {o.sku} at {o.location}{' '}
                        <span class="muted">
                          (
                          {o.reason === 'location' ? 'location not in scope' : 'item not in this cycle count'}
                          )
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </Show>
          </Show>

          <Show when={tab() === 'report'}>
            <ReportPanel summary={summary()!} onDownload={downloadCsv} />
          </Show>
        </Show>
      </Show>
    </section>
  );
}

/** Not started / counting / done / recount as one stacked bar. */
export function StatusBar(props: {
  counts: { total: number; notStarted: number; counting: number; done: number; recount: number };
}) {
  const pct = (n: number) => (props.counts.total ? `${(n / props.counts.total) * 100}%` : '0%');
  return (
    <div
      class="status-bar"
      role="img"
      aria-label={`${props.counts.done} done, ${props.counts.counting} counting, ${props.counts.recount} recount, ${props.counts.notStarted} not started`}
    >
      <span class="seg seg-done" style={{ width: pct(props.counts.done) }} />
      <span class="seg seg-counting" style={{ width: pct(props.counts.counting) }} />
      <span class="seg seg-recount" style={{ width: pct(props.counts.recount) }} />
    </div>
  );
}
