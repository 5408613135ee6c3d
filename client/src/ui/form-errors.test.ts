// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { errorFor, errorsByField, parseNumberField, unplacedErrors } from './form-errors.ts';

describe('form errors', () => {
  it('keys messages by field and finds nested ones under their field', () => {
    const errors = errorsByField({
      message: 'x',
      fields: [
        { path: 'name', message: 'is required' },
        { path: 'name', message: 'second' },
        { path: 'barcodes.2', message: 'printable ASCII only' },
      ],
    });
    expect(errors).toEqual({ name: 'is required', 'barcodes.2': 'printable ASCII only' });
    expect(errorFor(errors, 'barcodes')).toBe('printable ASCII only');
    expect(errorFor(errors, 'sku')).toBeUndefined();
    expect(unplacedErrors(errors, ['name'])).toEqual(['barcodes.2: printable ASCII only']);
  });

  it('keeps a message that names no field', () => {
    expect(errorsByField({ message: 'nothing to change', fields: [] })).toEqual({ '': 'nothing to change' });
  });
});

describe('parseNumberField', () => {
  it('reads plain and decimal-comma numbers, blanks as null, rejects the rest', () => {
    expect(parseNumberField(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseNumberField('-2.5')).toEqual({ ok: true, value: -2.5 });
    expect(parseNumberField('2,5')).toEqual({ ok: true, value: 2.5 });
    expect(parseNumberField('')).toEqual({ ok: true, value: null });
    expect(parseNumberField('12abc')).toEqual({ ok: false });
    expect(parseNumberField('1,000.5')).toEqual({ ok: false });
  });
});
