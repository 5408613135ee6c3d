import { fromUnits, toUnits } from '@stockroom/shared/quantity';
import { createMemo, createSignal, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { auditRoute } from '../audit/audit-view.ts';
import { canSeeMaintenance } from '../maintenance/maintenance-permissions.ts';
import { ReservedFeed } from '../maintenance/ReservedFeed.tsx';
import { routeHref } from '../routing/route.ts';
import { canReadAudit } from '../session/permissions.ts';
import { focusSearchOnMount } from '../ui/Field.tsx';
import { formatMoney, formatQuantity } from '../ui/format.ts';
import { VirtualList } from '../ui/VirtualList.tsx';
import { stockByItem, stockByLocation } from './stock-view.ts';

const ROW_HEIGHT = 52;

/** a − b in whole quantity units, so 0.3 − 0.1 shows as 0.2. */
const minus = (a: number, b: number) => fromUnits(toUnits(a) - toUnits(b));

export function StockScreen() {
  const app = useApp();
  const by = () => {
    const r = app.route();
    return r.name === 'stock' ? r.by : 'item';
  };
  const initial = app.route();
  const [query, setQuery] = createSignal(initial.name === 'stock' ? initial.q : '');
  /** Reserved for work orders, per SKU (maintenance roles only; empty for everyone else). */
  const [reserved, setReserved] = createSignal<ReadonlyMap<string, number>>(new Map());

  const view = createMemo(() => {
    app.catalogTick();
    const lines = app.stock().lines();
    const catalog = app.ws.catalog;
    const itemOf = (sku: string) => catalog.items.get(sku);
    return by() === 'item'
      ? stockByItem(lines, itemOf, query())
      : stockByLocation(lines, itemOf, (code) => catalog.locations.get(code), query());
  });

  const search = (q: string) => {
    setQuery(q);
    app.replaceRoute({ name: 'stock', by: by(), q });
  };

  return (
    <section class="screen" data-testid="stock-screen" data-by={by()}>
      <Show when={canSeeMaintenance(app.session().user.role)}>
        <ReservedFeed onChange={setReserved} />
      </Show>
      <div class="screen-head">
        <h1>Stock on hand</h1>
        <nav class="segmented" aria-label="Group stock">
          <a
            href={routeHref({ name: 'stock', by: 'item', q: query() })}
            aria-current={by() === 'item' ? 'true' : undefined}
            data-testid="stock-by-item"
          >
            By item
          </a>
          <a
            href={routeHref({ name: 'stock', by: 'location', q: query() })}
            aria-current={by() === 'location' ? 'true' : undefined}
            data-testid="stock-by-location"
          >
            By location
          </a>
        </nav>
      </div>
      <div class="toolbar">
        <input
          type="search"
          class="search"
          placeholder="Filter by SKU, name, location or lot"
          aria-label="Filter stock"
          data-testid="stock-search"
          dir="auto"
          value={query()}
          ref={focusSearchOnMount}
          onInput={(e) => search(e.currentTarget.value)}
        />
      </div>
      <div class="totals card" data-testid="stock-totals">
        <span>
          <span class="muted">{by() === 'item' ? 'Items' : 'Locations'}</span>{' '}
          <strong data-testid="stock-group-count">{view().groupCount}</strong>
        </span>
        <span>
          <span class="muted">Stock lines</span>{' '}
          <strong data-testid="stock-line-count">{view().lineCount}</strong>
        </span>
        <span>
          <span class="muted">Total value</span>{' '}
          <strong data-testid="stock-total-value">{formatMoney(view().totalValue)}</strong>
        </span>
      </div>
      <Show
        when={view().rows.length > 0}
        fallback={
          <div class="empty" data-testid="stock-empty">
            <Show
              when={query()}
              fallback={
                <>
                  <h2>No stock yet</h2>
                  <p>Receive items to see them here.</p>
                </>
              }
            >
              <h2>
                Nothing matches “<bdi>{query()}</bdi>”
              </h2>
            </Show>
          </div>
        }
      >
        <VirtualList
          items={view().rows}
          rowHeight={ROW_HEIGHT}
          testId="stock-list"
          label="Stock on hand"
          class="fill"
        >
          {(row) =>
            row.kind === 'group' ? (
              <div class="row stock-group" data-testid="stock-group" data-code={row.code}>
                <span class="row-main">
                  <strong dir="auto">{row.code}</strong> <bdi class="muted">{row.title}</bdi>
                </span>
                <span class="row-end">
                  <Show when={row.quantity !== null}>
                    <span class="qty" data-testid="stock-group-qty">
                      {formatQuantity(row.quantity ?? 0)}
                    </span>{' '}
                    <bdi class="muted">{row.unit}</bdi>
                  </Show>
                  <Show when={by() === 'item' && row.quantity !== null && reserved().get(row.code)}>
                    {(held) => (
                      <span
                        class="muted"
                        data-testid="stock-group-reserved"
                        data-reserved={held()}
                        data-available={minus(row.quantity ?? 0, held())}
                      >
                        {formatQuantity(held())} reserved · {formatQuantity(minus(row.quantity ?? 0, held()))}{' '}
                        available
                      </span>
                    )}
                  </Show>
                  <span class="value" data-testid="stock-group-value">
                    {formatMoney(row.value)}
                  </span>
                  <Show when={canReadAudit(app.session().user.role)}>
                    <a
                      class="button small ghost"
                      data-testid="stock-group-audit"
                      href={routeHref(auditRoute(by() === 'location' ? 'location' : 'item', row.code))}
                      title={`Audit trail of ${row.code}`}
                    >
                      Audit
                    </a>
                  </Show>
                </span>
              </div>
            ) : (
              <div
                class="row stock-line"
                classList={{ negative: row.quantity < 0 }}
                data-testid="stock-line"
                data-sku={row.sku}
                data-location={row.location}
                data-lot={row.lot ?? ''}
              >
                <span class="row-main indent">
                  <span class="row-title">
                    <bdi>{row.label}</bdi>
                    <Show when={row.lot}>
                      <span class="badge">
                        lot <bdi>{row.lot}</bdi>
                      </span>
                    </Show>
                  </span>
                </span>
                <span class="row-end">
                  <span class="qty" data-testid="stock-qty">
                    {formatQuantity(row.quantity)}
                  </span>{' '}
                  <bdi class="muted">{row.unit}</bdi>
                  <span class="value" data-testid="stock-value">
                    {formatMoney(row.value)}
                  </span>
                  <Show when={app.canRecord()}>
                    <a
                      class="button small ghost"
                      data-testid="stock-line-move"
                      href={routeHref({
                        name: 'move',
                        type: 'transfer',
                        sku: row.sku,
                        location: row.location,
                      })}
                    >
                      Move
                    </a>
                  </Show>
                </span>
              </div>
            )
          }
        </VirtualList>
      </Show>
    </section>
  );
}
