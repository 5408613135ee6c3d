import { z } from 'zod';

/** An entry found in a document that did not pass its schema: skipped by readers, shown to people. */
export interface InvalidEntry {
  room: string;
  key: string;
  problem: string;
}

const count = (n: number | bigint) =>
  typeof n === 'bigint' ? n.toString() : n.toLocaleString('en-US', { maximumFractionDigits: 20 });
const plural = (n: number | bigint, one: string, many: string) =>
  `${count(n)} ${Number(n) === 1 ? one : many}`;

/** "must be at most 200 characters": the one wording for a length limit. */
export function atMost(max: number): string {
  return `must be at most ${plural(max, 'character', 'characters')}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
  date: 'must be a date',
  bigint: 'must be a whole number',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'must be an e-mail address',
  datetime: 'must be a date and time like 2026-11-05T09:30:00Z',
  date: 'must be a date like 2026-11-05',
  time: 'must be a time like 09:30',
  url: 'must be a web address',
  uuid: 'must be a UUID',
};

const quoteValue = (v: unknown) => (typeof v === 'string' ? v : String(v));

/**
 * Plain words, naming the limit, for every issue zod would otherwise describe in its own
 * terms ("Too big: expected string to have <=200 characters"). Messages given in a schema
 * always win over these; anything not covered falls back to zod's English.
 */
export function plainIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined && issue.expected !== 'int') return 'is required';
      const received = (issue as { received?: unknown }).received;
      if (issue.expected === 'number' && (received === 'NaN' || received === 'Infinity'))
        return 'must be a finite number';
      return TYPE_WORDS[issue.expected] ?? `must be of type ${issue.expected}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return atMost(Number(max));
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at most ${plural(max, 'entry', 'entries')}`;
      if (issue.origin === 'number' || issue.origin === 'bigint')
        return issue.inclusive ? `must be at most ${count(max)}` : `must be less than ${count(max)}`;
      return undefined;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string')
        return Number(min) <= 1
          ? 'is required'
          : `must be at least ${plural(min, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(min) <= 1
          ? 'must have at least one entry'
          : `must have at least ${plural(min, 'entry', 'entries')}`;
      if (issue.origin === 'number' || issue.origin === 'bigint') {
        if (Number(min) === 0) return issue.inclusive ? 'must not be negative' : 'must be greater than 0';
        return issue.inclusive ? `must be at least ${count(min)}` : `must be greater than ${count(min)}`;
      }
      return undefined;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${count(issue.divisor as number)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quoteValue(issue.values[0])}`
        : `must be one of ${issue.values.map(quoteValue).join(', ')}`;
    case 'invalid_format':
      return FORMAT_WORDS[issue.format] ?? 'is not in the expected format';
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown field ${issue.keys[0]}`
        : `unknown fields ${issue.keys.join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if ((issue as { note?: string }).note === 'No matching discriminator' && options?.length)
        return `must be one of ${options.map(quoteValue).join(', ')}`;
      return 'is not valid';
    }
    case 'invalid_key':
      return 'has a key that is not valid';
    case 'invalid_element':
      return 'has an entry that is not valid';
    case 'custom':
      return 'is not valid';
    default:
      return undefined;
  }
}

/**
 * Installed once, when this module is first imported (every domain schema imports it through
 * text.ts), for every parse in this process or page. Messages set on a schema outrank it.
 */
z.config({ customError: plainIssueMessage });

/** A field's message with its path, without saying the field's name twice ("type must be one of …"). */
export function joinFieldMessage(path: string, message: string): string {
  if (!path) return message;
  const last = path.split('.').pop() ?? path;
  if (message.toLowerCase().startsWith(`${last.toLowerCase()} `)) {
    const prefix = path.slice(0, path.length - last.length);
    return `${prefix}${message}`;
  }
  return `${path}: ${message}`;
}

/** Field messages as one sentence: `name: is required; tags.1: must be at most 3 characters`. */
export function joinFieldMessages(fields: readonly { path: string; message: string }[]): string {
  return fields.map((f) => joinFieldMessage(f.path, f.message)).join('; ');
}

export function describeZodError(error: z.ZodError): string {
  return joinFieldMessages(fieldErrors(error));
}

/** Per-field messages for API and form errors. */
export function fieldErrors(error: z.core.$ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Runs a rule across fields as soon as the fields it reads are valid themselves, so that its
 * message comes together with every other problem of the form rather than one submit later
 * (zod skips refinements of an object with any problem unless told when to run them). The
 * rule gets the object as parsed so far: it must check the types of what it reads.
 */
export function whenValid(...fields: string[]): { when: (payload: z.core.ParsePayload) => boolean } {
  return {
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !Array.isArray(payload.value) &&
      !payload.issues.some((i) => fields.includes(String(i.path?.[0] ?? ''))),
  };
}

export type WithoutDefaults<S extends z.core.$ZodShape> = {
  [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K];
};

/**
 * The fields of a record without their defaults, for patch schemas: zod 4 applies a default
 * even inside `.partial()`, so a patch of one field would otherwise come back with every
 * other field reset to its default (and overwrite concurrent edits of those fields).
 */
export function withoutDefaults<S extends z.core.$ZodShape>(shape: S): WithoutDefaults<S> {
  const out: Record<string, z.core.$ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    out[key] = schema instanceof z.ZodDefault ? (schema.unwrap() as z.core.$ZodType) : schema;
  }
  return out as WithoutDefaults<S>;
}
