// @vitest-environment node
import { ROLES } from '@stockroom/shared/access/permissions';
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, sectionOf } from '../routing/route.ts';
import { groupOf, homeKind, mainJobs, navFor, roleSees } from './navigation.ts';

const sections = (role: (typeof ROLES)[number]) =>
  navFor(role).flatMap((g) => g.entries.map((e) => e.section));
const groups = (role: (typeof ROLES)[number]) => navFor(role).map((g) => g.id);

describe('navigation by job', () => {
  it('groups every screen by job, in a fixed order', () => {
    expect(groups('admin')).toEqual(['stock', 'count', 'buy', 'maintain', 'reports', 'admin']);
    expect(
      navFor('admin')
        .find((g) => g.id === 'buy')
        ?.entries.map((e) => e.section),
    ).toEqual(['purchase-orders', 'replenishment', 'suppliers']);
  });

  it('shows a counter counting, items and locations, never stock on hand, buying or maintenance', () => {
    expect(groups('counter')).toEqual(['stock', 'count', 'admin']);
    expect(sections('counter')).toEqual(['items', 'locations', 'stocktakes', 'scanner']);
  });

  it('shows a technician maintenance and stock, but no counting, buying or moving stock', () => {
    expect(groups('technician')).toEqual(['stock', 'maintain', 'admin']);
    expect(sections('technician')).toEqual([
      'items',
      'stock',
      'history',
      'locations',
      'lots',
      'work-orders',
      'assets',
      'critical-spares',
      'scanner',
    ]);
  });

  it('shows a clerk receiving and moving stock, but no planning, reports or admin screens', () => {
    const s = sections('clerk');
    expect(s).toEqual(expect.arrayContaining(['move', 'purchase-orders', 'work-orders', 'labels']));
    for (const hidden of ['schedules', 'dashboard', 'admin', 'audit', 'import'])
      expect(s).not.toContain(hidden);
  });

  it('shows a viewer what there is to read and nothing to change', () => {
    const s = sections('viewer');
    expect(s).toEqual(expect.arrayContaining(['stock', 'dashboard', 'purchase-orders', 'stocktakes']));
    for (const hidden of ['move', 'labels', 'schedules', 'import', 'admin', 'audit'])
      expect(s).not.toContain(hidden);
  });

  it('shows users only to admins and the audit trail to managers too', () => {
    for (const role of ROLES) {
      expect(sections(role).includes('admin'), role).toBe(role === 'admin');
      expect(sections(role).includes('audit'), role).toBe(role === 'admin' || role === 'manager');
    }
  });

  it('never lists an empty group, and every entry links to a route that parses back to its section', () => {
    for (const role of ROLES)
      for (const group of navFor(role)) {
        expect(group.entries.length).toBeGreaterThan(0);
        for (const e of group.entries) {
          const route = parseRoute(routeHref(e.route));
          expect(sectionOf(route), `${role} ${e.section}`).toBe(e.section);
          expect(groupOf(route)).toBe(group.id);
        }
      }
  });
});

describe('the phone bottom bar', () => {
  it('has home and three more of the role’s own screens for every role', () => {
    for (const role of ROLES) {
      const jobs = mainJobs(role);
      expect(jobs.map((j) => j.section)[0], role).toBe('home');
      expect(jobs, role).toHaveLength(4);
      for (const j of jobs) expect(roleSees(role, j.section), `${role} ${j.section}`).toBe(true);
    }
  });

  it('starts a counter from counting and a technician from work orders', () => {
    expect(mainJobs('counter').map((j) => j.section)).toEqual(['home', 'stocktakes', 'items', 'locations']);
    expect(mainJobs('technician').map((j) => j.section)[1]).toBe('work-orders');
    expect(mainJobs('clerk').map((j) => j.section)).toEqual(['home', 'purchase-orders', 'move', 'stock']);
  });
});

describe('homes', () => {
  it('gives every role its own home; viewers share the manager’s dashboard', () => {
    expect(ROLES.map((r) => [r, homeKind(r)])).toEqual([
      ['admin', 'admin'],
      ['manager', 'manager'],
      ['clerk', 'clerk'],
      ['counter', 'counter'],
      ['technician', 'technician'],
      ['viewer', 'manager'],
    ]);
  });

  it('puts screens of no group (home, detail pages) in no group, and detail pages in their list’s', () => {
    expect(groupOf({ name: 'home' })).toBeNull();
    expect(groupOf({ name: 'purchase-order-receive', id: 'x' })).toBe('buy');
    expect(groupOf({ name: 'stocktake-count', id: 'x' })).toBe('count');
    expect(groupOf({ name: 'work-order-issue', id: 'x' })).toBe('maintain');
    expect(groupOf({ name: 'report', report: 'abc', params: {} })).toBe('reports');
  });
});
