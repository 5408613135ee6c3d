import { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import { prepareMovement } from '@stockroom/shared/ledger/record-movement';
import { CATALOG_ROOM, ledgerRoom, practiceRoom } from '@stockroom/shared/sync/rooms';
import { PRACTICE_WORKSPACE, WORKSPACE_HEADER } from '@stockroom/shared/training/write-rules';
import { z } from 'zod';
import { type ApiContext, type ApiRoute, audit, reply, sessionOf } from '../api/route.ts';
import { actorOf } from '../api/route-support.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { trainingGate } from './gate.ts';
import { practiceCatalogOf, practiceLedgerOf } from './practice-workspace.ts';
import { trainingFor } from './training-service.ts';

/** `?workspace=practice` (or the header): the call works in the practice workspace. */
export const WorkspaceQuery = z.object({
  workspace: z
    .enum(['real', PRACTICE_WORKSPACE], { error: 'must be real or practice' })
    .optional()
    .describe(
      `practice: work in the practice workspace (training rooms, demo data; real stock is never touched). Same as the ${WORKSPACE_HEADER} header.`,
    ),
});

export function inPractice(ctx: ApiContext<unknown, unknown>): boolean {
  const header = ctx.req.headers[WORKSPACE_HEADER];
  const query = (ctx.query as { workspace?: string } | undefined)?.workspace;
  if (header !== undefined && header !== PRACTICE_WORKSPACE && header !== 'real')
    throw new ApiError('invalid', `the ${WORKSPACE_HEADER} header must be real or practice`, [
      { path: WORKSPACE_HEADER, message: 'must be real or practice' },
    ]);
  return query === PRACTICE_WORKSPACE || header === PRACTICE_WORKSPACE;
}

/**
 * POST /api/movements with the practice workspace chosen: the same checks as a real
 * movement (schema, catalog, stock on hand), against the practice catalog and this month's
 * practice ledger. No procedures hold, no real room is opened.
 */
async function recordPracticeMovement(ctx: ApiContext<unknown, unknown>) {
  const body = ctx.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError('invalid', 'the body must be a JSON object', [
      { path: '', message: 'must be an object' },
    ]);
  const now = new Date();
  const period = periodOf(now);
  const { rooms } = ctx.services;
  const training = trainingFor(rooms, ctx.services.storedRooms);
  await training.practice.ensure(period, now);
  const allowNegative = (body as { allowNegative?: unknown }).allowNegative === true;
  return rooms.with(practiceRoom(CATALOG_ROOM), (catalogRoom) =>
    rooms.with(practiceRoom(ledgerRoom(period)), (room) => {
      const ledger = practiceLedgerOf(room, period);
      const result = prepareMovement(body, {
        catalog: practiceCatalogOf(catalogRoom),
        stock: ledger.stock(),
        actor: actorOf(ctx),
        now,
        allowNegative,
      });
      if (!result.ok) throw ApiError.from(result);
      room.write(() => ledger.movements.append(result.value));
      audit(ctx, `practice.movement.${result.value.type}`, `item:${result.value.sku}`, {
        id: result.value.id,
        workspace: PRACTICE_WORKSPACE,
      });
      return reply(201, result.value);
    }),
  );
}

/**
 * The movement route, workspace-aware: `?workspace=practice` (or the header) records in the
 * practice workspace; a real receipt first passes the training requirement (403 while the
 * role requires a completed receive exercise the user lacks). Otherwise the real route runs
 * unchanged. Wraps the route so movement-routes.ts stays the real workspace's only.
 */
export function withPracticeWorkspace(real: ApiRoute): ApiRoute {
  return {
    ...real,
    summary: `${real.summary} With \`?workspace=practice\` or the \`${WORKSPACE_HEADER}: practice\` header it is recorded in the practice workspace (demo data; real stock, reports and replenishment never see it); a real receipt needs the training the user's role requires (GET /api/training/requirements).`,
    query: WorkspaceQuery,
    responses: {
      ...real.responses,
      201: { description: 'Recorded (in the practice workspace when asked)', schema: Movement },
      403: {
        description:
          'Your role may not do this, or it must complete a receive exercise before receiving for real',
        schema: ErrorBody,
      },
    },
    async handle(ctx) {
      if (inPractice(ctx)) return recordPracticeMovement(ctx);
      const type = (ctx.body as { type?: unknown } | null)?.type;
      if (type === 'receive') {
        await trainingFor(ctx.services.rooms, ctx.services.storedRooms).load();
        const session = sessionOf(ctx);
        const refused = trainingGate.refusal(session.username, session.role, 'receive');
        if (refused) throw new ApiError('forbidden', refused);
      }
      return real.handle(ctx);
    },
  };
}
