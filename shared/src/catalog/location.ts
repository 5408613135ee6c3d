import { z } from 'zod';
import { descendantCodes as codesBelow, codeTree } from '../code-tree.ts';
import { identifier, text } from '../text.ts';
import { whenValid, withoutDefaults } from '../validation.ts';
import { Barcode, barcodeClean, Code } from './codes.ts';

export const LocationKind = z.enum(['site', 'zone', 'aisle', 'bin']);
export type LocationKind = z.infer<typeof LocationKind>;
export const LOCATION_RANK: Record<LocationKind, number> = { site: 0, zone: 1, aisle: 2, bin: 3 };

export const LocationFields = z.object({
  name: text({ max: 200 }).default(''),
  kind: LocationKind.default('bin'),
  parent: Code.nullable().default(null),
  barcode: Barcode.nullable().default(null),
  active: z.boolean().default(true),
});

export const Location = LocationFields.extend({
  code: Code,
  createdAt: z.iso.datetime(),
  createdBy: identifier(64),
});
export type Location = z.infer<typeof Location>;

export const LocationInput = LocationFields.extend({ code: Code }).superRefine(
  barcodeClean,
  whenValid('barcode'),
);
export type LocationInput = z.input<typeof LocationInput>;

export const LocationPatch = z
  .object(withoutDefaults(LocationFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .superRefine(barcodeClean, whenValid('barcode'));
export type LocationPatch = z.infer<typeof LocationPatch>;

/** Why a location cannot sit under the given parent, or null when it can. */
export function parentProblem(
  kind: LocationKind,
  parent: Location | undefined,
  parentCode: string | null,
): string | null {
  if (parentCode === null) return kind === 'site' ? null : `${article(kind)} ${kind} needs a parent location`;
  if (!parent) return `parent ${parentCode} does not exist`;
  if (LOCATION_RANK[parent.kind] >= LOCATION_RANK[kind])
    return `${article(kind)} ${kind} cannot sit inside ${article(parent.kind)} ${parent.kind}`;
  return null;
}

/** Why a location of the given kind cannot hold this child, or null when it can. */
export function childProblem(kind: LocationKind, child: Location): string | null {
  return LOCATION_RANK[child.kind] <= LOCATION_RANK[kind]
    ? `${article(kind)} ${kind} cannot hold ${article(child.kind)} ${child.kind} (${child.code})`
    : null;
}

function article(kind: LocationKind): string {
  return kind === 'aisle' ? 'an' : 'a';
}

export interface LocationNode {
  location: Location;
  children: LocationNode[];
}

/** The site → zone → aisle → bin tree; locations whose parent is missing become roots so nothing hides. */
export function locationTree(locations: Iterable<Location>): LocationNode[] {
  // Concurrent re-parenting on two devices can merge into a cycle (X under Y, Y under X) that
  // no root reaches: codeTree cuts each such cycle at its smallest code so those locations still show.
  return codeTree(
    locations,
    (location): LocationNode => ({ location, children: [] }),
    (a, b) => a.localeCompare(b),
  );
}

/** Codes of a location and everything below it. */
export function descendantCodes(locations: Iterable<Location>, root: string): Set<string> {
  return codesBelow(locations, root);
}
