// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ItemInput } from './catalog/item.ts';
import { SupplierInput } from './catalog/supplier.ts';
import { MovementRequest } from './ledger/movement.ts';
import { fromZod } from './result.ts';
import { StocktakeInput } from './stocktake/definition.ts';
import { codePointLength, identifier, text, textProblem } from './text.ts';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

const Name = text({ max: 200, required: true });
const Note = text({ max: 2000, multiline: true, trim: false });

describe('text fields', () => {
  it('accept multilingual names unchanged', () => {
    for (const name of [
      'مفتاح ربط ١٠ مم', // Arabic, Arabic-Indic digits
      'מברג פיליפס #2', // Hebrew
      'Schraubendreher Größe 3 – Ölbeständig', // German umlauts, ß, en dash
      '六角ボルト M6×20', // CJK, ×
      '螺丝刀 🔧 套装', // Chinese and an emoji
      '👩‍🔧 Wartungsset', // emoji with ZWJ
      'नट-बोल्ट सेट', // Devanagari with combining marks
      'Ελληνικά, кириллица',
    ]) {
      expect(Name.parse(name)).toBe(name);
      expect(ItemInput.parse({ sku: 'A', name, description: `${name}\n${name}` })).toMatchObject({
        name,
        description: `${name}\n${name}`,
      });
    }
  });

  it('refuse control characters, naming the one found', () => {
    expect(messages(Name, 'bolt\u0000')).toEqual(['must not contain control characters (found U+0000)']);
    expect(messages(Name, 'bo\u0007lt')).toEqual(['must not contain control characters (found U+0007)']);
    expect(messages(Name, '\u001b[31mred')).toEqual(['must not contain control characters (found U+001B)']);
    expect(messages(Name, 'x\u007f')).toEqual(['must not contain control characters (found U+007F)']);
    expect(messages(Name, 'x\u0085y')).toEqual(['must not contain control characters (found U+0085)']);
    expect(messages(Name, 'tab\there')).toEqual(['must not contain control characters (found U+0009)']);
    // multi-line text keeps tab and line breaks, nothing else
    expect(Note.parse('line 1\r\n\tline 2\n')).toBe('line 1\r\n\tline 2\n');
    expect(messages(Note, 'ok\u0000')).toEqual(['must not contain control characters (found U+0000)']);
    expect(messages(Note, 'ok\u001b')).toEqual(['must not contain control characters (found U+001B)']);
  });

  it('keep single-line fields on one line', () => {
    for (const s of ['two\nlines', 'two\rlines', 'two\u2028lines', 'two\u2029lines'])
      expect(messages(Name, s)).toEqual(['must be on one line']);
  });

  it('refuse bidi controls in names, and overrides anywhere', () => {
    // "exe.jpg" stored, "gpj.exe" shown: the attack from issue 8
    expect(messages(Name, 'invoice\u202Egpj.exe')).toEqual([
      'must not contain text-direction control characters (found U+202E)',
    ]);
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]) {
      expect(textProblem(`a${c}b`, false)).toMatch(/^must not contain text-direction control characters/);
    }
    expect(messages(Note, 'note \u202Ereversed')).toEqual([
      'must not contain text-direction control characters (found U+202E)',
    ]);
    expect(messages(Note, 'note \u202Dforced')).toHaveLength(1);
    // mixed-direction notes may carry marks and isolates
    expect(Note.parse('SKU \u2067מברג\u2069 ok \u200F')).toBe('SKU \u2067מברג\u2069 ok \u200F');
  });

  it('refuse broken UTF-16', () => {
    expect(messages(Name, 'a\uD800b')).toEqual(['must not contain broken characters (found U+D800)']);
    expect(messages(Name, 'a\uDC00')).toEqual(['must not contain broken characters (found U+DC00)']);
  });

  it('name the limit, in characters, apart from "is required"', () => {
    expect(messages(Name, 'x'.repeat(200))).toEqual([]);
    expect(messages(Name, 'x'.repeat(201))).toEqual(['must be at most 200 characters']);
    expect(messages(Name, '')).toEqual(['is required']);
    expect(messages(Name, '   ')).toEqual(['is required']);
    expect(messages(Name, undefined)).toEqual(['is required']);
    expect(messages(Name, 42)).toEqual(['must be text']);
    // an emoji is one character: 200 of them fit
    expect(messages(Name, '🔧'.repeat(200))).toEqual([]);
    expect(messages(Name, '🔧'.repeat(201))).toEqual(['must be at most 200 characters']);
    expect(codePointLength('a🔧b')).toBe(3);
    expect(messages(text({ max: 1 }), 'ab')).toEqual(['must be at most 1 character']);
    expect(messages(Note, 'x'.repeat(2001))).toEqual(['must be at most 2,000 characters']);
  });

  it('trims single-line text as before, not multi-line text', () => {
    expect(Name.parse('  Bolt  ')).toBe('Bolt');
    expect(Note.parse('  indented\n')).toBe('  indented\n');
  });

  it('identifiers are neither trimmed nor allowed to carry controls', () => {
    const Id = identifier(64);
    expect(Id.parse('ann')).toBe('ann');
    expect(messages(Id, '')).toEqual(['must not be empty']);
    expect(messages(Id, '\u202Enna')).toHaveLength(1);
    expect(messages(Id, 'x'.repeat(65))).toEqual(['must be at most 64 characters']);
  });

  it('apply to the domain schemas', () => {
    const fields = (r: ReturnType<typeof fromZod>) => (r.ok ? [] : r.fields);
    expect(fields(fromZod(ItemInput.safeParse({ sku: 'A', name: 'x'.repeat(201) })))).toEqual([
      { path: 'name', message: 'must be at most 200 characters' },
    ]);
    expect(
      fields(
        fromZod(
          ItemInput.safeParse({
            sku: 'A',
            name: 'Bolt\u202E',
            unit: 'e\u0000a',
            category: 'x'.repeat(101),
            suppliers: [{ supplier: 'ACME', supplierSku: 'X\u001b1' }],
            packs: [{ barcode: 'BOX', quantity: 2, name: 'box\u0007' }],
          }),
        ),
      ),
    ).toEqual([
      { path: 'name', message: 'must not contain text-direction control characters (found U+202E)' },
      { path: 'unit', message: 'must not contain control characters (found U+0000)' },
      { path: 'packs.0.name', message: 'must not contain control characters (found U+0007)' },
      { path: 'category', message: 'must be at most 100 characters' },
      { path: 'suppliers.0.supplierSku', message: 'must not contain control characters (found U+001B)' },
    ]);
    expect(
      fields(
        fromZod(SupplierInput.safeParse({ code: 'S', name: 'Acme', phone: '\u202E123', notes: '\u0000' })),
      ),
    ).toEqual([
      { path: 'phone', message: 'must not contain text-direction control characters (found U+202E)' },
      { path: 'notes', message: 'must not contain control characters (found U+0000)' },
    ]);
    const move = { type: 'adjust', sku: 'A', location: 'L', quantity: 1 };
    expect(
      fields(fromZod(MovementRequest.safeParse({ ...move, reason: 'lost\u0000', reference: 'PO\u202E1' }))),
    ).toEqual([
      { path: 'reference', message: 'must not contain text-direction control characters (found U+202E)' },
      { path: 'reason', message: 'must not contain control characters (found U+0000)' },
    ]);
    expect(fields(fromZod(StocktakeInput.safeParse({ name: 'Year end\u202E', locations: ['A'] })))).toEqual([
      { path: 'name', message: 'must not contain text-direction control characters (found U+202E)' },
    ]);
  });
});
