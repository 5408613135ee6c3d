import type { Actor } from '@stockroom/shared/actor';
import type { Catalog } from '@stockroom/shared/catalog/catalog';
import type { Result } from '@stockroom/shared/result';
import { z } from 'zod';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import {
  type ApiContext,
  type ApiRoute,
  audit,
  keysOf,
  type ResponseSpec,
  reply,
  route,
  sessionOf,
} from './route.ts';
import { auth } from './route-support.ts';

/** A catalog record kind keyed by `code` (locations, suppliers) and its catalog operations. */
export interface RecordKind<R extends { code: string }> {
  /** The URL segment and OpenAPI tag, e.g. `locations`. */
  tag: string;
  /** The singular noun in audit actions, subjects and descriptions, e.g. `location`. */
  noun: string;
  schema: z.ZodType<R>;
  input: z.ZodType;
  patch: z.ZodType;
  records(catalog: Catalog): { values(): Iterable<R>; get(code: string): R | undefined };
  create(catalog: Catalog, body: unknown, actor: Actor): Result<R>;
  update(catalog: Catalog, code: string, body: unknown): Result<R>;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function createRecordRoute<R extends { code: string }>(
  kind: RecordKind<R>,
  options: {
    summary: string;
    /** Error responses beyond 400/409 (e.g. a missing parent). */
    responses?: Record<number, ResponseSpec>;
    auditDetails(record: R): unknown;
  },
): ApiRoute {
  return route({
    method: 'POST',
    path: `/api/${kind.tag}`,
    tag: kind.tag,
    summary: options.summary,
    access: 'catalog.write',
    body: kind.input,
    validateBody: false,
    responses: {
      201: { description: 'Created', schema: kind.schema },
      400: { description: 'Invalid fields', schema: ErrorBody },
      ...options.responses,
      409: { description: 'The code already exists', schema: ErrorBody },
      ...auth,
    },
    handle: (ctx: ApiContext) =>
      withCatalog(ctx.services.rooms, (catalog, room) => {
        const session = sessionOf(ctx);
        const result = room.write(() =>
          kind.create(catalog, ctx.body, { user: session.username, device: session.device }),
        );
        if (!result.ok) throw ApiError.from(result);
        audit(
          ctx,
          `${kind.noun}.create`,
          `${kind.noun}:${result.value.code}`,
          options.auditDetails(result.value),
        );
        return reply(201, result.value);
      }),
  });
}

export function listRecordsRoute<R extends { code: string }>(kind: RecordKind<R>, summary: string): ApiRoute {
  return route({
    method: 'GET',
    path: `/api/${kind.tag}`,
    tag: kind.tag,
    summary,
    access: 'catalog.read',
    responses: {
      200: { description: capitalized(kind.tag), schema: z.array(kind.schema) },
      ...auth,
    },
    handle: (ctx) =>
      withCatalog(ctx.services.rooms, (catalog) =>
        reply(
          200,
          [...kind.records(catalog).values()].sort((a, b) => a.code.localeCompare(b.code)),
        ),
      ),
  });
}

export function getRecordRoute<R extends { code: string }>(kind: RecordKind<R>): ApiRoute {
  return route({
    method: 'GET',
    path: `/api/${kind.tag}/{code}`,
    tag: kind.tag,
    summary: `One ${kind.noun}`,
    access: 'catalog.read',
    responses: {
      200: { description: `The ${kind.noun}`, schema: kind.schema },
      404: { description: `No such ${kind.noun}`, schema: ErrorBody },
      ...auth,
    },
    handle: (ctx) =>
      withCatalog(ctx.services.rooms, (catalog) => {
        const record = kind.records(catalog).get(ctx.params.code!);
        if (!record) {
          throw new ApiError('not_found', `no ${kind.noun} ${ctx.params.code}`, [
            { path: 'code', message: 'not found' },
          ]);
        }
        return reply(200, record);
      }),
  });
}

export function patchRecordRoute<R extends { code: string }>(kind: RecordKind<R>): ApiRoute {
  return route({
    method: 'PATCH',
    path: `/api/${kind.tag}/{code}`,
    tag: kind.tag,
    summary: `Change some fields of a ${kind.noun}`,
    access: 'catalog.write',
    body: kind.patch,
    validateBody: false,
    responses: {
      200: { description: `The updated ${kind.noun}`, schema: kind.schema },
      400: { description: 'Invalid fields', schema: ErrorBody },
      404: { description: `No such ${kind.noun}`, schema: ErrorBody },
      ...auth,
    },
    handle: (ctx: ApiContext) =>
      withCatalog(ctx.services.rooms, (catalog, room) => {
        const code = ctx.params.code!;
        const result = room.write(() => kind.update(catalog, code, ctx.body));
        if (!result.ok) throw ApiError.from(result);
        audit(ctx, `${kind.noun}.update`, `${kind.noun}:${code}`, { fields: keysOf(ctx.body) });
        return reply(200, result.value);
      }),
  });
}
