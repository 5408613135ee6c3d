import { aiSpec } from './application-identifiers.ts';
import { buildGs1Data, checkElement } from './element-string.ts';
import type { Gs1Element, Gs1Result } from './gs1-data.ts';

/** Primary keys a Digital Link path starts with (of the AIs we know). */
const PRIMARY_KEYS = new Set(['00', '01', '402', '414']);
/** Qualifiers that may follow a primary key in the path. */
const PATH_QUALIFIERS = new Set(['22', '10', '21', '254', '7040']);
/** The short names of the first Digital Link drafts, still printed on some labels. */
const SHORT_NAMES: Record<string, string> = {
  gtin: '01',
  cpv: '22',
  lot: '10',
  ser: '21',
  sscc: '00',
  gln: '414',
  exp: '17',
};

const fail = (code: 'invalid-url' | 'unknown-ai', message: string, ai?: string): Gs1Result => ({
  ok: false,
  error: ai ? { code, message, ai } : { code, message },
});

export function looksLikeUrl(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

/**
 * A GS1 Digital Link URI: https://any.domain/optional/prefix/01/09506000134352/10/ABC?17=201225
 * The key and its qualifiers are path segments (after any prefix); other AIs are numeric query
 * parameters; non-numeric query parameters (linkType, …) are ignored as the standard says.
 */
export function parseDigitalLink(text: string, now: Date): Gs1Result {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail('invalid-url', 'not a valid URL');
  }
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => safeDecode(s));
  const toAi = (s: string) => SHORT_NAMES[s] ?? s;
  const keyIndex = segments.findIndex((s, i) => PRIMARY_KEYS.has(toAi(s)) && i + 1 < segments.length);
  if (keyIndex < 0) return fail('invalid-url', 'no GS1 key (such as /01/<GTIN>) in the URL path');

  const elements: Gs1Element[] = [];
  for (let i = keyIndex; i < segments.length; i += 2) {
    const ai = toAi(segments[i]!);
    const value = segments[i + 1];
    if (i > keyIndex && !PATH_QUALIFIERS.has(ai)) {
      return fail('invalid-url', `"${segments[i]}" cannot follow the key in a Digital Link path`);
    }
    if (value === undefined) return fail('invalid-url', `(${ai}) has no value in the URL path`, ai);
    const element = elementFor(ai, value);
    if ('error' in element) return element.error;
    elements.push(element);
  }
  for (const [name, value] of url.searchParams) {
    const ai = toAi(name);
    if (!/^\d{2,4}$/.test(ai)) continue;
    const element = elementFor(ai, value);
    if ('error' in element) return element.error;
    elements.push(element);
  }
  return buildGs1Data(elements, 'digital-link', now);
}

function elementFor(ai: string, raw: string): Gs1Element | { error: Gs1Result } {
  const spec = aiSpec(ai);
  if (!spec) return { error: fail('unknown-ai', `unknown Application Identifier (${ai}) in the URL`, ai) };
  // Digital Link allows GTIN-8/12/13 without padding.
  const value = ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(raw) ? raw.padStart(14, '0') : raw;
  return checkElement(spec, value);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
