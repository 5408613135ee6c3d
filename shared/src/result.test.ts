// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failure, fromZod } from './result.ts';
import { describeZodError, fieldErrors } from './validation.ts';

const Body = z.object({
  name: z.string().min(1, 'is required'),
  tags: z.array(z.string().max(3, 'too long')),
});

describe('Result helpers', () => {
  it('wraps a success', () => {
    expect(fromZod(Body.safeParse({ name: 'a', tags: [] }))).toEqual({
      ok: true,
      value: { name: 'a', tags: [] },
    });
  });

  it('turns zod issues into per-field messages with dotted paths', () => {
    const result = fromZod(Body.safeParse({ name: '', tags: ['ok', 'toolong'] }));
    expect(result).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'name: is required; tags.1: too long',
      fields: [
        { path: 'name', message: 'is required' },
        { path: 'tags.1', message: 'too long' },
      ],
    });
  });

  it('builds a failure of a given kind on one field', () => {
    expect(failure('conflict', 'SKU A already exists', 'sku')).toEqual({
      ok: false,
      kind: 'conflict',
      message: 'SKU A already exists',
      fields: [{ path: 'sku', message: 'SKU A already exists' }],
    });
    expect(failure('not_found', 'gone').fields).toEqual([{ path: '', message: 'gone' }]);
  });

  it('describes zod errors the same way for invalid entries and forms', () => {
    const error = Body.safeParse({ name: '', tags: [1] }).error!;
    expect(describeZodError(error)).toBe('name: is required; tags.0: must be text');
    expect(fieldErrors(error).map((f) => f.path)).toEqual(['name', 'tags.0']);
    expect(describeZodError(z.string().safeParse(1).error!)).toBe('must be text');
  });
});
