import type { Item } from '@stockroom/shared/catalog/item';
import type { Location } from '@stockroom/shared/catalog/location';
import type { StockLine } from '@stockroom/shared/ledger/stock';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';

/** One fixed-height row of the stock screen: a group heading (an item or a location) or a line under it. */
export type StockRow =
  | {
      kind: 'group';
      key: string;
      code: string;
      title: string;
      /** Total quantity for an item; null for a location, whose items have different units. */
      quantity: number | null;
      unit: string;
      lines: number;
      value: number;
    }
  | {
      kind: 'line';
      key: string;
      sku: string;
      location: string;
      lot?: string;
      label: string;
      quantity: number;
      unit: string;
      value: number;
    };

export interface StockView {
  rows: StockRow[];
  totalValue: number;
  lineCount: number;
  groupCount: number;
}

type ItemOf = (sku: string) => Item | undefined;
type LocationOf = (code: string) => Location | undefined;

const collator = new Intl.Collator(undefined, { numeric: true });
const money = (n: number) => Math.round(n * 100) / 100;

function matches(query: string, ...texts: (string | undefined)[]): boolean {
  return !query || texts.some((t) => t?.toLowerCase().includes(query));
}

function build(
  lines: readonly StockLine[],
  groupOf: (l: StockLine) => string,
  otherOf: (l: StockLine) => string,
  heading: (code: string, group: StockLine[]) => { title: string; quantity: number | null; unit: string },
  lineLabel: (l: StockLine) => string,
  itemOf: ItemOf,
  keep: (l: StockLine) => boolean,
): StockView {
  const groups = new Map<string, StockLine[]>();
  for (const line of lines) {
    if (!keep(line)) continue;
    const code = groupOf(line);
    const list = groups.get(code);
    if (list) list.push(line);
    else groups.set(code, [line]);
  }
  const rows: StockRow[] = [];
  let totalValue = 0;
  let lineCount = 0;
  for (const code of [...groups.keys()].sort(collator.compare)) {
    const group = groups.get(code)!;
    group.sort(
      (a, b) => collator.compare(otherOf(a), otherOf(b)) || collator.compare(a.lot ?? '', b.lot ?? ''),
    );
    const lineRows: StockRow[] = [];
    let groupValue = 0;
    for (const line of group) {
      const item = itemOf(line.sku);
      const value = money(line.quantity * (item?.unitCost ?? 0));
      groupValue += value;
      const row: StockRow = {
        kind: 'line',
        key: `${line.sku}\u001f${line.location}\u001f${line.lot ?? ''}`,
        sku: line.sku,
        location: line.location,
        label: lineLabel(line),
        quantity: line.quantity,
        unit: item?.unit ?? '',
        value,
      };
      if (line.lot) row.lot = line.lot;
      lineRows.push(row);
    }
    const head = heading(code, group);
    rows.push({
      kind: 'group',
      key: `group\u001f${code}`,
      code,
      lines: group.length,
      value: money(groupValue),
      ...head,
    });
    rows.push(...lineRows);
    totalValue += groupValue;
    lineCount += group.length;
  }
  return { rows, totalValue: money(totalValue), lineCount, groupCount: groups.size };
}

function sumQuantities(lines: readonly StockLine[]): number {
  return fromUnits(lines.reduce((s, l) => s + toUnits(l.quantity), 0));
}

/** Stock grouped by item: each item's total, then its quantity per location and lot. */
export function stockByItem(lines: readonly StockLine[], itemOf: ItemOf, query: string): StockView {
  const q = query.trim().toLowerCase();
  return build(
    lines,
    (l) => l.sku,
    (l) => l.location,
    (sku, group) => {
      const item = itemOf(sku);
      return { title: item?.name ?? 'Unknown item', quantity: sumQuantities(group), unit: item?.unit ?? '' };
    },
    (l) => l.location,
    itemOf,
    (l) => matches(q, l.sku, itemOf(l.sku)?.name, l.location, l.lot),
  );
}

/** Stock grouped by location: what each location holds, item by item. */
export function stockByLocation(
  lines: readonly StockLine[],
  itemOf: ItemOf,
  locationOf: LocationOf,
  query: string,
): StockView {
  const q = query.trim().toLowerCase();
  return build(
    lines,
    (l) => l.location,
    (l) => l.sku,
    (code) => ({
      title: locationOf(code)?.name || (locationOf(code) ? '' : 'Unknown location'),
      quantity: null,
      unit: '',
    }),
    (l) => `${l.sku} · ${itemOf(l.sku)?.name ?? 'Unknown item'}`,
    itemOf,
    (l) => matches(q, l.sku, itemOf(l.sku)?.name, l.location, locationOf(l.location)?.name, l.lot),
  );
}
