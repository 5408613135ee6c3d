import { z } from 'zod';
import { Barcode, Code } from '../catalog/codes.ts';
import { randomId } from '../ids.ts';
import { PositiveQuantity } from '../quantity.ts';
import { SessionId } from './session.ts';
import { Lot, Round } from './stamp.ts';

export const CountSource = z.enum(['scan', 'keypad', 'gs1', 'api']);
export type CountSource = z.infer<typeof CountSource>;

/** Entry ids: ours are 12 random characters; API clients may send their own (safe retries). */
export const EntryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, _ or -');

const oneItem = (e: { sku?: string | undefined; barcode?: string | undefined }) =>
  (e.sku === undefined) !== (e.barcode === undefined);
const oneItemMessage = { message: 'give either a SKU or an (unknown) barcode', path: ['sku'] };

/**
 * One count: an immutable event. Quantities are positive; a mistake is undone by a void
 * event (count-void.ts), never by editing or a negative count. An unknown barcode is kept
 * as scanned and resolved to an item later (barcode-resolution.ts).
 */
export const CountEntry = z
  .object({
    id: EntryId,
    session: SessionId,
    location: Code,
    sku: Code.optional(),
    barcode: Barcode.optional(),
    quantity: PositiveQuantity,
    lot: Lot.optional(),
    round: Round,
    /** Whole seconds (that is what is stored). */
    at: z.iso.datetime(),
    source: CountSource,
  })
  .refine(oneItem, oneItemMessage);
export type CountEntry = z.infer<typeof CountEntry>;

/** A count with its session resolved: who counted it and on which device. */
export type AttributedCount = CountEntry & { user: string; device: string };

/** What a counter's device or an API client sends for one count. */
export const CountInput = z
  .object({
    location: Code,
    sku: Code.optional(),
    barcode: Barcode.optional(),
    quantity: PositiveQuantity.default(1),
    lot: Lot.optional(),
    /** Default: the location's current round. */
    round: Round.optional(),
    source: CountSource.default('scan'),
    entryId: EntryId.optional(),
  })
  .refine(oneItem, oneItemMessage);
export type CountInput = z.input<typeof CountInput>;

/** 72 random bits: no collision in any realistic stocktake, and 10 bytes shorter than randomId(). */
export function newEntryId(): string {
  return randomId().slice(0, 12);
}

/** Whole seconds: what the room stores, so an entry reads back exactly as it was written. */
export function wholeSeconds(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
}
