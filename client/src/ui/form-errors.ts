import type { Failure } from '@stockroom/shared/result';
import { joinFieldMessage } from '@stockroom/shared/validation';

export type FieldErrors = Record<string, string>;

/**
 * Per-field messages from a failed Result, keyed by field path (`name`, `suppliers.1.unitCost`).
 * The first message per field wins; messages without a field go under ''.
 */
export function errorsByField(failure: Pick<Failure, 'fields' | 'message'>): FieldErrors {
  const out: FieldErrors = {};
  for (const f of failure.fields) if (!(f.path in out)) out[f.path] = f.message;
  if (Object.keys(out).length === 0) out[''] = failure.message;
  return out;
}

/** The message for a field or anything below it (`barcodes` shows `barcodes.2`'s problem). */
export function errorFor(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) return v;
  return undefined;
}

/** Messages that belong to no field the form shows, so they are not lost. */
export function unplacedErrors(errors: FieldErrors, shown: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([k]) => !shown.some((s) => k === s || k.startsWith(`${s}.`)))
    .map(([k, v]) => joinFieldMessage(k, v));
}

/**
 * One sentence for a failure shown outside its form (a toast): the message, plus any field
 * message it does not already contain. API messages already list their fields
 * ("password: must be at least 8 characters"), so appending the fields again would say
 * everything twice.
 */
export function failureText(failure: { message: string; fields: Record<string, string> }): string {
  const missing = Object.entries(failure.fields)
    .filter(([, v]) => !failure.message.toLowerCase().includes(v.toLowerCase()))
    .map(([k, v]) => joinFieldMessage(k, v));
  return missing.length ? `${failure.message}: ${missing.join('; ')}` : failure.message;
}

/**
 * After a failed submit, moves focus to the first field in error (in the order they appear in
 * the form), or to the form's own error message when no field is marked. Called after the
 * errors are set: the marks (`aria-invalid`) are rendered by then or in the next microtask.
 */
export function focusFirstError(form: HTMLElement | undefined | null): void {
  if (!form) return;
  queueMicrotask(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus();
      if (typeof field.scrollIntoView === 'function') field.scrollIntoView({ block: 'center' });
      return;
    }
    const message = form.querySelector<HTMLElement>('[role="alert"]');
    if (message) {
      if (!message.hasAttribute('tabindex')) message.setAttribute('tabindex', '-1');
      message.focus();
    }
  });
}

/** Parses a number typed by a person: '' is "not given", anything unparseable is an error. */
export function parseNumberField(text: string): { ok: true; value: number | null } | { ok: false } {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return { ok: true, value: null };
  // Accept a decimal comma too: many warehouses type "2,5".
  const normalised = /^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised)) return { ok: false };
  return { ok: true, value: Number(normalised) };
}
