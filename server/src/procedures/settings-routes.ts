import {
  Checklist,
  Conventions,
  Job,
  Procedures,
  ReasonCodes,
  Thresholds,
} from '@stockroom/shared/procedures/settings';
import type { SettingKey } from '@stockroom/shared/procedures/settings-room';
import { z } from 'zod';
import { type ApiContext, type ApiRoute, audit, reply, route, sessionOf } from '../api/route.ts';
import { auth } from '../api/route-support.ts';
import { ErrorBody } from '../http/errors.ts';
import { withSettings } from './settings-access.ts';

const TAG = 'procedures';
const invalid = { 400: { description: 'Invalid fields (each named)', schema: ErrorBody } };

/** Who saved a setting last (absent: the default shipped with the app applies). */
const SavedBy = z.object({ user: z.string(), at: z.string() }).optional();

/** Saves settings as the session's admin, in one transaction, and audits which ones. */
function save(ctx: ApiContext, entries: [SettingKey, unknown][]) {
  const s = sessionOf(ctx);
  return withSettings(ctx.services.rooms, (settings, room) => {
    room.write(() =>
      settings.doc.transact(() => {
        for (const [key, value] of entries)
          settings.save(key, value as never, { user: s.username, device: s.device });
      }),
    );
    audit(ctx, 'settings.update', 'settings', { keys: entries.map(([k]) => k) });
    return settings.settings();
  });
}

const ProceduresView = z.object({
  procedures: Procedures,
  savedBy: z.record(z.string(), SavedBy),
});

/** Any of the jobs' checklists; the jobs not given keep theirs. */
const ProceduresPut = z
  .object(
    Object.fromEntries(Job.options.map((j) => [j, Checklist.optional()])) as Record<
      Job,
      z.ZodOptional<typeof Checklist>
    >,
  )
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give the checklist of at least one job');

const proceduresView = (ctx: ApiContext) =>
  withSettings(ctx.services.rooms, (s) => ({
    procedures: s.settings().procedures,
    savedBy: Object.fromEntries(Job.options.map((j) => [j, s.savedBy(`procedure:${j}`)])),
  }));

export const getProcedures = route({
  method: 'GET',
  path: '/api/procedures',
  tag: TAG,
  summary:
    'The checklist of every job (receive, issue, transfer, adjust, count, tag, close-stocktake); steps with a `check` (bin-first, lot, damage-note) are enforced by the app. Defaults apply until an admin saves one',
  access: 'catalog.read',
  responses: { 200: { description: 'Checklists', schema: ProceduresView }, ...auth },
  handle: async (ctx) => reply(200, await proceduresView(ctx)),
});

export const putProcedures = route<z.infer<typeof ProceduresPut>>({
  method: 'PUT',
  path: '/api/procedures',
  tag: TAG,
  summary: 'Replace the checklists of the jobs given (admins)',
  access: 'settings.manage',
  body: ProceduresPut,
  responses: { 200: { description: 'Checklists now', schema: ProceduresView }, ...invalid, ...auth },
  handle: async (ctx) => {
    const entries = Job.options.flatMap((j): [SettingKey, unknown][] =>
      ctx.body[j] === undefined ? [] : [[`procedure:${j}`, ctx.body[j]]],
    );
    await save(ctx as ApiContext, entries);
    return reply(200, await proceduresView(ctx as ApiContext));
  },
});

export const getReasonCodes = route({
  method: 'GET',
  path: '/api/reason-codes',
  tag: TAG,
  summary:
    'Reason codes per movement type (and for supplier returns). With `required` on, an adjustment must carry a `reasonCode`; a free-text `reason` naming a code or its label counts as that code',
  access: 'catalog.read',
  responses: { 200: { description: 'Reason codes', schema: ReasonCodes }, ...auth },
  handle: async (ctx) => reply(200, await withSettings(ctx.services.rooms, (s) => s.settings().reasonCodes)),
});

export const putReasonCodes = route<ReasonCodes>({
  method: 'PUT',
  path: '/api/reason-codes',
  tag: TAG,
  summary: 'Replace the reason codes (admins)',
  access: 'settings.manage',
  body: ReasonCodes,
  responses: { 200: { description: 'Reason codes now', schema: ReasonCodes }, ...invalid, ...auth },
  handle: async (ctx) => reply(200, (await save(ctx as ApiContext, [['reasonCodes', ctx.body]])).reasonCodes),
});

export const getConventions = route({
  method: 'GET',
  path: '/api/settings/conventions',
  tag: TAG,
  summary:
    'Tagging conventions: regular expressions (JavaScript, unicode) that SKUs, location codes and barcodes must match when created, imported or written through the API; empty = no rule',
  access: 'catalog.read',
  responses: { 200: { description: 'Conventions', schema: Conventions }, ...auth },
  handle: async (ctx) => reply(200, await withSettings(ctx.services.rooms, (s) => s.settings().conventions)),
});

const ConventionsPut = Conventions.partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one of sku, location, barcode');

export const putConventions = route<z.infer<typeof ConventionsPut>>({
  method: 'PUT',
  path: '/api/settings/conventions',
  tag: TAG,
  summary: 'Set the patterns given (admins); an invalid regular expression is refused (400 naming the field)',
  access: 'settings.manage',
  body: ConventionsPut,
  responses: { 200: { description: 'Conventions now', schema: Conventions }, ...invalid, ...auth },
  handle: async (ctx) => {
    const current = await withSettings(ctx.services.rooms, (s) => s.settings().conventions);
    const next = { ...current, ...ctx.body };
    return reply(200, (await save(ctx as ApiContext, [['conventions', next]])).conventions);
  },
});

export const getThresholds = route({
  method: 'GET',
  path: '/api/settings/thresholds',
  tag: TAG,
  summary:
    "Approval thresholds per item category ('' = no category, '*' = any other): an adjustment above the quantity or value waits for a manager",
  access: 'catalog.read',
  responses: { 200: { description: 'Thresholds', schema: Thresholds }, ...auth },
  handle: async (ctx) => reply(200, await withSettings(ctx.services.rooms, (s) => s.settings().thresholds)),
});

export const putThresholds = route<Thresholds>({
  method: 'PUT',
  path: '/api/settings/thresholds',
  tag: TAG,
  summary: 'Replace the approval thresholds (admins)',
  access: 'settings.manage',
  body: Thresholds,
  responses: { 200: { description: 'Thresholds now', schema: Thresholds }, ...invalid, ...auth },
  handle: async (ctx) => reply(200, (await save(ctx as ApiContext, [['thresholds', ctx.body]])).thresholds),
});

export const SETTINGS_ROUTES: ApiRoute[] = [
  getProcedures,
  putProcedures,
  getReasonCodes,
  putReasonCodes,
  getConventions,
  putConventions,
  getThresholds,
  putThresholds,
];
