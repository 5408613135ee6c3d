import type { Item } from '@stockroom/shared/catalog/item';
import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js';
import { firstItems } from '../catalog/first-items.ts';
import { sortItems } from '../catalog/item-list.ts';
import type { Workspace } from '../sync/workspace.ts';
import { afterPaint } from '../ui/after-paint.ts';

/** Rows validated before the first render: a tall screen's worth of the items list. */
const FIRST_SCREEN = 100;
/** Items validated per task after the first paint (≈10 ms each), so the app stays responsive. */
const SLICE = 1500;

export interface CatalogItems {
  /** Every valid item in SKU order. Read before `itemsReady`, it validates the rest at once. */
  items: Accessor<Item[]>;
  /** True once every item of the catalog is validated. */
  itemsReady: Accessor<boolean>;
  /** Until then: the first valid items in SKU order, for the items list's first screen. */
  firstItems: Accessor<Item[]>;
}

/**
 * The catalog's items for the screens. The workspace validates items lazily: a start
 * validates the first screen of the list (in SKU order), renders it, and validates the rest
 * in slices after the first paint. Invalid records are skipped either way, and the full list
 * (with its count) appears once every record has been checked.
 */
export function createCatalogItems(ws: Workspace, catalogTick: Accessor<number>): CatalogItems {
  const collection = ws.catalog.items;
  const [itemsReady, setItemsReady] = createSignal(collection.settled);
  const all = createMemo(() => {
    catalogTick();
    return itemsReady() ? sortItems(collection.values()) : null;
  });
  const first = createMemo(() => {
    catalogTick();
    return itemsReady() ? [] : firstItems(collection, FIRST_SCREEN);
  });

  let stopped = false;
  onCleanup(() => {
    stopped = true;
  });
  const step = () => {
    if (stopped || itemsReady()) return;
    if (collection.settleSome(SLICE)) setItemsReady(true);
    else setTimeout(step, 0);
  };
  if (!itemsReady()) afterPaint(step);

  return {
    items: () => {
      const sorted = all();
      if (sorted) return sorted;
      // A screen needs every item now (search, labels, …): validate the rest in one go.
      collection.settle();
      setItemsReady(true);
      return all() ?? sortItems(collection.values());
    },
    itemsReady,
    firstItems: first,
  };
}
