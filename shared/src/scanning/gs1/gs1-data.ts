import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const Digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`), `must be ${n} digits`);

export const Gs1Element = z.object({
  ai: z.string().regex(/^\d{2,4}$/),
  value: z.string().max(90),
});
export type Gs1Element = z.infer<typeof Gs1Element>;

export const Gs1Measure = z.object({
  ai: z.string().regex(/^\d{4}$/),
  title: z.string(),
  unit: z.string(),
  value: z.number().finite(),
});
export type Gs1Measure = z.infer<typeof Gs1Measure>;

/**
 * What a GS1 code says, with the fields a stockroom acts on pulled out of the element list.
 * Dates are ISO dates already resolved (century rule, DD=00 → last day of month).
 */
export const Gs1Data = z.object({
  /** How the code was written: raw element string (FNC1/GS), bracketed HRI, or Digital Link URL. */
  form: z.enum(['element-string', 'hri', 'digital-link']),
  elements: z.array(Gs1Element).min(1),
  /** AI 01 as 14 digits (GTIN-8/12/13 padded with leading zeros). */
  gtin: Digits(14).optional(),
  /** AI 02: the GTIN of the trade items inside a logistic unit. */
  content: Digits(14).optional(),
  sscc: Digits(18).optional(),
  lot: z.string().optional(),
  serial: z.string().optional(),
  productionDate: IsoDate.optional(),
  dueDate: IsoDate.optional(),
  packagingDate: IsoDate.optional(),
  bestBefore: IsoDate.optional(),
  sellBy: IsoDate.optional(),
  expiry: IsoDate.optional(),
  /** AI 30: variable count of items. */
  count: z.number().int().nonnegative().optional(),
  /** AI 37: count of trade items in a logistic unit. */
  itemCount: z.number().int().nonnegative().optional(),
  customerPartNumber: z.string().optional(),
  additionalId: z.string().optional(),
  orderNumber: z.string().optional(),
  locationGln: Digits(13).optional(),
  measures: z.array(Gs1Measure).optional(),
});
export type Gs1Data = z.infer<typeof Gs1Data>;

export type Gs1ErrorCode =
  | 'empty'
  | 'unknown-ai'
  | 'bad-check-digit'
  | 'too-long'
  | 'too-short'
  | 'missing-separator'
  | 'not-numeric'
  | 'invalid-character'
  | 'invalid-date'
  | 'duplicate-ai'
  | 'invalid-url';

export interface Gs1Error {
  code: Gs1ErrorCode;
  message: string;
  ai?: string;
}

export type Gs1Result = { ok: true; value: Gs1Data } | { ok: false; error: Gs1Error };

/** The quantity a GS1 code states for what it labels: AI 30 (count) or AI 37 (items in a unit). */
export function gs1Quantity(data: Gs1Data): number | undefined {
  return data.count ?? data.itemCount;
}

/** The human-readable form: (01)09501101530003(10)AB12 */
export function gs1Hri(data: Pick<Gs1Data, 'elements'>): string {
  return data.elements.map((e) => `(${e.ai})${e.value}`).join('');
}
