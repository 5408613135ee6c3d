import { z } from 'zod';
import { atMost } from './validation.ts';

/**
 * Free text that people type and other people read: names, descriptions, notes, reasons,
 * references, units. One builder so every such field refuses the same characters with the
 * same words, on write and on read (documents are untrusted input):
 *
 * - control characters (C0, DEL, C1) are refused everywhere; multi-line text keeps tab,
 *   line feed and carriage return;
 * - single-line text also refuses line breaks (including U+2028/U+2029) and every bidi
 *   control (embeddings, overrides, isolates, LRM/RLM/ALM): a name cannot re-order what is
 *   shown around it. Multi-line text may carry embeddings, isolates and marks (mixed
 *   right-to-left and left-to-right notes use them) but not the overrides LRO/RLO, which
 *   display characters in an order other than the one stored;
 * - lone surrogates (broken UTF-16) are refused;
 * - length is counted in Unicode code points (an emoji is one character, not two), and the
 *   message names the limit.
 *
 * Letters of every script, combining marks, emoji and joiners (ZWJ, ZWNJ) are all accepted
 * unchanged. Trimming is the only change made to the value.
 */
export interface TextOptions {
  /** Most characters (code points) allowed. */
  max: number;
  /**
   * Refuse blank text (after trimming). `true` says "is required"; a string is the message
   * (e.g. "is required for an adjustment"). Optional fields leave this out.
   */
  required?: boolean | string;
  /** Tab and line breaks allowed (descriptions, notes, reasons). Default: single line. */
  multiline?: boolean;
  /** Trim surrounding white space. Default: true. */
  trim?: boolean;
}

/** An identifier-like value (user, device, event ids): never trimmed, single-line rules, not blank. */
export function identifier(max: number) {
  return text({ max, required: 'must not be empty', trim: false });
}

export function text(options: TextOptions) {
  const required = options.required === true ? 'is required' : options.required || null;
  // Missing altogether: said like a blank value ("is required for an adjustment").
  const missing = required ?? 'is required';
  const base = z.string({
    error: (issue) =>
      issue.code === 'invalid_type' ? (issue.input === undefined ? missing : 'must be text') : undefined,
  });
  const trimmed = options.trim === false ? base : base.trim();
  return trimmed.superRefine((value, ctx) => {
    const problem = textProblem(value, options.multiline ?? false);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem, input: value });
      return;
    }
    if (required && value.length === 0) {
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        message: required,
        input: value,
      });
      return;
    }
    const length = codePointLength(value);
    if (length > options.max) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: options.max,
        inclusive: true,
        message: atMost(options.max),
        input: value,
      });
    }
  });
}

/** Characters, not UTF-16 code units: "😀" is 1. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const LINE_BREAKS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const MULTILINE_ALLOWED = new Set([0x09, 0x0a, 0x0d]);
/** Bidi formatting characters: LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM. */
const BIDI = new Set([
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
]);
/** Overrides: they show characters in another order than stored ("gpj.exe" for "exe.jpg"). */
const BIDI_OVERRIDES = new Set([0x202d, 0x202e]);

export function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

export function isBidiControl(code: number): boolean {
  return BIDI.has(code);
}

/** U+202E as people look such characters up. */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why the text is refused (the first problem found), or null. Exported for fields that are
 * not zod schemas (search boxes, label text) and for tests.
 */
export function textProblem(value: string, multiline: boolean): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (multiline && MULTILINE_ALLOWED.has(c)) continue;
      if (!multiline && LINE_BREAKS.has(c)) return 'must be on one line';
      return `must not contain control characters (found ${codePointName(c)})`;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `must not contain broken characters (found ${codePointName(c)})`;
    }
    if (c < 0x061c) continue;
    if (!multiline && LINE_BREAKS.has(c)) return 'must be on one line';
    if (multiline ? BIDI_OVERRIDES.has(c) : BIDI.has(c))
      return `must not contain text-direction control characters (found ${codePointName(c)})`;
  }
  return null;
}

/**
 * The text with every control and bidi control character shown as `⟨U+202E⟩`: for places
 * that show what was received, refused or not (audit trails, invalid entries), so such
 * characters are evidence to read rather than something that re-orders or hides the text.
 */
export function revealControls(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    const lone = ch.length === 1 && c >= 0xd800 && c <= 0xdfff;
    out +=
      isControl(c) || isBidiControl(c) || c === 0x2028 || c === 0x2029 || lone ? `⟨${codePointName(c)}⟩` : ch;
  }
  return out;
}
