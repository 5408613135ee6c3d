// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseRoute, type Route, routeHref, sectionOf } from './route.ts';

describe('parseRoute', () => {
  it('sends an empty hash to the home screen', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/home')).toEqual({ name: 'home' });
    expect(parseRoute(routeHref({ name: 'home' }))).toEqual({ name: 'home' });
    expect(sectionOf({ name: 'home' })).toBe('home');
    expect(parseRoute('#/home/x')).toEqual({ name: 'not-found', path: '/home/x' });
  });

  it('reads item, stock, movement and history routes with their parameters', () => {
    expect(parseRoute('#/items?q=bolt')).toEqual({ name: 'items', q: 'bolt' });
    expect(parseRoute('#/items/new')).toEqual({ name: 'item-new' });
    expect(parseRoute('#/items/edit/AB%2F12')).toEqual({ name: 'item-edit', sku: 'AB/12' });
    expect(parseRoute('#/stock/by-location?q=A1')).toEqual({ name: 'stock', by: 'location', q: 'A1' });
    expect(parseRoute('#/move/transfer?sku=X1&location=B-01')).toEqual({
      name: 'move',
      type: 'transfer',
      sku: 'X1',
      location: 'B-01',
    });
    expect(parseRoute('#/move')).toMatchObject({ name: 'move', type: 'receive' });
    expect(parseRoute('#/history?type=adjust&sku=S&location=L&date=2025-03-04')).toEqual({
      name: 'history',
      filter: { type: 'adjust', sku: 'S', location: 'L', from: '2025-03-04', to: '2025-03-04' },
    });
  });

  it('reads the dashboard, report and replenishment routes, keeping only known report parameters', () => {
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/reports/consumption?sku=B-1&interval=day&junk=1')).toEqual({
      name: 'report',
      report: 'consumption',
      params: { sku: 'B-1', interval: 'day' },
    });
    expect(parseRoute('#/reports/nope')).toEqual({ name: 'not-found', path: '/reports/nope' });
    expect(parseRoute('#/replenishment?supplier=ACME')).toEqual({ name: 'replenishment', supplier: 'ACME' });
    const report: Route = { name: 'report', report: 'abc', params: { from: '2026-01-01' } };
    expect(parseRoute(routeHref(report))).toEqual(report);
    expect(sectionOf(report)).toBe('dashboard');
    expect(sectionOf({ name: 'replenishment', supplier: '' })).toBe('replenishment');
  });

  it('reads the scanner, labels, admin and audit routes', () => {
    expect(parseRoute('#/scanner')).toEqual({ name: 'scanner' });
    expect(parseRoute('#/labels')).toEqual({ name: 'labels', kind: 'items' });
    expect(parseRoute('#/labels?kind=locations')).toEqual({ name: 'labels', kind: 'locations' });
    expect(parseRoute('#/admin/users')).toEqual({ name: 'admin-users' });
    expect(parseRoute('#/admin/sessions?user=ann')).toEqual({ name: 'admin-sessions', user: 'ann' });
    expect(parseRoute('#/audit?user=ann&subject=item%3AA%2F1')).toEqual({
      name: 'audit',
      user: 'ann',
      subject: 'item:A/1',
    });
    expect(parseRoute('#/admin')).toEqual({ name: 'not-found', path: '/admin' });
    expect(parseRoute('#/import')).toEqual({ name: 'import' });
    expect(parseRoute('#/import/x')).toEqual({ name: 'not-found', path: '/import/x' });
  });

  it('reads the purchase order and supplier routes', () => {
    expect(parseRoute('#/purchase-orders')).toEqual({ name: 'purchase-orders', status: '', supplier: '' });
    expect(parseRoute('#/purchase-orders?status=partially_received&supplier=ACME')).toEqual({
      name: 'purchase-orders',
      status: 'partially_received',
      supplier: 'ACME',
    });
    expect(parseRoute('#/purchase-orders?status=lost')).toMatchObject({ status: '' });
    expect(parseRoute('#/purchase-orders/new?supplier=AC%2FME')).toEqual({
      name: 'purchase-order-new',
      supplier: 'AC/ME',
    });
    expect(parseRoute('#/purchase-orders/2026-abc_DEF-12')).toEqual({
      name: 'purchase-order',
      id: '2026-abc_DEF-12',
    });
    expect(parseRoute('#/purchase-orders/2026-abc/edit')).toEqual({
      name: 'purchase-order-edit',
      id: '2026-abc',
    });
    expect(parseRoute('#/purchase-orders/2026-abc/receive')).toEqual({
      name: 'purchase-order-receive',
      id: '2026-abc',
    });
    expect(parseRoute('#/purchase-orders/2026-abc/steal')).toEqual({
      name: 'not-found',
      path: '/purchase-orders/2026-abc/steal',
    });
    expect(parseRoute('#/suppliers/ACME')).toEqual({ name: 'supplier', code: 'ACME' });
    expect(parseRoute('#/suppliers/ACME/x')).toEqual({ name: 'not-found', path: '/suppliers/ACME/x' });
  });

  it('puts an order’s screens under purchase orders and a supplier’s page under suppliers', () => {
    expect(sectionOf({ name: 'purchase-order-receive', id: 'x' })).toBe('purchase-orders');
    expect(sectionOf({ name: 'purchase-order-new', supplier: '' })).toBe('purchase-orders');
    expect(sectionOf({ name: 'supplier', code: 'ACME' })).toBe('suppliers');
  });

  it('drops filter values it does not understand instead of failing', () => {
    expect(parseRoute('#/history?type=steal&date=yesterday')).toEqual({
      name: 'history',
      filter: { type: '', sku: '', location: '', from: '', to: '' },
    });
  });

  it('reports unknown paths and malformed escapes as not found', () => {
    expect(parseRoute('#/nowhere/else')).toEqual({ name: 'not-found', path: '/nowhere/else' });
    expect(parseRoute('#/move/steal')).toEqual({ name: 'not-found', path: '/move/steal' });
    expect(parseRoute('#/items/edit/%E0%A4%A')).toEqual({ name: 'item-edit', sku: '%E0%A4%A' });
  });
});

describe('routeHref', () => {
  const routes: Route[] = [
    { name: 'items', q: '' },
    { name: 'items', q: 'hex bolt & nut' },
    { name: 'item-new' },
    { name: 'item-edit', sku: 'A/B.c-1' },
    { name: 'locations' },
    { name: 'suppliers' },
    { name: 'supplier', code: 'AC ME/1' },
    { name: 'purchase-orders', status: '', supplier: '' },
    { name: 'purchase-orders', status: 'open', supplier: 'A&B' },
    { name: 'purchase-order-new', supplier: '' },
    { name: 'purchase-order-new', supplier: 'ACME' },
    { name: 'purchase-order', id: '2026-abc_DEF-12' },
    { name: 'purchase-order-edit', id: '2026-abc_DEF-12' },
    { name: 'purchase-order-receive', id: '2026-abc_DEF-12' },
    { name: 'stock', by: 'item', q: '' },
    { name: 'stock', by: 'location', q: 'WH1' },
    { name: 'move', type: 'adjust', sku: 'S?1', location: '' },
    {
      name: 'history',
      filter: { type: 'issue', sku: 'S', location: '', from: '2024-12-01', to: '2024-12-31' },
    },
    { name: 'scanner' },
    { name: 'labels', kind: 'items' },
    { name: 'labels', kind: 'locations' },
    { name: 'import' },
    { name: 'admin-users' },
    { name: 'admin-sessions', user: '' },
    { name: 'admin-sessions', user: 'bob' },
    { name: 'audit', user: '', subject: '' },
    { name: 'audit', user: 'ann', subject: 'location:WH1-A&B' },
  ];
  it.each(routes)('round-trips %j', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
