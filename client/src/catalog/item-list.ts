import type { Item } from '@stockroom/shared/catalog/item';
import { itemMatches, normalizeItemQuery } from '@stockroom/shared/catalog/item-search';

const collator = new Intl.Collator(undefined, { numeric: true });

/** Items in SKU order. Sorted once per catalog change, so each keystroke in the search box only filters. */
export function sortItems(items: Iterable<Item>): Item[] {
  return [...items].sort((a, b) => collator.compare(a.sku, b.sku));
}

export function filterItems(sorted: readonly Item[], query: string, showArchived: boolean): Item[] {
  const q = normalizeItemQuery(query);
  if (!q && showArchived) return sorted as Item[];
  return sorted.filter((item) => (showArchived || item.active) && itemMatches(item, q));
}
