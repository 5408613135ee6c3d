import { z } from 'zod';
import { Barcode, barcodeClean, Code } from '../catalog/codes.ts';
import { codeTree, descendantCodes } from '../code-tree.ts';
import { identifier, text } from '../text.ts';
import { whenValid, withoutDefaults } from '../validation.ts';
import { PartQuantity } from './work-order.ts';

/**
 * An asset (room `maintenance`, a record keyed by its code with field-level merges, as the
 * catalog keeps items): a production line, a machine on it, a component of the machine.
 * Assets form a tree through `parent`; the levels (site line → machine → component) are a
 * convention of how people build the tree, not a field. Its recommended spares are what must
 * be on hand for it: for critical and high assets they raise the parts' minimum stock
 * (critical-spares.ts).
 */

export const Criticality = z.enum(['low', 'medium', 'high', 'critical'], {
  error: 'must be one of low, medium, high, critical',
});
export type Criticality = z.infer<typeof Criticality>;

export const AssetFields = z.object({
  name: text({ max: 200, required: true }),
  /** The asset it is part of; null for a top-level asset (a site line). */
  parent: Code.nullable().default(null),
  /** Where it stands: a location code of the catalog. */
  location: Code.nullable().default(null),
  criticality: Criticality.default('medium'),
  /** The code on its asset tag, to open it by scanning. */
  barcode: Barcode.nullable().default(null),
  /** Recommended spares: the quantity of each part that must be on hand for this asset. */
  spares: z.array(PartQuantity).max(100, 'must have at most 100 spare parts').default([]),
  active: z.boolean().default(true),
});

/**
 * A stored asset. The rules across records (the parent exists, no cycle, barcodes unique)
 * are checked when someone writes (MaintenanceRoom), not on read: two devices re-parenting
 * offline can merge into a cycle, and the assets must then stay visible and fixable.
 */
export const Asset = AssetFields.extend({
  code: Code,
  createdAt: z.iso.datetime(),
  createdBy: identifier(64),
});
export type Asset = z.infer<typeof Asset>;

type Partly = Record<string, unknown>;

function sparesUnique(a: Partly, ctx: z.RefinementCtx): void {
  if (!Array.isArray(a.spares)) return;
  const seen = new Set<string>();
  a.spares.forEach((p: { sku?: unknown }, index) => {
    if (typeof p?.sku !== 'string') return;
    if (seen.has(p.sku))
      ctx.addIssue({ code: 'custom', message: `${p.sku} is listed twice`, path: ['spares', index, 'sku'] });
    seen.add(p.sku);
  });
}

function notOwnParent(a: Partly, ctx: z.RefinementCtx): void {
  if (typeof a.code === 'string' && a.parent === a.code)
    ctx.addIssue({ code: 'custom', message: 'an asset cannot be part of itself', path: ['parent'] });
}

/** Body of "create asset" (API and form). */
export const AssetInput = AssetFields.extend({ code: Code })
  .superRefine(barcodeClean, whenValid('barcode'))
  .superRefine(sparesUnique, whenValid('spares'))
  .superRefine(notOwnParent, whenValid('code', 'parent'));
export type AssetInput = z.input<typeof AssetInput>;

/** Body of "edit asset": any subset of fields; the code is the asset's identity and never changes. */
export const AssetPatch = z
  .object(withoutDefaults(AssetFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .superRefine(barcodeClean, whenValid('barcode'))
  .superRefine(sparesUnique, whenValid('spares'));
export type AssetPatch = z.infer<typeof AssetPatch>;

export interface AssetNode {
  asset: Asset;
  children: AssetNode[];
}

/**
 * The asset tree, sorted by code. Assets whose parent is missing become roots, and a cycle
 * that concurrent re-parenting merged is cut at its smallest code, so nothing hides.
 */
export function assetTree(assets: Iterable<Asset>): AssetNode[] {
  return codeTree(assets, (asset): AssetNode => ({ asset, children: [] }), cmp);
}

/** Codes of an asset and everything below it (a machine and its components). */
export function assetDescendants(assets: Iterable<Asset>, root: string): Set<string> {
  return descendantCodes(assets, root);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
