import { z } from 'zod';
import { Code } from '../catalog/codes.ts';

/**
 * The balances a ledger period starts from: the previous period's closing balances,
 * written by the server into the period's room so that an offline device can fold stock
 * on hand from one small room. Recomputed when a late movement lands in an earlier period.
 */
export const OpeningBalance = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/),
  /** The previous period it was carried from, and the state of that room when computed. */
  basedOn: z.string().nullable(),
  computedAt: z.iso.datetime(),
  lines: z.array(
    z.object({
      sku: Code,
      location: Code,
      lot: z.string().min(1).max(64).optional(),
      quantity: z.number().finite(),
    }),
  ),
});
export type OpeningBalance = z.infer<typeof OpeningBalance>;
