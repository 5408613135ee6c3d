import { type ApiRoute, sessionOf } from '../api/route.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { trainingGate } from './gate.ts';
import { trainingFor } from './training-service.ts';

/** Routes that receive or count for real, and the job the training requirement knows them as. */
const GATED: { method: string; path: string; job: 'receive' | 'count' }[] = [
  { method: 'POST', path: '/api/purchase-orders/{id}/receipts', job: 'receive' },
  { method: 'POST', path: '/api/stocktakes/{id}/counts', job: 'count' },
];

/**
 * The training requirement on the API routes that receive or count (POST /api/movements
 * checks receipts itself, by the movement's type): 403 while the user's role requires a
 * completed exercise of that job they lack. The check reads the in-memory gate only.
 */
export function withTrainingGate(routes: ApiRoute[]): ApiRoute[] {
  return routes.map((r) => {
    const gated = GATED.find((g) => g.method === r.method && g.path === r.path);
    if (!gated) return r;
    return {
      ...r,
      responses: {
        ...r.responses,
        403: {
          description: `Your role may not do this, or it must complete a ${gated.job} exercise in practice mode first`,
          schema: ErrorBody,
        },
      },
      async handle(ctx) {
        await trainingFor(ctx.services.rooms, ctx.services.storedRooms).load();
        const session = sessionOf(ctx);
        const refused = trainingGate.refusal(session.username, session.role, gated.job);
        if (refused) throw new ApiError('forbidden', refused);
        return r.handle(ctx);
      },
    };
  });
}
