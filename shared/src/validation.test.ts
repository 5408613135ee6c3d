// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromZod } from './result.ts';
import { describeZodError, joinFieldMessage, joinFieldMessages } from './validation.ts';

const message = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

describe('plain messages for zod’s own issues', () => {
  it('name the limit in words', () => {
    expect(message(z.string().max(200), 'x'.repeat(201))).toBe('must be at most 200 characters');
    expect(message(z.string().min(8), 'short')).toBe('must be at least 8 characters');
    expect(message(z.string().min(1), '')).toBe('is required');
    expect(message(z.number().max(3650), 5000)).toBe('must be at most 3,650');
    expect(message(z.number().lt(10), 10)).toBe('must be less than 10');
    expect(message(z.number().min(1), 0)).toBe('must be at least 1');
    expect(message(z.number().min(0), -1)).toBe('must not be negative');
    expect(message(z.number().positive(), 0)).toBe('must be greater than 0');
    expect(message(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('must have at most 2 entries');
    expect(message(z.array(z.string()).min(1), [])).toBe('must have at least one entry');
    expect(message(z.number().multipleOf(5), 3)).toBe('must be a multiple of 5');
  });

  it('say what was expected without zod’s type names', () => {
    expect(message(z.string(), 1)).toBe('must be text');
    expect(message(z.number(), 'ten')).toBe('must be a number');
    expect(message(z.number(), Number.NaN)).toBe('must be a finite number');
    expect(message(z.number().int(), 1.5)).toBe('must be a whole number');
    expect(message(z.boolean(), 'yes')).toBe('must be true or false');
    expect(message(z.array(z.string()), 'a')).toBe('must be a list');
    expect(message(z.object({ a: z.string() }), { b: 1 })).toBe('is required');
    expect(message(z.enum(['a', 'b']), 'c')).toBe('must be one of a, b');
    expect(message(z.literal('x'), 'y')).toBe('must be x');
    expect(message(z.iso.datetime(), 'soon')).toBe('must be a date and time like 2026-11-05T09:30:00Z');
    expect(message(z.email(), 'nope')).toBe('must be an e-mail address');
    expect(message(z.string().regex(/^a$/), 'b')).toBe('is not in the expected format');
    expect(message(z.object({}).strict(), { colour: 'red' })).toBe('unknown field colour');
    expect(message(z.object({}).strict(), { a: 1, b: 2 })).toBe('unknown fields a, b');
    const union = z.discriminatedUnion('t', [
      z.object({ t: z.literal('a') }),
      z.object({ t: z.literal('b') }),
    ]);
    expect(message(union, { t: 'c' })).toBe('must be one of a, b');
  });

  it('leave messages set in a schema alone', () => {
    expect(message(z.string().max(3, 'too long'), 'abcd')).toBe('too long');
  });
});

describe('joining field messages', () => {
  it('puts the path before the message once', () => {
    expect(joinFieldMessage('name', 'is required')).toBe('name: is required');
    expect(joinFieldMessage('', 'nothing to change')).toBe('nothing to change');
    // the message already names its field: not "password: password must be…"
    expect(joinFieldMessage('password', 'password must be at least 8 characters')).toBe(
      'password must be at least 8 characters',
    );
    expect(joinFieldMessage('packs.1.quantity', 'quantity must be given')).toBe(
      'packs.1.quantity must be given',
    );
    expect(
      joinFieldMessages([
        { path: 'name', message: 'is required' },
        { path: 'tags.1', message: 'must be at most 3 characters' },
      ]),
    ).toBe('name: is required; tags.1: must be at most 3 characters');
  });

  it('reads the same for invalid entries, forms and API answers', () => {
    const Body = z.object({ name: z.string().max(3), tags: z.array(z.string()) });
    const parsed = Body.safeParse({ name: 'long', tags: [1] });
    expect(describeZodError(parsed.error!)).toBe('name: must be at most 3 characters; tags.0: must be text');
    const result = fromZod(parsed);
    expect(!result.ok && result.message).toBe(describeZodError(parsed.error!));
  });
});
