import type { Asset, AssetNode } from '@stockroom/shared/maintenance/asset';
import { assetDescendants } from '@stockroom/shared/maintenance/asset';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';
import { fromUnits, toUnits } from '@stockroom/shared/quantity';

export interface AssetRow {
  asset: Asset;
  depth: number;
}

/**
 * The tree as indented rows, depth first. With a search text, an asset is shown when its
 * code, name or tag contains it (any case), and so are its ancestors, so it stays in context.
 */
export function assetRows(tree: readonly AssetNode[], q = ''): AssetRow[] {
  const needle = q.trim().toLowerCase();
  const matches = (a: Asset) =>
    !needle ||
    a.code.toLowerCase().includes(needle) ||
    a.name.toLowerCase().includes(needle) ||
    (a.barcode ?? '').toLowerCase().includes(needle);
  const out: AssetRow[] = [];
  const walk = (node: AssetNode, depth: number): AssetRow[] => {
    const below = node.children.flatMap((c) => walk(c, depth + 1));
    if (below.length === 0 && !matches(node.asset)) return [];
    return [{ asset: node.asset, depth }, ...below];
  };
  for (const root of tree) out.push(...walk(root, 0));
  return out;
}

/** Parts cost of an asset's work orders (issued minus returned), with or without what sits below it. */
export function assetPartsCost(
  assets: Iterable<Asset>,
  code: string,
  orders: Iterable<WorkOrderView>,
  withChildren: boolean,
): number {
  const codes = withChildren ? assetDescendants(assets, code) : new Set([code]);
  let units = 0;
  for (const o of orders) if (codes.has(o.asset)) units += toUnits(o.totalCost);
  return fromUnits(units);
}

export interface SpareLine {
  sku: string;
  recommended: number;
  available: number;
  short: boolean;
}

/** An asset's recommended spares against what is available now (on hand − reserved). */
export function spareLines(asset: Asset, available: (sku: string) => number): SpareLine[] {
  return asset.spares.map((s) => {
    const have = available(s.sku);
    return { sku: s.sku, recommended: s.quantity, available: have, short: have < s.quantity };
  });
}

export interface AssetDraft {
  code: string;
  name: string;
  parent: string;
  location: string;
  criticality: string;
  barcode: string;
  /** `SKU quantity` per line: the recommended spares. */
  spares: string;
}

/** The spares box, one `SKU quantity` a line; unreadable lines come back by line number (1-based). */
export function parseSpares(text: string): { spares: { sku: string; quantity: number }[]; bad: number[] } {
  const spares: { sku: string; quantity: number }[] = [];
  const bad: number[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const t = line.trim();
    if (!t) continue;
    const m = /^(\S+)\s+([0-9]+(?:[.,][0-9]+)?)$/.exec(t);
    if (m) spares.push({ sku: m[1]!, quantity: Number(m[2]!.replace(',', '.')) });
    else bad.push(i + 1);
  }
  return { spares, bad };
}

export function sparesText(asset: Pick<Asset, 'spares'>): string {
  return asset.spares.map((s) => `${s.sku} ${s.quantity}`).join('\n');
}

/** A draft as the body of "create asset" (empty optional fields left out). */
export function assetInput(
  d: AssetDraft,
  spares: { sku: string; quantity: number }[],
): Record<string, unknown> {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    parent: d.parent.trim() || null,
    location: d.location.trim() || null,
    criticality: d.criticality,
    barcode: d.barcode.trim() || null,
    spares,
  };
}
