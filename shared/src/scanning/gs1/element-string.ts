import { type AiSpec, aiAt, aiSpec, CHARSET_82, hasPredefinedLength } from './application-identifiers.ts';
import { checkDigitProblem } from './check-digit.ts';
import type { Gs1Data, Gs1Element, Gs1Error, Gs1Measure, Gs1Result } from './gs1-data.ts';
import { parseGs1Date } from './gs1-date.ts';

export const GS = '\x1d';

const fail = (code: Gs1Error['code'], message: string, ai?: string): Gs1Result => ({
  ok: false,
  error: ai === undefined ? { code, message } : { code, message, ai },
});

/**
 * An unbracketed element string as scanners transmit it: AI + value, one after another,
 * variable-length values ended by GS (ASCII 29, the transmitted FNC1) unless last.
 * The leading FNC1/symbology identifier must already be removed.
 */
export function parseElementString(text: string, now: Date): Gs1Result {
  if (!text) return fail('empty', 'the code is empty');
  const elements: Gs1Element[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i++; // a separator after a fixed-length element, or doubled: harmless
      continue;
    }
    const spec = aiAt(text, i);
    if (!spec) {
      const shown = text.slice(i, i + 4).replaceAll(GS, '<GS>');
      return fail(
        'unknown-ai',
        /^\d{2}/.test(shown)
          ? `unknown Application Identifier at "${shown}…" (position ${i + 1})`
          : `expected an Application Identifier (digits) at position ${i + 1}, found "${shown}"`,
      );
    }
    const start = i + spec.ai.length;
    let end: number;
    if (hasPredefinedLength(spec.ai)) {
      end = start + spec.maxLength;
      if (end > text.length || text.slice(start, end).includes(GS)) {
        const got = text.slice(start).split(GS)[0] ?? '';
        return fail(
          'too-short',
          `(${spec.ai}) ${spec.title} needs ${spec.maxLength} characters, got ${got.length}`,
          spec.ai,
        );
      }
    } else {
      const gs = text.indexOf(GS, start);
      end = gs < 0 ? text.length : gs;
      if (end - start > spec.maxLength) {
        return fail(
          'missing-separator',
          `(${spec.ai}) ${spec.title} runs to ${end - start} characters but allows at most ${spec.maxLength}: ` +
            'a group separator (FNC1/GS) is probably missing after it',
          spec.ai,
        );
      }
    }
    const element = checkElement(spec, text.slice(start, end));
    if ('error' in element) return element.error;
    elements.push(element);
    i = end;
  }
  return buildGs1Data(elements, 'element-string', now);
}

/** The bracketed human-readable form printed under GS1 barcodes: (01)09501101530003(10)AB12 */
export function parseHri(text: string, now: Date): Gs1Result {
  const trimmed = text.trim();
  const pattern = /\((\d{2,4})\)([^(]*)/gy;
  const elements: Gs1Element[] = [];
  let last = 0;
  for (let m = pattern.exec(trimmed); m; m = pattern.exec(trimmed)) {
    const ai = m[1]!;
    const spec = aiSpec(ai);
    if (!spec) return fail('unknown-ai', `unknown Application Identifier (${ai})`, ai);
    let value = m[2]!.trim();
    // GTIN-8/12/13 written as such in brackets: the brackets delimit it, so pad it rather than reject.
    if ((ai === '01' || ai === '02') && /^(\d{8}|\d{12}|\d{13})$/.test(value))
      value = value.padStart(14, '0');
    const element = checkElement(spec, value);
    if ('error' in element) return element.error;
    elements.push(element);
    last = pattern.lastIndex;
  }
  if (!elements.length) return fail('empty', 'no (AI)value pairs found');
  if (last !== trimmed.length) {
    return fail('invalid-character', `unexpected text after position ${last}: "${trimmed.slice(last)}"`);
  }
  return buildGs1Data(elements, 'hri', now);
}

/** Length, character set and check digit of one value; dates are checked when building. */
export function checkElement(spec: AiSpec, value: string): Gs1Element | { error: Gs1Result } {
  const label = `(${spec.ai}) ${spec.title}`;
  const error = (code: Gs1Error['code'], message: string) => ({ error: fail(code, message, spec.ai) });
  if (value.length > spec.maxLength) {
    return error(
      'too-long',
      spec.minLength === spec.maxLength
        ? `${label} must be exactly ${spec.maxLength} characters, got ${value.length}`
        : `${label} allows at most ${spec.maxLength} characters, got ${value.length}`,
    );
  }
  if (value.length < spec.minLength) {
    return error(
      'too-short',
      value.length === 0
        ? `${label} is empty`
        : `${label} needs ${spec.minLength} characters, got ${value.length}`,
    );
  }
  if (spec.charset === 'N' && !/^\d+$/.test(value))
    return error('not-numeric', `${label} must be digits only`);
  if (spec.charset === 'X' && !CHARSET_82.test(value)) {
    const bad = [...value].find((c) => !CHARSET_82.test(c)) ?? '';
    const shown = bad === '\x1d' ? '<GS>' : JSON.stringify(bad);
    return error('invalid-character', `${label} contains ${shown}, which GS1 does not allow`);
  }
  if (spec.check) {
    const problem = checkDigitProblem(value);
    if (problem) return error('bad-check-digit', `${label} ${value}: ${problem}`);
  }
  return { ai: spec.ai, value };
}

/** The element list → Gs1Data: dates resolved, counts and measures as numbers, duplicates refused. */
export function buildGs1Data(elements: Gs1Element[], form: Gs1Data['form'], now: Date): Gs1Result {
  const data: Gs1Data = { form, elements };
  const seen = new Map<string, string>();
  const measures: Gs1Measure[] = [];
  for (const { ai, value } of elements) {
    const spec = aiSpec(ai);
    if (!spec) return fail('unknown-ai', `unknown Application Identifier (${ai})`, ai);
    const previous = seen.get(ai);
    if (previous !== undefined) {
      if (previous === value) continue;
      return fail('duplicate-ai', `(${ai}) ${spec.title} appears twice with different values`, ai);
    }
    seen.set(ai, value);
    if (spec.date) {
      const parsed = parseGs1Date(value, now);
      if ('problem' in parsed) {
        return fail('invalid-date', `(${ai}) ${spec.title} ${value}: ${parsed.problem}`, ai);
      }
      (data as Record<string, unknown>)[spec.field] = parsed.date;
      continue;
    }
    switch (spec.field) {
      case 'count':
      case 'itemCount':
        data[spec.field] = Number(value);
        break;
      case 'measure':
        measures.push({
          ai,
          title: spec.title,
          unit: spec.unit ?? '',
          value: Number(value) / 10 ** (spec.decimals ?? 0),
        });
        break;
      case 'internal':
      case 'variant':
      case 'shipToGln':
      case 'countryOfOrigin':
        break;
      default:
        (data as Record<string, unknown>)[spec.field] = value;
    }
  }
  if (measures.length) data.measures = measures;
  return { ok: true, value: data };
}
