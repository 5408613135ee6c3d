// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.ts';
import { apiRoutes } from './routes.ts';

type Operation = {
  security: unknown[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  responses: Record<string, { content?: unknown }>;
  parameters?: { name: string; in: string; required: boolean }[];
};

describe('OpenAPI document', () => {
  const routes = apiRoutes('test');
  const doc = openApiDocument(routes, { title: 'Stockroom API', version: 'test' });
  const op = (method: string, path: string) => (doc.paths[path] as Record<string, Operation>)[method]!;

  it('is OpenAPI 3.1 with bearer auth', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('lists every route', () => {
    for (const r of routes) expect(op(r.method.toLowerCase(), r.path), `${r.method} ${r.path}`).toBeDefined();
    for (const [method, path] of [
      ['post', '/api/auth/login'],
      ['post', '/api/auth/logout'],
      ['get', '/api/me'],
      ['post', '/api/items'],
      ['get', '/api/items'],
      ['get', '/api/items/{sku}'],
      ['patch', '/api/items/{sku}'],
      ['post', '/api/locations'],
      ['get', '/api/locations'],
      ['get', '/api/locations/{code}'],
      ['patch', '/api/locations/{code}'],
      ['post', '/api/suppliers'],
      ['get', '/api/suppliers'],
      ['patch', '/api/suppliers/{code}'],
      ['post', '/api/movements'],
      ['get', '/api/movements'],
      ['get', '/api/stock'],
      ['post', '/api/users'],
      ['get', '/api/users'],
      ['patch', '/api/users/{username}'],
      ['get', '/api/openapi.json'],
    ] as const) {
      expect(op(method, path), `${method} ${path}`).toBeDefined();
    }
  });

  it('only login and refresh are public', () => {
    const open = ['/api/auth/login', '/api/auth/refresh'];
    for (const path of open) expect(op('post', path).security).toEqual([]);
    for (const r of routes.filter((r) => !open.includes(r.path))) {
      expect(op(r.method.toLowerCase(), r.path).security, r.path).toEqual([{ bearer: [] }]);
    }
  });

  it('describes bodies from the zod schemas', () => {
    const item = op('post', '/api/items').requestBody!.content['application/json'].schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(item.properties)).toEqual(
      expect.arrayContaining(['sku', 'name', 'barcodes', 'tracking']),
    );
    expect(item.required).toEqual(expect.arrayContaining(['sku', 'name']));
    const movement = JSON.stringify(op('post', '/api/movements').requestBody);
    for (const word of [
      'receive',
      'issue',
      'transfer',
      'adjust',
      'allowNegative',
      'requestId',
      'toLocation',
    ]) {
      expect(movement).toContain(word);
    }
  });

  it('describes responses, errors and query parameters', () => {
    const create = op('post', '/api/items');
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409']),
    );
    expect(JSON.stringify(create.responses['400'])).toContain('fields');
    const stock = op('get', '/api/stock');
    expect(stock.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ['sku', 'query', false],
      ['location', 'query', false],
    ]);
    expect(op('get', '/api/items/{sku}').parameters).toEqual([
      { name: 'sku', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
