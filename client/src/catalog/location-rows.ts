import {
  LOCATION_RANK,
  type Location,
  type LocationKind,
  LocationKind as LocationKindSchema,
  type LocationNode,
  locationTree,
} from '@stockroom/shared/catalog/location';

export interface LocationRow {
  location: Location;
  depth: number;
  childCount: number;
  expanded: boolean;
}

/** Whether a node or anything below it is active (archived branches can be hidden as a whole). */
function hasActive(node: LocationNode): boolean {
  return node.location.active || node.children.some(hasActive);
}

/** The tree as rows in display order, following which nodes are expanded. */
export function locationRows(
  locations: Iterable<Location>,
  isExpanded: (code: string) => boolean,
  showArchived: boolean,
): LocationRow[] {
  const out: LocationRow[] = [];
  const walk = (nodes: LocationNode[], depth: number) => {
    for (const node of nodes) {
      if (!showArchived && !hasActive(node)) continue;
      const expanded = isExpanded(node.location.code);
      out.push({ location: node.location, depth, childCount: node.children.length, expanded });
      if (expanded) walk(node.children, depth + 1);
    }
  };
  walk(locationTree(locations), 0);
  return out;
}

/** Kinds a new location may have under the given parent kind (a site has no parent). */
export function childKinds(parent: LocationKind | null): LocationKind[] {
  if (parent === null) return ['site'];
  return LocationKindSchema.options.filter((k) => LOCATION_RANK[k] > LOCATION_RANK[parent]);
}
