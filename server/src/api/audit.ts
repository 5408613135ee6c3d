import { z } from 'zod';
import { ErrorBody } from '../http/errors.ts';
import { reply, route } from './route.ts';
import { AuditEntryView } from './schemas.ts';

export const listAudit = route({
  method: 'GET',
  path: '/api/audit',
  tag: 'audit',
  summary:
    'The audit trail, newest first: filter by `user` or `subject` (e.g. `item:SKU-1`, `user:ann`); page with `before`',
  access: 'audit.read',
  query: z.object({
    user: z.string().max(64).optional(),
    subject: z.string().max(200).optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  }),
  responses: {
    200: { description: 'Audit entries', schema: z.array(AuditEntryView) },
    401: { description: 'Not logged in', schema: ErrorBody },
    403: { description: 'Your role may not do this', schema: ErrorBody },
  },
  handle: (ctx) => reply(200, ctx.services.audit.list(ctx.query)),
});
