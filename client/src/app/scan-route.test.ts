// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../routing/route.ts';
import { isTextField, scanRoute } from './scan-route.ts';

describe('scanRoute', () => {
  it('opens an item with its stock, and a bin with its contents', () => {
    expect(scanRoute({ kind: 'item', sku: 'BOLT' }, 'clerk')).toEqual({
      name: 'stock',
      by: 'item',
      q: 'BOLT',
    });
    expect(scanRoute({ kind: 'location', code: 'A-01' }, 'manager')).toEqual({
      name: 'stock',
      by: 'location',
      q: 'A-01',
    });
  });

  it('never shows a counter stock on hand: the item’s page and the locations instead', () => {
    expect(scanRoute({ kind: 'item', sku: 'BOLT' }, 'counter')).toEqual({ name: 'item-edit', sku: 'BOLT' });
    expect(scanRoute({ kind: 'location', code: 'A-01' }, 'counter')).toEqual({ name: 'locations' });
    expect(scanRoute({ kind: 'stocktake-location', stocktake: 'st', location: 'A-01' }, 'counter')).toEqual({
      name: 'stocktake-count',
      id: 'st',
    });
  });

  it('receives against a purchase order when the role may, else opens it', () => {
    expect(scanRoute({ kind: 'purchase-order', id: 'p1' }, 'clerk')).toEqual({
      name: 'purchase-order-receive',
      id: 'p1',
    });
    expect(scanRoute({ kind: 'purchase-order', id: 'p1' }, 'viewer')).toEqual({
      name: 'purchase-order',
      id: 'p1',
    });
  });

  it('issues parts to a work order or an asset’s open work orders', () => {
    expect(scanRoute({ kind: 'work-order', id: 'w1' }, 'technician')).toEqual({
      name: 'work-order-issue',
      id: 'w1',
    });
    expect(scanRoute({ kind: 'work-order', id: 'w1' }, 'manager')).toEqual({ name: 'work-order', id: 'w1' });
    expect(scanRoute({ kind: 'asset', code: 'PUMP-1' }, 'technician')).toEqual(
      parseRoute('#/work-orders?asset=PUMP-1'),
    );
    expect(scanRoute({ kind: 'asset', code: 'PUMP-1' }, 'viewer')).toEqual({ name: 'asset', code: 'PUMP-1' });
  });

  it('leaves an unknown code to the caller', () => {
    expect(scanRoute({ kind: 'unknown', raw: 'X', reason: 'r' }, 'admin')).toBeNull();
  });
});

describe('where the global scanner listens', () => {
  it('treats text inputs as the field’s own, but not buttons and checkboxes', () => {
    const el = (tagName: string, type = '') =>
      ({ tagName, type, isContentEditable: false }) as unknown as Element;
    expect(isTextField(el('INPUT', 'search'))).toBe(true);
    expect(isTextField(el('TEXTAREA'))).toBe(true);
    expect(isTextField(el('INPUT', 'checkbox'))).toBe(false);
    expect(isTextField(el('BUTTON'))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});
