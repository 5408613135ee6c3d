import { z } from 'zod';
import { withoutDefaults } from '../validation.ts';
import { Code } from './codes.ts';

export const SupplierFields = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200),
  email: z.email('must be an e-mail address').nullable().default(null),
  phone: z.string().max(50).nullable().default(null),
  leadTimeDays: z.number().int().min(0).max(3650).nullable().default(null),
  notes: z.string().max(2000).default(''),
  active: z.boolean().default(true),
});

export const Supplier = SupplierFields.extend({
  code: Code,
  createdAt: z.iso.datetime(),
  createdBy: z.string().min(1),
});
export type Supplier = z.infer<typeof Supplier>;

export const SupplierInput = SupplierFields.extend({ code: Code });
export type SupplierInput = z.input<typeof SupplierInput>;

export const SupplierPatch = z
  .object(withoutDefaults(SupplierFields.shape))
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
