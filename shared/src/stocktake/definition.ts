import { z } from 'zod';
import { Code } from '../catalog/codes.ts';
import { descendantCodes, type Location } from '../catalog/location.ts';
import { Quantity } from '../quantity.ts';
import { text } from '../text.ts';
import { withoutDefaults } from '../validation.ts';
import { byTimeThenId, compareText, stamp, UserId } from './stamp.ts';

/** Same alphabet as room names (`stocktake-<id>`). */
export const StocktakeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, _ or -');

const NonNegative = Quantity.refine((n) => n >= 0, 'must not be negative');

/**
 * How far a count may be off and still be accepted. Every criterion given must hold
 * (units AND percent AND value); with none given only an exact count is within tolerance.
 */
export const Tolerance = z
  .object({
    units: NonNegative.optional(),
    percent: z
      .number({ error: 'must be a number' })
      .finite()
      .min(0, 'must not be negative')
      .max(1000, 'must be at most 1,000 %')
      .optional(),
    value: z
      .number({ error: 'must be a number' })
      .finite()
      .min(0, 'must not be negative')
      .max(1e12, 'must be at most 1,000,000,000,000')
      .optional(),
  })
  .strict();
export type Tolerance = z.infer<typeof Tolerance>;

const CodeList = z.array(Code).max(10_000, 'at most 10,000 codes');

/**
 * What is counted: locations (bins, or zones/sites meaning everything below them), or a
 * cycle count of selected SKUs at the given locations (empty: wherever they are found).
 */
export const Scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('locations'), locations: CodeList.min(1, 'give at least one location') }),
  z.object({ kind: z.literal('items'), skus: CodeList.min(1, 'give at least one SKU'), locations: CodeList }),
]);
export type Scope = z.infer<typeof Scope>;

/** What people call the stocktake ("Year end 2026, hall B"). */
export const StocktakeName = text({ max: 200, required: true });

export const DefinitionFields = z.object({
  name: StocktakeName,
  scope: Scope,
  /** Counters do not see expected quantities (recounts and verifications are blind anyway). */
  blind: z.boolean(),
  tolerance: Tolerance,
});

export const Definition = DefinitionFields.extend({
  id: StocktakeId,
  createdBy: UserId,
  createdAt: z.iso.datetime(),
});
export type Definition = z.infer<typeof Definition>;

export const DefinitionPatch = z
  .object(withoutDefaults(DefinitionFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type DefinitionPatch = z.infer<typeof DefinitionPatch>;

/** Written once, when the stocktake is created (id `created`: one per room). */
export const DefinitionCreated = DefinitionFields.extend({
  type: z.literal('created'),
  stocktake: StocktakeId,
  ...stamp,
});
/** A later change to some fields. */
export const DefinitionEdited = z.object({ type: z.literal('edited'), patch: DefinitionPatch, ...stamp });
export const DefinitionEvent = z.discriminatedUnion('type', [DefinitionCreated, DefinitionEdited]);
export type DefinitionEvent = z.infer<typeof DefinitionEvent>;
export const CREATED_EVENT_ID = 'created';

/** Body of "create stocktake" (API and form). */
export const StocktakeInput = z
  .object({
    name: StocktakeName,
    locations: CodeList.optional(),
    /** Present: a cycle count of these SKUs. */
    skus: CodeList.min(1, 'give at least one SKU').optional(),
    blind: z.boolean().default(true),
    tolerance: Tolerance.default({}),
    // Usernames are lower case: "Ben" typed means user ben.
    counters: z.array(z.string().trim().toLowerCase().pipe(UserId)).max(500).default([]),
  })
  .refine((i) => i.skus !== undefined || (i.locations?.length ?? 0) > 0, {
    message: 'give the locations to count, or the SKUs of a cycle count',
    path: ['locations'],
  });
export type StocktakeInput = z.input<typeof StocktakeInput>;

export function sortedUnique(list: readonly string[]): string[] {
  return [...new Set(list)].sort(compareText);
}

export function scopeOf(input: z.infer<typeof StocktakeInput>): Scope {
  return input.skus
    ? { kind: 'items', skus: sortedUnique(input.skus), locations: sortedUnique(input.locations ?? []) }
    : { kind: 'locations', locations: sortedUnique(input.locations ?? []) };
}

/**
 * The definition: the creation event, then edits in time order (ties by id), each
 * field taken from the latest edit that sets it. Without a creation event there is none.
 */
export function foldDefinition(events: Iterable<DefinitionEvent>): Definition | null {
  const list = [...events];
  const created = list.find((e) => e.type === 'created');
  if (!created) return null;
  const def: Definition = {
    id: created.stocktake,
    name: created.name,
    scope: created.scope,
    blind: created.blind,
    tolerance: created.tolerance,
    createdBy: created.user,
    createdAt: created.at,
  };
  for (const e of list.filter((x) => x.type === 'edited').sort(byTimeThenId)) {
    Object.assign(def, stripUndefined(e.patch));
  }
  return def;
}

function stripUndefined(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * Every location code in scope: the listed codes and everything below them in the
 * location tree (pass the catalog's locations). Null means "any location" (a cycle count
 * with no locations given).
 */
export function scopeLocations(def: Definition, catalog?: Iterable<Location>): Set<string> | null {
  if (def.scope.locations.length === 0) return null;
  const all = catalog ? [...catalog] : [];
  const out = new Set<string>();
  for (const code of def.scope.locations) {
    for (const c of all.length ? descendantCodes(all, code) : [code]) out.add(c);
  }
  return out;
}

/**
 * The places to count, for progress: the in-scope locations with nothing below them
 * (a zone in scope means its bins). Sorted.
 */
export function countableLocations(def: Definition, catalog?: Iterable<Location>): string[] {
  const all = catalog ? [...catalog] : [];
  const inScope = scopeLocations(def, all);
  if (!inScope) return [];
  const hasChild = new Set<string>();
  for (const l of all) if (l.parent && inScope.has(l.code)) hasChild.add(l.parent);
  return [...inScope].filter((c) => !hasChild.has(c)).sort(compareText);
}

/**
 * Whether a location belongs to the stocktake. Without the catalog's locations a zone's
 * bins cannot be recognised, so every location is accepted: callers that write pass the
 * catalog, and the check is made there.
 */
export function locationInScope(def: Definition, location: string, catalog?: Iterable<Location>): boolean {
  if (!catalog) return true;
  const inScope = scopeLocations(def, catalog);
  return inScope === null || inScope.has(location);
}

export function skuInScope(def: Definition, sku: string): boolean {
  return def.scope.kind === 'locations' || def.scope.skus.includes(sku);
}

/** Locations holding any of the SKUs, from stock lines: the default places of a cycle count. */
export function cycleCountLocations(
  stock: Iterable<{ sku: string; location: string; quantity: number }>,
  skus: readonly string[],
): string[] {
  const wanted = new Set(skus);
  const out = new Set<string>();
  for (const line of stock) if (wanted.has(line.sku) && line.quantity !== 0) out.add(line.location);
  return [...out].sort(compareText);
}
