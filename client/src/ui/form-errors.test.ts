// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  errorFor,
  errorsByField,
  failureText,
  focusFirstError,
  parseNumberField,
  unplacedErrors,
} from './form-errors.ts';

describe('form errors', () => {
  it('keys messages by field and finds nested ones under their field', () => {
    const errors = errorsByField({
      message: 'x',
      fields: [
        { path: 'name', message: 'is required' },
        { path: 'name', message: 'second' },
        { path: 'barcodes.2', message: 'use printable ASCII characters only' },
      ],
    });
    expect(errors).toEqual({ name: 'is required', 'barcodes.2': 'use printable ASCII characters only' });
    expect(errorFor(errors, 'barcodes')).toBe('use printable ASCII characters only');
    expect(errorFor(errors, 'sku')).toBeUndefined();
    expect(unplacedErrors(errors, ['name'])).toEqual(['barcodes.2: use printable ASCII characters only']);
  });

  it('keeps a message that names no field', () => {
    expect(errorsByField({ message: 'nothing to change', fields: [] })).toEqual({ '': 'nothing to change' });
  });
});

describe('failureText', () => {
  it('does not repeat what the message already says', () => {
    // the API's message already lists its fields: not "…: password must be at least 8 characters"
    expect(
      failureText({
        message: 'Password: must be at least 8 characters',
        fields: { password: 'must be at least 8 characters' },
      }),
    ).toBe('Password: must be at least 8 characters');
    expect(failureText({ message: 'Could not save', fields: { role: 'must be one of admin, clerk' } })).toBe(
      'Could not save: role: must be one of admin, clerk',
    );
    expect(failureText({ message: 'Offline', fields: {} })).toBe('Offline');
  });

  it('names a field once when its message starts with the field', () => {
    expect(unplacedErrors({ type: 'type must be one of a, b' }, [])).toEqual(['type must be one of a, b']);
  });
});

describe('focusFirstError', () => {
  interface Fake {
    focused: string[];
    form: HTMLElement;
  }
  function fakeForm(marked: string | null, alert: string | null): Fake {
    const focused: string[] = [];
    const element = (name: string) => {
      const attrs = new Map<string, string>();
      return {
        focus: () => focused.push(name),
        hasAttribute: (a: string) => attrs.has(a),
        setAttribute: (a: string, v: string) => attrs.set(a, v),
      };
    };
    const form = {
      querySelector: (selector: string) =>
        selector === '[aria-invalid="true"]'
          ? marked && element(marked)
          : selector === '[role="alert"]'
            ? alert && element(alert)
            : null,
    } as unknown as HTMLElement;
    return { focused, form };
  }
  const tick = () => new Promise<void>((r) => queueMicrotask(r));

  it('focuses the first field marked invalid, after the errors are shown', async () => {
    const f = fakeForm('name', 'form-error');
    focusFirstError(f.form);
    expect(f.focused).toEqual([]);
    await tick();
    expect(f.focused).toEqual(['name']);
  });

  it('falls back to the form’s message when no field is marked, and copes with no form', async () => {
    const f = fakeForm(null, 'form-error');
    focusFirstError(f.form);
    await tick();
    expect(f.focused).toEqual(['form-error']);
    expect(() => focusFirstError(undefined)).not.toThrow();
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
