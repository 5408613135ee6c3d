import { z } from 'zod';
import type { MovementType } from '../ledger/movement.ts';
import { text } from '../text.ts';

/**
 * The organisation's procedures, as admins set them in the `settings` room: a checklist per
 * job, reason codes per movement type, tagging conventions and approval thresholds. Defaults
 * ship here and apply until an admin saves a setting (an unsaved or unreadable setting reads
 * as its default, so a device never works without procedures).
 */

export const Job = z.enum(['receive', 'issue', 'transfer', 'adjust', 'count', 'tag', 'close-stocktake']);
export type Job = z.infer<typeof Job>;

/**
 * What the app can verify itself for a step: the bin was scanned before the items, a lot was
 * captured for a lot- or serial-tracked item, a damage adjustment carries a note. Steps
 * without a check are shown, and the person ticks them.
 */
export const StepCheck = z.enum(['bin-first', 'lot', 'damage-note']);
export type StepCheck = z.infer<typeof StepCheck>;

const StepText = text({ max: 200, required: 'must not be empty' });

export const ChecklistStep = z.object({
  text: StepText,
  check: StepCheck.optional(),
});
export type ChecklistStep = z.infer<typeof ChecklistStep>;

export const Checklist = z.array(ChecklistStep).max(30, 'must have at most 30 steps');
export type Checklist = z.infer<typeof Checklist>;

export const Procedures = z.object(
  Object.fromEntries(Job.options.map((j) => [j, Checklist])) as Record<Job, typeof Checklist>,
);
export type Procedures = z.infer<typeof Procedures>;

export const DEFAULT_PROCEDURES: Procedures = {
  // Bin-first is listed for movements but not checked by default: scanning the item and then
  // the bin is a supported way of working (the item's lot and quantity stay filled in). An
  // admin who wants it enforced adds the check to the step.
  receive: [
    { text: 'Check the delivery note against the purchase order' },
    { text: 'Scan the bin label before the items' },
    { text: 'Capture the lot or serial of tracked items', check: 'lot' },
    { text: 'Put damaged boxes aside and record them' },
  ],
  issue: [
    { text: 'Scan the bin label before the items' },
    { text: 'Issue the lot that expires first', check: 'lot' },
  ],
  transfer: [
    { text: 'Scan the bin you take from first' },
    { text: 'Put the stock away and scan the destination bin' },
  ],
  adjust: [
    { text: 'Count again before adjusting' },
    { text: 'Pick the reason; describe any damage in a note', check: 'damage-note' },
  ],
  count: [
    { text: 'Scan the bin label before counting', check: 'bin-first' },
    { text: 'Count every unit, opened packs too' },
    { text: 'Mark the location done (or empty) when finished' },
  ],
  tag: [
    { text: 'Give the item or bin a code that follows the conventions' },
    { text: 'Print and attach the label, then scan it once' },
  ],
  'close-stocktake': [
    { text: 'Every counted location is marked done' },
    { text: 'Review large variances with a recount' },
  ],
};

/** A reason code: a stable id (what movements carry) and what people read. */
const CodeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes (at most 40)');
export const ReasonCode = z.object({ code: CodeId, label: text({ max: 80, required: 'must not be empty' }) });
export type ReasonCode = z.infer<typeof ReasonCode>;

const CodeList = z
  .array(ReasonCode)
  .max(50, 'must have at most 50 codes')
  .refine((l) => new Set(l.map((c) => c.code)).size === l.length, 'must not list a code twice');

/**
 * Reason codes per movement type (and for supplier returns). `required`: once an admin turns
 * it on, an adjustment must carry a code. Off by default so integrations that send only a
 * free-text reason keep working; either way a free-text reason that names a code (its code
 * or label, any case) is recorded with that code.
 */
export const ReasonCodes = z.object({
  required: z.boolean(),
  types: z.object({
    receive: CodeList,
    issue: CodeList,
    transfer: CodeList,
    adjust: CodeList,
    return: CodeList,
  }),
});
export type ReasonCodes = z.infer<typeof ReasonCodes>;
export type ReasonCodeType = keyof ReasonCodes['types'];

export const DEFAULT_REASON_CODES: ReasonCodes = {
  required: false,
  types: {
    receive: [],
    issue: [],
    transfer: [],
    adjust: [
      { code: 'damaged', label: 'Damaged' },
      { code: 'expired', label: 'Expired' },
      { code: 'found', label: 'Found' },
      { code: 'theft', label: 'Theft' },
      { code: 'count-correction', label: 'Count correction' },
      { code: 'returned-to-supplier', label: 'Returned to supplier' },
      { code: 'scrapped', label: 'Scrapped' },
    ],
    return: [
      { code: 'damaged', label: 'Damaged' },
      { code: 'wrong-item', label: 'Wrong item delivered' },
      { code: 'over-delivery', label: 'Delivered too many' },
      { code: 'recall', label: 'Supplier recall' },
    ],
  },
};

/** The one movement type reason codes are listed for, of a ledger movement type. */
export const reasonCodeType = (t: MovementType): ReasonCodeType => t;

/** A regular expression given as text: '' is no rule; anything else must compile (unicode mode). */
export const Pattern = z
  .string()
  .max(200, 'must be at most 200 characters')
  .refine((p) => p === '' || compiles(p), 'is not a valid regular expression');

function compiles(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Tagging conventions: what SKUs, location codes and barcodes must look like ('' = no rule). */
export const Conventions = z.object({ sku: Pattern, location: Pattern, barcode: Pattern });
export type Conventions = z.infer<typeof Conventions>;
export type ConventionField = keyof Conventions;

export const DEFAULT_CONVENTIONS: Conventions = { sku: '', location: '', barcode: '' };

/**
 * An adjustment above a threshold waits for a manager. Per item category ('' = items without
 * a category, '*' = any category without its own line); a limit on the quantity changed, on
 * its value (at the item's moving-average cost), or both: exceeding either holds it.
 */
export const Threshold = z
  .object({
    category: text({ max: 100 }),
    quantity: z.number().positive().finite().optional(),
    value: z.number().positive().finite().optional(),
  })
  .refine((t) => t.quantity !== undefined || t.value !== undefined, {
    message: 'needs a quantity or a value',
    path: ['quantity'],
  });
export type Threshold = z.infer<typeof Threshold>;

export const Thresholds = z
  .array(Threshold)
  .max(200)
  .refine((l) => new Set(l.map((t) => t.category)).size === l.length, 'must not list a category twice');
export type Thresholds = z.infer<typeof Thresholds>;

export const DEFAULT_THRESHOLDS: Thresholds = [];

/** Everything the settings room holds, each part at its default until saved. */
export interface ProcedureSettings {
  procedures: Procedures;
  reasonCodes: ReasonCodes;
  conventions: Conventions;
  thresholds: Thresholds;
}

export const DEFAULT_SETTINGS: ProcedureSettings = {
  procedures: DEFAULT_PROCEDURES,
  reasonCodes: DEFAULT_REASON_CODES,
  conventions: DEFAULT_CONVENTIONS,
  thresholds: DEFAULT_THRESHOLDS,
};
