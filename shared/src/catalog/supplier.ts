import { z } from 'zod';
import { identifier, text } from '../text.ts';
import { withoutDefaults } from '../validation.ts';
import { Code } from './codes.ts';

export const SupplierFields = z.object({
  name: text({ max: 200, required: true }),
  email: z.email('must be an e-mail address').nullable().default(null),
  phone: text({ max: 50 }).nullable().default(null),
  leadTimeDays: z.number().int('must be whole days').min(0).max(3650).nullable().default(null),
  notes: text({ max: 2000, multiline: true, trim: false }).default(''),
  active: z.boolean().default(true),
});

export const Supplier = SupplierFields.extend({
  code: Code,
  createdAt: z.iso.datetime(),
  createdBy: identifier(64),
});
export type Supplier = z.infer<typeof Supplier>;

export const SupplierInput = SupplierFields.extend({ code: Code });
export type SupplierInput = z.input<typeof SupplierInput>;

export const SupplierPatch = z
  .object(withoutDefaults(SupplierFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
