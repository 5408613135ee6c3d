// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fromZod } from '../result.ts';
import { Supplier, SupplierInput, SupplierPatch } from './supplier.ts';

const errors = (result: ReturnType<typeof fromZod>) => (result.ok ? [] : result.fields);

describe('SupplierInput', () => {
  it('accepts a code and a name and fills the defaults', () => {
    expect(SupplierInput.parse({ code: 'ACME', name: 'Acme Ltd' })).toEqual({
      code: 'ACME',
      name: 'Acme Ltd',
      email: null,
      phone: null,
      leadTimeDays: null,
      notes: '',
      active: true,
    });
  });

  it('reports each problem on its field', () => {
    expect(errors(fromZod(SupplierInput.safeParse({ code: 'ACME', name: '', email: 'nope' })))).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'email', message: 'must be an e-mail address' },
    ]);
    expect(errors(fromZod(SupplierInput.safeParse({ name: 'Acme' })))).toEqual([
      { path: 'code', message: 'is required' },
    ]);
    expect(SupplierInput.safeParse({ code: 'A', name: 'A', leadTimeDays: -1 }).success).toBe(false);
  });

  it('a stored supplier needs its creation stamp', () => {
    expect(Supplier.safeParse({ code: 'A', name: 'A' }).success).toBe(false);
    expect(
      Supplier.safeParse({ code: 'A', name: 'A', createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'ann' })
        .success,
    ).toBe(true);
  });
});

describe('SupplierPatch', () => {
  it('keeps only the fields given and refuses the code, unknown fields and nothing', () => {
    expect(SupplierPatch.parse({ email: 'buy@acme.test' })).toEqual({ email: 'buy@acme.test' });
    expect(SupplierPatch.safeParse({ code: 'B' }).success).toBe(false);
    expect(SupplierPatch.safeParse({ fax: '1' }).success).toBe(false);
    expect(errors(fromZod(SupplierPatch.safeParse({})))).toEqual([
      { path: '', message: 'nothing to change' },
    ]);
  });
});
