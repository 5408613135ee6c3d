// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, sectionOf } from '../routing/route.ts';

describe('procedures routes', () => {
  it('#/approvals and #/settings/procedures round-trip', () => {
    for (const hash of ['#/approvals', '#/settings/procedures'])
      expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/approvals')).toEqual({ name: 'approvals' });
    expect(sectionOf({ name: 'settings-procedures' })).toBe('procedures');
  });
  it('anything else under them is not found', () => {
    expect(parseRoute('#/settings').name).toBe('not-found');
    expect(parseRoute('#/approvals/x').name).toBe('not-found');
  });
});
