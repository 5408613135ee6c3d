import { z } from 'zod';
import { reply, route } from '../api/route.ts';
import { StockLineView } from '../api/schemas.ts';
import { ErrorBody } from '../http/errors.ts';

const StockQuery = z.object({
  sku: z.string().max(64).optional(),
  location: z.string().max(64).optional(),
});

export const stockOnHand = route({
  method: 'GET',
  path: '/api/stock',
  tag: 'stock',
  summary:
    'Stock on hand now per item × location × lot (non-zero lines): opening balance + this period’s movements',
  access: 'ledger.read',
  query: StockQuery,
  responses: {
    200: { description: 'Stock lines sorted by SKU, location, lot', schema: z.array(StockLineView) },
    401: { description: 'Not logged in', schema: ErrorBody },
    403: { description: 'Your role may not do this', schema: ErrorBody },
  },
  handle: (ctx) => {
    const { sku, location } = ctx.query;
    const { ledger } = ctx.services;
    return ledger.withPeriod(ledger.currentPeriod(), (view) =>
      reply(200, view.stock().lines({ sku, location })),
    );
  },
});
