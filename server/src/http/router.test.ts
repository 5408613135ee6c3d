// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Router } from './router.ts';

const routes = [
  { method: 'GET' as const, path: '/api/items', name: 'list' },
  { method: 'POST' as const, path: '/api/items', name: 'create' },
  { method: 'GET' as const, path: '/api/items/{sku}', name: 'get' },
  { method: 'PATCH' as const, path: '/api/items/{sku}', name: 'patch' },
  { method: 'GET' as const, path: '/api/users/{username}', name: 'user' },
  { method: 'GET' as const, path: '/api/users/me', name: 'me' },
];

describe('Router', () => {
  const router = new Router(routes);

  it('matches method and path', () => {
    const m = router.match('POST', '/api/items');
    expect(m.kind === 'found' && m.route.name).toBe('create');
  });

  it('decodes parameters', () => {
    const m = router.match('GET', '/api/items/BOLT%2FM6%20x');
    expect(m).toMatchObject({ kind: 'found', params: { sku: 'BOLT/M6 x' } });
  });

  it('prefers literal segments over parameters', () => {
    const m = router.match('GET', '/api/users/me');
    expect(m.kind === 'found' && m.route.name).toBe('me');
    const other = router.match('GET', '/api/users/ann');
    expect(other.kind === 'found' && other.route.name).toBe('user');
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/api/items/X')).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET', 'PATCH'],
    });
    expect(router.match('GET', '/api/nothing')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/api/items/X/extra')).toEqual({ kind: 'not_found' });
  });

  it('treats a badly encoded parameter as not found', () => {
    expect(router.match('GET', '/api/items/%E0%A4%A')).toEqual({ kind: 'not_found' });
  });

  it('answers HEAD with the GET route', () => {
    expect(router.match('HEAD', '/api/items').kind).toBe('found');
  });

  it('refuses duplicate routes', () => {
    expect(
      () => new Router([...routes, { method: 'GET' as const, path: '/api/items/{id}', name: 'dup' }]),
    ).toThrow(/duplicate/);
  });
});
