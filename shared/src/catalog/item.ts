import { z } from 'zod';
import { PositiveQuantity, Quantity } from '../quantity.ts';
import { identifier, text } from '../text.ts';
import { whenValid, withoutDefaults } from '../validation.ts';
import { assignedBarcodeProblem, Barcode, Code } from './codes.ts';

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
  supplierSku: text({ max: 64 }).optional(),
  unitCost: NonNegative.optional(),
  /** Orders are whole packs of this many units. */
  packSize: NonNegative.optional(),
  /** The supplier's minimum order quantity (units). */
  minOrderQty: NonNegative.optional(),
  leadTimeDays: z.number().int('must be whole days').min(0).max(3650).optional(),
  /** The supplier reorder suggestions and drafts go to (the first one marked, else the first listed). */
  preferred: z.boolean().optional(),
});
export type SupplierRef = z.infer<typeof SupplierRef>;

/**
 * How the item's reorder point and quantities are decided: `manual` (its reorder point,
 * minimum and maximum as entered) or `computed` from its real consumption and lead time
 * (shared/src/replenishment), at this service level, over this demand window, ordering
 * for this review period.
 */
export const ReplenishmentSettings = z.object({
  method: z.enum(['manual', 'computed']).default('manual'),
  serviceLevel: z
    .number()
    .gt(0.5, 'must be more than 0.5 (50 %)')
    .max(0.9999, 'must be at most 0.9999 (99.99 %)')
    .default(0.95),
  windowDays: z.number().int('must be whole days').min(7).max(730).default(90),
  reviewDays: z.number().int('must be whole days').min(0).max(365).default(14),
});
export type ReplenishmentSettings = z.infer<typeof ReplenishmentSettings>;
export const DEFAULT_REPLENISHMENT: ReplenishmentSettings = ReplenishmentSettings.parse({});

/**
 * A barcode printed on a pack of the item (a box of 50, a case of 12): scanning it counts
 * `quantity` units of the item, where the item's own barcodes count one.
 */
export const Pack = z.object({
  barcode: Barcode,
  quantity: PositiveQuantity,
  /** What people call the pack ("box", "case of 12"); optional. */
  name: text({ max: 60 }).optional(),
});
export type Pack = z.infer<typeof Pack>;

/** The fields a person edits. */
export const ItemFields = z.object({
  name: text({ max: 200, required: true }),
  description: text({ max: 2000, multiline: true, trim: false }).default(''),
  kind: ItemKind.default('component'),
  unit: text({ max: 16, required: true }).default('ea'),
  barcodes: z.array(Barcode).max(20, 'must have at most 20 barcodes').default([]),
  packs: z.array(Pack).max(20, 'must have at most 20 pack barcodes').default([]),
  category: text({ max: 100 }).default(''),
  suppliers: z.array(SupplierRef).max(20, 'must have at most 20 supplier references').default([]),
  unitCost: NonNegative.default(0),
  reorderPoint: NonNegative.nullable().default(null),
  minQty: NonNegative.nullable().default(null),
  maxQty: NonNegative.nullable().default(null),
  leadTimeDays: z.number().int('must be whole days').min(0).max(3650).nullable().default(null),
  replenishment: ReplenishmentSettings.default(DEFAULT_REPLENISHMENT),
  tracking: Tracking.default('none'),
  active: z.boolean().default(true),
});

/**
 * A stored item. The rules across fields (minimum ≤ maximum, barcodes unique and without
 * spaces) are checked when someone writes (ItemInput, Catalog.patchItem), not on read: a new
 * minimum on one device and a new maximum on another can merge crossed, and the item must
 * then stay visible and fixable rather than vanish as invalid.
 */
export const Item = ItemFields.extend({
  sku: Code,
  createdAt: z.iso.datetime(),
  createdBy: identifier(64),
});
export type Item = z.infer<typeof Item>;

type Partly = Record<string, unknown>;
const isRecord = (v: unknown): v is Partly => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;

function minBelowMax(i: Partly, ctx: z.RefinementCtx): void {
  if (typeof i.minQty === 'number' && typeof i.maxQty === 'number' && i.minQty > i.maxQty)
    ctx.addIssue({
      code: 'custom',
      message: `must not be less than the minimum (${i.minQty})`,
      path: ['maxQty'],
    });
}

/** Unit barcodes of one item: each once, and no spaces (two codes typed on one line). */
function barcodesClean(i: Partly, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  (strings(i.barcodes) ?? []).forEach((code, index) => {
    const space = assignedBarcodeProblem(code);
    if (space) ctx.addIssue({ code: 'custom', message: `${code}: ${space}`, path: ['barcodes', index] });
    else if (seen.has(code))
      ctx.addIssue({ code: 'custom', message: `${code} is listed twice`, path: ['barcodes', index] });
    seen.add(code);
  });
}

/**
 * Within one item a pack barcode must be unambiguous: not the SKU, not one of the item's
 * unit barcodes (one scan cannot mean both 1 and 50), not another of its packs; and, like
 * unit barcodes, without spaces.
 */
function packCodesUnique(i: Partly, ctx: z.RefinementCtx): void {
  const barcodes = strings(i.barcodes) ?? [];
  const sku = typeof i.sku === 'string' ? i.sku : undefined;
  const taken = new Set([...(sku === undefined ? [] : [sku]), ...barcodes]);
  (Array.isArray(i.packs) ? i.packs : []).forEach((p: unknown, index) => {
    if (!isRecord(p) || typeof p.barcode !== 'string') return;
    const space = assignedBarcodeProblem(p.barcode);
    if (space) {
      ctx.addIssue({ code: 'custom', message: space, path: ['packs', index, 'barcode'] });
    } else if (taken.has(p.barcode)) {
      const what =
        p.barcode === sku ? 'the SKU' : barcodes.includes(p.barcode) ? 'a unit barcode' : 'another pack';
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
  .superRefine(minBelowMax, whenValid('minQty', 'maxQty'))
  .superRefine(barcodesClean, whenValid('barcodes'))
  .superRefine(packCodesUnique, whenValid('sku', 'barcodes', 'packs'));
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
