import { ImportKind } from '@stockroom/shared/import/fields';
import { z } from 'zod';

/** Messages between the import screen and its worker; both sides parse what they receive. */

/** The worker's answer when the page must send the catalog itself (no local copy to read). */
export const NO_LOCAL_CATALOG = 'no local copy of the catalog';

const RejectedMsg = z.object({ row: z.number(), field: z.string(), message: z.string() });

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('parse'), id: z.number(), bytes: z.instanceof(ArrayBuffer) }),
  z.object({
    type: z.literal('validate'),
    id: z.number(),
    kind: ImportKind,
    mapping: z.record(z.string(), z.number().int().min(0)),
    /**
     * Where the rows are tried: a scratch copy of the device's catalog room, read by the
     * worker from IndexedDB (`database`), or given as a Y update when there is no local copy.
     */
    catalog: z.union([
      z.object({ database: z.string() }),
      z.object({ update: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be bytes') }),
    ]),
    chunkSize: z.number().int().positive(),
    actor: z.object({ user: z.string(), device: z.string() }),
  }),
  z.object({ type: z.literal('rejected-csv'), id: z.number(), rejected: z.array(RejectedMsg) }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const Preview = z.object({
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rowCount: z.number(),
  delimiter: z.string(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  problems: z.array(z.object({ row: z.number(), message: z.string() })),
});
export type Preview = z.infer<typeof Preview>;

const ChunkMsg = z.object({
  rows: z.array(z.number()),
  cells: z.array(z.record(z.string(), z.string())),
});

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('parsed'), id: z.number(), preview: Preview }),
  z.object({ type: z.literal('progress'), id: z.number(), done: z.number(), total: z.number() }),
  z.object({
    type: z.literal('validated'),
    id: z.number(),
    outcome: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      rejected: z.array(RejectedMsg),
    }),
    /** The rows without a problem, in the order to send them (locations: parents first). */
    valid: z.array(ChunkMsg),
    validRows: z.number(),
  }),
  z.object({ type: z.literal('csv'), id: z.number(), csv: z.string() }),
  z.object({ type: z.literal('error'), id: z.number().optional(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
