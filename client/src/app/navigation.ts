import { can } from '@stockroom/shared/access/permissions';
import { canPlanMaintenance, canSeeMaintenance } from '../maintenance/maintenance-permissions.ts';
import { canReadPurchasing } from '../purchasing/purchasing-permissions.ts';
import { canReadReports } from '../reports/report-permissions.ts';
import { EMPTY_HISTORY_FILTER, type Route, sectionOf } from '../routing/route.ts';
import { canEditCatalog, canManageUsers, canReadAudit, canRecordMovements } from '../session/permissions.ts';
import type { Role } from '../session/session.ts';
import { canTrain } from '../training/training-routes.ts';

/*
 * The navigation, as data: the jobs people come to do (Stock · Count · Buy · Maintain ·
 * Reports · Admin), the screens under each, who sees which, and the four a phone's bottom
 * bar shows per role. Who sees what reuses each screen's own permission helper, so the
 * menu never offers a screen that would refuse the role. Shell.tsx only renders this.
 */

export type NavGroupId = 'stock' | 'count' | 'buy' | 'maintain' | 'reports' | 'admin';

export interface NavEntry {
  /** Also the `nav-<section>` test id and what `sectionOf(route)` returns on its screens. */
  section: string;
  label: string;
  route: Route;
  show: (role: Role) => boolean;
}

export interface NavGroup {
  id: NavGroupId;
  label: string;
  entries: NavEntry[];
}

const everyone = () => true;
/** Stock on hand, history: counters never see it (a blind count would not be blind). */
const seesStock = (role: Role) => role !== 'counter';

export const HOME_ENTRY: NavEntry = {
  section: 'home',
  label: 'Home',
  route: { name: 'home' },
  show: everyone,
};

const GROUPS: readonly NavGroup[] = [
  {
    id: 'stock',
    label: 'Stock',
    entries: [
      { section: 'items', label: 'Items', route: { name: 'items', q: '' }, show: everyone },
      { section: 'stock', label: 'Stock', route: { name: 'stock', by: 'item', q: '' }, show: seesStock },
      {
        section: 'move',
        label: 'Move stock',
        route: { name: 'move', type: 'receive', sku: '', location: '' },
        show: canRecordMovements,
      },
      {
        section: 'history',
        label: 'History',
        route: { name: 'history', filter: EMPTY_HISTORY_FILTER },
        show: seesStock,
      },
      { section: 'locations', label: 'Locations', route: { name: 'locations' }, show: everyone },
      // Lots and traces read stock (the server's ledger.read): counters never see them.
      { section: 'lots', label: 'Lots', route: { name: 'lots', days: '', sku: '' }, show: seesStock },
      {
        section: 'approvals',
        label: 'Approvals',
        route: { name: 'approvals' },
        show: (r) => can(r, 'approvals.decide'),
      },
      {
        section: 'labels',
        label: 'Labels',
        route: { name: 'labels', kind: 'items' },
        show: (r) => canEditCatalog(r) || canRecordMovements(r),
      },
    ],
  },
  {
    id: 'count',
    label: 'Count',
    entries: [
      {
        section: 'stocktakes',
        label: 'Stocktakes',
        route: { name: 'stocktakes' },
        // The server's table: technicians have no stocktake rooms to open.
        show: (r) => can(r, 'stocktakes.read'),
      },
    ],
  },
  {
    id: 'buy',
    label: 'Buy',
    entries: [
      {
        section: 'purchase-orders',
        label: 'Purchase orders',
        route: { name: 'purchase-orders', status: '', supplier: '' },
        show: canReadPurchasing,
      },
      {
        section: 'replenishment',
        label: 'Replenishment',
        route: { name: 'replenishment', supplier: '' },
        show: canReadPurchasing,
      },
      {
        section: 'suppliers',
        label: 'Suppliers',
        route: { name: 'suppliers' },
        show: (r) => canReadPurchasing(r) || canEditCatalog(r),
      },
    ],
  },
  {
    id: 'maintain',
    label: 'Maintain',
    entries: [
      {
        section: 'work-orders',
        label: 'Work orders',
        route: { name: 'work-orders', filter: { status: 'active', priority: '', due: '', asset: '' } },
        show: canSeeMaintenance,
      },
      { section: 'assets', label: 'Assets', route: { name: 'assets', q: '' }, show: canSeeMaintenance },
      { section: 'schedules', label: 'Schedules', route: { name: 'schedules' }, show: canPlanMaintenance },
      {
        section: 'critical-spares',
        label: 'Critical spares',
        route: { name: 'critical-spares' },
        show: canSeeMaintenance,
      },
    ],
  },
  {
    id: 'reports',
    label: 'Reports',
    entries: [
      { section: 'dashboard', label: 'Dashboard', route: { name: 'dashboard' }, show: canReadReports },
    ],
  },
  {
    id: 'admin',
    label: 'Admin',
    entries: [
      { section: 'admin', label: 'Users', route: { name: 'admin-users' }, show: canManageUsers },
      {
        section: 'audit',
        label: 'Audit',
        route: { name: 'audit', user: '', subject: '' },
        show: canReadAudit,
      },
      { section: 'import', label: 'Import', route: { name: 'import' }, show: canEditCatalog },
      {
        section: 'procedures',
        label: 'Procedures',
        route: { name: 'settings-procedures' },
        show: (r) => can(r, 'settings.manage'),
      },
      // Practice mode and exercises for whoever records movements; managers also see who is trained.
      { section: 'training', label: 'Training', route: { name: 'training' }, show: canTrain },
      // This device's scanner settings: everyone who scans needs them.
      { section: 'scanner', label: 'Scanner', route: { name: 'scanner' }, show: everyone },
    ],
  },
];

/** The groups and entries a role may use, in menu order; groups left empty are dropped. */
export function navFor(role: Role): NavGroup[] {
  return GROUPS.map((g) => ({ ...g, entries: g.entries.filter((e) => e.show(role)) })).filter(
    (g) => g.entries.length > 0,
  );
}

/**
 * The phone's bottom bar: home and the three screens the role comes for most. Everything
 * else is under "More". Kept to sections the role may see (checked by the tests).
 */
const MAIN_JOBS: Record<Role, readonly string[]> = {
  counter: ['home', 'stocktakes', 'items', 'locations'],
  clerk: ['home', 'purchase-orders', 'move', 'stock'],
  technician: ['home', 'work-orders', 'stock', 'assets'],
  manager: ['home', 'stock', 'purchase-orders', 'stocktakes'],
  admin: ['home', 'stock', 'purchase-orders', 'admin'],
  viewer: ['home', 'stock', 'purchase-orders', 'work-orders'],
};

function allEntries(role: Role): NavEntry[] {
  return [HOME_ENTRY, ...navFor(role).flatMap((g) => g.entries)];
}

export function mainJobs(role: Role): NavEntry[] {
  const entries = allEntries(role);
  return MAIN_JOBS[role].flatMap((s) => entries.filter((e) => e.section === s));
}

/** Whether the role's menu has a screen for this section (home always). */
export function roleSees(role: Role, section: string): boolean {
  return allEntries(role).some((e) => e.section === section);
}

/** The group the current screen belongs to, to mark it (and "More" on a phone) as current. */
export function groupOf(route: Route): NavGroupId | null {
  const section = sectionOf(route);
  return GROUPS.find((g) => g.entries.some((e) => e.section === section))?.id ?? null;
}

/** Which home a role lands on after login. */
export type HomeKind = 'counter' | 'clerk' | 'technician' | 'manager' | 'admin';

export function homeKind(role: Role): HomeKind {
  if (role === 'admin') return 'admin';
  if (role === 'counter') return 'counter';
  if (role === 'technician') return 'technician';
  if (role === 'clerk') return 'clerk';
  // Managers and viewers both start from the dashboard; viewers simply cannot act on it.
  return 'manager';
}
