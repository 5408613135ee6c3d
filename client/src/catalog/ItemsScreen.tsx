import { ITEM_KIND_LABELS } from '@stockroom/shared/catalog/item';
import { stockForSkus } from '@stockroom/shared/ledger/stock-for-skus';
import { createMemo, createSignal, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { focusSearchOnMount } from '../ui/Field.tsx';
import { countOf, formatQuantity } from '../ui/format.ts';
import { VirtualList } from '../ui/VirtualList.tsx';
import { filterItems } from './item-list.ts';

const ROW_HEIGHT = 64;

export function ItemsScreen() {
  const app = useApp();
  const initial = app.route();
  const [query, setQuery] = createSignal(initial.name === 'items' ? initial.q : '');
  const [showArchived, setShowArchived] = createSignal(false);

  // Right after a start only the first screen of items is validated (app/catalog-items.ts):
  // the unfiltered list shows it at once, its count once every item has been checked. A
  // search or "show archived" needs every item, and validates the rest straight away.
  const partial = () => !app.itemsReady() && !query() && !showArchived();
  const visible = createMemo(() =>
    filterItems(partial() ? app.firstItems() : app.items(), query(), showArchived()),
  );
  // Until the full fold (after the first paint), only the SKUs on the first screen are folded.
  const totals = createMemo(() => {
    if (!partial()) return app.stock().totalsBySku();
    app.ledgerTick();
    return stockForSkus(app.ws.ledger, new Set(visible().map((i) => i.sku))).totalsBySku();
  });
  const activeCount = createMemo(() => (query() ? app.items().filter((i) => i.active).length : 0));

  const search = (q: string) => {
    setQuery(q);
    app.replaceRoute({ name: 'items', q });
  };

  return (
    <section class="screen" data-testid="items-screen">
      <div class="screen-head">
        <h1>Items</h1>
        <Show when={app.canEditCatalog()}>
          <a class="button primary" href={routeHref({ name: 'item-new' })} data-testid="items-new">
            New item
          </a>
        </Show>
      </div>
      <div class="toolbar">
        <input
          type="search"
          class="search"
          placeholder="Search SKU, name, barcode or category"
          aria-label="Search items"
          data-testid="items-search"
          dir="auto"
          value={query()}
          ref={focusSearchOnMount}
          onInput={(e) => search(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && visible().length === 1)
              app.navigate({ name: 'item-edit', sku: visible()[0]!.sku });
          }}
        />
        <label class="check">
          <input
            type="checkbox"
            data-testid="items-show-archived"
            checked={showArchived()}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
          />
          Show archived
        </label>
      </div>
      <Show
        when={!partial()}
        fallback={
          <p class="count muted" data-testid="items-count">
            Counting items…
          </p>
        }
      >
        <p class="count muted" data-testid="items-count" data-count={visible().length}>
          {query()
            ? `${formatQuantity(visible().length)} of ${countOf(activeCount(), 'item', 'items')} match`
            : countOf(visible().length, 'item', 'items')}
        </p>
      </Show>
      <Show
        when={visible().length > 0 || partial()}
        fallback={
          <div class="empty" data-testid="items-empty">
            <Show
              when={app.items().length > 0}
              fallback={
                <>
                  <h2>No items yet</h2>
                  <p>Items are the things you stock: parts, materials, products, supplies.</p>
                  <Show when={app.canEditCatalog()}>
                    <a class="button primary big" href={routeHref({ name: 'item-new' })}>
                      Create the first item
                    </a>
                  </Show>
                </>
              }
            >
              <h2>
                No item matches “<bdi>{query()}</bdi>”
              </h2>
              <p>Try part of the SKU, the name, a barcode or the category.</p>
            </Show>
          </div>
        }
      >
        <VirtualList items={visible()} rowHeight={ROW_HEIGHT} testId="items-list" label="Items" class="fill">
          {(item) => (
            <a
              class="row item-row"
              classList={{ archived: !item.active }}
              href={routeHref({ name: 'item-edit', sku: item.sku })}
              data-testid="item-row"
              data-sku={item.sku}
            >
              <span class="row-main">
                <span class="row-title">
                  <strong data-testid="item-sku" dir="auto">
                    {item.sku}
                  </strong>
                  <Show when={!item.active}>
                    <span class="badge">Archived</span>
                  </Show>
                  <Show
                    when={
                      item.active &&
                      item.reorderPoint !== null &&
                      (totals().get(item.sku) ?? 0) <= item.reorderPoint
                    }
                  >
                    <span
                      class="badge reorder"
                      data-testid="item-reorder"
                      title="On hand is at or below the reorder point"
                    >
                      Reorder
                    </span>
                  </Show>
                </span>
                <span class="row-sub" data-testid="item-name">
                  <bdi>{item.name}</bdi>
                  <span class="muted">
                    {' · '}
                    <bdi>{item.category || ITEM_KIND_LABELS[item.kind]}</bdi>
                  </span>
                </span>
              </span>
              <span class="row-end">
                <span class="qty" data-testid="item-onhand">
                  {formatQuantity(totals().get(item.sku) ?? 0)}
                </span>
                <span class="muted">
                  {' '}
                  <bdi>{item.unit}</bdi>
                </span>
              </span>
            </a>
          )}
        </VirtualList>
      </Show>
    </section>
  );
}
