import { longestWindow, type Suggestion, windowPeriods } from '@stockroom/shared/replenishment/suggestions';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { canManagePurchasing } from '../purchasing/purchasing-permissions.ts';
import { usePurchasingRoom } from '../purchasing/use-purchasing.ts';
import { useOperations } from '../reports/use-operations.ts';
import { useReportBase } from '../reports/use-report-base.ts';
import { routeHref } from '../routing/route.ts';
import { formatQuantity } from '../ui/format.ts';
import { DemandSparkline } from './DemandSparkline.tsx';
import {
  draftSuppliers,
  type SuggestionFilter,
  visibleSuggestions,
  weeklyDemand,
  why,
  windowStats,
} from './replenishment-view.ts';
import { useSuggestions, useSuppliersByCode } from './use-suggestions.ts';

const q = (n: number | null) => (n === null ? '—' : formatQuantity(Math.round(n * 100) / 100));

/**
 * Reorder suggestions computed on this device (the shared code GET /api/replenishment runs,
 * over this device's rooms), so they work offline. Selected lines become draft purchase
 * orders, one per supplier, written to this year's purchasing room: offline too, numbered by
 * the server when it sees them. Drafts count as on order, so the lines drop off the list.
 */
export function ReplenishmentScreen(props: { supplier: string }) {
  const app = useApp();
  const now = new Date();
  const base = useReportBase(
    app,
    () => windowPeriods(now, longestWindow(app.items()))[0] ?? app.ws.ledger.period,
  );
  const ops = useOperations(app);
  const room = usePurchasingRoom(app.ws, now.getUTCFullYear());
  const [filter, setFilter] = createSignal<SuggestionFilter>('below');
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [created, setCreated] = createSignal<{ id: string; supplier: string; lines: number }[]>([]);
  const [error, setError] = createSignal('');
  const mayDraft = () => canManagePurchasing(app.session().user.role);
  const suppliers = useSuppliersByCode(app);
  const all = useSuggestions(app, base, ops, now, suppliers);
  const lines = createMemo(() => visibleSuggestions(all(), filter(), props.supplier));
  const windowStatsNow = createMemo(() => windowStats(base.history(), now, longestWindow(app.items())));
  const orderable = (l: Suggestion) => l.suggestedQuantity > 0 && l.supplier !== null;
  const chosen = createMemo(() => draftSuppliers(lines(), selected()));

  const toggle = (sku: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(sku);
    else next.delete(sku);
    setSelected(next);
  };

  const createDrafts = () => {
    const r = room.model();
    if (!r) return;
    setError('');
    const made: { id: string; supplier: string; lines: number }[] = [];
    for (const supplier of chosen()) {
      const picked = lines().filter((l) => selected().has(l.sku) && l.supplier === supplier && orderable(l));
      const result = r.draft(
        {
          supplier,
          source: 'suggestions',
          lines: picked.map((l) => ({ sku: l.sku, quantity: l.suggestedQuantity, unitCost: l.unitCost })),
        },
        { actor: app.actor() },
      );
      if (!result.ok) {
        setError(`${supplier}: ${result.message}`);
        break;
      }
      made.push({ id: result.value.id, supplier, lines: picked.length });
    }
    setCreated([...made, ...created()]);
    setSelected(new Set<string>());
    if (made.length) app.notify(`${made.length} draft purchase order(s) created`);
  };

  return (
    <section class="screen replenishment" data-testid="replenishment">
      <div class="screen-head">
        <h1>Replenishment</h1>
        <div class="toolbar">
          <Show when={mayDraft()}>
            <button
              type="button"
              class="button primary"
              data-testid="replenishment-create"
              disabled={chosen().length === 0 || room.model() === null}
              onClick={createDrafts}
            >
              Create draft purchase orders{chosen().length ? ` (${chosen().length})` : ''}
            </button>
          </Show>
        </div>
      </div>
      <div class="toolbar filters">
        <label class="field">
          <span class="field-label">Show</span>
          <select
            data-testid="replenishment-filter"
            value={filter()}
            onChange={(e) => setFilter(e.currentTarget.value as SuggestionFilter)}
          >
            <option value="below">To order</option>
            <option value="all">Every item</option>
          </select>
        </label>
        <label class="field">
          <span class="field-label">Supplier</span>
          <select
            data-testid="replenishment-supplier"
            value={props.supplier}
            onChange={(e) => app.navigate({ name: 'replenishment', supplier: e.currentTarget.value })}
          >
            <option value="">All</option>
            <For each={[...suppliers().keys()].sort()}>{(code) => <option value={code}>{code}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={error()}>
        <p class="banner warning" role="alert" data-testid="replenishment-error">
          {error()}
        </p>
      </Show>
      <Show when={created().length > 0}>
        <div class="card" data-testid="replenishment-created">
          <p>Draft purchase orders created:</p>
          <ul>
            <For each={created()}>
              {(c) => (
                <li>
                  <a
                    href={routeHref({ name: 'purchase-order', id: c.id })}
                    data-testid="replenishment-draft-link"
                  >
                    {room.model()?.order(c.id)?.number ?? 'Draft'} — {c.supplier}, {c.lines} line(s)
                  </a>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <Show when={base.loading() || !ops.loaded()}>
        <p class="muted" data-testid="replenishment-loading" role="status">
          Loading demand history and open orders from this device…
        </p>
      </Show>
      <Show
        when={lines().length > 0}
        fallback={
          <div class="empty" data-testid="replenishment-empty">
            <p>
              {filter() === 'below'
                ? 'Nothing needs ordering: every item is above its reorder point or already on order.'
                : 'No active items.'}
            </p>
          </div>
        }
      >
        <div class="card table-wrap">
          <table class="table" data-testid="replenishment-rows" data-count={lines().length}>
            <thead>
              <tr>
                <th />
                <th>Item</th>
                <th class="num">On hand</th>
                <th class="num">On order</th>
                <th class="num">Reorder point</th>
                <th class="num">Suggested</th>
                <th>Demand, weekly</th>
                <th>Supplier</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              <For each={lines().slice(0, 300)}>
                {(l) => (
                  <tr data-key={l.sku} data-testid="replenishment-row">
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Order ${l.sku}`}
                        data-testid="replenishment-select"
                        disabled={!orderable(l) || !mayDraft()}
                        checked={selected().has(l.sku)}
                        onChange={(e) => toggle(l.sku, e.currentTarget.checked)}
                      />
                    </td>
                    <td data-col="sku">{l.sku}</td>
                    <td class="num" data-col="on-hand">
                      {q(l.onHand)}
                    </td>
                    <td class="num" data-col="on-order">
                      {q(l.onOrder)}
                    </td>
                    <td class="num" data-col="rop">
                      {q(l.reorderPoint)}
                    </td>
                    <td class="num" data-col="suggested">
                      {q(l.suggestedQuantity)}
                    </td>
                    <td data-col="demand">
                      <DemandSparkline
                        weeks={weeklyDemand(windowStatsNow(), l.sku, now, l.windowDays)}
                        label={`${l.sku}: weekly issues over the last ${l.windowDays} days`}
                      />
                    </td>
                    <td data-col="supplier">{l.supplier ?? '—'}</td>
                    <td class="muted why">{why(l)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={lines().length > 300}>
          <p class="muted">Showing the first 300 of {lines().length}; narrow by supplier to see the rest.</p>
        </Show>
      </Show>
    </section>
  );
}
