import { expiryChoices, serialCorrections } from '@stockroom/shared/lots/expiry-alerts';
import type { LotConflict } from '@stockroom/shared/lots/lot-records';
import { createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { ConflictView, describeConflict, LotView } from './lot-view.ts';

/**
 * What offline devices made that a manager must settle (GET /api/lots/conflicts), with the way
 * to settle each: an expiry conflict by choosing the date that stands (a recorded decision,
 * POST /api/lots/{sku}/{lot}/expiry); a serial on hand twice, or taken twice, by looking where
 * it is and recording the adjustment that says so — through the movement form, so reason
 * codes and approval thresholds apply as to any adjustment.
 */
export function LotConflicts(props: { manager: boolean; onResolved: () => void }): JSX.Element {
  const app = useApp();
  const [conflicts, setConflicts] = createSignal<ConflictView[] | null>(null);
  const [problem, setProblem] = createSignal('');
  const load = async () => {
    const result = await app.api.get('/api/lots/conflicts', z.array(ConflictView));
    if (!result.ok) return setProblem(result.message);
    setProblem('');
    setConflicts(result.data);
  };
  onMount(() => void load());

  const keep = async (c: ConflictView, expiry: string) => {
    if (!window.confirm(`Lot ${c.lot} of ${c.sku} expires on ${expiry}: record this decision?`)) return;
    const path = `/api/lots/${encodeURIComponent(c.sku)}/${encodeURIComponent(c.lot)}/expiry`;
    const result = await app.api.send('POST', path, LotView, { expiry });
    if (!result.ok) {
      setProblem(result.message);
      return void load();
    }
    app.notify(`Lot ${c.lot} now expires on ${expiry}`);
    await load();
    props.onResolved();
  };

  return (
    <>
      <Show when={problem()}>
        <p class="form-error" role="alert" data-testid="lot-conflicts-error">
          {problem()}
        </p>
      </Show>
      <Show when={(conflicts() ?? []).length > 0}>
        <div class="card" data-testid="lot-conflicts">
          <h2>Conflicts to resolve</h2>
          <ul>
            <For each={conflicts()}>
              {(c) => (
                <li data-testid="lot-conflict" data-kind={c.kind} data-sku={c.sku} data-lot={c.lot}>
                  <strong>
                    <bdi>{c.sku}</bdi> · <bdi>{c.lot}</bdi>
                  </strong>
                  : {describeConflict(c)}
                  <Show when={props.manager}>
                    <div class="actions">
                      <Show when={c.kind === 'expiry'}>
                        <For each={expiryChoices(c as unknown as Extract<LotConflict, { kind: 'expiry' }>)}>
                          {(expiry) => (
                            <button
                              type="button"
                              class="button"
                              data-testid="conflict-keep"
                              data-expiry={expiry}
                              onClick={() => void keep(c, expiry)}
                            >
                              Expires {expiry}
                            </button>
                          )}
                        </For>
                      </Show>
                      <For each={serialCorrections(c as unknown as LotConflict)}>
                        {(fix) => (
                          <a
                            class="button"
                            data-testid="conflict-adjust"
                            data-location={fix.location}
                            data-quantity={fix.quantity}
                            href={routeHref({
                              name: 'move',
                              type: 'adjust',
                              sku: c.sku,
                              location: fix.location,
                            })}
                          >
                            If {fix.meaning}: adjust {fix.quantity > 0 ? '+' : '−'}
                            {Math.abs(fix.quantity)} of serial <bdi>{c.lot}</bdi> at <bdi>{fix.location}</bdi>
                          </a>
                        )}
                      </For>
                    </div>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </>
  );
}
