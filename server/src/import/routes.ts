import { Catalog } from '@stockroom/shared/catalog/catalog';
import { causeId } from '@stockroom/shared/ids';
import { applyImport, type ImportOutcome } from '@stockroom/shared/import/apply-import';
import { type ImportRecord, toRecords } from '@stockroom/shared/import/cells';
import { decodeText, parseTable } from '@stockroom/shared/import/decode';
import { guessMapping, IMPORT_FIELDS, ImportKind, unmappedRequired } from '@stockroom/shared/import/fields';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import * as Y from 'yjs';
import { z } from 'zod';
import { type ApiContext, audit, reply, route, sessionOf } from '../api/route.ts';
import type { Services } from '../api/services.ts';
import { can } from '../auth/permissions.ts';
import { withCatalog } from '../catalog/catalog-room.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import type { periodViewOf } from '../ledger/period-view.ts';
import { currentSettings } from '../procedures/settings-access.ts';
import { withPurchasing } from '../purchasing/purchasing-rooms.ts';
import type { Room } from '../sync/room.ts';

/** 50,000 rows of a wide item master are ~10 MB; this leaves room and still refuses a mistake. */
export const IMPORT_MAX_BODY_BYTES = 32 * 1024 * 1024;

const Outcome = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
  applied: z.boolean(),
});

/** JSON rows: objects of field → value (cells as strings are read as a CSV cell would be). */
const JsonRows = z.array(z.record(z.string(), z.unknown())).max(200_000);

function recordsOf(
  ctx: ApiContext,
  kind: ImportKind,
  body: Buffer,
): { records: ImportRecord[]; fileId: string } {
  const type = String(ctx.req.headers['content-type'] ?? '');
  const fileId = causeId('import-file', kind, body.toString('base64'));
  if (type.includes('json')) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError('invalid', 'the request body is not valid JSON', [
        { path: '', message: 'not valid JSON' },
      ]);
    }
    const rows = JsonRows.safeParse(json);
    if (!rows.success) throw ApiError.fromZod(rows.error);
    const keys = IMPORT_FIELDS[kind].map((f) => f.key);
    const headers = keys;
    const table = rows.data.map((r) =>
      keys.map((k) => (r[k] === undefined || r[k] === null ? '' : String(r[k]))),
    );
    return { records: toRecords(kind, table, Object.fromEntries(headers.map((k, i) => [k, i]))), fileId };
  }
  const { text } = decodeText(body);
  const table = parseTable(text);
  if (table.headers.length === 0)
    throw new ApiError('invalid', 'the file is empty', [{ path: '', message: 'no header row' }]);
  const mapping = guessMapping(kind, table.headers);
  const missing = unmappedRequired(kind, mapping);
  if (missing.length)
    throw new ApiError(
      'invalid',
      `no column for ${missing.map((m) => m.label).join(', ')} (columns: ${table.headers.join(', ')})`,
      missing.map((m) => ({ path: m.key, message: 'no column for it' })),
    );
  return { records: toRecords(kind, table.rows, mapping), fileId };
}

/** The ledger months opening balances of these records go to (their dates', else this month). */
function periodsOf(records: readonly ImportRecord[], current: string): string[] {
  const out = new Set<string>([current]);
  for (const r of records)
    if (typeof r.values.date === 'string' && /^\d{4}-\d{2}/.test(r.values.date))
      out.add(r.values.date.slice(0, 7));
  return [...out].sort();
}

async function runImport(
  ctx: ApiContext,
  kind: ImportKind,
  mode: 'all-or-nothing' | 'valid-only',
  dryRun: boolean,
) {
  const { records, fileId } = recordsOf(ctx, kind, ctx.body as Buffer);
  const s = sessionOf(ctx);
  const actor = { user: s.username, device: s.device };
  const now = new Date();
  const services: Services = ctx.services;
  // New codes and barcodes follow the tagging conventions (a refused row names the pattern).
  const { conventions } = await currentSettings(services.rooms);
  // Open purchase orders go to the room of this year, held (like the ledger months) for the whole import.
  const year = now.getUTCFullYear();
  const holdPurchasing = <T>(fn: (p: { view: PurchasingRoom; room: Room } | null) => Promise<T>) =>
    kind === 'purchase-orders'
      ? withPurchasing(services.rooms, year, (view, room) => fn({ view, room }))
      : fn(null);
  return holdPurchasing((purchasing) =>
    withCatalog(services.rooms, async (catalog, catalogRoom) => {
      const periods = kind === 'opening-balances' ? periodsOf(records, services.ledger.currentPeriod()) : [];
      const ledgers = new Map<
        string,
        {
          view: ReturnType<typeof periodViewOf>;
          room: Parameters<Parameters<typeof services.ledger.withPeriod>[1]>[1];
        }
      >();
      const holdLedgers = async (i: number): Promise<ImportOutcome & { applied: boolean }> => {
        if (i < periods.length) {
          const p = periods[i]!;
          return services.ledger.withPeriod(p, (view, room) => {
            ledgers.set(p, { view, room });
            return holdLedgers(i + 1);
          });
        }
        const realLedger = (p: string) => ledgers.get(p)?.view.ledger ?? scratchLedger(p);
        // One transaction per room: the import reaches every device as one update per room.
        const applyForReal = (): ImportOutcome => {
          let outcome: ImportOutcome | null = null;
          const docs = [
            catalogRoom.doc,
            ...[...ledgers.values()].map((l) => l.room.doc),
            ...(purchasing ? [purchasing.room.doc] : []),
          ];
          const inAll = (i: number): void => {
            if (i === docs.length)
              outcome = applyImport(kind, records, {
                catalog,
                ledger: realLedger,
                ...(purchasing ? { purchasing: () => purchasing.view } : {}),
                fileId,
                actor,
                now,
                conventions,
              });
            else docs[i]!.transact(() => inAll(i + 1));
          };
          catalogRoom.write(() => inAll(0));
          return outcome!;
        };
        const scratchLedgers = new Map<string, LedgerPeriod>();
        const scratchLedger = (p: string) => {
          let l = scratchLedgers.get(p);
          if (!l) {
            const doc = new Y.Doc();
            const real = ledgers.get(p);
            if (real) Y.applyUpdate(doc, Y.encodeStateAsUpdate(real.room.doc));
            l = new LedgerPeriod(doc, p);
            scratchLedgers.set(p, l);
          }
          return l;
        };
        // Valid-only writes whatever is valid: a refused row writes nothing, so the trial on a
        // scratch copy (a full copy of the catalog, the larger part of a chunk's cost once the
        // catalog is big) would only repeat the same answer.
        if (!dryRun && mode === 'valid-only') return { ...applyForReal(), applied: true };
        // A dry run on scratch copies: what would happen, and whether everything would be accepted.
        const scratchDoc = new Y.Doc();
        Y.applyUpdate(scratchDoc, Y.encodeStateAsUpdate(catalogRoom.doc));
        const scratch = new Catalog(scratchDoc);
        let scratchPurchasing: PurchasingRoom | undefined;
        if (purchasing) {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(purchasing.room.doc));
          scratchPurchasing = new PurchasingRoom(doc, year);
        }
        const trial = applyImport(kind, records, {
          catalog: scratch,
          ledger: scratchLedger,
          ...(scratchPurchasing ? { purchasing: () => scratchPurchasing } : {}),
          fileId,
          actor,
          now,
          conventions,
        });
        scratch.destroy();
        scratchPurchasing?.destroy();
        if (dryRun) return { ...trial, applied: false };
        if (trial.rejected.length > 0 && mode === 'all-or-nothing')
          return { created: 0, updated: 0, unchanged: 0, rejected: trial.rejected, applied: false };
        return { ...applyForReal(), applied: true };
      };
      const result = await holdLedgers(0);
      if (result.applied)
        audit(ctx, `import.${kind}`, null, {
          mode,
          rows: records.length,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          rejected: result.rejected.length,
          file: fileId,
        });
      return result;
    }),
  );
}

export const importRoute = route({
  method: 'POST',
  path: '/api/import/{kind}',
  tag: 'import',
  summary:
    'Import items, locations (parents first whatever the row order), suppliers, supplier-items (who supplies what: price, pack size, MOQ, lead time), opening-balances (one dated receipt per row, referencing the import) or purchase-orders (open orders, one row per line: reference = the order’s number in the other system, kept as its reference while the server gives it a PO number; supplier, sku, quantity, unitCost, expectedAt, status draft|sent, default sent; an order is imported whole or not at all) from a CSV body (comma, semicolon or tab separated; UTF-8 or Windows-1252; columns recognised by their names, e.g. "Part No" or "Artikelnummer" for SKU) or JSON rows (Content-Type: application/json, an array of objects keyed by field). Existing records are matched by SKU or code and only the given fields that differ are written; importing the same file again changes nothing. mode=all-or-nothing (default) writes nothing if any row is refused; valid-only writes the valid rows. dryRun=true says what would happen. Every refused row is listed with its line, field and why',
  access: 'catalog.write',
  rawBody: { limitBytes: IMPORT_MAX_BODY_BYTES },
  query: z.object({
    mode: z.enum(['all-or-nothing', 'valid-only']).default('all-or-nothing'),
    dryRun: z.enum(['true', 'false']).default('false'),
  }),
  responses: {
    200: {
      description: 'What was (or with dryRun, would be) created, updated, left unchanged, refused',
      schema: Outcome,
    },
    400: {
      description: 'Not a file of this kind (no header, no column for a required field)',
      schema: ErrorBody,
    },
    404: { description: 'No such kind', schema: ErrorBody },
    413: { description: `Larger than ${IMPORT_MAX_BODY_BYTES} bytes`, schema: ErrorBody },
    401: { description: 'Not logged in', schema: ErrorBody },
    403: { description: 'Your role may not do this', schema: ErrorBody },
  },
  handle: async (
    ctx: ApiContext<Buffer, { mode: 'all-or-nothing' | 'valid-only'; dryRun: 'true' | 'false' }>,
  ) => {
    const kind = ImportKind.safeParse(ctx.params.kind);
    if (!kind.success)
      throw new ApiError(
        'not_found',
        `no import of ${ctx.params.kind ?? ''} (one of ${ImportKind.options.join(', ')})`,
      );
    if (kind.data === 'opening-balances' && !can(sessionOf(ctx as ApiContext).role, 'ledger.write'))
      throw new ApiError('forbidden', 'opening balances are stock movements: your role may not record them');
    if (kind.data === 'purchase-orders' && !can(sessionOf(ctx as ApiContext).role, 'purchasing.manage'))
      throw new ApiError(
        'forbidden',
        'purchase orders are drafted and sent by purchasing managers: your role may not',
      );
    return reply(
      200,
      await runImport(ctx as ApiContext, kind.data, ctx.query.mode, ctx.query.dryRun === 'true'),
    );
  },
});

export const IMPORT_ROUTES = [importRoute];
