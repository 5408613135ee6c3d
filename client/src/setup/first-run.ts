/*
 * The first-run guide (issue 16): what a new site still has to set up, as a pure function of
 * what the catalog holds. The admin's home shows it while the catalog has no locations or no
 * items; each step links to the screen that does it, and says when it is done.
 */

export interface FirstRunStep {
  id: 'locations' | 'items' | 'team' | 'practice';
  title: string;
  detail: string;
  done: boolean;
  links: { label: string; href: string; testid: string }[];
}

export interface CatalogCounts {
  locations: number;
  /** Locations of kind `bin`: stock lives in bins, so a tree without one is not finished. */
  bins: number;
  items: number;
}

/** Shown while the catalog is empty on either side (no location, or no item). */
export function needsFirstRun(c: CatalogCounts): boolean {
  return c.locations === 0 || c.items === 0;
}

export function firstRunSteps(c: CatalogCounts): FirstRunStep[] {
  return [
    {
      id: 'locations',
      title: 'Set up your site, zones and bins',
      detail:
        c.locations === 0
          ? 'Start with the site, then its zones (or aisles), then the bins that hold stock.'
          : `${c.locations} location${c.locations === 1 ? '' : 's'}, ${c.bins} bin${c.bins === 1 ? '' : 's'} so far.`,
      done: c.bins > 0,
      links: [{ label: 'Open locations', href: '#/locations', testid: 'first-run-locations' }],
    },
    {
      id: 'items',
      title: 'Add your items',
      detail:
        c.items === 0
          ? 'Import a spreadsheet (CSV) of items, locations and stock, or create the first item by hand.'
          : `${c.items} item${c.items === 1 ? '' : 's'} so far.`,
      done: c.items > 0,
      links: [
        { label: 'Import a CSV', href: '#/import', testid: 'first-run-import' },
        { label: 'Create the first item', href: '#/items/new', testid: 'first-run-item' },
      ],
    },
    {
      id: 'team',
      title: 'Invite the team',
      detail: 'Give each person a login with the role of their job: counter, clerk, technician, manager.',
      done: false,
      links: [{ label: 'Add users', href: '#/admin/users', testid: 'first-run-users' }],
    },
    {
      id: 'practice',
      title: 'Try it without touching real stock',
      detail: 'Practice mode works on a copy, so nobody records a real movement while learning.',
      done: false,
      links: [{ label: 'Open practice mode', href: '#/training', testid: 'first-run-practice' }],
    },
  ];
}
