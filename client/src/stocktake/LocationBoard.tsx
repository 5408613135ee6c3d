import type { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { type LocationRow, verifierChoices } from './manager-view.ts';
import type { Presence } from './presence.ts';
import { locationStatusLabel } from './status-label.ts';
import { VerificationPanel } from './VerificationPanel.tsx';

/** Counted vs expected units at a location, as a share for its bar (done is full). */
function fill(row: LocationRow): number {
  if (row.progress.status === 'done') return 1;
  if (row.progress.status === 'not_started') return 0;
  const expected = row.lines.reduce((s, l) => s + Math.max(l.expected, 0), 0);
  const counted = row.lines.reduce((s, l) => s + l.counted, 0);
  if (expected <= 0) return counted > 0 ? 0.5 : 0.05;
  return Math.max(0.05, Math.min(1, counted / expected));
}

/** Every location of the stocktake: status, progress, variance and flags; details, recounts, verifications. */
export function LocationBoard(props: {
  rows: LocationRow[];
  room: StocktakeRoom;
  counters: string[];
  manager: boolean;
  counting: boolean;
  presence: Presence[];
  onChanged: () => void;
}) {
  return (
    <div class="card" data-testid="stocktake-locations">
      <h2>Locations</h2>
      <Show when={props.rows.length > 0} fallback={<p class="muted">No locations in scope yet.</p>}>
        <ul class="plain board">
          <For each={props.rows}>
            {(row) => (
              <LocationItem
                row={row}
                room={props.room}
                counters={props.counters}
                manager={props.manager}
                counting={props.counting}
                here={props.presence.filter((p) => p.location === row.progress.location).map((p) => p.user)}
                onChanged={props.onChanged}
              />
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

function LocationItem(props: {
  row: LocationRow;
  room: StocktakeRoom;
  counters: string[];
  manager: boolean;
  counting: boolean;
  here: string[];
  onChanged: () => void;
}) {
  const app = useApp();
  const [assignee, setAssignee] = createSignal('');
  const [blind, setBlind] = createSignal(true);
  const [verifier, setVerifier] = createSignal('');
  const verifiers = () => verifierChoices(props.counters, props.row.countedBy);
  const latestCheck = () => props.row.verifications[0];
  const p = () => props.row.progress;
  const code = () => p().location;
  const counted = () => props.row.lines.reduce((s, l) => s + l.counted, 0);
  const flagged = () => props.row.beyondTolerance > 0;

  const recount = () => {
    const result = props.room.requestRecount(code(), {
      actor: app.actor(),
      catalog: app.ws.catalog,
      ...(assignee() ? { assignee: assignee() } : {}),
      blind: blind(),
    });
    app.notify(
      result.ok
        ? `Recount of ${code()} requested${assignee() ? ` from ${assignee()}` : ''} (round ${result.value.round})`
        : result.message,
    );
    props.onChanged();
  };
  /** A second count of the location's count by someone else; always blind (see rounds.ts). */
  const verify = () => {
    const who = verifiers().includes(verifier()) ? verifier() : '';
    const result = props.room.requestVerification(code(), {
      actor: app.actor(),
      catalog: app.ws.catalog,
      ...(who ? { assignee: who } : {}),
    });
    app.notify(
      result.ok
        ? `Verification of ${code()} requested${who ? ` from ${who}` : ''} (round ${result.value.round}, blind)`
        : result.message,
    );
    props.onChanged();
  };
  const closeForAll = () => {
    const result = props.room.done(code(), { actor: app.actor(), catalog: app.ws.catalog, forAll: true });
    app.notify(result.ok ? `${code()} closed for everyone` : result.message);
    props.onChanged();
  };

  return (
    <li
      class={`board-row loc-${p().status}`}
      classList={{ flagged: flagged() }}
      data-testid="stocktake-location"
      data-code={code()}
      data-status={p().status}
      data-round={p().activeRound}
      data-counted={counted()}
      data-variance={props.row.varianceUnits}
      data-beyond={props.row.beyondTolerance}
    >
      <details>
        <summary>
          <span class="board-main">
            <strong>{code()}</strong>
            <span class={`badge loc-badge-${p().status}`} data-testid="stocktake-location-status">
              {locationStatusLabel(p())}
              {p().activeRound > 1 ? ` · round ${p().activeRound}` : ''}
            </span>
            <Show when={latestCheck()}>
              {(v) => (
                <span
                  class={`badge verify-${v().result}`}
                  classList={{ flag: v().result === 'disagrees' }}
                  data-testid="stocktake-location-verification"
                  data-result={v().result}
                  data-round={v().round}
                >
                  {v().result === 'pending'
                    ? 'verification running'
                    : v().result === 'agrees'
                      ? '✓ verified'
                      : '⚠ verification disagrees'}
                </span>
              )}
            </Show>
            <Show when={flagged()}>
              <span class="badge flag" data-testid="stocktake-location-flag">
                ⚠ {props.row.beyondTolerance} beyond tolerance
              </span>
            </Show>
            <Show when={props.row.unknown.length > 0}>
              <span class="badge flag">{props.row.unknown.length} unknown</span>
            </Show>
            <Show when={p().emptyConflict}>
              <span class="badge flag">empty but items counted</span>
            </Show>
          </span>
          <span class="board-sub muted">
            {p().scans} scans
            {p().contributors.length ? ` · ${p().contributors.join(', ')}` : ''}
            {p().doneBy.length ? ` · done: ${p().doneBy.join(', ')}` : ''}
            {props.here.length ? ` · here now: ${props.here.join(', ')}` : ''}
            {p().assignees.length ? ` · assigned: ${p().assignees.join(', ')}` : ''}
          </span>
          <span class="board-figures">
            <span data-testid="stocktake-location-variance">
              {props.row.varianceUnits > 0 ? '+' : ''}
              {formatQuantity(props.row.varianceUnits)} u · {formatMoney(props.row.varianceValue)}
            </span>
          </span>
          <span class="loc-bar">
            <span style={{ width: `${fill(props.row) * 100}%` }} />
          </span>
        </summary>
        <div class="board-detail">
          <Show
            when={props.row.lines.length > 0}
            fallback={<p class="muted">Nothing expected or counted yet.</p>}
          >
            <table class="table compact">
              <thead>
                <tr>
                  <th>Item</th>
                  <th class="num">Expected</th>
                  <th class="num">Counted</th>
                  <th class="num">Variance</th>
                  <th class="num">Value</th>
                  <th>Counted by</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.row.lines}>
                  {(l) => (
                    <tr
                      classList={{ flagged: !l.withinTolerance }}
                      data-testid="stocktake-line"
                      data-location={l.location}
                      data-sku={l.sku}
                      data-lot={l.lot ?? ''}
                      data-expected={l.expected}
                      data-counted={l.counted}
                      data-variance={l.variance}
                    >
                      <td>
                        {l.sku}
                        {l.lot ? ` · lot ${l.lot}` : ''}
                        {l.missing ? ' · missing' : ''}
                        {l.unexpected ? ' · unexpected' : ''}
                        {l.movements.length ? ` · ⚠ ${l.movements.length} movement(s) during count` : ''}
                        {l.final ? '' : ' · running'}
                      </td>
                      <td class="num">{l.snapshot ? formatQuantity(l.expected) : '?'}</td>
                      <td class="num">{formatQuantity(l.counted)}</td>
                      <td class="num">
                        {l.variance > 0 ? '+' : ''}
                        {formatQuantity(l.variance)}
                      </td>
                      <td class="num">{formatMoney(l.value)}</td>
                      <td>{l.counters.map((c) => `${c.user} ${formatQuantity(c.quantity)}`).join(', ')}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
          <Show when={props.row.missing.length > 0}>
            <p data-testid="stocktake-missing-items">
              <strong>Expected, none counted:</strong> {props.row.missing.map((l) => l.sku).join(', ')}
            </p>
          </Show>
          <Show when={props.row.unexpected.length > 0}>
            <p data-testid="stocktake-unexpected-items">
              <strong>Found, none expected:</strong> {props.row.unexpected.map((l) => l.sku).join(', ')}
            </p>
          </Show>
          <For each={props.row.verifications}>{(v) => <VerificationPanel verification={v} />}</For>
          <Show when={props.manager && props.counting && props.row.canVerify}>
            <div class="recount-form" data-testid="stocktake-verify-form">
              <label class="field">
                <span class="field-label">Verify by</span>
                <select
                  data-testid="stocktake-verify-assignee"
                  value={verifier()}
                  onChange={(e) => setVerifier(e.currentTarget.value)}
                >
                  <option value="">any other counter</option>
                  <For each={verifiers()}>{(c) => <option value={c}>{c}</option>}</For>
                </select>
              </label>
              <span class="muted">
                Blind second count
                {props.row.countedBy.length ? `, not by ${props.row.countedBy.join(', ')}` : ''}
              </span>
              <button type="button" class="button" data-testid="stocktake-verify" onClick={verify}>
                Request verification
              </button>
            </div>
          </Show>
          <Show when={props.manager && props.counting}>
            <div class="recount-form" data-testid="stocktake-recount-form">
              <label class="field">
                <span class="field-label">Recount by</span>
                <select
                  data-testid="stocktake-recount-assignee"
                  value={assignee()}
                  onChange={(e) => setAssignee(e.currentTarget.value)}
                >
                  <option value="">anyone</option>
                  <For each={props.counters}>{(c) => <option value={c}>{c}</option>}</For>
                </select>
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="stocktake-recount-blind"
                  checked={blind()}
                  onChange={(e) => setBlind(e.currentTarget.checked)}
                />
                Blind
              </label>
              <button type="button" class="button" data-testid="stocktake-recount" onClick={recount}>
                Request recount
              </button>
              <Show when={p().status === 'counting' || p().status === 'recount'}>
                <button
                  type="button"
                  class="button ghost"
                  data-testid="stocktake-close-location"
                  onClick={closeForAll}
                >
                  Close round for everyone
                </button>
              </Show>
            </div>
          </Show>
        </div>
      </details>
    </li>
  );
}
