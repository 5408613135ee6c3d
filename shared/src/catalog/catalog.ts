import type * as Y from 'yjs';
import type { Actor } from '../actor.ts';
import { isBelow } from '../code-tree.ts';
import { failure, fromZod, invalid, type Result } from '../result.ts';
import { CATALOG_ROOM } from '../sync/rooms.ts';
import { fieldErrors } from '../validation.ts';
import {
  type Item,
  ItemFields,
  ItemInput as ItemInputSchema,
  ItemPatch,
  Item as ItemSchema,
  type Pack,
} from './item.ts';
import { itemMatches, normalizeItemQuery } from './item-search.ts';
import {
  childProblem,
  type Location,
  LocationFields,
  type LocationInput,
  LocationInput as LocationInputSchema,
  LocationPatch,
  Location as LocationSchema,
  parentProblem,
} from './location.ts';
import { RecordCodec } from './record-codec.ts';
import { RecordCollection } from './record-collection.ts';
import {
  type Supplier,
  SupplierFields,
  SupplierInput,
  SupplierPatch,
  Supplier as SupplierSchema,
} from './supplier.ts';

// Short stored names: see record-codec.ts. Never reuse a short name for another field.
const ITEM_CODEC = new RecordCodec(
  'sku',
  {
    name: 'n',
    description: 'd',
    kind: 'k',
    unit: 'u',
    barcodes: 'b',
    packs: 'pk',
    category: 'c',
    suppliers: 's',
    unitCost: '$',
    reorderPoint: 'rp',
    minQty: 'mn',
    maxQty: 'mx',
    leadTimeDays: 'lt',
    replenishment: 'rq',
    tracking: 'tr',
    active: 'a',
    createdAt: 't',
    createdBy: 'by',
  },
  ItemFields.shape,
);
const LOCATION_CODEC = new RecordCodec(
  'code',
  { name: 'n', kind: 'k', parent: 'p', barcode: 'b', active: 'a', createdAt: 't', createdBy: 'by' },
  LocationFields.shape,
);
const SUPPLIER_CODEC = new RecordCodec(
  'code',
  {
    name: 'n',
    email: 'e',
    phone: 'ph',
    leadTimeDays: 'lt',
    notes: 'no',
    active: 'a',
    createdAt: 't',
    createdBy: 'by',
  },
  SupplierFields.shape,
);

export interface CatalogOptions {
  /**
   * Validate items when first read (RecordCollectionOptions.lazy): a device can show the
   * first screen of a large catalog before every item is validated. Same results either way.
   */
  lazyItems?: boolean;
}

/** The catalog room: items, locations and suppliers, each with field-level merges. */
export class Catalog {
  readonly items: RecordCollection<Item>;
  readonly locations: RecordCollection<Location>;
  readonly suppliers: RecordCollection<Supplier>;
  private codeIndex: CodeIndex | null = null;

  constructor(
    readonly doc: Y.Doc,
    options: CatalogOptions = {},
  ) {
    this.items = new RecordCollection(doc, 'items', ItemSchema, CATALOG_ROOM, 'sku', ITEM_CODEC, {
      lazy: options.lazyItems ?? false,
    });
    this.locations = new RecordCollection(
      doc,
      'locations',
      LocationSchema,
      CATALOG_ROOM,
      'code',
      LOCATION_CODEC,
    );
    this.suppliers = new RecordCollection(
      doc,
      'suppliers',
      SupplierSchema,
      CATALOG_ROOM,
      'code',
      SUPPLIER_CODEC,
    );
    this.items.onChange(() => {
      this.codeIndex = null;
    });
  }

  invalidEntries() {
    return [
      ...this.items.invalidEntries(),
      ...this.locations.invalidEntries(),
      ...this.suppliers.invalidEntries(),
    ];
  }

  createItem(input: unknown, actor: Actor, now = new Date()): Result<Item> {
    const parsed = fromZod(ItemInputSchema.safeParse(input));
    if (!parsed.ok) return parsed;
    if (this.items.exists(parsed.value.sku)) {
      return failure('conflict', `SKU ${parsed.value.sku} already exists`, 'sku');
    }
    const clash = this.codeClash(parsed.value, undefined);
    if (clash) return clash;
    const item: Item = { ...parsed.value, createdAt: now.toISOString(), createdBy: actor.user };
    this.items.create(item.sku, item);
    return { ok: true, value: this.items.get(item.sku) ?? item };
  }

  patchItem(sku: string, patch: unknown): Result<Item> {
    const current = this.items.get(sku);
    if (!current) return failure('not_found', `no item with SKU ${sku}`, 'sku');
    const checked = ItemPatch.safeParse(patch);
    // ItemInput, not the stored schema: it also checks the rules across fields (minimum ≤
    // maximum, barcodes). Checked even when the patch has problems of its own, so that every
    // problem is reported at once, not one after another as each is fixed.
    const raw = typeof patch === 'object' && patch !== null && !Array.isArray(patch) ? patch : {};
    const merged = ItemInputSchema.safeParse({
      ...current,
      ...(checked.success ? checked.data : raw),
      sku: current.sku,
    });
    // Barcode rules (listed once, no spaces) hold for the codes a write sets: an item whose
    // codes broke a rule before it existed can still be renamed or archived.
    const setsCodes = 'barcodes' in raw || 'packs' in raw;
    const crossErrors = merged.success
      ? []
      : fieldErrors(merged.error).filter((f) => setsCodes || !/^(barcodes|packs)(\.|$)/.test(f.path));
    if (!checked.success || crossErrors.length > 0)
      return invalid([...(checked.success ? [] : fieldErrors(checked.error)), ...crossErrors]);
    const next: Item = { ...current, ...checked.data };
    const clash = this.codeClash(next, current);
    if (clash) return clash;
    this.items.patch(sku, changedFields(current, checked.data));
    return { ok: true, value: this.items.get(sku) ?? next };
  }

  createLocation(input: LocationInput | unknown, actor: Actor, now = new Date()): Result<Location> {
    const parsed = fromZod(LocationInputSchema.safeParse(input));
    if (!parsed.ok) return parsed;
    const value = parsed.value;
    if (this.locations.exists(value.code)) {
      return failure('conflict', `location ${value.code} already exists`, 'code');
    }
    const problem = parentProblem(
      value.kind,
      value.parent ? this.locations.get(value.parent) : undefined,
      value.parent,
    );
    if (problem)
      return failure(
        value.parent && !this.locations.get(value.parent) ? 'not_found' : 'invalid',
        problem,
        'parent',
      );
    const location: Location = { ...value, createdAt: now.toISOString(), createdBy: actor.user };
    this.locations.create(location.code, location);
    return { ok: true, value: this.locations.get(location.code) ?? location };
  }

  patchLocation(code: string, patch: unknown): Result<Location> {
    const current = this.locations.get(code);
    if (!current) return failure('not_found', `no location ${code}`, 'code');
    const parsed = fromZod(LocationPatch.safeParse(patch));
    if (!parsed.ok) return parsed;
    const next = { ...current, ...parsed.value };
    const problem = parentProblem(
      next.kind,
      next.parent ? this.locations.get(next.parent) : undefined,
      next.parent,
    );
    if (problem)
      return failure(
        next.parent && !this.locations.get(next.parent) ? 'not_found' : 'invalid',
        problem,
        'parent',
      );
    if (next.parent && isBelow(next.parent, code, (at) => this.locations.get(at)?.parent)) {
      return failure('invalid', 'a location cannot sit inside itself', 'parent');
    }
    if (next.kind !== current.kind) {
      for (const child of this.locations.values()) {
        const childIssue = child.parent === code ? childProblem(next.kind, child) : null;
        if (childIssue) return failure('invalid', childIssue, 'kind');
      }
    }
    this.locations.patch(code, changedFields(current, parsed.value));
    return { ok: true, value: this.locations.get(code) ?? next };
  }

  createSupplier(input: unknown, actor: Actor, now = new Date()): Result<Supplier> {
    const parsed = fromZod(SupplierInput.safeParse(input));
    if (!parsed.ok) return parsed;
    if (this.suppliers.exists(parsed.value.code)) {
      return failure('conflict', `supplier ${parsed.value.code} already exists`, 'code');
    }
    const supplier: Supplier = { ...parsed.value, createdAt: now.toISOString(), createdBy: actor.user };
    this.suppliers.create(supplier.code, supplier);
    return { ok: true, value: this.suppliers.get(supplier.code) ?? supplier };
  }

  patchSupplier(code: string, patch: unknown): Result<Supplier> {
    const current = this.suppliers.get(code);
    if (!current) return failure('not_found', `no supplier ${code}`, 'code');
    const parsed = fromZod(SupplierPatch.safeParse(patch));
    if (!parsed.ok) return parsed;
    this.suppliers.patch(code, changedFields(current, parsed.value));
    return { ok: true, value: this.suppliers.get(code)! };
  }

  /** The SKU a scanned or typed code belongs to: a SKU itself, any of an item's barcodes or pack barcodes. */
  skuForCode(code: string): string | undefined {
    return this.codeMatch(code)?.sku;
  }

  /**
   * What a scanned or typed code is: an item's SKU or unit barcode (one unit), or one of
   * its pack barcodes (`packQuantity` units). Unit barcodes win over pack barcodes.
   */
  codeMatch(code: string): { sku: string; packQuantity?: number } | undefined {
    if (this.items.get(code)) return { sku: code };
    const index = this.index();
    const sku = index.barcodes.get(code);
    if (sku !== undefined) return { sku };
    const pack = index.packs.get(code);
    if (pack) return { sku: pack.sku, packQuantity: pack.pack.quantity };
    // People type SKUs in any case: "bolt-m8x40" is BOLT-M8X40 (when no two SKUs differ only in case).
    const folded = index.folded.get(code.trim().toLowerCase());
    return folded ? { sku: folded } : undefined;
  }

  /** An item's SKU as typed in any case ("bolt-m8x40" is BOLT-M8X40), when unambiguous; barcodes are not SKUs here. */
  skuOf(code: string): string | undefined {
    const trimmed = code.trim();
    if (this.items.get(trimmed)) return trimmed;
    return this.index().folded.get(trimmed.toLowerCase()) ?? undefined;
  }

  /** A location's code as typed or scanned in any case ("a-01-01" is A-01-01), when unambiguous. */
  locationCode(code: string): string | undefined {
    const trimmed = code.trim();
    if (this.locations.get(trimmed)) return trimmed;
    const wanted = trimmed.toLowerCase();
    let found: string | undefined;
    for (const l of this.locations.values()) {
      if (l.code.toLowerCase() !== wanted) continue;
      if (found !== undefined) return undefined;
      found = l.code;
    }
    return found;
  }

  /** Items whose SKU, name, barcode or category contains the query (case-insensitive). */
  searchItems(query: string, limit = Number.POSITIVE_INFINITY): Item[] {
    const q = normalizeItemQuery(query);
    const out: Item[] = [];
    for (const item of this.items.values()) if (itemMatches(item, q)) out.push(item);
    // Sort before limiting: the first N by SKU, not whichever N this replica happened to load first.
    return out.sort((a, b) => a.sku.localeCompare(b.sku)).slice(0, limit);
  }

  destroy(): void {
    this.items.destroy();
    this.locations.destroy();
    this.suppliers.destroy();
  }

  private index(): CodeIndex {
    if (!this.codeIndex) {
      const index: CodeIndex = { barcodes: new Map(), packs: new Map(), folded: new Map() };
      for (const item of this.items.values()) {
        const f = item.sku.toLowerCase();
        index.folded.set(f, index.folded.has(f) ? null : item.sku);
        for (const b of item.barcodes) if (!index.barcodes.has(b)) index.barcodes.set(b, item.sku);
        for (const pack of item.packs)
          if (!index.packs.has(pack.barcode)) index.packs.set(pack.barcode, { sku: item.sku, pack });
      }
      this.codeIndex = index;
    }
    return this.codeIndex;
  }

  /**
   * A pack barcode counts many units, so it must mean one thing across the catalog: a code
   * newly given to an item as a pack must not be another item's SKU, barcode or pack, and a
   * new unit barcode or SKU must not be another item's pack. Only codes the write adds are
   * checked, so an item caught in a clash that arrived through a merge can still be edited.
   * (Two items sharing a unit barcode stay allowed: the scanner reports both.)
   */
  private codeClash(next: { sku: string; barcodes: string[]; packs: Pack[] }, current: Item | undefined) {
    const index = this.index();
    const other = (sku: string | undefined) => sku !== undefined && sku !== next.sku;
    const oldPacks = new Set(current?.packs.map((p) => p.barcode));
    for (const [i, pack] of next.packs.entries()) {
      if (oldPacks.has(pack.barcode)) continue;
      const code = pack.barcode;
      const owner = this.items.get(code) ? code : (index.barcodes.get(code) ?? index.packs.get(code)?.sku);
      if (other(owner)) {
        return failure('conflict', `${code} is already a code of item ${owner}`, `packs.${i}.barcode`);
      }
    }
    const oldBarcodes = new Set(current?.barcodes);
    for (const [i, code] of next.barcodes.entries()) {
      const owner = index.packs.get(code)?.sku;
      if (!oldBarcodes.has(code) && other(owner)) {
        return failure('conflict', `${code} is a pack barcode of item ${owner}`, `barcodes.${i}`);
      }
    }
    const skuOwner = current ? undefined : index.packs.get(next.sku)?.sku;
    if (other(skuOwner))
      return failure('conflict', `${next.sku} is a pack barcode of item ${skuOwner}`, 'sku');
    return null;
  }
}

/** Codes of the catalog's items, by code (the first item found when two share one). */
interface CodeIndex {
  barcodes: Map<string, string>;
  packs: Map<string, { sku: string; pack: Pack }>;
  /** SKUs by their lower-case form ("bolt-m8" → "BOLT-M8"), only where that is unambiguous. */
  folded: Map<string, string | null>;
}

/** Only fields whose value really changes are written, so an unchanged field never wins a merge. */
function changedFields<T extends object>(current: T, patch: Partial<T>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (JSON.stringify((current as Record<string, unknown>)[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out;
}
