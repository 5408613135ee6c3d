import { z } from 'zod';
import type { ApiRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
}

/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas (request bodies as
 * their input type, responses as their output type), so it is never out of date.
 */
export function openApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = pathParams(r.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.query instanceof z.ZodObject) {
      for (const [name, field] of Object.entries(r.query.shape as Record<string, z.ZodType>)) {
        parameters.push({
          name,
          in: 'query',
          required: !field.safeParse(undefined).success,
          schema: jsonSchema(field, 'input'),
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema
          ? {
              content: {
                [spec.contentType ?? 'application/json']: { schema: jsonSchema(spec.schema, 'output') },
              },
            }
          : {}),
      };
    }
    const operation: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/(^|[/_-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      responses,
      security: r.access === 'public' ? [] : [{ bearer: [] }],
      ...(r.access !== 'public' && r.access !== 'authenticated' ? { 'x-permission': r.access } : {}),
    };
    const entry = paths[r.path] ?? {};
    entry[r.method.toLowerCase()] = operation;
    paths[r.path] = entry;
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Stockroom HTTP API. Log in with POST /api/auth/login and send the token as `Authorization: Bearer <token>`. ' +
        'Errors are `{"error","message","fields":[{"path","message"}]}`. Live sync uses the y-websocket protocol at ' +
        '`/sync/{room}?token=<token>` (rooms: `catalog`, `ledger-YYYY-MM`, `stocktakes`, `stocktake-<id>`); add `&ack=1` to receive ' +
        'durability acknowledgements (message type 100).',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
