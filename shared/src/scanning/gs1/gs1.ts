import { looksLikeUrl, parseDigitalLink } from './digital-link.ts';
import { GS, parseElementString, parseHri } from './element-string.ts';
import type { Gs1Data, Gs1Error, Gs1Result } from './gs1-data.ts';

export { normalizeGtin } from './check-digit.ts';
export {
  type Gs1Data,
  type Gs1Error,
  type Gs1ErrorCode,
  type Gs1Result,
  gs1Hri,
  gs1Quantity,
} from './gs1-data.ts';

/**
 * AIM symbology identifiers that announce GS1 data: GS1-128 (]C1), GS1 DataBar (]e0),
 * GS1 DataMatrix (]d2), GS1 QR (]Q3), GS1 DotCode (]J1). Scanners set to "transmit AIM ID"
 * send these first; decoders report them separately.
 */
const GS1_AIM_IDS = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);

export interface Gs1Detection {
  /** True when the code itself says it is GS1 (identifier, FNC1, brackets, Digital Link). */
  declared: boolean;
  /** The text to parse (identifier and leading FNC1 removed), or null when it cannot be GS1. */
  body: string | null;
  form: 'element-string' | 'hri' | 'digital-link' | null;
}

/**
 * Whether a scanned text is (or claims to be) GS1. `aimId` is the decoder's symbology
 * identifier when it reports one (zxing-cpp does); otherwise a leading "]C1"-style prefix, a
 * leading GS (FNC1 in first position, as @zxing/library and many scanners send it), brackets
 * or a URL tell. Undeclared digit strings are candidates only: see parseScannedGs1.
 */
export function detectGs1(raw: string, aimId?: string): Gs1Detection {
  let text = raw;
  let declared = false;
  const prefix = text.slice(0, 3);
  if (GS1_AIM_IDS.has(prefix)) {
    text = text.slice(3);
    declared = true;
  } else if (/^\][A-Za-z]\d/.test(prefix)) {
    text = text.slice(3); // some other symbology's identifier: not GS1
  }
  if (aimId && GS1_AIM_IDS.has(aimId)) declared = true;
  if (text.startsWith(GS)) {
    while (text.startsWith(GS)) text = text.slice(1);
    declared = true;
  }
  if (/^\(\d{2,4}\)/.test(text.trim())) return { declared: true, body: text, form: 'hri' };
  if (looksLikeUrl(text)) return { declared: false, body: text, form: 'digital-link' };
  if (text.includes(GS)) declared = true;
  if (!/^\d{2}/.test(text))
    return { declared, body: declared ? text : null, form: declared ? 'element-string' : null };
  return { declared, body: text, form: 'element-string' };
}

/** Parse a GS1 code in any of its forms (element string, bracketed HRI, Digital Link URL). */
export function parseGs1(raw: string, options: { now?: Date; aimId?: string } = {}): Gs1Result {
  const now = options.now ?? new Date();
  const detection = detectGs1(raw, options.aimId);
  if (detection.body === null || detection.form === null) {
    return {
      ok: false,
      error: { code: 'unknown-ai', message: 'not a GS1 code: it does not start with an AI' },
    };
  }
  switch (detection.form) {
    case 'hri':
      return parseHri(detection.body, now);
    case 'digital-link':
      return parseDigitalLink(detection.body, now);
    default:
      return parseElementString(detection.body, now);
  }
}

/**
 * What a scan means as GS1, deciding for undeclared codes too:
 * - declared GS1 (identifier, FNC1, brackets) → parsed data or the reason it is malformed;
 * - a URL → GS1 data when it is a Digital Link, otherwise nothing (a plain web link);
 * - an undeclared string → GS1 data only when it parses completely and starts with a key
 *   (SSCC, GTIN, CONTENT): an item code such as "10442" must not be read as lot "442".
 */
export function parseScannedGs1(
  raw: string,
  options: { now?: Date; aimId?: string } = {},
): { data?: Gs1Data; error?: Gs1Error } {
  const detection = detectGs1(raw, options.aimId);
  if (detection.body === null) return {};
  const result = parseGs1(raw, options);
  if (result.ok) {
    if (detection.declared || detection.form === 'digital-link') return { data: result.value };
    const first = result.value.elements[0]?.ai;
    return first === '00' || first === '01' || first === '02' ? { data: result.value } : {};
  }
  return detection.declared ? { error: result.error } : {};
}
