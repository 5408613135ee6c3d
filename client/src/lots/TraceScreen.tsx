import { createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { NeedsServer, OnlineOnly } from '../app/OnlineOnly.tsx';
import { describeConflict, describeTraceMovement, TraceView } from './lot-view.ts';

/**
 * Everything that happened to one lot or serial (GET /api/trace): where it came from,
 * every movement in time order, blocks and releases, what is left where — a recall's page.
 */
export function TraceScreen(props: { sku: string; lot: string; serial: string }): JSX.Element {
  return (
    <section class="screen" data-testid="trace-screen">
      <div class="screen-head">
        <h1>
          Trace <bdi>{props.sku}</bdi> {props.serial ? 'serial' : 'lot'}{' '}
          <bdi>{props.serial || props.lot}</bdi>
        </h1>
      </div>
      <OnlineOnly what="The trace">
        <TracePanel {...props} />
      </OnlineOnly>
    </section>
  );
}

function TracePanel(props: { sku: string; lot: string; serial: string }): JSX.Element {
  const app = useApp();
  const [trace, setTrace] = createSignal<TraceView | null>(null);
  const [problem, setProblem] = createSignal<{ status: number | null; message: string } | null>(null);
  onMount(async () => {
    const query = new URLSearchParams({ sku: props.sku });
    if (props.serial) query.set('serial', props.serial);
    else query.set('lot', props.lot);
    const result = await app.api.get(`/api/trace?${query}`, TraceView);
    if (!result.ok) setProblem(result);
    else setTrace(result.data);
  });
  return (
    <Show when={!(problem()?.status === null)} fallback={<NeedsServer what="The trace" />}>
      <Show when={problem()}>
        {(p) => (
          <p class="form-error" role="alert" data-testid="trace-error">
            {p().message}
          </p>
        )}
      </Show>
      <Show when={trace()}>
        {(t) => (
          <>
            <div class="card" data-testid="trace-summary">
              <p>
                Expires: <strong data-testid="trace-expiry">{t().expiry ?? 'no expiry recorded'}</strong>
              </p>
              <Show when={t().supplier || t().purchaseOrder}>
                <p data-testid="trace-origin">
                  From <bdi>{t().supplier ?? 'an unknown supplier'}</bdi>
                  <Show when={t().purchaseOrder}>
                    {' '}
                    on purchase order <bdi>{t().purchaseOrder}</bdi>
                  </Show>
                </p>
              </Show>
              <Show when={t().blocked}>
                <p class="form-error" data-testid="trace-blocked">
                  Blocked: it cannot be issued until released.
                </p>
              </Show>
              <For each={t().conflicts}>{(c) => <p class="form-error">{describeConflict(c)}</p>}</For>
              <p data-testid="trace-onhand">
                Left:{' '}
                {t().onHand.length
                  ? t()
                      .onHand.map((l) => `${l.location}: ${l.quantity}`)
                      .join(', ')
                  : 'nothing on hand'}
              </p>
            </div>
            <ol class="card" data-testid="trace-movements">
              <For each={t().movements}>
                {(m) => (
                  <li data-testid="trace-movement" data-type={m.type}>
                    <time title={m.at}>{new Date(m.occurredAt ?? m.at).toLocaleString()}</time> —{' '}
                    <bdi>{describeTraceMovement(m)}</bdi> <span class="muted">by {m.user}</span>
                  </li>
                )}
              </For>
              <For each={t().holds}>
                {(h) => (
                  <li data-testid="trace-hold" data-action={h.action}>
                    <time title={h.at}>{new Date(h.at).toLocaleString()}</time> —{' '}
                    {h.action === 'block' ? 'Blocked' : 'Released'} by {h.user}: <bdi>{h.reason}</bdi>
                  </li>
                )}
              </For>
              <For each={t().expiryDecisions}>
                {(d) => (
                  <li data-testid="trace-expiry-decision" data-expiry={d.expiry}>
                    <time title={d.at}>{new Date(d.at).toLocaleString()}</time> — Expiry set to {d.expiry} (of{' '}
                    {d.over.join(', ')}) by {d.user}
                    <Show when={typeof d.reason === 'string' && d.reason}>
                      {(r) => (
                        <>
                          : <bdi>{r()}</bdi>
                        </>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </Show>
  );
}
