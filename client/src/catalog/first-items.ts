import type { Item } from '@stockroom/shared/catalog/item';
import { sortItems } from './item-list.ts';

const collator = new Intl.Collator(undefined, { numeric: true });

/** The `k` smallest keys in SKU order, without sorting all of them (one pass, k small). */
export function smallestKeys(keys: Iterable<string>, k: number): string[] {
  const out: string[] = [];
  if (k <= 0) return out;
  for (const key of keys) {
    if (out.length === k && collator.compare(key, out[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (collator.compare(out[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, key);
    if (out.length > k) out.pop();
  }
  return out;
}

/** Where the records come from: keys without validation, a validated record by key. */
export interface ItemSource {
  keys(): Iterable<string>;
  get(key: string): Item | undefined;
}

/**
 * The first `n` valid items in SKU order, validating only the records it returns (and the
 * invalid ones it skips on the way): what the items list shows before the whole catalog is
 * validated. An item's SKU is its key, so keys can be ordered before anything is parsed.
 */
export function firstItems(source: ItemSource, n: number): Item[] {
  const keys = [...source.keys()];
  // A margin for invalid records among the first keys; if that is not enough, sort them all.
  for (const k of [n + 16, keys.length]) {
    const chosen = k >= keys.length ? keys.sort(collator.compare) : smallestKeys(keys, k);
    const items: Item[] = [];
    for (const key of chosen) {
      const item = source.get(key);
      if (item) items.push(item);
      if (items.length === n) break;
    }
    if (items.length === n || k >= keys.length) return sortItems(items);
  }
  return [];
}
