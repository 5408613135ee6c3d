import { expiryAlerts, expiryCsv } from '@stockroom/shared/lots/expiry-alerts';
import { dayOf } from '@stockroom/shared/lots/fefo';
import { createMemo, createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { NeedsServer, OnlineOnly } from '../app/OnlineOnly.tsx';
import { CsvButton } from '../reports/ReportFilters.tsx';
import { routeHref } from '../routing/route.ts';
import { canEditCatalog } from '../session/permissions.ts';
import { LotConflicts } from './LotConflicts.tsx';
import { describeConflict, LotView } from './lot-view.ts';

const DEFAULT_DAYS = 30;

/**
 * Lots expiring within N days (of one item category, or all) and expired stock with its value
 * (unit cost × on hand), first to expire first, with their blocks and conflicts, as a table
 * and a CSV. Lot records span every ledger month, so the list comes from the server
 * (GET /api/lots); each row links to the lot's trace. Conflicts are settled here by managers.
 */
export function LotsScreen(): JSX.Element {
  return (
    <section class="screen" data-testid="lots-screen">
      <div class="screen-head">
        <h1>Expiring lots</h1>
      </div>
      <OnlineOnly what="The expiry list">
        <LotsPanel />
      </OnlineOnly>
    </section>
  );
}

function LotsPanel(): JSX.Element {
  const app = useApp();
  const start = app.route();
  const [days, setDays] = createSignal(
    start.name === 'lots' && start.days ? start.days : String(DEFAULT_DAYS),
  );
  const [sku, setSku] = createSignal(start.name === 'lots' ? start.sku : '');
  const [category, setCategory] = createSignal(start.name === 'lots' ? (start.category ?? '') : '');
  const [lots, setLots] = createSignal<LotView[] | null>(null);
  const [problem, setProblem] = createSignal<{ status: number | null; message: string } | null>(null);
  const manager = () => canEditCatalog(app.session().user.role);
  const categories = createMemo(() =>
    [...new Set(app.items().map((i) => i.category))].filter(Boolean).sort((a, b) => a.localeCompare(b)),
  );

  const load = async () => {
    const query = new URLSearchParams({ expiringWithinDays: days() || String(DEFAULT_DAYS) });
    if (sku().trim()) query.set('sku', sku().trim());
    if (category()) query.set('category', category());
    const result = await app.api.get(`/api/lots?${query}`, z.array(LotView));
    if (!result.ok) return setProblem(result);
    setProblem(null);
    setLots(result.data);
  };
  onMount(() => void load());

  const hold = async (l: LotView, action: 'block' | 'release') => {
    const reason = window.prompt(
      action === 'block' ? `Why block lot ${l.lot}?` : `Why release lot ${l.lot}?`,
    );
    if (!reason?.trim()) return;
    const path = `/api/lots/${encodeURIComponent(l.sku)}/${encodeURIComponent(l.lot)}/${action}`;
    const result = await app.api.send('POST', path, LotView, { reason: reason.trim() });
    if (!result.ok) return setProblem(result);
    app.notify(action === 'block' ? `Lot ${l.lot} blocked` : `Lot ${l.lot} released`);
    void load();
  };
  // The same rows, days left and totals as GET /api/lots/expiring.csv, from what is shown
  // (costs and categories from this device's catalog, which the server values with too).
  const itemOf = (s: string) => app.items().find((i) => i.sku === s);
  const alerts = createMemo(() =>
    expiryAlerts(lots() ?? [], {
      today: dayOf(new Date()),
      costOf: (s) => itemOf(s)?.unitCost ?? 0,
      categoryOf: (s) => itemOf(s)?.category ?? '',
    }),
  );
  const expiredValue = () => alerts().expiredValue;

  return (
    <Show when={!(problem()?.status === null && !lots())} fallback={<NeedsServer what="The expiry list" />}>
      <form
        class="card audit-filters"
        data-testid="lots-filters"
        onSubmit={(e) => {
          e.preventDefault();
          app.replaceRoute({ name: 'lots', days: days(), sku: sku().trim(), category: category() });
          void load();
        }}
      >
        <label class="field">
          <span class="field-label">Expiring within (days)</span>
          <input
            data-testid="lots-days"
            inputmode="numeric"
            value={days()}
            onInput={(e) => setDays(e.currentTarget.value.replace(/\D/g, ''))}
          />
        </label>
        <label class="field">
          <span class="field-label">Item</span>
          <input
            data-testid="lots-sku"
            dir="auto"
            value={sku()}
            onInput={(e) => setSku(e.currentTarget.value)}
            placeholder="every item"
          />
        </label>
        <label class="field">
          <span class="field-label">Category</span>
          <select
            data-testid="lots-category"
            value={category()}
            onChange={(e) => setCategory(e.currentTarget.value)}
          >
            <option value="">every category</option>
            <For each={categories()}>{(c) => <option value={c}>{c}</option>}</For>
          </select>
        </label>
        <div class="actions">
          <button type="submit" class="button primary" data-testid="lots-apply">
            Show
          </button>
          <CsvButton
            testid="lots-csv"
            name={`expiring-lots-${dayOf(new Date())}.csv`}
            label="CSV"
            text={() => expiryCsv(alerts())}
          />
        </div>
      </form>
      <LotConflicts manager={manager()} onResolved={() => void load()} />
      <Show when={problem()}>
        {(p) => (
          <p class="form-error" role="alert" data-testid="lots-error">
            {p().message}
          </p>
        )}
      </Show>
      <Show when={lots()} fallback={<p class="muted">Loading lots…</p>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <div class="empty" data-testid="lots-empty">
                <h2>Nothing expires soon</h2>
                <p>No lot with stock on hand expires within {days() || DEFAULT_DAYS} days.</p>
              </div>
            }
          >
            <p class="muted" data-testid="lots-expired-value" data-value={expiredValue()}>
              Expired stock value: {expiredValue().toFixed(2)}
            </p>
            <div class="card table-wrap">
              <table class="table" data-testid="lots-table">
                <thead>
                  <tr>
                    <th>Item</th>
                    <th>Lot</th>
                    <th>Expires</th>
                    <th>On hand</th>
                    <th>Where</th>
                    <th>State</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(l) => (
                      <tr
                        data-testid="lot-row"
                        data-sku={l.sku}
                        data-lot={l.lot}
                        data-expired={l.expired}
                        data-blocked={l.blocked}
                      >
                        <td>
                          <bdi>{l.sku}</bdi>
                        </td>
                        <td>
                          <a
                            href={routeHref({ name: 'trace', sku: l.sku, lot: l.lot, serial: '' })}
                            data-testid="lot-trace"
                          >
                            <bdi>{l.lot}</bdi>
                          </a>
                        </td>
                        <td data-testid="lot-expiry">{l.expiry ?? '—'}</td>
                        <td data-testid="lot-onhand">{l.onHand}</td>
                        <td>{l.locations.map((x) => `${x.location}: ${x.quantity}`).join(', ')}</td>
                        <td>
                          <Show when={l.expired}>
                            <strong class="form-error">Expired</strong>{' '}
                          </Show>
                          <Show when={l.blocked}>
                            <strong data-testid="lot-blocked">Blocked</strong>{' '}
                            <bdi class="muted">{l.hold?.reason}</bdi>{' '}
                          </Show>
                          <For each={l.conflicts}>
                            {(c) => <div class="form-error">{describeConflict(c)}</div>}
                          </For>
                          <Show when={manager()}>
                            <button
                              type="button"
                              class="button"
                              data-testid={l.blocked ? 'lot-release' : 'lot-block'}
                              onClick={() => void hold(l, l.blocked ? 'release' : 'block')}
                            >
                              {l.blocked ? 'Release' : 'Block'}
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </Show>
  );
}
