import { z } from 'zod';
import { PositiveQuantity, Quantity } from '../quantity.ts';
import { withoutDefaults } from '../validation.ts';
import { Barcode, Code } from './codes.ts';

export const ItemKind = z.enum(['raw_material', 'component', 'finished_good', 'mro']);
export type ItemKind = z.infer<typeof ItemKind>;
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  raw_material: 'Raw material',
  component: 'Component',
  finished_good: 'Finished good',
  mro: 'MRO supply',
};

export const Tracking = z.enum(['none', 'lot', 'serial']);
export type Tracking = z.infer<typeof Tracking>;

const NonNegative = Quantity.refine((n) => n >= 0, 'must not be negative');

export const SupplierRef = z.object({
  supplier: Code,
  supplierSku: z.string().max(64).optional(),
  unitCost: NonNegative.optional(),
  packSize: NonNegative.optional(),
  leadTimeDays: z.number().int().min(0).max(3650).optional(),
});

/**
 * A barcode printed on a pack of the item (a box of 50, a case of 12): scanning it counts
 * `quantity` units of the item, where the item's own barcodes count one.
 */
export const Pack = z.object({
  barcode: Barcode,
  quantity: PositiveQuantity,
  /** What people call the pack ("box", "case of 12"); optional. */
  name: z.string().trim().max(60, 'must be at most 60 characters').optional(),
});
export type Pack = z.infer<typeof Pack>;

/** The fields a person edits. */
export const ItemFields = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200),
  description: z.string().max(2000).default(''),
  kind: ItemKind.default('component'),
  unit: z.string().trim().min(1, 'is required').max(16).default('ea'),
  barcodes: z.array(Barcode).max(20, 'at most 20 barcodes').default([]),
  packs: z.array(Pack).max(20, 'at most 20 pack barcodes').default([]),
  category: z.string().trim().max(100).default(''),
  suppliers: z.array(SupplierRef).max(20).default([]),
  unitCost: NonNegative.default(0),
  reorderPoint: NonNegative.nullable().default(null),
  minQty: NonNegative.nullable().default(null),
  maxQty: NonNegative.nullable().default(null),
  leadTimeDays: z.number().int('whole days').min(0).max(3650).nullable().default(null),
  tracking: Tracking.default('none'),
  active: z.boolean().default(true),
});

const minBelowMax = (i: { minQty: number | null; maxQty: number | null }) =>
  i.minQty === null || i.maxQty === null || i.minQty <= i.maxQty;
const minMaxMessage = { message: 'minimum must not exceed maximum', path: ['maxQty'] };

/**
 * A stored item. Minimum ≤ maximum is checked when someone writes (ItemInput, Catalog.patchItem),
 * not on read: a new minimum on one device and a new maximum on another can merge crossed, and
 * the item must then stay visible and fixable rather than vanish as invalid.
 */
export const Item = ItemFields.extend({
  sku: Code,
  createdAt: z.iso.datetime(),
  createdBy: z.string().min(1),
});
export type Item = z.infer<typeof Item>;

/**
 * Within one item a pack barcode must be unambiguous: not the SKU, not one of the item's
 * unit barcodes (one scan cannot mean both 1 and 50), not another of its packs.
 */
function packCodesUnique(i: { sku: string; barcodes: string[]; packs: Pack[] }, ctx: z.RefinementCtx): void {
  const taken = new Set([i.sku, ...i.barcodes]);
  i.packs.forEach((p, index) => {
    if (taken.has(p.barcode)) {
      const what =
        p.barcode === i.sku ? 'the SKU' : i.barcodes.includes(p.barcode) ? 'a unit barcode' : 'another pack';
      ctx.addIssue({
        code: 'custom',
        message: `already used as ${what} of this item`,
        path: ['packs', index, 'barcode'],
      });
    }
    taken.add(p.barcode);
  });
}

/** Body of "create item" (API and form). */
export const ItemInput = ItemFields.extend({ sku: Code })
  .refine(minBelowMax, minMaxMessage)
  .superRefine(packCodesUnique);
export type ItemInput = z.input<typeof ItemInput>;

/** Body of "edit item": any subset of fields; the SKU is the item's identity and never changes. */
export const ItemPatch = z
  .object(withoutDefaults(ItemFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type ItemPatch = z.infer<typeof ItemPatch>;

/** Every code an item answers to when scanned or searched: SKU, unit barcodes, pack barcodes. */
export function itemCodes(item: Pick<Item, 'sku' | 'barcodes'> & { packs?: readonly Pack[] }): string[] {
  return [item.sku, ...item.barcodes, ...(item.packs ?? []).map((p) => p.barcode)];
}

/** The pack of the item a code is printed on, if it is one of its pack barcodes. */
export function packFor(item: Pick<Item, 'packs'>, code: string): Pack | undefined {
  return item.packs.find((p) => p.barcode === code);
}
