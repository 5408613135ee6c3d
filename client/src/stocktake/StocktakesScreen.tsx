import type { StocktakeIndexEntry } from '@stockroom/shared/stocktake/stocktake-index';
import type { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { formatTime } from '../ui/format.ts';
import { type Assignment, assignmentFor, assignmentsText } from './assignment.ts';
import { CreateStocktakeForm } from './CreateStocktakeForm.tsx';
import { STATUS_LABEL } from './status-label.ts';
import { canManageStocktakes } from './stocktake-permissions.ts';
import { Throttle } from './throttle.ts';
import { useStocktakeIndex, useStocktakeRoom } from './use-room.ts';
import './stocktake.css';

/** Each listed stocktake opens its own room (status and counters live there): list the newest only. */
const LIST_LIMIT = 40;

/** `#/stocktakes`: a counter's assigned stocktakes; every stocktake for managers, who create them here. */
export function StocktakesScreen() {
  const app = useApp();
  const index = useStocktakeIndex(app.ws);
  const manager = () => canManageStocktakes(app.session().user.role);
  const [creating, setCreating] = createSignal(false);
  const [showAll, setShowAll] = createSignal(false);
  const [visible, setVisible] = createSignal<ReadonlySet<string>>(new Set());

  const entries = createMemo(() => {
    index.tick();
    const list = index.model()?.list() ?? [];
    return showAll() ? list : list.slice(0, LIST_LIMIT);
  });
  const total = createMemo(() => {
    index.tick();
    return index.model()?.list().length ?? 0;
  });
  /** The server has answered this device's index at least once on the current connection. */
  const synced = () => {
    index.syncTick();
    return index.connection.statusSnapshot.synced;
  };
  const report = (id: string, shown: boolean) =>
    setVisible((prev) => {
      if (prev.has(id) === shown) return prev;
      const next = new Set(prev);
      if (shown) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section class="screen stocktakes" data-testid="stocktakes-screen">
      <div class="screen-head">
        <h1>Stocktakes</h1>
        <Show when={manager() && !creating()}>
          <button
            type="button"
            class="button primary"
            data-testid="stocktakes-new"
            onClick={() => setCreating(true)}
          >
            New stocktake
          </button>
        </Show>
      </div>
      <Show when={creating() && index.model()}>
        {(idx) => (
          <CreateStocktakeForm
            index={idx()}
            onDone={(id) => {
              setCreating(false);
              if (id) app.navigate({ name: 'stocktake', id });
            }}
          />
        )}
      </Show>
      <Show
        when={index.model()}
        fallback={
          <p class="muted" data-testid="stocktakes-loading">
            Opening the stocktakes stored on this device…
          </p>
        }
      >
        <ul class="stocktake-list" data-testid="stocktakes-list">
          <For each={entries()}>
            {(entry) => <StocktakeCard entry={entry} manager={manager()} onVisible={report} />}
          </For>
        </ul>
        <Show when={visible().size === 0 && total() === 0 && !synced()}>
          <div class="empty" data-testid="stocktakes-empty" data-reason="not-synced">
            <h2>The stocktakes arrive when this device is online</h2>
            <p>This device has not received the list from the server yet.</p>
          </div>
        </Show>
        <Show when={visible().size === 0 && (total() > 0 || synced())}>
          <div class="empty" data-testid="stocktakes-empty" data-reason="none">
            <Show
              when={manager()}
              fallback={
                <>
                  <h2>No stocktakes for you</h2>
                  <p>When a manager assigns you to a stocktake it shows here, ready to count.</p>
                </>
              }
            >
              <h2>No stocktakes yet</h2>
              <p>Create one to count locations, zones or a few items (a cycle count).</p>
            </Show>
          </div>
        </Show>
        <Show when={!showAll() && total() > LIST_LIMIT}>
          <button
            type="button"
            class="button ghost"
            data-testid="stocktakes-show-all"
            onClick={() => setShowAll(true)}
          >
            Show all {total()} stocktakes
          </button>
        </Show>
      </Show>
    </section>
  );
}

interface CardFacts {
  status: ReturnType<StocktakeRoom['status']>;
  counters: string[];
  blind: boolean;
  total: number;
  done: number;
  /** Recounts and verifications assigned to me that I have not done yet. */
  forMe: Assignment[];
}

function StocktakeCard(props: {
  entry: StocktakeIndexEntry;
  manager: boolean;
  onVisible: (id: string, shown: boolean) => void;
}) {
  const app = useApp();
  const open = useStocktakeRoom(app.ws, props.entry.id);
  const me = () => app.session().user.username;
  const [facts, setFacts] = createSignal<CardFacts | null>(null);
  const throttle = new Throttle(() => {
    const room = open.model();
    if (!room?.definition()) return setFacts(null);
    const s = room.summary({ locations: app.ws.catalog.locations.values() });
    setFacts({
      status: s.status,
      counters: s.counters,
      blind: s.definition?.blind ?? true,
      total: s.progress.total,
      done: s.progress.done,
      forMe: s.locations.flatMap((l) => assignmentFor(l, me()) ?? []),
    });
  }, 1000);
  onCleanup(() => throttle.cancel());
  createEffect(() => {
    open.tick();
    open.model();
    app.catalogTick();
    throttle.request();
  });
  const shown = createMemo(() => {
    const f = facts();
    return !!f && (props.manager || f.counters.includes(me()));
  });
  createEffect(() => props.onVisible(props.entry.id, shown()));
  onCleanup(() => props.onVisible(props.entry.id, false));

  const act = (what: 'start' | 'cancel') => {
    const room = open.model();
    if (!room) return;
    if (
      what === 'cancel' &&
      !window.confirm(`Cancel “${props.entry.name}”? Counts are kept but nothing is posted.`)
    )
      return;
    const result =
      what === 'start' ? room.start({ actor: app.actor() }) : room.cancel({ actor: app.actor() });
    app.notify(
      result.ok ? `${props.entry.name}: ${STATUS_LABEL[result.value].toLowerCase()}` : result.message,
    );
  };

  return (
    <Show when={shown() && facts()}>
      {(f) => (
        <li
          class="card stocktake-card"
          data-testid="stocktake-row"
          data-id={props.entry.id}
          data-status={f().status}
        >
          <div class="stocktake-card-head">
            <strong data-testid="stocktake-row-name">{props.entry.name}</strong>
            <span class={`badge status-${f().status}`} data-testid="stocktake-row-status">
              {STATUS_LABEL[f().status]}
            </span>
          </div>
          <p class="muted">
            {f().done} of {f().total} locations done
            {f().blind ? ' · blind' : ''} · by {props.entry.createdBy}, {formatTime(props.entry.createdAt)}
          </p>
          <Show when={f().total > 0}>
            <progress class="bar" max={f().total} value={f().done} />
          </Show>
          <p class="muted" data-testid="stocktake-row-counters">
            Counters: {f().counters.length ? f().counters.join(', ') : 'none assigned'}
          </p>
          <Show when={f().forMe.length > 0}>
            <p class="notice" data-testid="stocktake-row-recounts">
              {assignmentsText(f().forMe)}
            </p>
          </Show>
          <div class="actions">
            <Show when={f().status === 'counting' || f().status === 'review'}>
              <a
                class="button primary big"
                data-testid="stocktake-row-count"
                href={routeHref({ name: 'stocktake-count', id: props.entry.id })}
              >
                Count
              </a>
            </Show>
            <Show when={props.manager}>
              <a
                class="button"
                data-testid="stocktake-row-open"
                href={routeHref({ name: 'stocktake', id: props.entry.id })}
              >
                {f().status === 'counting' ? 'Live view' : 'Open'}
              </a>
              <Show when={f().status === 'draft'}>
                <button
                  type="button"
                  class="button primary"
                  data-testid="stocktake-row-start"
                  onClick={() => act('start')}
                >
                  Start counting
                </button>
              </Show>
              <Show when={f().status !== 'posted' && f().status !== 'cancelled'}>
                <button
                  type="button"
                  class="button ghost"
                  data-testid="stocktake-row-cancel"
                  onClick={() => act('cancel')}
                >
                  Cancel
                </button>
              </Show>
            </Show>
          </div>
        </li>
      )}
    </Show>
  );
}
