import type { Item } from './item.ts';

/** The normalised form of a search box's text, computed once per query rather than per item. */
export function normalizeItemQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** True when the item's SKU, name, category or one of its (pack) barcodes contains the normalised query. */
export function itemMatches(item: Item, normalizedQuery: string): boolean {
  const q = normalizedQuery;
  return (
    !q ||
    item.sku.toLowerCase().includes(q) ||
    item.name.toLowerCase().includes(q) ||
    item.category.toLowerCase().includes(q) ||
    item.barcodes.some((b) => b.toLowerCase().includes(q)) ||
    item.packs.some((p) => p.barcode.toLowerCase().includes(q))
  );
}
